import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import type { NsgRule } from "./nsg";

/** One subnet of the virtual network. */
export interface SubnetArgs {
    /** Address range, inside the VNet's. */
    cidr: string;
    /** Service the subnet is delegated to (e.g. `Microsoft.Network/applicationGateways`). */
    delegation?: string;
    /** Service endpoints to enable (e.g. `Microsoft.ContainerRegistry` for ARO). */
    serviceEndpoints?: string[];
    /** Route egress through the network's NAT gateway. */
    natGateway?: boolean;
    /** `Disabled` for subnets that host a private link service (ARO's master subnet). */
    privateLinkServiceNetworkPolicies?: "Enabled" | "Disabled";
    /**
     * Whether the subnet's NSG (and route table) apply to private endpoints in it. Azure leaves both
     * off for private endpoints unless this is set (private-link docs,
     * disable-private-endpoint-network-policy): `NetworkSecurityGroupEnabled` applies the NSG only.
     */
    privateEndpointNetworkPolicies?: "Enabled" | "Disabled" | "NetworkSecurityGroupEnabled" | "RouteTableEnabled";
    /**
     * A network security group of the subnet with these rules (beside Azure's defaults); `[]` gives
     * one with the defaults only. Unset: no NSG (ARO's subnets, which ARO attaches its own to).
     */
    securityRules?: NsgRule[];
}

/** Arguments of {@link Network}. */
export interface NetworkArgs {
    /** Azure region. */
    location: string;
    /** An existing resource group to use; unset creates `rg-<name>`. */
    resourceGroupName?: string;
    /** Address space of the VNet. */
    addressSpace: string;
    /** Subnets by name. */
    subnets: Record<string, SubnetArgs>;
    /** Create a NAT gateway (with a static public IP) for subnets that ask for it: fixed egress for private clusters. */
    natGateway?: boolean;
    /**
     * Availability zones of the deployment. A NAT gateway lives in one zone: it goes in
     * `natGatewayZone`, and its public IP is zone-redundant over all of them.
     */
    zones?: readonly string[];
    /**
     * Zone of the NAT gateway, one of `zones`; defaults to the first. The Standard SKU is zonal
     * (nat-gateway.md) and azure-native 3.28.0's NatGatewaySkuName has no zone-redundant SKU: losing
     * this zone stops all egress through the gateway, a risk this choice makes explicit.
     */
    natGatewayZone?: string;
}

/**
 * The Azure network a cluster lives in: a resource group (created, or an existing one), a virtual
 * network and its subnets, and optionally a NAT gateway for fixed egress.
 */
export class Network extends pulumi.ComponentResource {
    /** The resource group every Azure resource of the stack goes into. */
    readonly resourceGroupName: pulumi.Output<string>;
    /** The resource group, when this component created it. */
    readonly resourceGroup?: resources.ResourceGroup;
    /** The virtual network. */
    readonly vnet: network.VirtualNetwork;
    /** Subnets by name. */
    readonly subnets: Record<string, network.Subnet>;
    /** Subnet ids by name. */
    readonly subnetIds: Record<string, pulumi.Output<string>>;
    /** The region. */
    readonly location: string;
    /** Public IP of the NAT gateway (the cluster's egress address), when there is one. */
    readonly egressIp?: pulumi.Output<string | undefined>;
    /** Network security groups by subnet name. */
    readonly securityGroups: Record<string, network.NetworkSecurityGroup>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:azure:Network", name, {}, opts);
        this.location = args.location;
        if (args.resourceGroupName) {
            this.resourceGroupName = pulumi.output(args.resourceGroupName);
        } else {
            this.resourceGroup = new resources.ResourceGroup(name, { resourceGroupName: `rg-${name}`, location: args.location }, { parent: this });
            this.resourceGroupName = this.resourceGroup.name;
        }
        const resourceGroupName = this.resourceGroupName;

        this.vnet = new network.VirtualNetwork(
            name,
            { resourceGroupName, location: args.location, virtualNetworkName: `vnet-${name}`, addressSpace: { addressPrefixes: [args.addressSpace] } },
            // Subnets are separate resources; the VNet must not also manage them inline.
            { parent: this, ignoreChanges: ["subnets"] },
        );

        if (args.natGatewayZone !== undefined && !args.zones?.includes(args.natGatewayZone)) {
            throw new Error(`Network "${name}" natGatewayZone: got "${args.natGatewayZone}"; must be one of zones (${args.zones?.join(", ") || "none set"})`);
        }
        let natGateway: network.NatGateway | undefined;
        if (args.natGateway) {
            const ip = new network.PublicIPAddress(
                `${name}-egress`,
                { resourceGroupName, location: args.location, publicIpAddressName: `pip-${name}-egress`, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", zones: zoneList(args.zones) },
                { parent: this },
            );
            natGateway = new network.NatGateway(
                name,
                { resourceGroupName, location: args.location, natGatewayName: `ng-${name}`, sku: { name: "Standard" }, publicIpAddresses: [{ id: ip.id }], zones: args.zones?.length ? [args.natGatewayZone ?? args.zones[0]] : undefined },
                { parent: this },
            );
            this.egressIp = ip.ipAddress;
        }

        this.securityGroups = {};
        for (const [subnetName, subnet] of Object.entries(args.subnets)) {
            if (subnet.securityRules) {
                this.securityGroups[subnetName] = new network.NetworkSecurityGroup(
                    `${name}-${subnetName}`,
                    { resourceGroupName, location: args.location, networkSecurityGroupName: `nsg-${name}-${subnetName}`, securityRules: subnet.securityRules },
                    { parent: this },
                );
            }
        }

        this.subnets = {};
        let previous: pulumi.Resource | undefined;
        for (const [subnetName, subnet] of Object.entries(args.subnets)) {
            if (subnet.natGateway && !natGateway) {
                throw new Error(`subnet ${subnetName} asks for the NAT gateway, but natGateway is off`);
            }
            this.subnets[subnetName] = new network.Subnet(
                `${name}-${subnetName}`,
                {
                    resourceGroupName,
                    virtualNetworkName: this.vnet.name,
                    subnetName,
                    addressPrefix: subnet.cidr,
                    delegations: subnet.delegation ? [{ name: subnet.delegation.split("/").pop(), serviceName: subnet.delegation }] : undefined,
                    serviceEndpoints: subnet.serviceEndpoints?.map((service) => ({ service })),
                    natGateway: subnet.natGateway && natGateway ? { id: natGateway.id } : undefined,
                    privateLinkServiceNetworkPolicies: subnet.privateLinkServiceNetworkPolicies,
                    privateEndpointNetworkPolicies: subnet.privateEndpointNetworkPolicies,
                    networkSecurityGroup: this.securityGroups[subnetName] ? { id: this.securityGroups[subnetName].id } : undefined,
                },
                // Azure refuses concurrent changes to the subnets of one VNet (AnotherOperationInProgress): one at a time.
                { parent: this, dependsOn: previous ? [previous] : [] },
            );
            previous = this.subnets[subnetName];
        }
        this.subnetIds = Object.fromEntries(Object.entries(this.subnets).map(([n, s]) => [n, s.id]));
        this.registerOutputs({ resourceGroupName: this.resourceGroupName, subnetIds: this.subnetIds });
    }
}

/** Zones as Azure takes them; undefined (no zones) for an empty list. */
export function zoneList(zones: readonly string[] | undefined): string[] | undefined {
    return zones?.length ? [...zones] : undefined;
}
