/**
 * The scrape configuration of the platform as Prometheus Operator custom resources: PodMonitors and
 * ServiceMonitors in the API group of whoever scrapes (AKS managed Prometheus reads
 * `azmonitoring.coreos.com`, the Prometheus Operator and OpenShift user-workload monitoring read
 * `monitoring.coreos.com`; the spec is the same). One monitor per namespace it scrapes, selecting
 * only that namespace: OpenShift's user-workload Prometheus ignores selectors across namespaces.
 */
import { defaults } from "../defaults";
import { apiVersions } from "../versions";
import { kservePodLabel, modelLabel, ScrapeTarget } from "./metrics";
import { dcgmExporter, llmPodLabels, llmPorts, llmRelabel, LlmScrapeOptions } from "./llm";

/** API versions of the monitor and rule resources. */
export const monitoringApis = {
    /** AKS managed Prometheus. */
    azure: apiVersions.azureMonitors,
    /** The Prometheus Operator, and OpenShift's user-workload monitoring. */
    operator: apiVersions.prometheusOperator,
} as const;

/** Who scrapes the cluster. */
export type MonitoringApi = keyof typeof monitoringApis;

/** One endpoint of a monitor and the metrics it yields. */
export interface ScrapeEndpoint {
    /** The named container (PodMonitor) or Service (ServiceMonitor) port. */
    port: string;
    path: string;
    target: ScrapeTarget;
    scheme?: "http" | "https";
    /** Service account token auth and skipped verification, for kube-rbac-proxy's self-signed certificate. */
    rbacProxy?: boolean;
    /** Copy the pod's InferenceService label into `isvc`. */
    modelLabel?: boolean;
    /** A container port number, for ports without a name (`port` is then empty). */
    targetPort?: number;
    /** Send the scraper's service account token (plain HTTP), for endpoints that authenticate with a TokenReview. */
    serviceAccountToken?: boolean;
    /** Copy the pod's `app.kubernetes.io/name` (its LLMInferenceService) into `llmisvc`. */
    llmLabel?: boolean;
}

/** A PodMonitor or ServiceMonitor to create. */
export interface MonitorDeclaration {
    kind: "PodMonitor" | "ServiceMonitor";
    name: string;
    namespace: string;
    /** Pod (PodMonitor) or Service (ServiceMonitor) label selector. */
    selector: { matchLabels?: Record<string, string>; matchExpressions?: ({ key: string; operator: "Exists" } | { key: string; operator: "In"; values: string[] })[] };
    endpoints: ScrapeEndpoint[];
}

/** What runs on the cluster, which decides what to scrape. */
export interface ScrapeOptions {
    /** Namespaces that hold models. */
    modelNamespaces: readonly string[];
    /** Models run as Knative revisions with a queue-proxy. */
    knative: boolean;
    /** Istio is installed by the platform (its gateway is scraped). */
    istio: boolean;
    /**
     * Model pods carry Istio sidecars under STRICT mTLS: their proxies are scraped, and the model
     * server's own port (which carries inference traffic) is not, since a plain-text scrape would
     * need that port opened to non-mTLS callers.
     */
    sidecars: boolean;
    /** LLM serving: vLLM and the scheduler in these namespaces, and DCGM when it runs. */
    llm?: LlmScrapeOptions;
}

const isvcRelabel = [{ sourceLabels: [`__meta_kubernetes_pod_label_${kservePodLabel.replace(/[./-]/g, "_")}`], targetLabel: modelLabel }];

/** The monitors the platform needs, by namespace. */
export function scrapeConfiguration(o: ScrapeOptions): MonitorDeclaration[] {
    const ns = defaults.namespaces;
    const monitors: MonitorDeclaration[] = [];
    for (const namespace of [...new Set(o.modelNamespaces)].sort()) {
        const endpoints: ScrapeEndpoint[] = [];
        if (o.knative) {
            // knative/serving v1.21.1 pkg/apis/serving/v1/revision_helpers.go: UserQueueMetricsPortName, UserPortName.
            endpoints.push({ port: "http-usermetric", path: "/metrics", target: "queueProxy", modelLabel: true });
            if (!o.sidecars) {
                endpoints.push({ port: "user-port", path: "/metrics", target: "modelServer", modelLabel: true });
            }
        }
        if (endpoints.length) {
            monitors.push({ kind: "PodMonitor", name: "kserve-models", namespace, selector: { matchExpressions: [{ key: kservePodLabel, operator: "Exists" }] }, endpoints });
        }
        if (o.sidecars) {
            // Istio 1.27.1 injection-template.yaml: every proxy declares 15090 `http-envoy-prom`, excluded from capture.
            monitors.push({
                kind: "PodMonitor",
                name: "istio-proxies",
                namespace,
                selector: { matchExpressions: [{ key: "service.istio.io/canonical-name", operator: "Exists" }] },
                endpoints: [{ port: "http-envoy-prom", path: "/stats/prometheus", target: "istioProxy", modelLabel: true }],
            });
        }
    }
    if (o.istio) {
        monitors.push({
            kind: "PodMonitor",
            name: "istio-ingressgateway",
            namespace: ns.istio,
            selector: { matchLabels: { istio: "ingressgateway" } },
            endpoints: [{ port: "http-envoy-prom", path: "/stats/prometheus", target: "istioProxy" }],
        });
    }
    // knative/serving v1.21.1 config/core/deployments/{activator,autoscaler}.yaml: container port `metrics` 9090.
    monitors.push(
        { kind: "PodMonitor", name: "knative-activator", namespace: ns.knativeServing, selector: { matchLabels: { app: "activator" } }, endpoints: [{ port: "metrics", path: "/metrics", target: "knativeActivator" }] },
        { kind: "PodMonitor", name: "knative-autoscaler", namespace: ns.knativeServing, selector: { matchLabels: { app: "autoscaler" } }, endpoints: [{ port: "metrics", path: "/metrics", target: "knativeAutoscaler" }] },
        {
            // kserve-resources v0.20.0: kserve-controller-manager-metrics-service, port `https` 8443 (kube-rbac-proxy).
            kind: "ServiceMonitor",
            name: "kserve-controller",
            namespace: ns.kserve,
            selector: { matchLabels: { "control-plane": "kserve-controller-manager" } },
            endpoints: [{ port: "https", path: "/metrics", target: "kserveController", scheme: "https", rbacProxy: true }],
        },
    );
    if (o.llm) {
        monitors.push(...llmScrapeConfiguration(o.llm));
    }
    return monitors;
}

