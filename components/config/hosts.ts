/**
 * Model hosts Knative would refuse: with the one-label domain template, the Knative Route of a model
 * is `<name>-predictor-<namespace>.<domain>` (or `-transformer-`), and Knative validates it as a
 * DNS name (knative/serving `pkg/reconciler/route/domains`, `DomainNameFromTemplate`:
 * `IsFullyQualifiedDomainName`, labels of at most 63 characters).
 */
import { isRecord, Problem } from "../common";
import { DeploymentMode, knativeRouteHost, ModelDeclaration } from "../serving";
import { projectName } from "./schema";

const maxLabel = 63;

/** A problem for each Knative-mode model whose route host label is too long. */
export function modelHostProblems(models: readonly ModelDeclaration[], domain: string, defaultNamespace: string, defaultMode: DeploymentMode): Problem[] {
    const problems: Problem[] = [];
    models.forEach((m, i) => {
        // Entries that are not objects, or have no name, are reported by the entry checks.
        if (!isRecord(m) || typeof m.name !== "string") {
            return;
        }
        const annotated = isRecord(m.annotations) ? m.annotations["serving.kserve.io/deploymentMode"] : undefined;
        if ((annotated ?? defaultMode) !== "Knative") {
            return;
        }
        const namespace = m.namespace ?? defaultNamespace;
        // A bad namespace, or a name-namespace label already too long, is reported by the model checks.
        if (typeof namespace !== "string" || `${m.name}-${namespace}`.length > maxLabel) {
            return;
        }
        const label = knativeRouteHost({ name: m.name, namespace, spec: m.spec }, domain).split(".")[0];
        if (label.length > maxLabel) {
            problems.push({
                subject: `${projectName}:models[${i}] "${m.name}"`,
                path: "name",
                message: `the Knative route host label "${label}" (name, component and namespace) has ${label.length} characters; at most ${maxLabel} are allowed: shorten the name or the namespace`,
            });
        }
    });
    return problems;
}
