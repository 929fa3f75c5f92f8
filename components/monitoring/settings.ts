// The monitoring settings a stack gives KServePlatform (and the config layer reads from stack config).
import type { MonitoringApi } from "./scrape";
import type { AlertThresholds } from "./rules";

/** Monitoring settings, when `monitoring` is on. */
export interface MonitoringSettings {
    /** Who scrapes: AKS managed Prometheus, or the Prometheus Operator (existing clusters, OpenShift user-workload monitoring). */
    api: MonitoringApi;
    /** ARO: turn on OpenShift user-workload monitoring; rules are namespaced. */
    openshift: boolean;
    /** Labels for the Prometheus Operator's selectors. */
    selectorLabels: Record<string, string>;
    /** Existing clusters: namespace of the Prometheus Operator's Prometheus (the scraper model network policies admit). */
    prometheusNamespace: string;
    /**
     * Namespace of NVIDIA's dcgm-exporter (its chart, or the GPU operator), scraped for the GPU panels
     * and the idle-GPU alert; unset: GPUs are not scraped (AKS installs no DCGM exporter by itself).
     */
    dcgmExporterNamespace?: string;
    /** AKS: Azure Managed Grafana and who administers it. */
    grafana?: { adminObjectIds: string[] };
    /** AKS: action group of the alerts. */
    actionGroupId?: string;
    /** Days Log Analytics keeps logs. */
    logRetentionDays: number;
    /** When the alerts fire. */
    thresholds: AlertThresholds;
}
