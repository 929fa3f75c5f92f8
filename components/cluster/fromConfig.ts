// How the stack config becomes the cluster components' arguments (used by KServePlatform).
import type { Network } from "../azure";
import type { StackConfig } from "../config";
import { aksKubeStateMetricsLabels, type MonitoringWorkspace } from "../monitoring";
import type { AksClusterArgs } from "./aks";
import { gpuClusterArgs } from "./gpuFromConfig";
import type { AroClusterArgs } from "./aro";
import type { ExistingClusterArgs } from "./existing";

/** The AKS cluster of flavour `aks`, in the stack's network. */
export function aksArgs(config: StackConfig, net: Network | undefined, monitoring?: MonitoringWorkspace): AksClusterArgs | undefined {
    return net && config.azure && config.aks
        ? {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              nodeSubnetId: net.subnetIds.nodes,
              kubernetesVersion: config.aks.kubernetesVersion,
              tier: config.aks.tier,
              supportPlan: config.aks.supportPlan,
              maintenance: config.aks.maintenance,
              systemPool: config.aks.systemPool,
              userPool: config.aks.userPool,
              gpuPool: config.aks.gpuPool,
              ...gpuClusterArgs(config),
              addresses: { podCidr: config.aks.podCidr, serviceCidr: config.aks.serviceCidr, dnsServiceIp: config.aks.dnsServiceIp },
              outboundType: config.aks.outboundType,
              privateCluster: config.aks.privateCluster,
              upgradeChannel: config.aks.upgradeChannel,
              nodeOsUpgradeChannel: config.aks.nodeOsUpgradeChannel,
              adminGroupObjectIds: config.aks.adminGroupObjectIds,
              disableLocalAccounts: config.aks.disableLocalAccounts,
              kubeloginMode: config.aks.kubeloginMode,
              deployerPrincipalType: config.aks.deployerPrincipalType,
              deployerObjectId: config.aks.deployerObjectId,
              roleAssignmentWaitSeconds: config.azure.roleAssignmentWaitSeconds,
              zones: config.azureBaseline?.zones,
              ...config.azureBaseline?.aks,
              // Defender reports to the monitoring workspace when the stack has one and names no other.
              defender: config.azureBaseline?.aks?.defender && { logAnalyticsWorkspaceId: config.azureBaseline.aks.defender.logAnalyticsWorkspaceId ?? monitoring?.logAnalytics.id },
              monitoring: monitoring && { prometheus: true, kubeStateMetricsLabels: aksKubeStateMetricsLabels, containerInsightsWorkspaceId: monitoring.logAnalytics.id },
          }
        : undefined;
}

/** The ARO cluster of flavour `aro`, in the stack's network. */
export function aroArgs(config: StackConfig, net: Network | undefined): AroClusterArgs | undefined {
    return net && config.azure && config.aro
        ? {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              vnetId: net.vnet.id,
              masterSubnetId: net.subnetIds.master,
              workerSubnetId: net.subnetIds.workers,
              domain: config.aro.domain,
              version: config.aro.version,
              pullSecret: config.aro.pullSecret,
              servicePrincipal: { clientId: config.aro.clientId, clientSecret: config.aro.clientSecret, objectId: config.aro.servicePrincipalObjectId },
              resourceProviderObjectId: config.aro.resourceProviderObjectId,
              apiVisibility: config.aro.apiVisibility,
              ingressVisibility: config.aro.ingressVisibility,
              masterVmSize: config.aro.masterVmSize,
              workers: { vmSize: config.aro.workerVmSize, count: config.aro.workerCount },
              addresses: { podCidr: config.aro.podCidr, serviceCidr: config.aro.serviceCidr },
              roleAssignmentWaitSeconds: config.azure.roleAssignmentWaitSeconds,
          }
        : undefined;
}

/** A cluster the stack does not own: the kubeconfig's, or none at all when only rendering manifests. */
export function existingClusterArgs(config: StackConfig): ExistingClusterArgs {
    return {
        kubeconfig: config.kubeconfig,
        context: config.kubeContext,
        renderYamlToDirectory: config.renderYamlToDirectory,
    };
}
