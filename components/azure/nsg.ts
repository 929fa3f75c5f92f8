import type { network } from "@pulumi/azure-native/types/input";
import { azureNetworkNames } from "../defaults";

/** One network security rule, as `network.SecurityRuleArgs` without the ids. */
export type NsgRule = Omit<network.SecurityRuleArgs, "id"> & { name: string; priority: number };

const inbound = { direction: "Inbound", access: "Allow", sourcePortRange: "*" } as const;

/**
 * The Application Gateway v2 subnet (Azure, "Application Gateway infrastructure configuration"):
 * GatewayManager must reach 65200-65535, the Azure load balancer's probes must get in, clients
 * reach the listeners on 443 and 80 (the HTTP listener redirects), and nothing else comes in.
 * Outbound stays on Azure's default rules: the gateway needs the internet.
 */
export function appGatewaySubnetRules(): NsgRule[] {
    return [
        { ...inbound, name: "AllowHttpsInbound", priority: 100, protocol: "Tcp", sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", destinationPortRange: "443" },
        { ...inbound, name: "AllowHttpInbound", priority: 110, protocol: "Tcp", sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", destinationPortRange: "80" },
        {
            ...inbound,
            name: "AllowGatewayManagerInbound",
            priority: 120,
            protocol: "Tcp",
            sourceAddressPrefix: "GatewayManager",
            destinationAddressPrefix: "*",
            destinationPortRange: azureNetworkNames.appGatewayInfrastructurePorts,
        },
        { ...inbound, name: "AllowAzureLoadBalancerInbound", priority: 130, protocol: "*", sourceAddressPrefix: "AzureLoadBalancer", destinationAddressPrefix: "*", destinationPortRange: "*" },
        { ...inbound, access: "Deny", name: "DenyAllInbound", priority: 4000, protocol: "*", sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
    ];
}

/**
 * The AKS node subnet. Azure's default rules already let the VNet (the Application Gateway, the
 * nodes, the internal load balancer) and the Azure load balancer in and keep the internet out, which
 * is what a private cluster wants. A public Istio gateway (dev) also needs clients on 80 and 443: AKS
 * opens its own NSG on the nodes' NICs, but not one on the subnet.
 */
export function nodeSubnetRules(publicIngress: boolean): NsgRule[] {
    return publicIngress
        ? [{ ...inbound, name: "AllowIngressHttpInbound", priority: 100, protocol: "Tcp", sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", destinationPortRanges: ["80", "443"] }]
        : [];
}

/** The private endpoint subnet: HTTPS from the VNet to the endpoints, nothing else in or out (as mspnp/aks-baseline). */
export function privateEndpointSubnetRules(): NsgRule[] {
    return [
        { ...inbound, name: "AllowVnetHttpsInbound", priority: 100, protocol: "Tcp", sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "VirtualNetwork", destinationPortRange: "443" },
        { ...inbound, access: "Deny", name: "DenyAllInbound", priority: 4000, protocol: "*", sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
        { direction: "Outbound", access: "Deny", sourcePortRange: "*", name: "DenyAllOutbound", priority: 4000, protocol: "*", sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
    ];
}
