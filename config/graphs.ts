/**
 * The InferenceGraph, ServingRuntime and ClusterServingRuntime entries of `kserve-platform:models`
 * (see modelKinds.ts): runtimes are read before the models, which may name them; graphs after, since
 * their steps name the models; who may call a graph is read like who may call a model.
 */
import type { ModelCallers } from "../components/auth";
import { isRecord, Problem, show } from "../components/common";
import { checkGraphsAndRuntimes, declaredRuntimes, InferenceGraphDeclaration, RuntimeDeclaration } from "../components/serving";
import { didYouMean } from "./keys";
import { modelSubject } from "./reader";
import { readModelAuth } from "./modelAuth";
import type { ModelKinds } from "./modelKinds";
import { renumber } from "./modelKinds";
import { Reader } from "./reader";
import { projectName } from "./schema";
import type { ConfigSource, StackConfig } from "./types";

/** Fields of a graph entry. */
export const graphEntryFields = ["kind", "name", "namespace", "labels", "annotations", "spec", "auth"] as const;
/** Fields of a runtime entry. */
export const runtimeEntryFields = ["kind", "name", "namespace", "labels", "annotations", "spec"] as const;

function entryFieldProblems(kinds: ModelKinds, kind: "InferenceGraph" | "ServingRuntime" | "ClusterServingRuntime", fields: readonly string[]): Problem[] {
    const problems: Problem[] = [];
    for (const i of kinds.indices[kind]) {
        const entry = kinds.list![i];
        for (const key of Object.keys(isRecord(entry) ? entry : {})) {
            if (!fields.includes(key)) {
                const hint = didYouMean(key, fields);
                problems.push({
                    subject: modelSubject(kinds.list!, i),
                    path: key,
                    message: `is not a field of a ${kind} entry${hint ? `; did you mean ${hint}?` : ""}; allowed: ${fields.join(", ")} (KServe fields go under spec)`,
                });
            }
        }
        if (isRecord(entry) && typeof entry.name !== "string") {
            problems.push({ subject: modelSubject(kinds.list!, i), path: "name", message: `got ${show(entry.name)}; is required` });
        }
    }
    return problems;
}

/** The runtime entries; the models are then validated against them (config.modelValidation.runtimes). */
export function readRuntimes(r: Reader, config: StackConfig, kinds: ModelKinds): RuntimeDeclaration[] {
    r.problems.push(...entryFieldProblems(kinds, "ServingRuntime", runtimeEntryFields), ...entryFieldProblems(kinds, "ClusterServingRuntime", runtimeEntryFields));
    const runtimes = [...kinds.indices.ServingRuntime, ...kinds.indices.ClusterServingRuntime]
        .sort((a, b) => a - b)
        .map((i) => kinds.list![i])
        .filter(isRecord) as unknown as RuntimeDeclaration[];
    config.modelValidation.runtimes = declaredRuntimes(runtimes, config.modelNamespace);
    return runtimes;
}

/** The graph entries, checked with the runtimes against the models as they will be deployed. */
export function readGraphs(r: Reader, config: StackConfig, kinds: ModelKinds, runtimes: readonly RuntimeDeclaration[]): InferenceGraphDeclaration[] {
    r.problems.push(...entryFieldProblems(kinds, "InferenceGraph", graphEntryFields));
    const graphIndices = kinds.indices.InferenceGraph.filter((i) => isRecord(kinds.list![i]));
    // Entries as declarations: the `kind` and `auth` fields belong to the stack, not to KServe.
    const graphs = graphIndices.map((i) => {
        const entry = kinds.list![i] as Record<string, unknown>;
        return Object.fromEntries(Object.entries(entry).filter(([k]) => k !== "kind" && k !== "auth")) as unknown as InferenceGraphDeclaration;
    });
    const runtimeIndices = [...kinds.indices.ServingRuntime, ...kinds.indices.ClusterServingRuntime].sort((a, b) => a - b).filter((i) => isRecord(kinds.list![i]));
    const checked = checkGraphsAndRuntimes(
        config.models,
        graphs,
        runtimes,
        config.modelNamespace,
        config.modelValidation,
        (i) => modelSubject(kinds.list!, graphIndices[i]),
        (i) => modelSubject(kinds.list!, runtimeIndices[i]),
    );
    r.problems.push(...checked.problems);
    return graphs;
}

/**
 * Who may call each graph, by the same rules as models (stack, namespace, the entry's `auth`), read
 * by the models' reader on the graph entries; its stack-key problems were reported with the models'.
 */
export function readGraphCallers(r: Reader, source: ConfigSource, config: StackConfig, kinds: ModelKinds, graphs: readonly InferenceGraphDeclaration[]): ModelCallers[] {
    const indices = kinds.indices.InferenceGraph.filter((i) => isRecord(kinds.list![i]));
    if (indices.length === 0) {
        return [];
    }
    // Without modelAuth an entry's `auth` is refused by readModelAuth, which reads every entry.
    if (!config.modelAuth) {
        return [];
    }
    {
        // KServe v0.20.0's router forwards only the headers inferenceservice-config `router.headers.propagate`
        // lists (cmd/router/main.go), which kserve-resources leaves empty and offers no value for
        // (charts/kserve-resources/files/common/configmap-patch.yaml): each step would see a call without
        // a token, and its AuthorizationPolicy refuses it.
        for (const i of indices) {
            r.problems.push({
                subject: modelSubject(kinds.list!, i),
                path: "kind",
                message:
                    "an InferenceGraph cannot call models that modelAuth guards: KServe's router forwards no Authorization header to its steps (inferenceservice-config router.headers.propagate is empty), so every step would refuse it; declare graphs on a stack without modelAuth",
            });
        }
        return [];
    }
    const scratch = new Reader(source);
    // The reader of callers reads InferenceService entries: the graphs' entries go in without their kind.
    const entries = indices.map((i) => Object.fromEntries(Object.entries(kinds.list![i] as Record<string, unknown>).filter(([k]) => k !== "kind")));
    const settings = readModelAuth(scratch, { ...config, models: graphs.map((g) => ({ name: g.name, namespace: g.namespace, spec: { predictor: {} } })) }, entries);
    // Only the entries' own problems: the keys' were reported when the models' callers were read.
    const renamed = scratch.problems.filter((p) => p.subject.startsWith(`${projectName}:models[`));
    renumber(renamed, 0, indices);
    r.problems.push(...renamed);
    return (settings?.models ?? []).map((m) => ({ ...m, kind: "InferenceGraph" as const }));
}
