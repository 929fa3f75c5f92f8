/**
 * Zones and the network and access baseline of the Azure flavours: availability zones, authorized
 * API server ranges, Defender for Containers, the Azure Policy add-on, local accounts and the model
 * store's private endpoint, with the rules a prod stack must meet. Called from `loadConfig`.
 */
import { cidrContains, cidrsOverlap, parseCidr } from "../components/common";
import type { AzureBaselineSettings } from "../components/azure";
import type { Reader } from "./reader";
import type { StackConfig } from "./types";
import type { ConfigKeyName } from "./schema";

const zoneNames = ["1", "2", "3"];
const workspaceId = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i;

/** Reads and checks the baseline keys; undefined for `existing` clusters (after flagging Azure-only keys set there). */
export function readAzureBaseline(r: Reader, config: StackConfig): AzureBaselineSettings | undefined {
    const zones = r.strings("azureZones", /^[123]$/, 'a zone number "1", "2" or "3" (quoted)');
    zones.forEach((zone, i) => {
        if (zones.indexOf(zone) !== i) {
            r.problem("azureZones", `zone "${zone}" is listed twice`, `[${i}]`);
        }
    });
    const prod = config.environment === "prod";
    // Zones on an existing cluster are refused by the generic flavour rule (config/keys.ts).
    if (!config.azure) {
        return undefined;
    }
    const settings: AzureBaselineSettings = { zones: zones.filter((z) => zoneNames.includes(z)) };
    if (prod && new Set(settings.zones).size < 2) {
        r.problem("azureZones", 'a prod stack needs its pools, Application Gateway and public IPs spread over at least two availability zones; set ["1", "2", "3"]');
    }

    if (config.aks?.natGatewayZone !== undefined) {
        const zone = config.aks.natGatewayZone;
        if (config.aks.outboundType !== "userAssignedNATGateway") {
            r.problem("aksNatGatewayZone", `only applies with aksOutboundType userAssignedNATGateway (got ${config.aks.outboundType})`);
        } else if (!settings.zones.includes(zone)) {
            r.problem("aksNatGatewayZone", `got "${zone}"; must be one of azureZones (${settings.zones.join(", ") || "none set"})`);
        }
    }

    if (config.aks) {
        const authorizedIpRanges = r.strings("aksAuthorizedIpRanges");
        authorizedIpRanges.forEach((range, i) => {
            if (!parseCidr(range)) {
                r.problem("aksAuthorizedIpRanges", `got "${range}"; must be an IPv4 range a.b.c.d/n (a single address is a.b.c.d/32)`, `[${i}]`);
            }
        });
        if (authorizedIpRanges.length && config.aks.privateCluster) {
            r.problem("aksAuthorizedIpRanges", "only applies to a public API server; a private cluster's API server is reachable from the VNet alone (aksPrivateCluster is true)");
        }
        const defender = r.boolean("aksDefender");
        const workspace = r.string("aksDefenderWorkspaceId");
        if (workspace && !workspaceId.test(workspace)) {
            r.problem("aksDefenderWorkspaceId", `got "${workspace}"; must be a Log Analytics workspace resource id /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`);
        }
        settings.aks = { authorizedIpRanges, defender: defender ? { logAnalyticsWorkspaceId: workspace } : undefined, azurePolicy: r.boolean("aksAzurePolicy") };
        if (prod) {
            const needs = (key: ConfigKeyName, ok: boolean, what: string) => ok || r.problem(key, `a prod stack needs ${what}`);
            needs("aksDisableLocalAccounts", config.aks.disableLocalAccounts, "local accounts off (Entra ID and Azure RBAC only); set true");
            needs("aksDefender", defender, "Microsoft Defender for Containers; set true");
            needs("aksAzurePolicy", settings.aks.azurePolicy, "the Azure Policy add-on; set true");
        }
    }
    // AKS keys on another flavour are refused by the generic flavour rule (config/keys.ts).

    const privateEndpoint = r.boolean("modelStorePrivateEndpoint");
    const publicNetworkAccess = r.boolean("modelStorePublicNetworkAccess");
    if (config.modelStore) {
        settings.modelStore = { privateEndpoint, publicNetworkAccess };
        if (!publicNetworkAccess && !privateEndpoint) {
            r.problem("modelStorePublicNetworkAccess", "is false, but there is no private endpoint: nothing could reach the store; set modelStorePrivateEndpoint true");
        }
        if (prod) {
            if (!privateEndpoint) {
                r.problem("modelStorePrivateEndpoint", "a prod stack needs the model store behind a private endpoint; set true");
            }
            if (publicNetworkAccess) {
                r.problem("modelStorePublicNetworkAccess", "a prod stack needs the model store's public endpoint off; set false (upload from inside the VNet, docs/private-clusters.md)");
            }
        }
    } else if (privateEndpoint) {
        r.problem("modelStorePrivateEndpoint", "needs a model store; set kserve-platform:modelStoreAccountName");
    }
    if (privateEndpoint && config.modelStore) {
        settings.privateEndpointSubnetCidr = checkEndpointSubnet(r, config);
    }
    return settings;
}

/** The private endpoint subnet must sit in the VNet, clear of every other subnet. */
function checkEndpointSubnet(r: Reader, config: StackConfig): string {
    const text = r.required("privateEndpointSubnetCidr");
    const subnet = parseCidr(text);
    if (!subnet) {
        r.problem("privateEndpointSubnetCidr", `got "${text}"; must be an IPv4 range a.b.c.d/n with the address on the range's boundary`);
        return text;
    }
    const vnet = config.azure && parseCidr(config.azure.vnetCidr);
    if (vnet && !cidrContains(vnet, subnet)) {
        r.problem("privateEndpointSubnetCidr", `${text} is not inside azureVnetCidr ${config.azure?.vnetCidr}`);
    }
    const others: [ConfigKeyName, string | undefined][] = [
        ["aksNodeSubnetCidr", config.aks?.nodeSubnetCidr],
        ["appGatewaySubnetCidr", config.appGateway?.subnetCidr],
        ["aroMasterSubnetCidr", config.aro?.masterSubnetCidr],
        ["aroWorkerSubnetCidr", config.aro?.workerSubnetCidr],
    ];
    for (const [key, other] of others) {
        const range = other ? parseCidr(other) : undefined;
        if (range && cidrsOverlap(subnet, range)) {
            r.problem("privateEndpointSubnetCidr", `${text} overlaps ${key} ${other}; private endpoints need a subnet of their own`);
        }
    }
    return text;
}
