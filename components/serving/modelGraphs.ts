/**
 * The graphs and runtimes of a `Models` component: their checks before anything is registered, and
 * their resources, ordered so that runtimes come before the models that may name them and graphs
 * after the models they call (and, on destroy, the other way round).
 */
import * as pulumi from "@pulumi/pulumi";
import { isRecord, Problem } from "../common";
import { fixedNames } from "../defaults";
import { modelSubject, resolveModelValidation } from "./checks";
import type { ModelEndpoint } from "./endpoints";
import type { LLMEndpoint } from "./llm/endpoints";
import type { InferenceGraphDeclaration, InferenceGraphEndpoint } from "./graphTypes";
import { validateInferenceGraph } from "./graphValidate";
import { firstGraphModel, InferenceGraph, toGraphEndpoint } from "./inferenceGraph";
import type { InferenceService } from "./inferenceService";
import type { ModelDeclaration } from "./modelDeclaration";
import { defaultRuntimes } from "./runtimes";
import { ClusterServingRuntime, declaredRuntimes, DeclaredRuntimes, RuntimeDeclaration, runtimePriorityProblems, ServingRuntime, validateServingRuntime } from "./servingRuntime";
import type { DeploymentMode, ProtocolVersion } from "./types";
import { predictorProtocol } from "./protocol";
import { effectiveDeploymentMode, ModelValidationOptions } from "./validate";
import { knativeFeatureFlags } from "./features";

/** The protocol of a model's entry component: the transformer's default (v1) when there is one, else the predictor's. */
function entryProtocol(model: ModelDeclaration): ProtocolVersion | undefined {
    if (!isRecord(model.spec) || model.spec.transformer !== undefined || !isRecord(model.spec.predictor)) {
        return undefined;
    }
    return predictorProtocol(model.spec.predictor);
}

/** What `Models` needs to know of its graphs and runtimes before registering anything. */
export interface GraphsAndRuntimes {
    /** Every problem of the graphs and runtimes. */
    problems: Problem[];
    /** The models' validation options, with the declared runtimes added. */
    validation: ModelValidationOptions;
    /** Namespaces of the graphs and ServingRuntimes. */
    namespaces: string[];
}

/** The runtimes of both lists, the later winning (the stack's own over those passed in the options). */
function mergeRuntimes(a: DeclaredRuntimes | undefined, b: DeclaredRuntimes): DeclaredRuntimes {
    const namespaced: Record<string, DeclaredRuntimes["namespaced"][string]> = { ...(a?.namespaced ?? {}) };
    for (const [ns, byName] of Object.entries(b.namespaced)) {
        namespaced[ns] = { ...(namespaced[ns] ?? {}), ...byName };
    }
    return { cluster: { ...(a?.cluster ?? {}), ...b.cluster }, namespaced };
}

/**
 * Checks the graphs (KServe's rules, and each `serviceName` a model of `models` in the graph's
 * namespace) and the runtimes; `graphSubject(i)` and `runtimeSubject(i)` name entry `i`.
 */
