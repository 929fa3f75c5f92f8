/**
 * The platform's alert rules, as data: Azure `PrometheusRuleGroup`s and Prometheus Operator
 * `PrometheusRule`s are both rendered from these. docs/operations.md ("Dashboards and alerts") says
 * what each means and what to do; keep the two in step.
 */
import { defaults } from "../defaults";
import { ksmModelLabel, modelLabel } from "./metrics";
import { llmAlertRules, LlmAlertName, LlmAlertThresholds } from "./llm";

/** Alert thresholds (stack config `alert*`). */
export interface AlertThresholds {
    /** Percentage of a model's requests answered 5xx over 5 minutes. */
    errorPercent: number;
    /** p99 latency over 5 minutes, in milliseconds. */
    p99LatencyMs: number;
    /** Seconds a revision scaled from zero may wait for its first pod. */
    coldStartSeconds: number;
    /** Minutes a model's pods may stay pending, failed or crash-looping. */
    modelNotReadyMinutes: number;
    /** Minutes a platform controller may have no available replica. */
    controllerDownMinutes: number;
}

/** The defaults of {@link AlertThresholds}. */
export const defaultThresholds: AlertThresholds = {
    errorPercent: defaults.monitoring.alert5xxPercent,
    p99LatencyMs: defaults.monitoring.alertP99LatencyMs,
    coldStartSeconds: defaults.monitoring.alertColdStartSeconds,
    modelNotReadyMinutes: defaults.monitoring.alertModelNotReadyMinutes,
    controllerDownMinutes: defaults.monitoring.alertControllerDownMinutes,
};

/** Alert names, which docs/operations.md explains. */
export type AlertName = "KServeModelNotReady" | "KServeModelErrorRatio" | "KServeModelLatencyP99" | "KnativeColdStartSlow" | "ServingPlatformControllerDown" | LlmAlertName;

/** One alert rule. */
export interface AlertRule {
    alert: AlertName;
    expr: string;
    /** Minutes the condition must hold. */
    forMinutes: number;
    severity: "critical" | "warning";
    summary: string;
}

/** A named group of rules, evaluated together; `namespace` is where a PrometheusRule of it lives. */
export interface AlertGroup {
    name: string;
    namespace: string;
    rules: AlertRule[];
}

/** What runs, which decides which metrics the rules read. */
export interface RuleOptions {
    thresholds: AlertThresholds;
    /** Knative mode: requests and latency from the queue-proxy, cold starts from the autoscaler. */
    knative: boolean;
    /** Istio is installed (istiod is watched). */
    istio: boolean;
    /** Namespaces that hold models. */
    modelNamespaces: readonly string[];
    /**
     * One group per namespace, each reading only its namespace's series: OpenShift evaluates a
     * user-workload PrometheusRule against its own namespace only. Otherwise two cluster-wide groups.
     */
    perNamespace?: boolean;
    /** LLM serving: alerts on vLLM in these namespaces, and on GPUs when DCGM is scraped. */
    llm?: { namespaces: readonly string[]; gpu?: boolean; thresholds?: LlmAlertThresholds };
}

/**
 * The platform's alerts: models (not Ready, error ratio, p99 latency), cold starts (Knative mode)
 * and controllers down. Request metrics come from the queue-proxy in Knative mode and from Istio's
 * destination proxies in Standard mode (which needs sidecars, i.e. STRICT mTLS).
 */
export function alertGroups(o: RuleOptions): AlertGroup[] {
    const d = defaults.namespaces;
    const modelNamespaces = [...new Set(o.modelNamespaces)].sort();
    const llm = o.llm;
    if (!o.perNamespace) {
        const platform = platformRules(o, undefined);
        return [
            { name: "kserve-models", namespace: d.kserve, rules: modelRules(o, modelNamespaces) },
            { name: "serving-platform", namespace: d.kserve, rules: platform },
            ...(llm ? [{ name: "kserve-llms", namespace: d.kserve, rules: llmAlertRules(llm.namespaces, llm.thresholds, llm.gpu) }] : []),
        ];
    }
    return [
        ...modelNamespaces.map((namespace) => ({ name: "kserve-models", namespace, rules: modelRules(o, [namespace]) })),
        ...(llm ? [...new Set(llm.namespaces)].sort().map((namespace) => ({ name: "kserve-llms", namespace, rules: llmAlertRules([namespace], llm.thresholds) })) : []),
        ...[d.kserve, d.knativeServing, ...(o.istio ? [d.istio] : [])].map((namespace) => ({ name: "serving-platform", namespace, rules: platformRules(o, namespace) })),
    ].filter((g) => g.rules.length > 0);
}

