// How the stack config becomes the monitoring components' arguments (used by KServePlatform).
import type { AppGatewayIngress, Network } from "../azure";
import type { AksCluster } from "../cluster";
import type { StackConfig } from "../config";
import type { ServingPlatform } from "../platform";
import type { Models } from "../serving";
import type { MonitoringWorkspace, MonitoringWorkspaceArgs } from "./azure";
import type { PlatformMonitoringArgs } from "./platform";

/** The workspaces monitoring data goes to (Azure flavours); they exist before the cluster that sends to them. */
export function monitoringWorkspaceArgs(config: StackConfig, net: Network | undefined): MonitoringWorkspaceArgs | undefined {
    return net && config.azure && config.monitoring
        ? {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              prometheus: !!config.aks,
              logRetentionDays: config.monitoring.logRetentionDays,
              grafana: config.monitoring.grafana,
          }
        : undefined;
}

/** What the stack's scrape configuration, alerts and dashboards watch. */
export interface MonitoredStack {
    /** The platform the models run on. */
    platform: ServingPlatform;
    /** The models. */
    models: Models;
    /** The Azure workspaces (Azure flavours). */
    workspace?: MonitoringWorkspace;
    /** The stack's network (Azure flavours). */
    net?: Network;
    /** The AKS cluster (flavour `aks`). */
    aks?: AksCluster;
    /** The Application Gateway, whose access and WAF logs are collected. */
    gateway?: AppGatewayIngress;
}

/** Scrape configuration, alert rules and dashboards, when `monitoring` is on. */
export function platformMonitoringArgs(config: StackConfig, s: MonitoredStack): PlatformMonitoringArgs | undefined {
    if (!config.monitoring) {
        return undefined;
    }
    return {
        api: config.monitoring.api,
        openshift: config.monitoring.openshift,
        labels: config.monitoring.selectorLabels,
        knative: config.deploymentMode === "Knative",
        istio: config.installIstio,
        sidecars: config.sidecarInjection,
        models: config.models.map((m) => ({ name: m.name, namespace: m.namespace ?? config.modelNamespace })),
        thresholds: config.monitoring.thresholds,
        // LLM serving: vLLM and the scheduler in the stack's model namespace (the coordinator adds the declared LLMs' namespaces).
        ...(s.platform.llmGateway ? { llm: { namespaces: [config.modelNamespace] } } : {}),
        platform: [...s.platform.modelDependencies, ...s.platform.llmDependencies, ...Object.values(s.models.namespaces)],
        azure: s.workspace &&
            config.azure &&
            s.net && {
                resourceGroupName: s.net.resourceGroupName,
                location: config.azure.location,
                workspace: s.workspace,
                aks: s.aks && { id: s.aks.cluster.id, name: s.aks.clusterName },
                appGatewayId: s.gateway?.gateway.id,
                actionGroupId: config.monitoring.actionGroupId,
                roleAssignmentWaitSeconds: config.azure.roleAssignmentWaitSeconds,
            },
    };
}
