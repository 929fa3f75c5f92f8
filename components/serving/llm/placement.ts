/** GPU placement of LLMs: the same rule as InferenceServices (../placement.ts), per workload pod spec. */
import { isRecord } from "../../common";
import type { GpuPlacement } from "../placement";
import { requestsGpu, tolerates } from "../validate";
import type { LLMDeclaration } from "./models";

function place(pod: Record<string, unknown>, placement: GpuPlacement): Record<string, unknown> {
    if (!requestsGpu(pod)) {
        return pod;
    }
    const tolerations: unknown[] = Array.isArray(pod.tolerations) ? pod.tolerations : [];
    const tolerated = tolerations.some((t) => isRecord(t) && tolerates(t, placement.taint));
    return {
        ...pod,
        nodeSelector: { ...placement.nodeSelector, ...(isRecord(pod.nodeSelector) ? pod.nodeSelector : {}) },
        tolerations: tolerated ? tolerations : [...tolerations, { key: placement.taint.key, operator: "Exists", effect: placement.taint.effect }],
    };
}

function placeWorkload(w: Record<string, unknown>, placement: GpuPlacement): Record<string, unknown> {
    let out = w;
    for (const k of ["template", "worker"]) {
        if (isRecord(w[k])) {
            const placed = place(w[k], placement);
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
