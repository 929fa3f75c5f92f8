/** GPU placement of LLMs: the same rule as InferenceServices (../placement.ts), per workload pod spec. */
import { isRecord } from "../../common";
import { placeOnGpuNodes, type GpuPlacement } from "../placement";
import type { LLMDeclaration } from "./models";

function placeWorkload(w: Record<string, unknown>, placement: GpuPlacement): Record<string, unknown> {
    let out = w;
    for (const k of ["template", "worker"]) {
        if (isRecord(w[k])) {
            const placed = placeOnGpuNodes(w[k], placement);
            if (placed !== w[k]) {
                out = { ...out, [k]: placed };
            }
        }
    }
    return out;
}

/**
 * The LLMs with every GPU-requesting pod spec (`template`, `worker`, `prefill.template`,
 * `prefill.worker`) tolerating the GPU taint and selecting the GPU nodes; what the user wrote wins.
 * Specs without GPU requests are returned as they were (the same object).
 */
export function placeGpuLlms(llms: readonly LLMDeclaration[], placement: GpuPlacement): LLMDeclaration[] {
    return llms.map((llm) => {
        // Entries without a spec object are reported by the LLM checks.
        if (!isRecord(llm) || !isRecord(llm.spec)) {
            return llm;
        }
        const spec = llm.spec;
        let placed = placeWorkload(spec, placement);
        if (isRecord(spec.prefill)) {
            const prefill = placeWorkload(spec.prefill, placement);
            if (prefill !== spec.prefill) {
                placed = { ...placed, prefill };
            }
        }
        return placed === spec ? llm : { ...llm, spec: placed };
    });
}
