/**
 * Rewrites of model declarations the platform applies for the cluster it runs on, before
 * validation: GPU models are placed on the GPU pool. Pure functions of plain values.
 */
import { isRecord } from "../common";
import { listComponents, rewriteComponents } from "./components";
import type { ModelDeclaration } from "./models";
import type { Taint } from "../common";
import { requestsGpu, tolerates } from "./validate";

/** Where GPU models go. */
export interface GpuPlacement {
    /** Taint of the GPU nodes, tolerated by GPU components. */
    taint: Taint;
    /** Labels of the GPU nodes, selected by GPU components. */
    nodeSelector: Record<string, string>;
}

/** True when any component of the model (canary predictors included) requests GPUs. */
export function modelRequestsGpu(model: ModelDeclaration): boolean {
    return isRecord(model) && listComponents(model.spec).some(({ component }) => requestsGpu(component));
}

/**
 * A pod spec (an InferenceService component, an LLM's workload template) that requests GPUs,
 * tolerating the GPU taint and selecting the GPU nodes; what the user wrote wins (an existing
 * matching toleration, their own node selector keys). Others are returned as they were.
 */
export function placeOnGpuNodes(pod: Record<string, unknown>, placement: GpuPlacement): Record<string, unknown> {
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

/**
 * The models with every GPU-requesting component tolerating the GPU taint and selecting the GPU
 * nodes; what the user wrote wins (an existing matching toleration, their own node selector keys).
 */
export function placeGpuModels(models: readonly ModelDeclaration[], placement: GpuPlacement): ModelDeclaration[] {
    return models.map((model) => {
        // Entries that are not models yet (no object, no spec) are reported by the entry checks.
        if (!isRecord(model) || !isRecord(model.spec)) {
            return model;
        }
        const spec = rewriteComponents(model.spec, (component) => placeOnGpuNodes(component, placement));
        return spec === model.spec ? model : { ...model, spec: spec as ModelDeclaration["spec"] };
    });
}
