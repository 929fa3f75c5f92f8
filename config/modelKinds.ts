/**
 * The `kind` of each `kserve-platform:models` entry: without `kind`, an entry is an
 * InferenceService, as it always was; `kind: LLMInferenceService` makes it an LLM, and
 * `InferenceGraph`, `ServingRuntime` or `ClusterServingRuntime` declare those. Each reader takes
 * the indices of its own kind, so problems keep naming `models[i]` as the user wrote the list.
 */
import { isRecord, Problem, show } from "../components/common";
import { didYouMean } from "./keys";
import { projectName } from "./schema";

/** The kinds a model entry may declare. */
export const modelKinds = ["InferenceService", "LLMInferenceService", "InferenceGraph", "ServingRuntime", "ClusterServingRuntime"] as const;

/** A model entry's kind. */
export type ModelKind = (typeof modelKinds)[number];

/** The kind of an entry: its `kind`, InferenceService when it has none; undefined when `kind` is not one of {@link modelKinds}. */
export function modelKindOf(entry: unknown): ModelKind | undefined {
    const kind = isRecord(entry) ? entry.kind : undefined;
    if (kind === undefined) {
        return "InferenceService";
    }
    return modelKinds.find((k) => k === kind);
}

/** Indices of the entries of `kind` (entries that are not objects count as InferenceServices, whose reader reports them). */
export function indicesOfKind(list: readonly unknown[], kind: ModelKind): number[] {
    return list.flatMap((e, i) => (modelKindOf(e) === kind ? [i] : []));
}

/** A problem for each entry whose `kind` is unknown, with the closest kind; `subjectOf(i)` names entry `i`. */
export function modelKindProblems(list: readonly unknown[], subjectOf: (i: number) => string): Problem[] {
    return list.flatMap((e, i) => {
        if (modelKindOf(e) !== undefined) {
            return [];
        }
        const kind = (e as Record<string, unknown>).kind;
        const hint = typeof kind === "string" ? didYouMean(kind, modelKinds) : undefined;
        return [{ subject: subjectOf(i), path: "kind", message: `got ${show(kind)}; allowed: ${modelKinds.join(", ")} (no kind: InferenceService)${hint ? `; did you mean ${hint}?` : ""}` }];
    });
}

/**
 * A problem for each entry whose name an earlier entry of any kind already has: endpoints and
 * stack outputs are keyed by model name.
 */
export function crossKindNameProblems(list: readonly unknown[], subjectOf: (i: number) => string): Problem[] {
    const first = new Map<string, number>();
    const problems: Problem[] = [];
    list.forEach((e, i) => {
        const name = isRecord(e) ? e.name : undefined;
        if (typeof name !== "string") {
            return;
        }
        const j = first.get(name);
        if (j === undefined) {
            first.set(name, i);
        } else if (modelKindOf(list[j]) !== modelKindOf(e)) {
            // Same-kind duplicates are reported by the kind's own reader.
            problems.push({ subject: subjectOf(i), path: "name", message: `"${name}" is already the name of models[${j}] (${modelKindOf(list[j])}); names must be unique in the stack, across kinds` });
        }
    });
    return problems;
}

/** The entries of `kserve-platform:models` by kind, for the readers of graphs and runtimes. */
export class ModelKinds {
    /** Positions in the list of the entries of each kind; entries of an unknown kind are in none. */
    readonly indices: Record<ModelKind, number[]>;

    constructor(
        /** The list as parsed; undefined when it is not a list. */
        readonly list: readonly unknown[] | undefined,
    ) {
        this.indices = Object.fromEntries(modelKinds.map((k) => [k, indicesOfKind(list ?? [], k)])) as Record<ModelKind, number[]>;
    }
}

const entryPattern = new RegExp(`^${projectName}:models\\[(\\d+)\\]`);

/** Renames `models[j]` in the subjects of `problems[from..]` to `models[indices[j]]`. */
export function renumber(problems: Problem[], from: number, indices: readonly number[]): void {
    for (let k = from; k < problems.length; k++) {
        const p = problems[k];
        const m = entryPattern.exec(p.subject);
        if (m && indices[Number(m[1])] !== undefined) {
            problems[k] = { ...p, subject: p.subject.replace(entryPattern, `${projectName}:models[${indices[Number(m[1])]}]`) };
        }
    }
}
