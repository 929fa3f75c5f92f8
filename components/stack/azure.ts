// How KServePlatform's args become the Azure components' arguments.
import type { AksCluster } from "../cluster";
import type { AppGatewayIngressArgs } from "../azure/appGateway";
import type { ModelStoreArgs } from "../azure/modelStore";
import type { Network, NetworkArgs, SubnetArgs } from "../azure/network";
import { appGatewaySubnetRules, nodeSubnetRules, privateEndpointSubnetRules } from "../azure/nsg";
import type { KServePlatformArgs } from "./args";

/** The network of an Azure flavour and the subnet the internal gateway load balancer takes its address from. */
export function networkArgs(args: KServePlatformArgs): { args: NetworkArgs; gatewaySubnet?: string } | undefined {
    const cluster = args.cluster;
    if (cluster.flavor === "existing") {
        return undefined;
    }
    /** Subnet the internal gateway load balancer takes its address from. */
    let gatewaySubnet: string | undefined;
    const subnets: Record<string, SubnetArgs> = {};
    if (cluster.flavor === "aks") {
        subnets.nodes = {
            cidr: cluster.aks.nodeSubnetCidr,
            natGateway: cluster.aks.outboundType === "userAssignedNATGateway",
            // Model downloads from the store then stay on Azure's backbone instead of the NAT gateway.
            serviceEndpoints: args.store ? ["Microsoft.Storage"] : undefined,
            securityRules: nodeSubnetRules(!args.ingress.internal),
        };
        gatewaySubnet = "nodes";
    }
    if (cluster.flavor === "aro") {
        // ARO pulls its images through the registry service endpoint; its control plane is a private link service.
        subnets.master = { cidr: cluster.aro.masterSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"], privateLinkServiceNetworkPolicies: "Disabled" };
        subnets.workers = { cidr: cluster.aro.workerSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"] };
        gatewaySubnet = "workers";
    }
    if (args.ingress.appGateway) {
        subnets.appgateway = { cidr: args.ingress.appGateway.subnetCidr, securityRules: appGatewaySubnetRules() };
    }
    if (cluster.baseline?.privateEndpointSubnetCidr) {
        // Without the policy, Azure skips the subnet's NSG for private endpoints and its rules would be decoration.
        subnets.endpoints = { cidr: cluster.baseline.privateEndpointSubnetCidr, securityRules: privateEndpointSubnetRules(), privateEndpointNetworkPolicies: "NetworkSecurityGroupEnabled" };
    }
    return {
        args: {
            location: cluster.azure.location,
            resourceGroupName: cluster.azure.resourceGroupName,
            addressSpace: cluster.azure.vnetCidr,
            subnets,
            natGateway: cluster.flavor === "aks" && cluster.aks.outboundType === "userAssignedNATGateway",
            zones: cluster.baseline?.zones,
            natGatewayZone: cluster.flavor === "aks" ? cluster.aks.natGatewayZone : undefined,
        },
        gatewaySubnet,
    };
}

/** The model store, when the stack has one (AKS only: it needs the cluster's OIDC issuer). */
export function modelStoreArgs(args: KServePlatformArgs, net: Network | undefined, aks: AksCluster | undefined): ModelStoreArgs | undefined {
    const { cluster, store } = args;
    return net && aks && cluster.flavor !== "existing" && store
        ? {
              resourceGroupName: net.resourceGroupName,
              location: cluster.azure.location,
              accountName: store.accountName,
              containerName: store.containerName,
              serviceAccountName: store.serviceAccountName,
              sku: store.sku,
              protect: store.protect,
              oidcIssuerUrl: aks.oidcIssuerUrl,
              // The model cache's download jobs read the store too (workload identity, like the storage initializer).
              namespaces: [...new Set([...store.namespaces, ...(args.gpu?.modelCache ? [args.gpu.modelCache.jobNamespace] : [])])],
              roleAssignmentWaitSeconds: cluster.azure.roleAssignmentWaitSeconds,
              privateEndpoint: cluster.baseline?.modelStore?.privateEndpoint ? { subnetId: net.subnetIds.endpoints, vnetId: net.vnet.id } : undefined,
              publicNetworkAccess: cluster.baseline?.modelStore?.publicNetworkAccess,
          }
        : undefined;
}

/** The public door of a private cluster, when the stack asks for one. */
export function appGatewayArgs(args: KServePlatformArgs, net: Network | undefined): AppGatewayIngressArgs | undefined {
    const { cluster, ingress } = args;
    return net && cluster.flavor !== "existing" && ingress.appGateway && ingress.privateIp
        ? {
              resourceGroupName: net.resourceGroupName,
              location: cluster.azure.location,
              subnetId: net.subnetIds.appgateway,
              backendIp: ingress.privateIp,
              domain: args.platform.domain,
              certificate: ingress.appGateway.certificate,
              minCapacity: ingress.appGateway.minCapacity,
              maxCapacity: ingress.appGateway.maxCapacity,
              wafMode: ingress.appGateway.wafMode,
              dnsZone: ingress.appGateway.dnsZone,
              waf: ingress.appGateway.waf,
              zones: cluster.baseline?.zones,
              roleAssignmentWaitSeconds: cluster.azure.roleAssignmentWaitSeconds,
          }
        : undefined;
}
