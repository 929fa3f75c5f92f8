/**
 * Model hosts Knative would refuse: with the one-label domain template, the Knative Route of a model
 * is `<name>-predictor-<namespace>.<domain>` (or `-transformer-`), and Knative validates it as a
 * DNS name (knative/serving `pkg/reconciler/route/domains`, `DomainNameFromTemplate`:
 * `IsFullyQualifiedDomainName`, labels of at most 63 characters).
 */
import { isRecord, maxLabelLength, Problem } from "../components/common";
import { DeploymentMode, effectiveDeploymentMode, knativeRouteHost, ModelDeclaration } from "../components/serving";
import { modelSubject } from "./reader";

/** A problem for each Knative-mode model whose route host label is too long. */
export function modelHostProblems(models: readonly ModelDeclaration[], domain: string, defaultNamespace: string, defaultMode: DeploymentMode, subjectOf = (i: number) => modelSubject(models, i)): Problem[] {
    const problems: Problem[] = [];
    models.forEach((m, i) => {
        // Entries that are not objects, or have no name, are reported by the entry checks.
        if (!isRecord(m) || typeof m.name !== "string") {
            return;
        }
        // Legacy names count as the mode KServe's defaulter gives them (Serverless is Knative).
        if (effectiveDeploymentMode(isRecord(m.annotations) ? m.annotations : undefined, defaultMode) !== "Knative") {
            return;
        }
        const namespace = m.namespace ?? defaultNamespace;
        // A bad namespace, or a name-namespace label already too long, is reported by the model checks.
        if (typeof namespace !== "string" || `${m.name}-${namespace}`.length > maxLabelLength) {
            return;
        }
        const label = knativeRouteHost({ name: m.name, namespace, spec: m.spec }, domain).split(".")[0];
        if (label.length > maxLabelLength) {
            problems.push({
                subject: subjectOf(i),
                path: "name",
                message: `the Knative route host label "${label}" (name, component and namespace) has ${label.length} characters; at most ${maxLabelLength} are allowed: shorten the name or the namespace`,
            });
        }
    });
    return problems;
}
