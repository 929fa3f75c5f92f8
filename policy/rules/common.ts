// Shared by every rule family: the resource types the rules inspect, the annotations they read,
// and helpers that read engine inputs without writing to them (see policies.ts).
import type { ReportViolation } from "@pulumi/policy";
import { fixedNames } from "../../components/defaults";

/** Pulumi type tokens the rules inspect. */
export const resourceTypes = {
    inferenceService: "kubernetes:serving.kserve.io/v1beta1:InferenceService",
    deployment: "kubernetes:apps/v1:Deployment",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    job: "kubernetes:batch/v1:Job",
    cronJob: "kubernetes:batch/v1:CronJob",
    pod: "kubernetes:core/v1:Pod",
    service: "kubernetes:core/v1:Service",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    helmChart: "kubernetes:helm.sh/v4:Chart",
    managedCluster: "azure-native:containerservice:ManagedCluster",
    openShiftCluster: "azure-native:redhatopenshift:OpenShiftCluster",
    storageAccount: "azure-native:storage:StorageAccount",
} as const;

/**
 * Annotation that lets an InferenceService scale to zero in prod (value `"true"`); without it,
 * `min-replicas-in-prod` requires `minReplicas >= 1` on every component. Shared with the program.
 */
export const allowScaleToZeroAnnotation = fixedNames.allowScaleToZeroAnnotation;

/** Annotation that puts an AKS `LoadBalancer` Service on an internal (VNet-only) load balancer. */
export const internalLoadBalancerAnnotation = fixedNames.azureInternalLoadBalancer;

/** Annotation that tells pulumi-kubernetes what to wait for before a resource counts as created. */
export const waitForAnnotation = fixedNames.waitForAnnotation;

/** Annotation that turns pulumi-kubernetes' waiting off altogether. */
export const skipAwaitAnnotation = "pulumi.com/skipAwait";

/** The environment a stack runs in; the `prod` rules only bite in `prod`. */
export type Environment = "local" | "dev" | "prod";

/** Every environment, in the order the config schema lists them. */
export const environments: readonly Environment[] = ["local", "dev", "prod"];

/** A component of an InferenceService. */
export type ComponentKind = "predictor" | "transformer" | "explainer";

/** Legacy framework keys of a predictor; each holds the predictor's main container inline. */
export const frameworkKeys = ["sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface", "pmml", "lightgbm", "paddle"] as const;

/** Storage URI prefixes approved when the config does not name any. */
export const defaultApprovedPrefixes: readonly string[] = ["gs://", "s3://", "https://", "pvc://", "hf://", "oci://"];

/** Config of `approved-storage-schemes`. */
export interface StorageSchemeConfig {
    /** A storageUri must start with one of these. */
    readonly approvedPrefixes: readonly string[];
    /** Accept paths without a `scheme://` (KServe reads them from the container's file system). */
    readonly allowLocalPaths: boolean;
}

/** Inputs as the engine hands them over: read-only, possibly proxied. */
export type Fields = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Fields {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isUnset(value: unknown): boolean {
    return value === undefined || value === null;
}

/** The value at `keys` under `value`, or undefined where a step is not an object. */
export function at(value: unknown, ...keys: string[]): unknown {
    let current = value;
    for (const key of keys) {
        if (!isRecord(current)) {
            return undefined;
        }
        current = current[key];
    }
    return current;
}

/** A plain copy of a list (indexing, not array methods, so a proxied list is only read). */
export function listOf(value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        return [];
    }
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        items.push(value[i]);
    }
    return items;
}

/** "is unset" or `is <JSON>`: the state of a field, for messages. */
export function stateOf(value: unknown): string {
    return isUnset(value) ? "is unset" : `is ${JSON.stringify(value)}`;
}

export function annotationPath(prefix: string, key: string): string {
    return `${prefix}["${key}"]`;
}

/** Reports every message; the policies' shared glue. */
export function reportAll(messages: readonly string[], reportViolation: ReportViolation): void {
    for (const message of messages) {
        reportViolation(message);
    }
}

/** Matches azure-native tokens with or without an explicit API version module (`storage/v20240101`). */
export function isAzureType(type: string, module: string, resource: string): boolean {
    return type === `azure-native:${module}:${resource}` || new RegExp(`^azure-native:${module}/v[0-9a-z]+:${resource}$`).test(type);
}
