// Small Kubernetes types more than one layer uses (cluster node pools, model placement, store identities).
import type * as pulumi from "@pulumi/pulumi";

/** A node taint, as GPU nodes carry it. */
export interface Taint {
    key: string;
    value?: string;
    effect: string;
}

/** A ServiceAccount models run as, created in a model namespace before the models. */
export interface ServiceAccountDeclaration {
    /** Namespace (one of the models' namespaces). */
    namespace: string;
    /** Name. */
    name: string;
    /** Annotations, e.g. the workload identity client id. */
    annotations?: Record<string, pulumi.Input<string>>;
}

// Kubernetes resource.Quantity: a signed decimal number with an optional binary, decimal or
// exponent suffix (k8s.io/apimachinery pkg/api/resource/quantity.go).
const quantityPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const quantityMultipliers: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3, u: 1e-6, n: 1e-9 };

/** The value of a Kubernetes quantity (a string such as `20Gi`, or a number), or undefined when it is not one. */
export function quantityBytes(value: unknown): number | undefined {
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text !== "string") {
        return undefined;
    }
    const m = quantityPattern.exec(text);
    if (!m) {
        return undefined;
    }
    const suffix = m[3] ?? "";
    const factor = suffix === "" ? 1 : /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : quantityMultipliers[suffix];
    return Number(m[1]) * factor * (text.startsWith("-") ? -1 : 1);
}
