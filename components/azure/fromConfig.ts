// How the stack config becomes the Azure components' arguments (used by KServePlatform).
import type { AksCluster } from "../cluster";
import type { StackConfig } from "../config";
import type { AppGatewayIngressArgs } from "./appGateway";
import type { ModelStoreArgs } from "./modelStore";
import type { Network, NetworkArgs, SubnetArgs } from "./network";
import { appGatewaySubnetRules, nodeSubnetRules, privateEndpointSubnetRules } from "./nsg";

/** The network of an Azure flavour and the subnet the internal gateway load balancer takes its address from. */
export function networkArgs(config: StackConfig): { args: NetworkArgs; gatewaySubnet?: string } | undefined {
    if (!(config.azure && (config.aks || config.aro))) {
        return undefined;
    }
    /** Subnet the internal gateway load balancer takes its address from. */
    let gatewaySubnet: string | undefined;
    const subnets: Record<string, SubnetArgs> = {};
    if (config.aks) {
        subnets.nodes = {
            cidr: config.aks.nodeSubnetCidr,
            natGateway: config.aks.outboundType === "userAssignedNATGateway",
            // Model downloads from the store then stay on Azure's backbone instead of the NAT gateway.
            serviceEndpoints: config.modelStore ? ["Microsoft.Storage"] : undefined,
            securityRules: nodeSubnetRules(!config.ingressInternal),
        };
        gatewaySubnet = "nodes";
    }
    if (config.aro) {
        // ARO pulls its images through the registry service endpoint; its control plane is a private link service.
        subnets.master = { cidr: config.aro.masterSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"], privateLinkServiceNetworkPolicies: "Disabled" };
        subnets.workers = { cidr: config.aro.workerSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"] };
        gatewaySubnet = "workers";
    }
    if (config.appGateway) {
        subnets.appgateway = { cidr: config.appGateway.subnetCidr, securityRules: appGatewaySubnetRules() };
    }
    if (config.azureBaseline?.privateEndpointSubnetCidr) {
        // Without the policy, Azure skips the subnet's NSG for private endpoints and its rules would be decoration.
        subnets.endpoints = { cidr: config.azureBaseline.privateEndpointSubnetCidr, securityRules: privateEndpointSubnetRules(), privateEndpointNetworkPolicies: "NetworkSecurityGroupEnabled" };
    }
    return {
        args: {
            location: config.azure.location,
            resourceGroupName: config.azure.resourceGroupName,
            addressSpace: config.azure.vnetCidr,
            subnets,
            natGateway: config.aks?.outboundType === "userAssignedNATGateway",
            zones: config.azureBaseline?.zones,
            natGatewayZone: config.aks?.natGatewayZone,
        },
        gatewaySubnet,
    };
}

/** The model store, when the stack has one (AKS only: it needs the cluster's OIDC issuer). */
export function modelStoreArgs(config: StackConfig, net: Network | undefined, aks: AksCluster | undefined): ModelStoreArgs | undefined {
    return net && aks && config.azure && config.modelStore
        ? {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              accountName: config.modelStore.accountName,
              containerName: config.modelStore.containerName,
              serviceAccountName: config.modelStore.serviceAccountName,
              sku: config.modelStore.sku,
              protect: config.modelStore.protect,
              oidcIssuerUrl: aks.oidcIssuerUrl,
              namespaces: config.modelStore.namespaces,
              roleAssignmentWaitSeconds: config.azure.roleAssignmentWaitSeconds,
              privateEndpoint: config.azureBaseline?.modelStore?.privateEndpoint ? { subnetId: net.subnetIds.endpoints, vnetId: net.vnet.id } : undefined,
              publicNetworkAccess: config.azureBaseline?.modelStore?.publicNetworkAccess,
          }
        : undefined;
}

/** The public door of a private cluster, when the stack asks for one. */
export function appGatewayArgs(config: StackConfig, net: Network | undefined): AppGatewayIngressArgs | undefined {
    return net && config.azure && config.appGateway && config.ingressPrivateIp
        ? {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              subnetId: net.subnetIds.appgateway,
              backendIp: config.ingressPrivateIp,
              domain: config.domain,
              certificate: config.appGateway.certificate,
              minCapacity: config.appGateway.minCapacity,
              maxCapacity: config.appGateway.maxCapacity,
              wafMode: config.appGateway.wafMode,
              dnsZone: config.appGateway.dnsZone,
              waf: config.appGateway.waf,
              zones: config.azureBaseline?.zones,
              roleAssignmentWaitSeconds: config.azure.roleAssignmentWaitSeconds,
          }
        : undefined;
}
