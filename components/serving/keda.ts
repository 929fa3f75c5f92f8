import { autoscalerClassAnnotation } from "./validate";

/** The declared fields {@link modelsNeedKeda} reads: an InferenceService's annotations. */
export interface AutoscaledModel {
    /** InferenceService annotations. */
    annotations?: Record<string, string>;
}

/**
 * Whether any InferenceService asks for KEDA (`serving.kserve.io/autoscalerClass: keda`). KServe
 * v0.20.0 then creates a KEDA ScaledObject per component (pkg/controller/v1beta1/inferenceservice/
 * reconcilers/autoscaler), which needs KEDA's CRDs and operator on the cluster.
 */
export function modelsNeedKeda(models: readonly AutoscaledModel[]): boolean {
    return models.some((m) => m.annotations?.[autoscalerClassAnnotation] === "keda");
}
