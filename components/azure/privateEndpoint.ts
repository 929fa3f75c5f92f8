import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { azureNetworkNames } from "../defaults";

/** Where a storage account's private endpoint goes. */
export interface BlobPrivateEndpointArgs {
    /** Resource group of the endpoint and the DNS zone. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** The storage account. */
    accountId: pulumi.Input<string>;
    /** Subnet the endpoint takes its address from. */
    subnetId: pulumi.Input<string>;
    /** The VNet whose resolvers must answer the account's name with the endpoint's address. */
    vnetId: pulumi.Input<string>;
}

/** The resources of a Blob private endpoint. */
export interface BlobPrivateEndpoint {
    readonly dnsZone: privatedns.PrivateZone;
    readonly vnetLink: privatedns.VirtualNetworkLink;
    readonly endpoint: network.PrivateEndpoint;
    readonly dnsZoneGroup: network.PrivateDnsZoneGroup;
}

/**
 * A private endpoint for a storage account's Blob service and the `privatelink.blob.core.windows.net`
 * zone linked to the VNet: `<account>.blob.core.windows.net` then resolves, inside the VNet, to the
 * endpoint's private address (the zone group keeps the A record), so model URIs stay unchanged.
 */
export function blobPrivateEndpoint(name: string, args: BlobPrivateEndpointArgs, parent: pulumi.Resource): BlobPrivateEndpoint {
    const { resourceGroupName } = args;
    const dnsZone = new privatedns.PrivateZone(`${name}-blob`, { resourceGroupName, location: "global", privateZoneName: azureNetworkNames.blobPrivateDnsZone }, { parent });
    const vnetLink = new privatedns.VirtualNetworkLink(
        `${name}-blob`,
        { resourceGroupName, location: "global", privateZoneName: dnsZone.name, virtualNetworkLinkName: `link-${name}`, virtualNetwork: { id: args.vnetId }, registrationEnabled: false },
        { parent },
    );
    const endpoint = new network.PrivateEndpoint(
        `${name}-blob`,
        {
            resourceGroupName,
            location: args.location,
            privateEndpointName: `pe-${name}-blob`,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [{ name: `${name}-blob`, privateLinkServiceId: args.accountId, groupIds: [azureNetworkNames.blobGroupId] }],
        },
        { parent },
    );
    const dnsZoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-blob`,
        {
            resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: dnsZone.id }],
        },
        // Models must not start before the name resolves privately.
        { parent, dependsOn: [vnetLink] },
    );
    return { dnsZone, vnetLink, endpoint, dnsZoneGroup };
}