/** Azure's PodMonitor and ServiceMonitor templates set these, or series with long labels are dropped (prometheus-metrics-scrape-crd). */
const azureLabelLimits = { labelLimit: 63, labelNameLengthLimit: 511, labelValueLengthLimit: 1023 };

/**
 * How a monitor authenticates to kube-rbac-proxy. AKS managed Prometheus: its own service account
 * token file. The Prometheus Operator and OpenShift user-workload monitoring: a token from a Secret
 * (`authorization.credentials`); OpenShift refuses `bearerTokenFile` (`arbitraryFSAccessThroughSMs: deny`).
 */
function rbacProxyAuth(api: MonitoringApi, credentials: { name: string; key: string } | undefined): Record<string, unknown> {
    if (api === "azure") {
        return { bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token" };
    }
    if (!credentials) {
        throw new Error("a monitor of kube-rbac-proxy for the Prometheus Operator needs the Secret of a token (MetricsReaderToken)");
    }
    return { authorization: { type: "Bearer", credentials } };
}

/** The custom resource of a monitor for `api`; `credentials`: the token Secret of kube-rbac-proxy endpoints (the `operator` API). */
export function monitorManifest(m: MonitorDeclaration, api: MonitoringApi, labels: Record<string, string> = {}, credentials?: { name: string; key: string }): Record<string, unknown> {
    const endpoints = m.endpoints.map((e) => ({
        ...(e.targetPort !== undefined ? { targetPort: e.targetPort } : { port: e.port }),
        path: e.path,
        ...(e.scheme ? { scheme: e.scheme } : {}),
        ...(e.rbacProxy ? { ...rbacProxyAuth(api, credentials), tlsConfig: { insecureSkipVerify: true } } : {}),
        // The scheduler (EPP) checks the scraper's token with a TokenReview; OpenShift refuses a token file here too.
        ...(e.serviceAccountToken ? rbacProxyAuth(api, credentials) : {}),
        ...(e.modelLabel ? { relabelings: isvcRelabel } : {}),
        ...(e.llmLabel ? { relabelings: llmRelabel } : {}),
    }));
    return {
        apiVersion: monitoringApis[api],
        kind: m.kind,
        metadata: { name: m.name, namespace: m.namespace, ...(Object.keys(labels).length ? { labels } : {}) },
        spec: {
            ...(api === "azure" ? azureLabelLimits : {}),
            selector: m.selector,
            namespaceSelector: { matchNames: [m.namespace] },
            [m.kind === "PodMonitor" ? "podMetricsEndpoints" : "endpoints"]: endpoints,
        },
    };
}

/** The targets a scrape configuration collects; kube-state-metrics comes with every supported monitoring stack. */
export function scrapedTargets(monitors: readonly MonitorDeclaration[]): Set<ScrapeTarget> {
    return new Set<ScrapeTarget>(["kubeStateMetrics", ...monitors.flatMap((m) => m.endpoints.map((e) => e.target))]);
}

/** The monitors of LLM serving, one per namespace (OpenShift's user-workload Prometheus reads no other). */
export function llmScrapeConfiguration(o: LlmScrapeOptions): MonitorDeclaration[] {
    const monitors: MonitorDeclaration[] = [];
    for (const namespace of [...new Set(o.namespaces)].sort()) {
        monitors.push(
            {
                kind: "PodMonitor",
                name: "kserve-llm-vllm",
                namespace,
                selector: {
                    matchLabels: { [llmPodLabels.partOf.key]: llmPodLabels.partOf.value },
                    matchExpressions: [{ key: llmPodLabels.component, operator: "In", values: [...llmPodLabels.workloads] }],
                },
                endpoints: [{ port: "", targetPort: llmPorts.vllm, path: "/metrics", target: "vllm", llmLabel: true }],
            },
            {
                kind: "PodMonitor",
                name: "kserve-llm-scheduler",
                namespace,
                selector: { matchLabels: { [llmPodLabels.partOf.key]: llmPodLabels.partOf.value, [llmPodLabels.component]: llmPodLabels.scheduler } },
                // The EPP authenticates /metrics with a TokenReview: KServe binds its service account to
                // system:auth-delegator (scheduler.go reconcileSchedulerAuthDelegatorBinding).
                endpoints: [{ port: llmPorts.schedulerMetrics, path: "/metrics", target: "epp", serviceAccountToken: true, llmLabel: true }],
            },
        );
    }
    if (o.dcgmExporterNamespace) {
        monitors.push({
            kind: "ServiceMonitor",
            name: "dcgm-exporter",
            namespace: o.dcgmExporterNamespace,
            selector: { matchLabels: { ...dcgmExporter.nameLabel } },
            endpoints: [{ port: dcgmExporter.port, path: "/metrics", target: "dcgm" }],
        });
    }
    return monitors;
}
