// How KServePlatform's args become the monitoring components' arguments.
import type { AppGatewayIngress, Network } from "../azure";
import type { AksCluster } from "../cluster";
import type { MonitoringWorkspace, MonitoringWorkspaceArgs } from "../monitoring/azure";
import type { PlatformMonitoringArgs } from "../monitoring/platform";
import type { ServingPlatform } from "../platform";
import type { Models } from "../serving";
import type { KServePlatformArgs } from "./args";

/** The workspaces monitoring data goes to (Azure flavours); they exist before the cluster that sends to them. */
export function monitoringWorkspaceArgs(args: KServePlatformArgs, net: Network | undefined): MonitoringWorkspaceArgs | undefined {
    const { cluster, monitoring } = args;
    return net && cluster.flavor !== "existing" && monitoring
        ? {
              resourceGroupName: net.resourceGroupName,
              location: cluster.azure.location,
              prometheus: cluster.flavor === "aks",
              logRetentionDays: monitoring.logRetentionDays,
              grafana: monitoring.grafana,
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

/** Scrape configuration, alert rules and dashboards, when `monitoring` is set. */
export function platformMonitoringArgs(args: KServePlatformArgs, s: MonitoredStack): PlatformMonitoringArgs | undefined {
    const { cluster, monitoring, platform, models } = args;
    if (!monitoring) {
        return undefined;
    }
    return {
        api: monitoring.api,
        openshift: monitoring.openshift,
        labels: monitoring.selectorLabels,
        knative: platform.deploymentMode === "Knative",
        istio: platform.installIstio,
        sidecars: platform.sidecarInjection,
        models: models.models.map((m) => ({ name: m.name, namespace: m.namespace ?? models.defaultNamespace })),
        thresholds: monitoring.thresholds,
        // LLM serving: vLLM and the scheduler in the namespaces that hold LLMs; GPUs wherever DCGM runs.
        ...(s.platform.llmGateway || monitoring.dcgmExporterNamespace
            ? {
                  llm: {
                      namespaces: s.platform.llmGateway ? [...new Set([models.defaultNamespace, ...(models.llms ?? []).map((l) => l.namespace ?? models.defaultNamespace)])] : [],
                      ...(monitoring.dcgmExporterNamespace ? { dcgmExporterNamespace: monitoring.dcgmExporterNamespace } : {}),
                  },
              }
            : {}),
        platform: [...s.platform.modelDependencies, ...s.platform.llmDependencies, ...Object.values(s.models.namespaces)],
        azure:
            s.workspace && s.net && cluster.flavor !== "existing"
                ? {
                      resourceGroupName: s.net.resourceGroupName,
                      location: cluster.azure.location,
                      workspace: s.workspace,
                      aks: s.aks && { id: s.aks.cluster.id, name: s.aks.clusterName },
                      appGatewayId: s.gateway?.gateway.id,
                      actionGroupId: monitoring.actionGroupId,
                      roleAssignmentWaitSeconds: cluster.azure.roleAssignmentWaitSeconds,
                  }
                : undefined,
    };
}
