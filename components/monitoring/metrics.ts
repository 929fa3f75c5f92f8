/**
 * The metrics the platform's alerts and dashboards read, by the scrape target that collects them,
 * with where each name comes from at the pinned versions. A test checks that every query in
 * `dashboards/` and every alert names only these, and that each target is in the scrape
 * configuration the monitoring component renders.
 *
 * Knative Serving 1.21 emits OpenTelemetry instruments (the OpenCensus names such as
 * `revision_app_request_count` are gone). knative/pkg exports them to Prometheus with
 * `otlptranslator.UnderscoreEscapingWithSuffixes` (observability/metrics/prometheus_enabled.go):
 * dots become underscores, unit `s` adds `_seconds`, `{annotation}` units add nothing, histograms
 * add `_bucket`/`_sum`/`_count`. Attributes become labels the same way (`kn.revision.name` →
 * `kn_revision_name`, `http.response.status_code` → `http_response_status_code`).
 */

/** Scrape targets: the monitors in `scrape.ts`, plus kube-state-metrics that the monitoring stack brings. */
export type ScrapeTarget = "queueProxy" | "modelServer" | "istioProxy" | "knativeActivator" | "knativeAutoscaler" | "kserveController" | "kubeStateMetrics" | "vllm" | "epp" | "dcgm";

/** One scrape target's metrics and the upstream source of their names. */
export interface MetricFamily {
    readonly metrics: readonly string[];
    readonly source: string;
}

const histogram = (name: string) => [`${name}_bucket`, `${name}_sum`, `${name}_count`];

/** Metric names by target. */
export const collectedMetrics: Record<ScrapeTarget, MetricFamily> = {
    queueProxy: {
        // Port 9091 `http-usermetric` once config-observability sets request-metrics-protocol: prometheus.
        metrics: [...histogram("kn_serving_invocation_duration_seconds"), "kn_serving_queue_depth"],
        source: "knative/serving knative-v1.21.1 pkg/queue/request_metric.go (kn.serving.invocation.duration [s], kn.serving.queue.depth)",
    },
    modelServer: {
        metrics: [...histogram("request_predict_seconds")],
        source: "kserve/kserve v0.20.0 python/kserve/kserve/metrics.py (label model_name), served at /metrics by protocol/rest/server.py",
    },
    istioProxy: {
        metrics: ["istio_requests_total", ...histogram("istio_request_duration_milliseconds")],
        source: "Istio 1.27 standard metrics (istio.io docs, reference/config/metrics), Envoy port 15090 http-envoy-prom",
    },
    knativeActivator: {
        metrics: ["kn_revision_request_concurrency"],
        source: "knative/serving knative-v1.21.1 pkg/activator/handler/metrics.go (kn.revision.request.concurrency)",
    },
    knativeAutoscaler: {
        metrics: ["kn_revision_pods_requested", "kn_revision_pods_count", "kn_revision_pods_not_ready_count", "kn_revision_pods_pending_count", "kn_revision_pods_desired"],
        source: "knative/serving knative-v1.21.1 pkg/reconciler/autoscaling/kpa/metrics.go, pkg/autoscaler/scaling/metrics.go (labels from kpa.go: k8s.namespace.name, kn.revision.name, kn.service.name)",
    },
    kserveController: {
        metrics: ["controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total"],
        source: "controller-runtime metrics (pkg/internal/controller/metrics) behind kube-rbac-proxy :8443, kserve-resources v0.20.0 kserve-controller-manager-metrics-service",
    },
    vllm: {
        metrics: [
            ...histogram("vllm:time_to_first_token_seconds"),
            ...histogram("vllm:inter_token_latency_seconds"),
            ...histogram("vllm:e2e_request_latency_seconds"),
            "vllm:kv_cache_usage_perc",
            "vllm:num_requests_running",
            "vllm:num_requests_waiting",
            "vllm:generation_tokens_total",
            "vllm:prompt_tokens_total",
        ],
        // llm-d's inference simulator exports the same names (llm-d/llm-d-inference-sim README, metrics).
        source: "vllm-project/vllm docs/design/metrics.md (v1 metrics, label model_name); KServe v0.20.0 presets run vLLM from ghcr.io/llm-d/llm-d-cuda:v0.8.0 on :8000",
    },
    epp: {
        metrics: ["inference_pool_average_kv_cache_utilization", "inference_pool_average_queue_size", "inference_pool_ready_pods", "inference_objective_request_total", ...histogram("inference_extension_scheduler_e2e_duration_seconds")],
        source: "kubernetes-sigs/gateway-api-inference-extension v1.5.0 pkg/epp/metrics/metrics.go (pool gauges labelled name); served on the scheduler's `metrics` port 9090 (kserve-config-llm-scheduler)",
    },
    dcgm: {
        metrics: ["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE"],
        source: "NVIDIA/dcgm-exporter 4.5.3-4.8.2 etc/default-counters.csv",
    },
    kubeStateMetrics: {
        // All in AKS managed Prometheus's minimal ingestion profile for kube-state (Azure docs, prometheus-metrics-scrape-default).
        metrics: ["kube_pod_status_phase", "kube_pod_labels", "kube_pod_container_status_waiting_reason", "kube_deployment_status_replicas_available", "kube_pod_container_resource_requests"],
        source: "kube-state-metrics (docs/metrics/workload/pod-metrics.md, deployment-metrics.md); AKS keeps these under the minimal ingestion profile",
    },
};

/** Every collected metric name. */
export const allCollectedMetrics: ReadonlySet<string> = new Set(Object.values(collectedMetrics).flatMap((f) => f.metrics));

/** Label that monitors copy from the pods' `serving.kserve.io/inferenceservice` label: the model's name. */
export const modelLabel = "isvc";
/** kube-state-metrics' name for the same pod label in `kube_pod_labels` (AKS: `metricLabelsAllowlist`). */
export const ksmModelLabel = "label_serving_kserve_io_inferenceservice";
/** The pod label KServe puts on every pod of an InferenceService. */
export const kservePodLabel = "serving.kserve.io/inferenceservice";

const functions = new Set([
    "sum", "max", "min", "avg", "count", "rate", "irate", "increase", "changes", "histogram_quantile", "label_replace", "clamp_min", "clamp_max", "vector", "absent", "topk", "round",
]);
const keywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan"]);

/**
 * The metric names a PromQL expression reads: identifiers that are neither functions, keywords,
 * label names (in `{}`, `by ()`, `on ()`...), nor strings, ranges or Grafana variables.
 */
export function metricNamesIn(expr: string): string[] {
    const stripped = expr
        .replace(/"(?:[^"\\]|\\.)*"/g, '""')
        .replace(/\{[^}]*\}/g, " ")
        .replace(/\[[^\]]*\]/g, " ")
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
        .replace(/\$\w+/g, " ");
    const names = new Set<string>();
    for (const m of stripped.matchAll(/(?<![\w:.])[A-Za-z_:][\w:]*/g)) {
        const word = m[0];
        const next = stripped.slice(m.index + word.length).trimStart();
        if (functions.has(word) || keywords.has(word.toLowerCase()) || next.startsWith("(")) {
            continue;
        }
        names.add(word);
    }
    return [...names];
}
