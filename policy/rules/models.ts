// Rules over the models: predictor resources, approved storage schemes, minReplicas in prod, waiting for Ready.
import { Environment, StorageSchemeConfig, allowScaleToZeroAnnotation, annotationPath, at, defaultApprovedPrefixes, environments, frameworkKeys, isUnset, listOf, resourceTypes, skipAwaitAnnotation, stateOf, waitForAnnotation } from "./common";
import { implementationKeys, inferenceServiceComponents, predictorMainContainer } from "./inferenceService";

// ---------------------------------------------------------------------------------------------
// a. predictor-resources
// ---------------------------------------------------------------------------------------------

const resourcesAllowed = "the predictor's main container must set CPU and memory requests and limits (resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory)";

function isQuantity(value: unknown): boolean {
    return typeof value === "number" || (typeof value === "string" && value.trim() !== "");
}

/** Violations of `predictor-resources` for one resource. */
export function predictorResourceViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const predictors = inferenceServiceComponents(props).filter((c) => c.kind === "predictor");
    if (predictors.length === 0) {
        return [`spec.predictor is unset; ${resourcesAllowed}`];
    }
    const violations: string[] = [];
    for (const predictor of predictors) {
        const main = predictorMainContainer(predictor.spec, predictor.path);
        if (!main) {
            violations.push(`${predictor.path} has no model, framework (${frameworkKeys.join(", ")}) or containers[] entry; ${resourcesAllowed}`);
            continue;
        }
        for (const bound of ["requests", "limits"] as const) {
            for (const resource of ["cpu", "memory"] as const) {
                const value = at(main.container, "resources", bound, resource);
                if (!isQuantity(value)) {
                    violations.push(`${main.path}.resources.${bound}.${resource} ${stateOf(value)}; ${resourcesAllowed}`);
                }
            }
        }
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// c. approved-storage-schemes
// ---------------------------------------------------------------------------------------------

/** A storage URI found in an InferenceService, with its field path. */
export interface StorageUriAt {
    /** Field path, e.g. `spec.predictor.model.storageUri` or `spec.predictor.storageUris[0].uri`. */
    readonly path: string;
    /** The URI. */
    readonly uri: string;
}

/** Every storageUri of an InferenceService: on each implementation and in each `storageUris[]`. */
export function inferenceServiceStorageUris(props: unknown): StorageUriAt[] {
    const found: StorageUriAt[] = [];
    for (const component of inferenceServiceComponents(props)) {
        for (const key of implementationKeys(component.kind)) {
            const uri = at(component.spec, key, "storageUri");
            if (typeof uri === "string" && uri !== "") {
                found.push({ path: `${component.path}.${key}.storageUri`, uri });
            }
        }
        listOf(at(component.spec, "storageUris")).forEach((entry, i) => {
            const uri = at(entry, "uri");
            if (typeof uri === "string" && uri !== "") {
                found.push({ path: `${component.path}.storageUris[${i}].uri`, uri });
            }
        });
    }
    return found;
}

/** True for a URI without a `scheme://`, which KServe reads as a path in the container. */
export function isLocalPath(uri: string): boolean {
    return !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri);
}

/** Violations of `approved-storage-schemes` for one resource. */
export function storageUriViolations(type: string, props: unknown, config: StorageSchemeConfig): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const allowed = `allowed prefixes: ${config.approvedPrefixes.length > 0 ? config.approvedPrefixes.join(", ") : "none"}`;
    const violations: string[] = [];
    for (const { path, uri } of inferenceServiceStorageUris(props)) {
        if (config.approvedPrefixes.some((prefix) => uri.startsWith(prefix))) {
            continue;
        }
        if (isLocalPath(uri)) {
            if (!config.allowLocalPaths) {
                violations.push(`${path} is ${JSON.stringify(uri)}, a local path, which is not allowed (allowLocalPaths is false); ${allowed}`);
            }
            continue;
        }
        violations.push(`${path} is ${JSON.stringify(uri)}; ${allowed}`);
    }
    return violations;
}

/** The policy's config with defaults filled in (the engine fills them too; tests may not). */
export function storageSchemeConfig(raw: Partial<StorageSchemeConfig>): StorageSchemeConfig {
    const prefixes = raw.approvedPrefixes;
    return {
        approvedPrefixes: Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === "string") : defaultApprovedPrefixes,
        allowLocalPaths: raw.allowLocalPaths === true,
    };
}

// ---------------------------------------------------------------------------------------------
// d. min-replicas-in-prod
// ---------------------------------------------------------------------------------------------

/** The environment named in a policy's config; `dev` when unset or unknown. */
export function environmentOf(raw: { readonly environment?: unknown }): Environment {
    const found = environments.find((e) => e === raw.environment);
    return found ?? "dev";
}

/** Violations of `min-replicas-in-prod` for one resource. */
export function minReplicasViolations(type: string, props: unknown, environment: Environment): string[] {
    if (type !== resourceTypes.inferenceService || environment !== "prod") {
        return [];
    }
    if (at(props, "metadata", "annotations", allowScaleToZeroAnnotation) === "true") {
        return [];
    }
    const violations: string[] = [];
    // Canary predictors run fixed replicas; KServe rejects minReplicas on them.
    for (const component of inferenceServiceComponents(props).filter((c) => !c.canary)) {
        const minReplicas = component.spec.minReplicas;
        // Unset means KServe's default, 1.
        if (isUnset(minReplicas) || (typeof minReplicas === "number" && minReplicas >= 1)) {
            continue;
        }
        violations.push(
            `${component.path}.minReplicas ${stateOf(minReplicas)}; in prod every component keeps minReplicas >= 1 (unset means KServe's default, 1) ` +
                `unless the InferenceService has the annotation ${allowScaleToZeroAnnotation}: "true"`,
        );
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// i. inference-services-wait-for-ready
// ---------------------------------------------------------------------------------------------

/** True for `condition=Ready` or `condition=Ready=True` (the value compares case-insensitively, as in kubectl). */
function isReadyCondition(expression: unknown): boolean {
    const match = typeof expression === "string" ? /^condition=([^=]+)(?:=(.*))?$/.exec(expression.trim()) : null;
    return match !== null && match[1] === "Ready" && (match[2] === undefined || match[2].toLowerCase() === "true");
}

/**
 * True when a `pulumi.com/waitFor` value waits for condition Ready: the expression itself, or a
 * JSON list of expressions (all of which must hold) that includes it.
 */
export function waitsForReady(value: unknown): boolean {
    if (typeof value !== "string") {
        return false;
    }
    const trimmed = value.trim();
    if (!trimmed.startsWith("[")) {
        return isReadyCondition(trimmed);
    }
    try {
        return listOf(JSON.parse(trimmed)).some(isReadyCondition);
    } catch {
        return false;
    }
}

const waitForAllowed = 'allowed: "condition=Ready", "condition=Ready=True", or a JSON list of expressions that includes one of them';

/** Violations of `inference-services-wait-for-ready` for one resource. */
export function waitForViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const violations: string[] = [];
    const waitFor = at(props, "metadata", "annotations", waitForAnnotation);
    if (!waitsForReady(waitFor)) {
        violations.push(`${annotationPath("metadata.annotations", waitForAnnotation)} ${stateOf(waitFor)}, which does not wait for condition Ready; ${waitForAllowed}`);
    }
    const skipAwait = at(props, "metadata", "annotations", skipAwaitAnnotation);
    if (skipAwait === "true") {
        violations.push(`${annotationPath("metadata.annotations", skipAwaitAnnotation)} is "true", which turns waiting off; remove it so pulumi up waits for condition Ready`);
    }
    return violations;
}
