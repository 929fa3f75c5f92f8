// Metrics, alerts and dashboards. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import type { ConfigKey } from "./key";

/** Metrics, alerts and dashboards. */
export const monitoringKeys = {
    monitoring: {
        type: "boolean",
        description:
            "Metrics, alerts and dashboards: on AKS managed Prometheus into an Azure Monitor workspace, Container Insights and diagnostic logs into Log Analytics, Prometheus rule groups; on ARO OpenShift user-workload monitoring; on existing clusters the Prometheus Operator (monitoringPrometheusOperator). Required in prod.",
        default: false,
    },
    monitoringPrometheusOperator: {
        type: "boolean",
        description: "Existing clusters: the cluster runs the Prometheus Operator; create monitoring.coreos.com PodMonitors, ServiceMonitors and PrometheusRules for it.",
        default: false,
    },
    monitoringSelectorLabels: {
        type: "array",
        items: "string",
        description: "Existing clusters: labels (key=value) put on the monitors and rules so the Prometheus Operator selects them (kube-prometheus-stack selects release=<its release name>).",
        default: [],
    },
    monitoringDcgmExporterNamespace: {
        type: "string",
        description: "Namespace of NVIDIA's dcgm-exporter (its chart, or the NVIDIA GPU operator's): scraped for the GPU-use panels and the idle-GPU alert. Unset: GPU use is not scraped.",
        default: "",
    },
    monitoringPrometheusNamespace: {
        type: "string",
        description: "Existing clusters: namespace of the Prometheus the Prometheus Operator runs; model network policies admit it on the metrics ports (queue-proxy 9091, Envoy 15090).",
        default: "monitoring",
    },
    monitoringGrafana: {
        type: "boolean",
        description: "AKS: an Azure Managed Grafana linked to the Azure Monitor workspace, with the repository's dashboards imported.",
        default: false,
    },
    monitoringGrafanaAdminObjectIds: {
        type: "array",
        items: "string",
        description: "AKS: Entra ID object ids (users or groups) made Grafana Admin of the Managed Grafana.",
        default: [],
    },
    monitoringActionGroupId: {
        type: "string",
        description: "AKS: resource id of the Azure Monitor action group that alerts notify (mail, paging). Unset: alerts fire in the portal only.",
        default: "",
    },
    monitoringLogRetentionDays: {
        type: "integer",
        description: "Azure: days Log Analytics keeps Container Insights and diagnostic logs (30-730).",
        default: defaults.monitoring.logRetentionDays,
    },
    alert5xxPercent: {
        type: "integer",
        description: "Alert when a model answers more than this percentage of requests with 5xx over 5 minutes (1-100).",
        default: defaults.monitoring.alert5xxPercent,
    },
    alertP99LatencyMs: {
        type: "integer",
        description: "Alert when a model's p99 latency over 5 minutes exceeds this many milliseconds.",
        default: defaults.monitoring.alertP99LatencyMs,
    },
    alertColdStartSeconds: {
        type: "integer",
        description: "Knative mode: alert when a revision scaled from zero waits longer than this many seconds for its first pod.",
        default: defaults.monitoring.alertColdStartSeconds,
    },
    alertModelNotReadyMinutes: {
        type: "integer",
        description: "Alert when a model's pods stay pending, failed or in a crash or image-pull loop for this many minutes.",
        default: defaults.monitoring.alertModelNotReadyMinutes,
    },
    alertControllerDownMinutes: {
        type: "integer",
        description: "Alert when a platform controller (KServe, Knative, istiod) has had no available replica for this many minutes.",
        default: defaults.monitoring.alertControllerDownMinutes,
    },
} as const satisfies Record<string, ConfigKey>;
