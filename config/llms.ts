/**
 * The LLMs of `kserve-platform:models` (entries with `kind: LLMInferenceService`), as they will be
 * deployed: on AKS, GPU workloads placed on the GPU pool (or refused when the stack has none), then
 * checked exactly as `new LLMInferenceService(...)` checks them.
 */
import { isRecord } from "../components/common";
import { defaults, fixedNames } from "../components/defaults";
import { LLMDeclaration, llmRequestsGpu, placeGpuLlms, validateLlm } from "../components/serving";
import { crossKindNameProblems, indicesOfKind, modelKindProblems } from "./modelKinds";
import { modelSubject } from "./reader";
import type { Reader } from "./reader";
import type { StackConfig } from "./types";
import { spotGpuPoolDeclared } from "./gpu";

/** Fields of an LLM entry in stack config. */
const llmEntryFields = ["kind", "name", "namespace", "labels", "annotations", "spec"];

/** Reads the LLM entries of the models list; problems name `kserve-platform:models[i]`. */
export function readLlms(r: Reader, config: StackConfig, defaultNamespace: string, list: unknown[] | undefined): LLMDeclaration[] {
    if (list === undefined) {
        return [];
    }
    const subjectOf = (i: number) => modelSubject(list, i);
    r.problems.push(...modelKindProblems(list, subjectOf), ...crossKindNameProblems(list, subjectOf));
    const indices = indicesOfKind(list, "LLMInferenceService");
    const seen = new Map<string, number>();
    const llms: { index: number; llm: LLMDeclaration }[] = [];
    for (const i of indices) {
        const entry = list[i] as Record<string, unknown>;
        // `auth` (who may call the LLM) is read by readModelAuth, as for InferenceServices.
        for (const key of Object.keys(entry).filter((k) => k !== "auth" && !llmEntryFields.includes(k))) {
            r.problems.push({ subject: subjectOf(i), path: key, message: `is not a field of an LLMInferenceService entry; allowed: ${[...llmEntryFields, "auth"].join(", ")} (KServe fields go under spec)` });
        }
        if (typeof entry.name === "string") {
            const j = seen.get(entry.name);
            if (j !== undefined) {
                r.problems.push({ subject: subjectOf(i), path: "name", message: `"${entry.name}" is already the name of models[${j}]; names must be unique in the stack` });
            }
            seen.set(entry.name, i);
        }
        const { name, namespace, labels, annotations, spec } = entry;
        llms.push({ index: i, llm: { name, namespace, labels, annotations, spec } as LLMDeclaration });
    }
    let placed = llms.map((l) => l.llm);
    if (config.clusterFlavor === "aks") {
        if (config.aks?.gpuPool) {
            placed = placeGpuLlms(placed, { taint: { ...defaults.gpu.taint }, nodeSelector: { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value } });
        } else {
            llms.forEach(({ index, llm }) => {
                if (llmRequestsGpu(llm.spec)) {
                    const spotOnly = spotGpuPoolDeclared(r, config);
                    r.problems.push({
                        subject: subjectOf(index),
                        path: "spec",
                        message: spotOnly
                            ? "requests GPUs, and the stack's only GPU pool is the spot pool; LLMs do not run on spot nodes (an eviction drops every request in flight and the model reloads for minutes): add a regular GPU pool (aksGpuVmSize)"
                            : "requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)",
                    });
                }
            });
        }
    }
    placed.forEach((llm, k) => {
        if (isRecord(list[llms[k].index])) {
            r.problems.push(
                ...validateLlm({ ...llm, namespace: llm.namespace ?? defaultNamespace }, subjectOf(llms[k].index), {
                    gpuTaint: config.modelValidation.gpuTaint,
                    reservedNamespaces: config.modelValidation.reservedNamespaces,
                }),
            );
        }
    });
    return placed;
}
