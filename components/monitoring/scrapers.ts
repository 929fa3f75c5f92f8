/**
 * Who scrapes the model pods, from where, and on which ports: what the model namespaces' network
 * policies and authorization policies must let in for the monitors of {@link scrapeConfiguration}
 * to collect anything.
 */
import { queueProxyMetricsPort } from "./cluster";
import { MonitoringApi, scrapeConfiguration } from "./scrape";

/** The pods that scrape: a namespace, and the labels of the scraping pods in it when the namespace holds more. */
export interface MetricsScraper {
    /** Namespace of the scraping pods. */
    namespace: string;
    /** Labels of the scraping pods; unset: every pod of the namespace. */
    podLabels?: Record<string, string>;
    /** Where this is written. */
    source: string;
}

/** Container port numbers of the named ports the model monitors scrape. */
export const modelMetricsPortNumbers: Readonly<Record<string, number>> = {
    // knative/serving knative-v1.21.3 pkg/networking/constants.go UserQueueMetricsPort (port name http-usermetric).
    "http-usermetric": queueProxyMetricsPort,
    // kserve v0.20.0 pkg/constants InferenceServiceDefaultHttpPort: the model server's port, Knative's user-port.
    "user-port": 8080,
    // istio/istio release-1.31 injection-template.yaml: istio-proxy's http-envoy-prom.
    "http-envoy-prom": 15090,
};

/**
 * Ports the sidecar does not capture, so no Istio policy sees them: Envoy's Prometheus port and the
 * health port (istio/istio release-1.31 injection-template.yaml, istio-iptables `-d 15090,15021,15020`).
 */
export const uncapturedSidecarPorts: readonly number[] = [15090, 15021, 15020];

/**
 * Who scrapes for each monitoring API. AKS managed Prometheus: the `ama-metrics` Deployment in
 * kube-system, pods labelled `rsName: ama-metrics` (Azure/prometheus-collector
 * otelcollector/deploy/addon-chart, ama-metrics-deployment.yaml), which scrapes PodMonitors and
 * ServiceMonitors. OpenShift: the user-workload Prometheus in `openshift-user-workload-monitoring`
 * (openshift/cluster-monitoring-operator, assets/prometheus-user-workload). Elsewhere the
 * Prometheus the Prometheus Operator runs, in `prometheusNamespace`.
 */
export function metricsScraper(api: MonitoringApi, openshift: boolean, prometheusNamespace: string): MetricsScraper {
    if (api === "azure") {
        return { namespace: "kube-system", podLabels: { rsName: "ama-metrics" }, source: "Azure/prometheus-collector ama-metrics-deployment.yaml" };
    }
    if (openshift) {
        return { namespace: "openshift-user-workload-monitoring", source: "openshift/cluster-monitoring-operator assets/prometheus-user-workload" };
    }
    return { namespace: prometheusNamespace, source: "the Prometheus Operator's Prometheus (monitoringPrometheusNamespace)" };
}

/** The container ports of model pods the platform's monitors scrape, sorted. */
export function modelMetricsPorts(o: { knative: boolean; sidecars: boolean }): number[] {
    const probe = "model-namespace";
    const ports = scrapeConfiguration({ modelNamespaces: [probe], knative: o.knative, istio: false, sidecars: o.sidecars })
        .filter((m) => m.namespace === probe)
        .flatMap((m) => m.endpoints.map((e) => {
            const port = modelMetricsPortNumbers[e.port];
            if (port === undefined) {
                throw new Error(`monitor port ${e.port} has no number in modelMetricsPortNumbers`);
            }
            return port;
        }));
    return [...new Set(ports)].sort((a, b) => a - b);
}

/** Of those, the ports a plain-text scrape reaches through the sidecar, where Istio's authorization applies. */
export function modelPlainTextScrapePorts(o: { knative: boolean; sidecars: boolean }): number[] {
    return o.sidecars ? modelMetricsPorts(o).filter((p) => !uncapturedSidecarPorts.includes(p)) : [];
}