export function checkGraphsAndRuntimes(
    models: readonly ModelDeclaration[],
    graphs: readonly InferenceGraphDeclaration[],
    runtimes: readonly RuntimeDeclaration[],
    defaultNamespace: string,
    options: ModelValidationOptions = {},
    graphSubject: (i: number) => string = (i) => modelSubject("graphs", graphs, i),
    runtimeSubject: (i: number) => string = (i) => modelSubject("runtimes", runtimes, i),
): GraphsAndRuntimes {
    const resolved = resolveModelValidation(options);
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    runtimes.forEach((r, i) => {
        if (!isRecord(r)) {
            problems.push({ subject: runtimeSubject(i), path: "", message: "must be {kind, name, namespace, labels, annotations, spec}" });
            return;
        }
        const namespace = r.kind === "ClusterServingRuntime" ? r.namespace : (r.namespace ?? defaultNamespace);
        problems.push(
            ...validateServingRuntime({ ...r, namespace }, runtimeSubject(i), {
                reservedNamespaces: resolved.reservedNamespaces,
                installedClusterRuntimes: resolved.checkDefaultRuntimes ? Object.keys(defaultRuntimes) : [],
            }),
        );
        const key = `${String(r.kind)}/${r.kind === "ClusterServingRuntime" ? "" : String(namespace)}/${String(r.name)}`;
        const first = seen.get(key);
        if (first !== undefined) {
            problems.push({ subject: runtimeSubject(i), path: "name", message: `${String(r.kind)} "${String(r.name)}" is declared twice (also runtime entry ${first})` });
        }
        seen.set(key, i);
    });
    problems.push(...runtimePriorityProblems(runtimes, runtimeSubject, defaultNamespace));
    const targets = models.filter(isRecord).map((m) => ({ name: String(m.name), namespace: m.namespace ?? defaultNamespace, protocol: entryProtocol(m) }));
    const names = new Set(targets.map((t) => `${t.namespace}/${t.name}`));
    graphs.forEach((g, i) => {
        if (!isRecord(g)) {
            problems.push({ subject: graphSubject(i), path: "", message: "must be {name, namespace, labels, annotations, spec}" });
            return;
        }
        const namespace = g.namespace ?? defaultNamespace;
        problems.push(...validateInferenceGraph({ ...g, namespace }, graphSubject(i), { models: targets, reservedNamespaces: resolved.reservedNamespaces }));
        // Production: a router scaled to zero makes the graph's next request wait for a cold start, as a model's does.
        if (resolved.requireMinReplicas && isRecord(g.spec) && g.spec.minReplicas === 0 && g.annotations?.[fixedNames.allowScaleToZeroAnnotation] !== "true") {
            problems.push({
                subject: graphSubject(i),
                path: "spec.minReplicas",
                message: `0 lets a production graph's router scale to zero, so its next request waits for a cold start; keep it >= 1 (KServe's default is 1), or annotate the InferenceGraph ${fixedNames.allowScaleToZeroAnnotation}: "true"`,
            });
        }
        // A graph and a model of one name in one namespace would claim the same host (<name>-<namespace>.<domain>).
        const key = `${String(namespace)}/${String(g.name)}`;
        if (names.has(key)) {
            problems.push({ subject: graphSubject(i), path: "name", message: `"${String(g.name)}" is already the name of a model or graph in namespace ${String(namespace)}; both would answer at the same host` });
        }
        names.add(key);
    });
    return {
        problems,
        validation: { ...options, runtimes: mergeRuntimes(options.runtimes, declaredRuntimes(runtimes.filter(isRecord), defaultNamespace)) },
        namespaces: [
            ...graphs.filter(isRecord).map((g) => g.namespace ?? defaultNamespace),
            ...runtimes.filter((r) => isRecord(r) && r.kind !== "ClusterServingRuntime").map((r) => r.namespace ?? defaultNamespace),
        ],
    };
}

/** Registers the runtimes; each namespace's gate (what its models wait for) gets the runtimes they may name. */
export function registerRuntimes(
    name: string,
    runtimes: readonly RuntimeDeclaration[],
    defaultNamespace: string,
    parent: pulumi.Resource,
    gate: (namespace: string) => pulumi.Resource[],
    namespaces: readonly string[],
): Record<string, ServingRuntime | ClusterServingRuntime> {
    const out: Record<string, ServingRuntime | ClusterServingRuntime> = {};
    for (const r of runtimes) {
        const metadata = { name: r.name, labels: r.labels, annotations: r.annotations };
        if (r.kind === "ClusterServingRuntime") {
            // After the platform (KServe's CRDs and webhook); before every namespace's models.
            const runtime = new ClusterServingRuntime(`${name}-runtime-${r.name}`, { metadata, spec: r.spec }, { parent, dependsOn: gate(defaultNamespace).slice() });
            out[r.name] = runtime;
            namespaces.forEach((ns) => gate(ns).push(runtime));
        } else {
            const namespace = r.namespace ?? defaultNamespace;
            const runtime = new ServingRuntime(`${name}-${namespace}-runtime-${r.name}`, { metadata: { ...metadata, namespace }, spec: r.spec }, { parent, dependsOn: gate(namespace).slice() });
            out[`${namespace}/${r.name}`] = runtime;
            gate(namespace).push(runtime);
        }
    }
    return out;
}

