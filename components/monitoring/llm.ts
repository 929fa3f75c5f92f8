/**
 * Scrapes, metrics and alerts of LLM serving: vLLM in each LLMInferenceService's workload pods,
 * the scheduler (the Inference Extension's endpoint picker, EPP) and NVIDIA DCGM for GPUs.
 */

/** Label monitors copy from the pods' `app.kubernetes.io/name`: the LLMInferenceService's name. */
export const llmLabel = "llmisvc";

/**
 * Pod labels KServe v0.20.0 puts on an LLMInferenceService's pods (pkg/controller/v1alpha2/llmisvc
 * scaling.go scalingLabels, scheduler.go SchedulerLabels; pkg/constants/constants.go).
 */
export const llmPodLabels = {
    partOf: { key: "app.kubernetes.io/part-of", value: "llminferenceservice" },
    component: "app.kubernetes.io/component",
    name: "app.kubernetes.io/name",
    /** vLLM pods: single-node, and the leader of multi-node workers. */
    workloads: ["llminferenceservice-workload", "llminferenceservice-workload-leader", "llminferenceservice-workload-prefill", "llminferenceservice-workload-leader-prefill"],
    scheduler: "llminferenceservice-router-scheduler",
} as const;

/**
 * Labels of every vLLM pod of any LLM (decode and prefill): the InferencePool's selector in the
 * `kserve-config-llm-scheduler` preset without the name, set by workload_single_node.go
 * (`kserve.io/component: workload`, KServeComponentLabelKey/KServeComponentWorkload).
 */
export const llmWorkloadPodLabels = { [llmPodLabels.partOf.key]: llmPodLabels.partOf.value, "kserve.io/component": "workload" } as const;

/**
 * Ports of the `kserve-config-llm-*` presets (kserve v0.20.0 charts/kserve-runtime-configs
 * files/llmisvcconfigs/resources.yaml): vLLM's container `main` listens on 8000 (unnamed), the
 * scheduler's `main` names 9090 `metrics`.
 */
export const llmPorts = { vllm: 8000, schedulerMetrics: "metrics" } as const;

/** The NVIDIA dcgm-exporter chart's Service (NVIDIA/dcgm-exporter 4.5.3-4.8.2 deployment/templates/service.yaml, _helpers.tpl). */
export const dcgmExporter = { nameLabel: { "app.kubernetes.io/name": "dcgm-exporter" }, port: "metrics" } as const;

/** What LLM serving scrapes. */
export interface LlmScrapeOptions {
    /** Namespaces that hold LLMInferenceServices. */
    namespaces: readonly string[];
    /** Namespace of NVIDIA's dcgm-exporter (its chart, or the GPU operator); omitted when there is none. */
    dcgmExporterNamespace?: string;
}

const llmRelabelings = [{ sourceLabels: [`__meta_kubernetes_pod_label_${llmPodLabels.name.replace(/[./-]/g, "_")}`], targetLabel: llmLabel }];

/** The relabelling that copies each pod's LLMInferenceService name into {@link llmLabel}. */
export const llmRelabel: readonly { sourceLabels: string[]; targetLabel: string }[] = llmRelabelings;

/** Alert names of LLM serving (docs/operations.md explains each). */
export type LlmAlertName = "LLMTimeToFirstTokenHigh" | "LLMInterTokenLatencyHigh" | "LLMKvCacheFull" | "LLMQueueBacklog" | "GPUUtilizationLow";

/** One LLM alert rule (an `AlertRule` of rules.ts, which imports this file). */
export interface LlmAlertRule {
    alert: LlmAlertName;
    expr: string;
    /** Minutes the condition must hold. */
    forMinutes: number;
    severity: "critical" | "warning";
    summary: string;
}

/** Thresholds of the LLM alerts. */
export interface LlmAlertThresholds {
    /** p95 time to first token, in milliseconds. */
    ttftP95Ms: number;
    /** p95 inter-token latency, in milliseconds. */
    itlP95Ms: number;
    /** KV-cache use, in percent. */
    kvCachePercent: number;
    /** Requests waiting in one vLLM's queue. */
    queueDepth: number;
}

/** Defaults of {@link LlmAlertThresholds}. */
export const defaultLlmThresholds: LlmAlertThresholds = { ttftP95Ms: 2000, itlP95Ms: 200, kvCachePercent: 90, queueDepth: 10 };

/**
 * Alerts on vLLM's own metrics (vllm-project/vllm docs/design/metrics.md, docs/usage/metrics.md):
 * TTFT and inter-token latency p95, KV-cache use and requests waiting; and on DCGM when scraped.
 */
export function llmAlertRules(namespaces: readonly string[], t: LlmAlertThresholds = defaultLlmThresholds, gpu = false): LlmAlertRule[] {
    const ns = namespaces.length ? `namespace=~"${[...new Set(namespaces)].sort().join("|")}"` : `namespace!=""`;
    const by = `by (namespace, ${llmLabel}, le)`;
    const rules: LlmAlertRule[] = [
        {
            alert: "LLMTimeToFirstTokenHigh",
            expr: `histogram_quantile(0.95, sum ${by} (rate(vllm:time_to_first_token_seconds_bucket{${ns}}[5m]))) * 1000 > ${t.ttftP95Ms}`,
            forMinutes: 10,
            severity: "warning",
            summary: `LLM {{ $labels.${llmLabel} }} in {{ $labels.namespace }} takes more than ${t.ttftP95Ms} ms to its first token (p95)`,
        },
        {
            alert: "LLMInterTokenLatencyHigh",
            expr: `histogram_quantile(0.95, sum ${by} (rate(vllm:inter_token_latency_seconds_bucket{${ns}}[5m]))) * 1000 > ${t.itlP95Ms}`,
            forMinutes: 10,
            severity: "warning",
            summary: `LLM {{ $labels.${llmLabel} }} in {{ $labels.namespace }} has an inter-token latency above ${t.itlP95Ms} ms (p95)`,
        },
        {
            alert: "LLMKvCacheFull",
            // vllm:kv_cache_usage_perc is a fraction (0-1).
            expr: `max by (namespace, ${llmLabel}) (vllm:kv_cache_usage_perc{${ns}}) * 100 > ${t.kvCachePercent}`,
            forMinutes: 10,
            severity: "warning",
            summary: `LLM {{ $labels.${llmLabel} }} in {{ $labels.namespace }} uses more than ${t.kvCachePercent}% of its KV cache`,
        },
        {
            alert: "LLMQueueBacklog",
            expr: `max by (namespace, ${llmLabel}) (vllm:num_requests_waiting{${ns}}) > ${t.queueDepth}`,
            forMinutes: 5,
            severity: "warning",
            summary: `LLM {{ $labels.${llmLabel} }} in {{ $labels.namespace }} has more than ${t.queueDepth} requests waiting in a replica`,
        },
    ];
    if (gpu) {
        rules.push({
            alert: "GPUUtilizationLow",
            // DCGM_FI_DEV_GPU_UTIL is in dcgm-exporter's default counters (etc/default-counters.csv), in percent.
            expr: `avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL) < 5 and on (Hostname, gpu) (DCGM_FI_DEV_FB_USED > 0)`,
            forMinutes: 60,
            severity: "warning",
            summary: "GPU {{ $labels.gpu }} on {{ $labels.Hostname }} holds memory but has been nearly idle for an hour",
        });
    }
    return rules;
}