function modelRules(o: RuleOptions, namespaces: readonly string[]): AlertRule[] {
    const t = o.thresholds;
    const ns = namespaces.length ? `namespace=~"${namespaces.join("|")}"` : `namespace!=""`;
    const requests = o.knative
        ? { total: `kn_serving_invocation_duration_seconds_count{${ns}}`, errors: `kn_serving_invocation_duration_seconds_count{${ns}, http_response_status_code=~"5.."}`, bucket: `kn_serving_invocation_duration_seconds_bucket{${ns}}`, scale: 1000 }
        : {
              total: `istio_requests_total{reporter="destination", ${modelLabel}!="", ${ns}}`,
              errors: `istio_requests_total{reporter="destination", ${modelLabel}!="", ${ns}, response_code=~"5.."}`,
              bucket: `istio_request_duration_milliseconds_bucket{reporter="destination", ${modelLabel}!="", ${ns}}`,
              scale: 1,
          };
    const byModel = `by (namespace, ${modelLabel})`;
    const models: AlertRule[] = [
        {
            alert: "KServeModelNotReady",
            // kube-state-metrics: pods of an InferenceService pending, failed, or waiting in a crash or pull loop.
            expr:
                `max by (namespace, ${ksmModelLabel}) ((kube_pod_status_phase{phase=~"Pending|Failed|Unknown", ${ns}} == 1 ` +
                `or on (namespace, pod) (kube_pod_container_status_waiting_reason{reason=~"CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError", ${ns}} == 1)) ` +
                `* on (namespace, pod) group_left (${ksmModelLabel}) kube_pod_labels{${ksmModelLabel}!="", ${ns}}) > 0`,
            forMinutes: t.modelNotReadyMinutes,
            severity: "critical",
            summary: `Pods of model {{ $labels.${ksmModelLabel} }} in {{ $labels.namespace }} are not running for ${t.modelNotReadyMinutes} minutes`,
        },
        {
            alert: "KServeModelErrorRatio",
            expr: `(sum ${byModel} (rate(${requests.errors}[5m])) / sum ${byModel} (rate(${requests.total}[5m]))) * 100 > ${t.errorPercent}`,
            forMinutes: 5,
            severity: "critical",
            summary: `Model {{ $labels.${modelLabel} }} in {{ $labels.namespace }} answers more than ${t.errorPercent}% of requests with 5xx`,
        },
        {
            alert: "KServeModelLatencyP99",
            expr: `histogram_quantile(0.99, sum by (namespace, ${modelLabel}, le) (rate(${requests.bucket}[5m]))) * ${requests.scale} > ${t.p99LatencyMs}`,
            forMinutes: 10,
            severity: "warning",
            summary: `Model {{ $labels.${modelLabel} }} in {{ $labels.namespace }} has a p99 latency above ${t.p99LatencyMs} ms`,
        },
    ];
    return models;
}

/** Cold starts and controllers, of one platform namespace or all. */
function platformRules(o: RuleOptions, only: string | undefined): AlertRule[] {
    const t = o.thresholds;
    const d = defaults.namespaces;
    const platform: AlertRule[] = [];
    if (o.knative && (only === undefined || only === d.knativeServing)) {
        platform.push({
            alert: "KnativeColdStartSlow",
            // The autoscaler wants pods for the revision but none is ready: requests wait in the activator.
            expr: `(kn_revision_pods_requested > 0) and on (k8s_namespace_name, kn_revision_name) (kn_revision_pods_count == 0)`,
            forMinutes: Math.max(1, Math.ceil(t.coldStartSeconds / 60)),
            severity: "warning",
            summary: `Revision {{ $labels.kn_revision_name }} in {{ $labels.k8s_namespace_name }} has waited more than ${t.coldStartSeconds}s for its first pod`,
        });
    }
    const watched = (
        [
            [d.kserve, ["kserve-controller-manager"]],
            [d.knativeServing, ["activator", "autoscaler", "controller", "webhook"]],
            ...(o.istio ? [[d.istio, ["istiod"]]] : []),
        ] as [string, string[]][]
    ).filter(([namespace]) => only === undefined || namespace === only);
    if (watched.length) {
        platform.push({
            alert: "ServingPlatformControllerDown",
            expr: watched.map(([namespace, deployments]) => `kube_deployment_status_replicas_available{namespace="${namespace}", deployment=~"${deployments.join("|")}"} < 1`).join(" or "),
            forMinutes: t.controllerDownMinutes,
            severity: "critical",
            summary: "{{ $labels.deployment }} in {{ $labels.namespace }} has no available replica",
        });
    }
    return platform;
}

/** `for` as Prometheus writes it. */
export function promDuration(m: number): string {
    return `${m}m`;
}

/** `for` as Azure writes it (ISO 8601). */
export function isoDuration(m: number): string {
    return `PT${m}M`;
}

/** The `spec` of a Prometheus Operator PrometheusRule holding `groups`. */
export function prometheusRuleSpec(groups: readonly AlertGroup[]): Record<string, unknown> {
    return {
        groups: groups.map((g) => ({
            name: g.name,
            rules: g.rules.map((r) => ({ alert: r.alert, expr: r.expr, for: promDuration(r.forMinutes), labels: { severity: r.severity }, annotations: { summary: r.summary } })),
        })),
    };
}