/** Registers the graphs, each after its namespace's gate and the models its steps name. */
export function registerGraphs(
    graphs: readonly InferenceGraphDeclaration[],
    services: Readonly<Record<string, InferenceService>>,
    defaultNamespace: string,
    parent: pulumi.Resource,
    gate: (namespace: string) => pulumi.Resource[],
    settings: { deploymentMode?: DeploymentMode; readyTimeoutSeconds?: number; models: readonly ModelDeclaration[] },
): Record<string, InferenceGraph> {
    const out: Record<string, InferenceGraph> = {};
    const targets = settings.models.map((m) => ({ name: m.name, namespace: m.namespace ?? defaultNamespace }));
    for (const g of graphs) {
        const namespace = g.namespace ?? defaultNamespace;
        const called = new Set(
            Object.values(g.spec.nodes ?? {}).flatMap((node) => (node.steps ?? []).map((s) => s.serviceName).filter((s): s is string => typeof s === "string")),
        );
        const steps = Object.values(services).filter((s) => called.has(s.modelName) && targets.some((t) => t.name === s.modelName && t.namespace === namespace));
        out[g.name] = new InferenceGraph(
            g.name,
            {
                metadata: { name: g.name, namespace, labels: g.labels, annotations: g.annotations },
                spec: g.spec,
                deploymentMode: settings.deploymentMode,
                readyTimeoutSeconds: settings.readyTimeoutSeconds,
                validation: { models: targets },
            },
            // The controller resolves each serviceName to the model's address, and requeues until it is Ready.
            { parent, dependsOn: [...gate(namespace), ...steps] },
        );
    }
    return out;
}

/**
 * The `endpoints` output: the models', then the graphs'. A graph's protocol is that of the first
 * model its root calls (v1 when it calls only URLs: KServe's router paths are v1 or v2, utils.go
 * `GetPredictorEndpoint`).
 */
export function graphEndpoints(
    models: pulumi.Output<Record<string, ModelEndpoint | LLMEndpoint>>,
    graphs: Readonly<Record<string, InferenceGraph>>,
    specs: readonly InferenceGraphDeclaration[],
    services: Readonly<Record<string, InferenceService>>,
): pulumi.Output<Record<string, ModelEndpoint | LLMEndpoint>> {
    const list = Object.values(graphs);
    if (list.length === 0) {
        return models;
    }
    const protocols = list.map((g) => {
        const first = firstGraphModel(specs.find((s) => s.name === g.graphName)?.spec ?? { nodes: {} });
        return (first && services[first]?.protocol) || "v1";
    });
    return pulumi.all([models, pulumi.all(list.map((g) => g.status))]).apply(([m, statuses]) => ({
        ...m,
        ...Object.fromEntries(list.map((g, i): [string, InferenceGraphEndpoint] => [g.graphName, toGraphEndpoint(statuses[i], protocols[i])])),
    }));
}

/**
 * Knative feature flags the Knative-mode graphs need: KServe copies the graph's `affinity`,
 * `nodeSelector` and `tolerations` into its router's Knative Service PodSpec (KServe v0.20.0
 * knative_reconciler.go `createKnativeService`), which Knative refuses unless their
 * `kubernetes.podspec-*` flags are on.
 */
export function knativeFeatureFlagsForGraphs(graphs: readonly InferenceGraphDeclaration[], defaultMode?: DeploymentMode): Record<string, "enabled"> {
    return knativeFeatureFlags(
        graphs
            .filter((g) => isRecord(g) && isRecord(g.spec) && effectiveDeploymentMode(g.annotations, defaultMode) === "Knative")
            .map((g) => ({ predictor: { affinity: g.spec.affinity, nodeSelector: g.spec.nodeSelector, tolerations: g.spec.tolerations } })),
    );
}
