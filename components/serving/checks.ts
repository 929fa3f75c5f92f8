/**
 * The one validation every model goes through, whether it comes from stack config, from `Models`
 * or from `new InferenceService(...)`: the entry's shape, KServe's rules (`validateInferenceService`)
 * and the namespaces a model may not take over. Defaults are the stack's defaults, so a model
 * declared in code is checked exactly as the same model in `kserve-platform:models`.
 */
import { dns1123Label, isRecord, maxLabelLength, Problem, show } from "../common";
import { defaults } from "../defaults";
import { InferenceServiceInput, ModelValidationOptions, validateInferenceService } from "./validate";

/** Kubernetes' own namespaces (kube-system holds the control plane's add-ons). */
export const kubernetesNamespaces: readonly string[] = ["kube-system", "kube-public", "kube-node-lease"];

/** The platform's own namespaces (defaults.namespaces). */
// The model cache's download jobs run in a namespace of their own (kserve-localmodel-resources' jobNamespace).
export const platformNamespaces: readonly string[] = [...Object.values(defaults.namespaces), defaults.gpuEconomics.cacheJobNamespace];

/** Fields of a model entry (`kserve-platform:models[]`, `ModelsArgs.models[]`). */
export const modelEntryFields: readonly string[] = ["name", "namespace", "labels", "annotations", "spec", "spot"];

/**
 * Why models may not live in `namespace`, or undefined when they may. The stack treats a model
 * namespace as its own: it creates and labels it (sidecar injection), and puts a NetworkPolicy that
 * fences every pod in it, ServiceAccounts and, on OpenShift, an SCC grant to all its service
 * accounts there. None of that may land in a namespace that belongs to Kubernetes, OpenShift, the
 * platform, or everybody (`default`).
 */
export function namespaceRefusal(namespace: string, reserved: readonly string[] = platformNamespaces): string | undefined {
    if (kubernetesNamespaces.includes(namespace)) {
        return `"${namespace}" is a Kubernetes system namespace (${kubernetesNamespaces.join(", ")}); the stack would label it and add its network policy and service accounts there; use a namespace of your own`;
    }
    if (namespace === "openshift" || namespace.startsWith("openshift-")) {
        return `"${namespace}" is an OpenShift system namespace (openshift, openshift-*); the stack would label it and grant an SCC to every service account in it; use a namespace of your own`;
    }
    if (namespace === "default") {
        return '"default" is shared by everything deployed without a namespace and never created by the stack, yet the stack would fence every pod in it with its network policy, grant an SCC to all its service accounts (OpenShift) and leave it out of the mesh; use a namespace of your own (the stack creates it)';
    }
    if (reserved.includes(namespace)) {
        return `"${namespace}" belongs to the platform; use a namespace of your own (not ${reserved.join(", ")})`;
    }
    return undefined;
}

/**
 * The options a model is validated with when the caller leaves some unset: the same defaults as a
 * stack that does not set the corresponding keys (default runtimes installed and checked, default
 * deployment mode, the platform's namespaces reserved).
 */
export function resolveModelValidation(options: ModelValidationOptions = {}): ModelValidationOptions {
    return {
        ...options,
        defaultDeploymentMode: options.defaultDeploymentMode ?? defaults.deploymentMode,
        checkDefaultRuntimes: options.checkDefaultRuntimes ?? defaults.installRuntimes,
        reservedNamespaces: [...new Set([...platformNamespaces, ...(options.reservedNamespaces ?? [])])],
    };
}

/** Every problem of one model: KServe's rules and the namespace rules. */
export function checkModel(input: InferenceServiceInput, subject: string, options: ModelValidationOptions = {}): Problem[] {
    const resolved = resolveModelValidation(options);
    // The namespace rules are reported here, with the reason each namespace is refused.
    const problems = validateInferenceService(input, subject, resolved);
    const ns = input.namespace;
    if (typeof ns === "string" && dns1123Label.test(ns) && ns.length <= maxLabelLength) {
        const refusal = namespaceRefusal(ns, resolved.reservedNamespaces);
        if (refusal) {
            problems.push({ subject, path: "namespace", message: refusal });
        }
    }
    return problems;
}

/**
 * The shape of each model entry and the uniqueness of names; `subjectOf(i)` names entry `i`.
 * `extraFields` are entry fields the caller reads itself (the stack config's per-model `auth`).
 */
export function checkModelEntries(list: readonly unknown[], subjectOf: (i: number) => string, extraFields: readonly string[] = []): Problem[] {
    const fields = [...modelEntryFields, ...extraFields];
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
        const subject = subjectOf(i);
        if (!isRecord(entry)) {
            problems.push({ subject, path: "", message: `got ${show(entry)}; each model is {${fields.join(", ")}}` });
            return;
        }
        for (const key of Object.keys(entry)) {
            if (!fields.includes(key)) {
                problems.push({ subject, path: key, message: `is not a model entry field; allowed: ${fields.join(", ")} (KServe fields go under spec)` });
            }
        }
        if (typeof entry.name === "string") {
            const first = seen.get(entry.name);
            if (first !== undefined) {
                problems.push({ subject, path: "name", message: `"${entry.name}" is already the name of models[${first}]; names must be unique in the stack` });
            } else {
                seen.set(entry.name, i);
            }
        }
    });
    return problems;
}

/** Subject of model `i` of a list: `<prefix>[i] "<name>"`. */
export function modelSubject(prefix: string, list: readonly unknown[], i: number): string {
    const entry = list[i];
    const label = isRecord(entry) && typeof entry.name === "string" ? ` "${entry.name}"` : "";
    return `${prefix}[${i}]${label}`;
}

/** Every problem of a list of models, as `Models` receives them: entries, then each model. */
export function checkModels(list: readonly unknown[], prefix: string, defaultNamespace: string, options: ModelValidationOptions = {}): Problem[] {
    const subjectOf = (i: number) => modelSubject(prefix, list, i);
    const problems = checkModelEntries(list, subjectOf);
    list.forEach((entry, i) => {
        if (isRecord(entry)) {
            const namespace = entry.namespace ?? defaultNamespace;
            problems.push(...checkModel({ name: entry.name, namespace, labels: entry.labels, annotations: entry.annotations, spec: entry.spec }, subjectOf(i), options));
        }
    });
    return problems;
}
