// Zones and the network and access baseline of the Azure flavours. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import type { ConfigKey } from "./key";

/** Zones and the network and access baseline of the Azure flavours. */
export const baselineKeys = {
    azureZones: {
        type: "array",
        items: "string",
        description:
            'Azure: availability zones the AKS pools, the Application Gateway and the public IPs spread over, e.g. ["1", "2", "3"] (quoted); the NAT gateway is zonal and goes in aksNatGatewayZone (default: the first). Empty: no zones (regions without zones). A prod stack needs at least two.',
        default: defaults.azureZones,
    },
    aksAuthorizedIpRanges: {
        type: "array",
        items: "string",
        description: "AKS: CIDRs allowed to reach a public API server (apiServerAccessProfile.authorizedIPRanges); include where Pulumi runs. Empty: any address. Not for private clusters.",
        default: [],
    },
    aksDefender: {
        type: "boolean",
        description: "AKS: Microsoft Defender for Containers (securityProfile.defender), reporting to aksDefenderWorkspaceId or to a Log Analytics workspace the stack creates. Required in prod.",
        default: false,
    },
    aksDefenderWorkspaceId: {
        type: "string",
        description: "AKS: resource id of the Log Analytics workspace Defender reports to. Unset: the stack creates one.",
        default: "",
    },
    aksAzurePolicy: {
        type: "boolean",
        description: "AKS: the Azure Policy add-on (addonProfiles.azurepolicy), which audits or enforces policy assignments inside the cluster. Required in prod.",
        default: false,
    },
    privateEndpointSubnetCidr: {
        type: "string",
        description: "Azure: subnet of private endpoints (the model store's), inside azureVnetCidr.",
        default: defaults.azureNetwork.privateEndpointSubnetCidr,
    },
    modelStorePrivateEndpoint: {
        type: "boolean",
        description: "Azure: reach the model store through a private endpoint and the privatelink.blob.core.windows.net private DNS zone linked to the VNet. Required in prod.",
        default: false,
    },
    modelStorePublicNetworkAccess: {
        type: "boolean",
        description: "Azure: let the model store's public endpoint accept traffic (uploads from outside the VNet). Must be false in prod, which needs modelStorePrivateEndpoint.",
        default: true,
    },
} as const satisfies Record<string, ConfigKey>;
