/**
 * Which runtime KServe v0.20.0 gives a model, with the stack's own runtimes beside the default ones:
 * a named runtime is the namespace's ServingRuntime of that name, else the ClusterServingRuntime
 * (`GetServingRuntime`, pkg/controller/v1beta1/inferenceservice/utils); auto-selection keeps the
 * runtimes that are not disabled, not multi-model, serve the format (auto-select on), the protocol
 * and the multi-node shape, namespaced ones first (`GetSupportingRuntimes`, predictor_model.go).
 */
import { defaultRuntimes, type DeclaredRuntimes, RuntimeFacts, RuntimeQuery, runtimeServes } from "./runtimes";

/** What the lookup needs of the validation options. */
export interface RuntimeLookup {
    /** The default ClusterServingRuntimes are installed. */
    checkDefaultRuntimes?: boolean;
    /** The stack's own runtimes. */
    runtimes?: DeclaredRuntimes;
}

/** Every runtime a model of `namespace` may get, namespaced first, by name (a namespaced one hides a cluster one of its name). */
export function runtimeCandidates(lookup: RuntimeLookup, namespace: string | undefined): Record<string, RuntimeFacts> {
    return {
        ...(lookup.checkDefaultRuntimes ? defaultRuntimes : {}),
        ...(lookup.runtimes?.cluster ?? {}),
        ...(namespace === undefined ? {} : (lookup.runtimes?.namespaced[namespace] ?? {})),
    };
}

/** The runtime `name` resolves to for a model of `namespace`, or undefined when the stack does not know it. */
export function findRuntime(name: string, lookup: RuntimeLookup, namespace: string | undefined): RuntimeFacts | undefined {
    return (namespace === undefined ? undefined : lookup.runtimes?.namespaced[namespace]?.[name]) ?? lookup.runtimes?.cluster[name] ?? (lookup.checkDefaultRuntimes ? defaultRuntimes[name] : undefined);
}

/** Names of the runtimes KServe would auto-select for the model among `candidates`. */
export function selectRuntimes(query: RuntimeQuery, candidates: Readonly<Record<string, RuntimeFacts>>): string[] {
    return Object.entries(candidates)
        .filter(([, facts]) => !facts.disabled && !facts.multiModel && runtimeServes(facts, query))
        .map(([name]) => name);
}
