// How KServePlatform's args become the cluster components' arguments.
import type { Network } from "../azure";
import type { AksClusterArgs } from "../cluster/aks";
import type { AroClusterArgs } from "../cluster/aro";
import type { ExistingClusterArgs } from "../cluster/existing";
import { aksKubeStateMetricsLabels, type MonitoringWorkspace } from "../monitoring";
import type { ClusterSettings, KServePlatformArgs } from "./args";
import { gpuClusterArgs } from "./gpu";

/** The AKS cluster of flavour `aks`, in the stack's network. */
export function aksArgs(args: KServePlatformArgs, net: Network | undefined, monitoring?: MonitoringWorkspace): AksClusterArgs | undefined {
    const cluster = args.cluster;
    return net && cluster.flavor === "aks"
        ? {
              resourceGroupName: net.resourceGroupName,
              location: cluster.azure.location,
              nodeSubnetId: net.subnetIds.nodes,
              kubernetesVersion: cluster.aks.kubernetesVersion,
              tier: cluster.aks.tier,
              supportPlan: cluster.aks.supportPlan,
              maintenance: cluster.aks.maintenance,
              systemPool: cluster.aks.systemPool,
              userPool: cluster.aks.userPool,
              ...gpuClusterArgs(args),
              addresses: { podCidr: cluster.aks.podCidr, serviceCidr: cluster.aks.serviceCidr, dnsServiceIp: cluster.aks.dnsServiceIp },
              outboundType: cluster.aks.outboundType,
              privateCluster: cluster.aks.privateCluster,
              upgradeChannel: cluster.aks.upgradeChannel,
              nodeOsUpgradeChannel: cluster.aks.nodeOsUpgradeChannel,
              adminGroupObjectIds: cluster.aks.adminGroupObjectIds,
              disableLocalAccounts: cluster.aks.disableLocalAccounts,
              kubeloginMode: cluster.aks.kubeloginMode,
              deployerPrincipalType: cluster.aks.deployerPrincipalType,
              deployerObjectId: cluster.aks.deployerObjectId,
              roleAssignmentWaitSeconds: cluster.azure.roleAssignmentWaitSeconds,
              zones: cluster.baseline?.zones,
              ...cluster.baseline?.aks,
              // Defender reports to the monitoring workspace when the stack has one and names no other.
              defender: cluster.baseline?.aks?.defender && { logAnalyticsWorkspaceId: cluster.baseline.aks.defender.logAnalyticsWorkspaceId ?? monitoring?.logAnalytics.id },
              monitoring: monitoring && { prometheus: true, kubeStateMetricsLabels: aksKubeStateMetricsLabels, containerInsightsWorkspaceId: monitoring.logAnalytics.id },
          }
        : undefined;
}

/** The ARO cluster of flavour `aro`, in the stack's network. */
export function aroArgs(args: KServePlatformArgs, net: Network | undefined): AroClusterArgs | undefined {
    const cluster = args.cluster;
    return net && cluster.flavor === "aro"
        ? {
              resourceGroupName: net.resourceGroupName,
              location: cluster.azure.location,
              vnetId: net.vnet.id,
              masterSubnetId: net.subnetIds.master,
              workerSubnetId: net.subnetIds.workers,
              domain: cluster.aro.domain,
              version: cluster.aro.version,
              pullSecret: cluster.aro.pullSecret,
              servicePrincipal: { clientId: cluster.aro.clientId, clientSecret: cluster.aro.clientSecret, objectId: cluster.aro.servicePrincipalObjectId },
              resourceProviderObjectId: cluster.aro.resourceProviderObjectId,
              apiVisibility: cluster.aro.apiVisibility,
              ingressVisibility: cluster.aro.ingressVisibility,
              masterVmSize: cluster.aro.masterVmSize,
              workers: { vmSize: cluster.aro.workerVmSize, count: cluster.aro.workerCount },
              addresses: { podCidr: cluster.aro.podCidr, serviceCidr: cluster.aro.serviceCidr },
              roleAssignmentWaitSeconds: cluster.azure.roleAssignmentWaitSeconds,
          }
        : undefined;
}

/** A cluster the stack does not own: the kubeconfig's, or none at all when only rendering manifests. */
export function existingClusterArgs(cluster: ClusterSettings): ExistingClusterArgs {
    const existing = cluster.flavor === "existing" ? cluster : undefined;
    return {
        kubeconfig: existing?.kubeconfig,
        context: existing?.context,
        renderYamlToDirectory: existing?.renderYamlToDirectory,
    };
}
