/**
 * Two models served at one host: KServe builds every host from name and namespace joined by `-`
 * (`<name>-<namespace>.<domain>`), so `a-b` in `c` and `a` in `b-c` meet at `a-b-c`. In Knative mode
 * KServe also drops `-<component>-default` from the route host (KServe v0.20.0
 * `reconcilers/ingress/ingress_reconciler.go`), so `a` in namespace `default-x` is served at `a-x`,
 * the host of `a` in `x`. Both would then answer on one name; refused, naming both models. Checked
 * by the config layer and again by `Models`, so models declared in code are held to it too.
 */
import { isRecord, type Problem } from "../common";
import { effectiveDeploymentMode } from "./deploymentMode";
import type { DeploymentMode } from "./types";
import { modelHost, type ModelHostArgs } from "./endpoints";

/** A problem for each model whose host another model of the stack already has. */
export function modelHostCollisions(
    models: readonly { name: string; namespace?: string; annotations?: Record<string, string>; spec?: ModelHostArgs["spec"] }[],
    subjectOf: (i: number) => string,
    defaultNamespace: string,
    defaultMode: DeploymentMode,
    domain = "domain.invalid",
): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<string, { index: number; name: string; namespace: string }>();
    models.forEach((m, i) => {
        // Entries that are not objects, or have no name or namespace, are reported by the entry checks.
        if (!isRecord(m) || typeof m.name !== "string") {
            return;
        }
        const namespace = m.namespace ?? defaultNamespace;
        if (typeof namespace !== "string") {
            return;
        }
        const mode = effectiveDeploymentMode(isRecord(m.annotations) ? m.annotations : undefined, defaultMode);
        const host = modelHost({ name: m.name, namespace, spec: m.spec }, domain, mode).toLowerCase();
        const first = seen.get(host);
        if (!first) {
            seen.set(host, { index: i, name: m.name, namespace });
            return;
        }
        // A repeated name is reported once, by the unique-name rule.
        if (first.name === m.name) {
            return;
        }
        const why = mode === "Knative" && namespace.startsWith("default-") ? ` (KServe drops "-default" from Knative hosts, so namespace ${namespace} serves as ${namespace.slice("default-".length)})` : "";
        problems.push({
            subject: subjectOf(i),
            path: "name",
            message: `serves at ${host}, the host of ${subjectOf(first.index)} in namespace ${first.namespace}${why}; both would answer on one name: rename one of them or move it to another namespace`,
        });
    });
    return problems;
}
