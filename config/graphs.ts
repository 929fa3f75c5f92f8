/**
 * The InferenceGraph, ServingRuntime and ClusterServingRuntime entries of `kserve-platform:models`
 * (see modelKinds.ts): runtimes are read before the models, which may name them; graphs after, since
 * their steps name the models; who may call a graph is read like who may call a model.
 */
import { isRecord, Problem, show } from "../components/common";
import { checkGraphsAndRuntimes, declaredRuntimes, InferenceGraphDeclaration, RuntimeDeclaration } from "../components/serving";
import { didYouMean } from "./keys";
import { modelSubject } from "./reader";
import { graphUnderAuthMessage } from "../components/stack/checks";
import type { ModelKinds } from "./modelKinds";
import type { Reader } from "./reader";
import type { StackConfig } from "./types";

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
 * Graphs on a stack with modelAuth, refused entry by entry (`graphUnderAuthMessage` says why: KServe's
 * router forwards no token to its steps). Without modelAuth an entry's `auth` is refused by
 * readModelAuth, which reads every entry.
 */
export function graphAuthProblems(config: StackConfig, kinds: ModelKinds): Problem[] {
    if (!config.modelAuth) {
        return [];
    }
    return kinds.indices.InferenceGraph.filter((i) => isRecord(kinds.list![i])).map((i) => ({ subject: modelSubject(kinds.list!, i), path: "kind", message: graphUnderAuthMessage("modelAuth") }));
}
