/**
 * `kserve-platform:models` holds more than InferenceServices: an entry's `kind` says what it
 * declares (InferenceService when unset). This file dispatches the entries by kind; each kind is
 * read by its own reader, and problems keep naming `models[i]` by the entry's place in the list.
 */
import { isRecord, Problem, show } from "../common";
import { didYouMean } from "./keys";
import { projectName } from "./schema";
import type { Reader } from "./reader";

/** The kinds a `kserve-platform:models` entry may declare. */
export const modelEntryKinds = ["InferenceService", "InferenceGraph", "ServingRuntime", "ClusterServingRuntime"] as const;
/** One of {@link modelEntryKinds}. */
export type ModelEntryKind = (typeof modelEntryKinds)[number];

/** The entries of `kserve-platform:models`, by kind. */
export class ModelKinds {
    /** Positions in the list of the entries of each kind. */
    readonly indices: Record<ModelEntryKind, number[]> = { InferenceService: [], InferenceGraph: [], ServingRuntime: [], ClusterServingRuntime: [] };

    constructor(
        /** The list as parsed; undefined when it is not a list. */
        readonly list: readonly unknown[] | undefined,
        problems: Problem[],
    ) {
        (list ?? []).forEach((entry, i) => {
            const kind = isRecord(entry) && entry.kind !== undefined ? entry.kind : "InferenceService";
            if (!modelEntryKinds.includes(kind as ModelEntryKind)) {
                const hint = typeof kind === "string" ? didYouMean(kind, modelEntryKinds) : undefined;
                const name = isRecord(entry) && typeof entry.name === "string" ? ` "${entry.name}"` : "";
                problems.push({ subject: `${projectName}:models[${i}]${name}`, path: "kind", message: `got ${show(kind)}${hint ? `; did you mean ${hint}?` : ""}; allowed: ${modelEntryKinds.join(", ")} (unset: InferenceService)` });
                return;
            }
            this.indices[kind as ModelEntryKind].push(i);
        });
    }

    /** The entries of `kind`, in list order; InferenceService entries without their `kind` field. */
    entries(kind: ModelEntryKind): unknown[] {
        return this.indices[kind].map((i) => {
            const entry = this.list![i];
            return kind === "InferenceService" && isRecord(entry) && "kind" in entry ? Object.fromEntries(Object.entries(entry).filter(([k]) => k !== "kind")) : entry;
        });
    }

    /**
     * Runs a reader written for a list of InferenceServices on the InferenceService entries, and
     * renames the `models[j]` its problems name to the entries' places in the whole list.
     */
    asServices<T>(r: Reader, read: (list: unknown[] | undefined) => T): T {
        const from = r.problems.length;
        const result = read(this.list === undefined ? undefined : this.entries("InferenceService"));
        renumber(r.problems, from, this.indices.InferenceService);
        return result;
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
