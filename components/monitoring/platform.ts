import * as pulumi from "@pulumi/pulumi";
import { AzureMonitoring, MonitoringWorkspace } from "./azure";
import { ClusterMonitoring } from "./cluster";
import { kservePodLabel } from "./metrics";
import { alertGroups, AlertThresholds, defaultThresholds } from "./rules";
import { MonitoringApi } from "./scrape";
import type { LlmScrapeOptions } from "./llm";

/**
 * `config-observability` of Knative Serving for Prometheus scraping: Knative 1.21 exports nothing
 * by default (`metrics-protocol: none`, knative/pkg observability/metrics/config.go). With
 * `prometheus`, its components serve /metrics on 9090 and each queue-proxy on 9091.
 */
export const knativePrometheusExport = { "metrics-protocol": "prometheus", "request-metrics-protocol": "prometheus" } as const;

/** kube-state-metrics labels AKS adds to `kube_pod_labels`, so alerts can name the model of a pod. */
export const aksKubeStateMetricsLabels = `pods=[${kservePodLabel}]`;

/** Arguments of {@link PlatformMonitoring}. */
export interface PlatformMonitoringArgs {
    /** Who scrapes and evaluates: AKS managed Prometheus (`azure`) or the Prometheus Operator (`operator`). */
    api: MonitoringApi;
    /** OpenShift: user-workload monitoring, with one PrometheusRule per namespace. */
    openshift?: boolean;
    /** Labels on monitors and rules for the Prometheus Operator's selectors. */
    labels?: Record<string, string>;
    /** Models run in Knative mode. */
    knative: boolean;
    /** The platform installs Istio. */
    istio: boolean;
    /** Model namespaces and knative-serving have Istio sidecars (STRICT mTLS). */
    sidecars: boolean;
    /** The models. */
    models: readonly { name: string; namespace: string }[];
    /** What the in-cluster resources wait for: the platform and the model namespaces. */
    platform?: readonly pulumi.Resource[];
    /** Alert thresholds. Defaults to {@link defaultThresholds}. */
    thresholds?: AlertThresholds;
    /** LLM serving: scrape vLLM and the scheduler in these namespaces (and DCGM where it runs), with the LLM alerts. */
    llm?: LlmScrapeOptions;
    /** Azure: the workspaces, and what to attach to them. */
    azure?: {
        resourceGroupName: pulumi.Input<string>;
        location: string;
        workspace: MonitoringWorkspace;
        aks?: { id: pulumi.Input<string>; name: pulumi.Input<string> };
        appGatewayId?: pulumi.Input<string>;
        actionGroupId?: string;
        /** Seconds to wait for a new role assignment to apply before what needs it. */
        roleAssignmentWaitSeconds?: number;
    };
}

/**
 * Metrics, alerts and dashboards of the serving platform: the scrape configuration in the cluster,
 * and on Azure the data collection, diagnostic settings, alert rule groups and dashboards. Give it
 * the cluster's provider and make it depend on the platform and the model namespaces.
 */
export class PlatformMonitoring extends pulumi.ComponentResource {
    readonly cluster: ClusterMonitoring;
    readonly azure?: AzureMonitoring;

    constructor(name: string, args: PlatformMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:monitoring:PlatformMonitoring", name, {}, opts);
        const modelNamespaces = [...new Set(args.models.map((m) => m.namespace))];
        const alerts = alertGroups({
            thresholds: args.thresholds ?? defaultThresholds,
            knative: args.knative,
            istio: args.istio,
            modelNamespaces,
            perNamespace: args.openshift,
            llm: args.llm ? { namespaces: args.llm.namespaces, gpu: args.llm.dcgmExporterNamespace !== undefined } : undefined,
        });
        if (args.azure) {
            const a = args.azure;
            this.azure = new AzureMonitoring(
                name,
                {
                    resourceGroupName: a.resourceGroupName,
                    location: a.location,
                    workspace: a.workspace,
                    aks: a.aks,
                    appGatewayId: a.appGatewayId,
                    alerts: args.api === "azure" ? alerts : undefined,
                    actionGroupId: a.actionGroupId,
                    roleAssignmentWaitSeconds: a.roleAssignmentWaitSeconds,
                },
                { parent: this },
            );
        }
        this.cluster = new ClusterMonitoring(
            name,
            {
                api: args.api,
                scrape: { modelNamespaces, knative: args.knative, istio: args.istio, sidecars: args.sidecars, ...(args.llm ? { llm: args.llm } : {}) },
                models: args.models,
                alerts: args.api === "operator" ? alerts : undefined,
                labels: args.labels,
                openshiftUserWorkload: args.openshift,
                // The managed Prometheus agent picks monitors up once data collection is attached.
                after: [...(args.platform ?? []), ...(this.azure ? [this.azure] : [])],
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
