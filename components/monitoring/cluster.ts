import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults } from "../defaults";
import { apiVersions } from "../versions";
import { llmPorts, llmWorkloadPodLabels } from "./llm";
import { kservePodLabel } from "./metrics";
import { MetricsReaderToken } from "./metricsReader";
import { AlertGroup, prometheusRuleSpec } from "./rules";
import { MonitoringApi, monitoringApis, monitorManifest, MonitorDeclaration, scrapeConfiguration, ScrapeOptions } from "./scrape";

/** Arguments of {@link ClusterMonitoring}. */
export interface ClusterMonitoringArgs {
    /** Who scrapes: AKS managed Prometheus (`azure`) or the Prometheus Operator / OpenShift user-workload monitoring (`operator`). */
    api: MonitoringApi;
    /** What runs on the cluster. */
    scrape: ScrapeOptions;
    /**
     * The models (for their mTLS exceptions under STRICT). Each model's queue-proxy metrics port
     * accepts plain-text scrapes; inference traffic keeps mutual TLS.
     */
    models?: readonly { name: string; namespace: string }[];
    /** Alert rules as PrometheusRules (the `operator` API; on AKS they are Azure rule groups). */
    alerts?: readonly AlertGroup[];
    /** Labels on every monitor and rule, for the Prometheus Operator's selectors. */
    labels?: Record<string, string>;
    /** OpenShift: turn user-workload monitoring on (`cluster-monitoring-config` in openshift-monitoring). */
    openshiftUserWorkload?: boolean;
    /** What every resource waits for: the platform (CRDs, namespaces), the model namespaces, data collection. */
    after?: readonly pulumi.Resource[];
}

/** Knative's queue-proxy port for user metrics (knative/serving v1.21.1 pkg/networking/constants.go). */
export const queueProxyMetricsPort = 9091;
/** Port of the Prometheus exporter of Knative's own components (knative/pkg observability/metrics/prometheus/server.go). */
export const knativeMetricsPort = 9090;

/**
 * The platform's scrape configuration and alert rules in the cluster: PodMonitors and
 * ServiceMonitors for model servers, queue-proxies, Istio proxies, Knative's activator and
 * autoscaler and KServe's controller; PrometheusRules where the Prometheus Operator evaluates
 * rules; port-level mTLS exceptions for the metrics ports under STRICT mTLS; and on OpenShift
 * user-workload monitoring.
 */
export class ClusterMonitoring extends pulumi.ComponentResource {
    /** The monitors, by `<namespace>/<name>`. */
    readonly monitors: Record<string, k8s.apiextensions.CustomResource> = {};
    /** The declarations behind them. */
    readonly declarations: MonitorDeclaration[];

    constructor(name: string, args: ClusterMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:monitoring:ClusterMonitoring", name, {}, opts);
        const labels = args.labels ?? {};
        let userWorkload: pulumi.Resource | undefined;
        if (args.openshiftUserWorkload) {
            // OpenShift 4.20 docs, "Enabling monitoring for user-defined projects". ARO's operator
            // creates this ConfigMap itself and rewrites config.yaml (Azure/ARO-RP
            // pkg/operator/controllers/monitoring), so a create fails with AlreadyExists: patch it
            // with server-side apply, forcing ownership of config.yaml back from the operator's
            // update, and leave it to the cluster on destroy.
            userWorkload = new k8s.core.v1.ConfigMapPatch(
                `${name}-user-workload`,
                {
                    metadata: { name: "cluster-monitoring-config", namespace: "openshift-monitoring", annotations: { "pulumi.com/patchForce": "true" } },
                    data: { "config.yaml": "enableUserWorkload: true\n" },
                },
                { parent: this, retainOnDelete: true },
            );
        }
        const after = [...(args.after ?? []), ...(userWorkload ? [userWorkload] : [])];
        this.declarations = scrapeConfiguration(args.scrape);
        // The Prometheus Operator reads kube-rbac-proxy's token from a Secret in the monitor's namespace.
        const readers: Record<string, MetricsReaderToken> = {};
        const readerFor = (namespace: string) => (readers[namespace] ??= new MetricsReaderToken(`${name}-${namespace}-metrics-reader`, { namespace, after }, { parent: this }));
        for (const m of this.declarations) {
            const credentials = args.api === "operator" && m.endpoints.some((e) => e.rbacProxy || e.serviceAccountToken) ? readerFor(m.namespace).credentials : undefined;
            this.monitors[`${m.namespace}/${m.name}`] = new k8s.apiextensions.CustomResource(`${name}-${m.namespace}-${m.name}`, monitorManifest(m, args.api, labels, credentials) as k8s.apiextensions.CustomResourceArgs, {
                parent: this,
                dependsOn: after,
            });
        }
        for (const g of args.alerts ?? []) {
            new k8s.apiextensions.CustomResource(
                `${name}-${g.namespace}-${g.name}`,
                {
                    apiVersion: monitoringApis.operator,
                    kind: "PrometheusRule",
                    metadata: { name: g.name, namespace: g.namespace, ...(Object.keys(labels).length ? { labels } : {}) },
                    spec: prometheusRuleSpec([g]),
                },
                { parent: this, dependsOn: after },
            );
        }
        if (args.scrape.sidecars) {
            this.mtlsExceptions(name, args);
        }
        this.registerOutputs({});
    }

    /**
     * Under STRICT mTLS a scraper outside the mesh cannot reach ports the sidecar guards. Istio
     * allows plain text per port for selected workloads: Knative's metrics ports only, never the
     * ports that carry requests (the Istio proxies' own 15090 is outside capture already).
     */
    private mtlsExceptions(name: string, args: ClusterMonitoringArgs): void {
        const exception = (id: string, namespace: string, selector: Record<string, string>, port: number) =>
            new k8s.apiextensions.CustomResource(
                `${name}-${id}-metrics-mtls`,
                {
                    apiVersion: apiVersions.peerAuthentication,
                    kind: "PeerAuthentication",
                    metadata: { name: `${id}-metrics`, namespace },
                    spec: { selector: { matchLabels: selector }, mtls: { mode: "STRICT" }, portLevelMtls: { [String(port)]: { mode: "PERMISSIVE" } } },
                },
                { parent: this, dependsOn: [...(args.after ?? [])] },
            );
        if (args.scrape.knative) {
            for (const m of args.models ?? []) {
                exception(`${m.namespace}-${m.name}`, m.namespace, { [kservePodLabel]: m.name }, queueProxyMetricsPort);
            }
        }
        for (const app of ["activator", "autoscaler"]) {
            exception(`knative-${app}`, defaults.namespaces.knativeServing, { app }, knativeMetricsPort);
        }
        // vLLM serves /metrics on its API port: plain text there is let in for GET /metrics only by the
        // LLM's AuthorizationPolicy (components/auth/modelAuth.ts); callers with tokens keep mTLS.
        for (const ns of [...new Set(args.scrape.llm?.namespaces ?? [])].sort()) {
            exception(`${ns}-llm-workloads`, ns, { ...llmWorkloadPodLabels }, llmPorts.vllm);
        }
    }
}
