// KServe's deployment modes: the annotation that selects one, the legacy names its defaulter
// rewrites, and the mode a model runs in. Split from validate.ts.
import { defaults } from "../defaults";
import type { DeploymentMode } from "./types";

/** Annotation KServe reads the deployment mode from. */
export const deploymentModeAnnotation = "serving.kserve.io/deploymentMode";
/** Annotation selecting KServe's autoscaler in Standard mode. */
export const autoscalerClassAnnotation = "serving.kserve.io/autoscalerClass";
/** Annotation selecting Knative's autoscaler class. */
export const knativeAutoscalerClassAnnotation = "autoscaling.knative.dev/class";

export const deploymentModes: readonly DeploymentMode[] = ["Knative", "Standard"];
/**
 * Legacy deployment-mode names KServe v0.20.0's defaulter rewrites to the new ones
 * (`inference_service_defaults.go` `DefaultInferenceService`); the platform does the same.
 */
export const legacyDeploymentModes: Readonly<Record<string, DeploymentMode>> = { Serverless: "Knative", RawDeployment: "Standard" };

/** The deployment mode an InferenceService runs in: its annotation, else the default. */
export function effectiveDeploymentMode(annotations: Record<string, string> | undefined, fallback: DeploymentMode = defaults.deploymentMode): DeploymentMode {
    const value = annotations?.[deploymentModeAnnotation];
    return value === "Standard" || value === "Knative" ? value : ((value !== undefined && legacyDeploymentModes[value]) || fallback);
}

/** The annotations with a legacy deployment-mode name replaced by the new one, as KServe's defaulter does. */
export function normaliseDeploymentMode(annotations: Record<string, string>): Record<string, string> {
    const renamed = legacyDeploymentModes[annotations[deploymentModeAnnotation]];
    return renamed ? { ...annotations, [deploymentModeAnnotation]: renamed } : annotations;
}
