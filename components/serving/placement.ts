/**
 * Rewrites of model declarations the platform applies for the cluster it runs on, before
 * validation: GPU models are placed on the GPU pool. Pure functions of plain values.
 */
import { isRecord } from "../common";
import type { ModelDeclaration } from "./models";
import { requestsGpu, Taint, tolerates } from "./validate";

/** Where GPU models go. */
export interface GpuPlacement {
    /** Taint of the GPU nodes, tolerated by GPU components. */
    taint: Taint;
    /** Labels of the GPU nodes, selected by GPU components. */
    nodeSelector: Record<string, string>;
}

const components = ["predictor", "transformer", "explainer"] as const;

/** True when any component of the model requests GPUs. */
export function modelRequestsGpu(model: ModelDeclaration): boolean {
    const spec = model.spec as unknown as Record<string, unknown>;
    return isRecord(spec) && components.some((c) => isRecord(spec[c]) && requestsGpu(spec[c]));
}

/**
 * The models with every GPU-requesting component tolerating the GPU taint and selecting the GPU
 * nodes; what the user wrote wins (an existing matching toleration, their own node selector keys).
 */
export function placeGpuModels(models: readonly ModelDeclaration[], placement: GpuPlacement): ModelDeclaration[] {
    return models.map((model) => {
        if (!modelRequestsGpu(model)) {
            return model;
        }
        const spec: Record<string, unknown> = { ...(model.spec as unknown as Record<string, unknown>) };
        for (const c of components) {
            const component = spec[c];
            if (!isRecord(component) || !requestsGpu(component)) {
                continue;
            }
            const tolerations: unknown[] = Array.isArray(component.tolerations) ? component.tolerations : [];
            const tolerated = tolerations.some((t) => isRecord(t) && tolerates(t, placement.taint));
            spec[c] = {
                ...component,
                nodeSelector: { ...placement.nodeSelector, ...(isRecord(component.nodeSelector) ? component.nodeSelector : {}) },
                tolerations: tolerated ? tolerations : [...tolerations, { key: placement.taint.key, operator: "Exists", effect: placement.taint.effect }],
            };
        }
        return { ...model, spec: spec as unknown as ModelDeclaration["spec"] };
    });
}
