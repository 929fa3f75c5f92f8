import { expect } from "chai";
import { azure, Harness, promiseOf } from "./harness";
import { loadStack } from "./stackProblems";
import type * as azureModule from "../components/azure";
import type * as clusterModule from "../components/cluster";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SUBNET = "azure-native:network:Subnet";
const subnetId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes`;

describe("azure: network and access baseline components", () => {
    const h = new Harness();
    let az: typeof azureModule;
    let clusters: typeof clusterModule;

    before(async () => {
        await h.setup();
        az = await import("../components/azure");
        clusters = await import("../components/cluster");
        new az.Network("zonal", {
            location: "westeurope",
            addressSpace: "10.40.0.0/16",
            subnets: {
                nodes: { cidr: "10.40.0.0/20", natGateway: true, securityRules: az.nodeSubnetRules(false) },
                appgateway: { cidr: "10.40.16.0/24", securityRules: az.appGatewaySubnetRules() },
                endpoints: { cidr: "10.40.17.0/24", securityRules: az.privateEndpointSubnetRules() },
                workers: { cidr: "10.40.36.0/23" },
            },
            natGateway: true,
            zones: ["1", "2", "3"],
        });
        const gw = new az.AppGatewayIngress("zonal", {
            resourceGroupName: "rg",
            location: "westeurope",
            subnetId,
            backendIp: "10.40.15.250",
            domain: "models.example.com",
            certificate: { keyVaultId: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-models`, secretName: "c" },
            zones: ["1", "2", "3"],
        });
        new clusters.AksCluster("zonal", {
            resourceGroupName: "rg",
            location: "westeurope",
            nodeSubnetId: subnetId,
            gpuPool: { vmSize: "Standard_NC24ads_A100_v4", minCount: 0, maxCount: 1 },
            zones: ["1", "2", "3"],
            defender: {},
            azurePolicy: true,
        });
        new clusters.AksCluster("public", {
            resourceGroupName: "rg",
            location: "westeurope",
            nodeSubnetId: subnetId,
            authorizedIpRanges: ["203.0.113.0/24"],
            defender: { logAnalyticsWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law" },
        });
        new az.ModelStore("private", {
            resourceGroupName: "rg",
            location: "westeurope",
            accountName: "kservemodels",
            oidcIssuerUrl: "https://issuer",
            namespaces: ["models"],
            privateEndpoint: { subnetId: "endpoints-subnet-id", vnetId: "vnet-id" },
            publicNetworkAccess: false,
        });
        await promiseOf(gw.publicIpAddress);
        await h.settle();
    });

    it("gives the Application Gateway v2 subnet the rules Azure requires, and nothing else in", () => {
        // Azure docs, application-gateway/configuration-infrastructure.md ("Network security groups"):
        // GatewayManager to 65200-65535 for v2, AzureLoadBalancer allowed, listener ports allowed,
        // outbound internet not blocked; mspnp/aks-baseline network-team/spoke-BU0001A0008.bicep nsgAppGwSubnet.
        const rules = h.get(NSG, "zonal-appgateway").inputs.securityRules.map((r: Record<string, unknown>) => [r.name, r.direction, r.access, r.sourceAddressPrefix, r.destinationPortRange, r.priority]);
        expect(rules).to.deep.equal([
            ["AllowHttpsInbound", "Inbound", "Allow", "Internet", "443", 100],
            ["AllowHttpInbound", "Inbound", "Allow", "Internet", "80", 110],
            ["AllowGatewayManagerInbound", "Inbound", "Allow", "GatewayManager", "65200-65535", 120],
            ["AllowAzureLoadBalancerInbound", "Inbound", "Allow", "AzureLoadBalancer", "*", 130],
            ["DenyAllInbound", "Inbound", "Deny", "*", "*", 4000],
        ]);
    });

    // mspnp/aks-baseline network-team/spoke-BU0001A0008.bicep nsgPrivateLinkEndpointsSubnet:
    // AllowAll443InFromVnet, DenyAllInbound, DenyAllOutbound.
    it("closes the private endpoint subnet to all but HTTPS from the VNet, and attaches each NSG to its subnet", () => {
        const rules = h.get(NSG, "zonal-endpoints").inputs.securityRules.map((r: Record<string, unknown>) => [r.name, r.direction, r.access, r.sourceAddressPrefix, r.destinationPortRange]);
        expect(rules).to.deep.equal([
            ["AllowVnetHttpsInbound", "Inbound", "Allow", "VirtualNetwork", "443"],
            ["DenyAllInbound", "Inbound", "Deny", "*", "*"],
            ["DenyAllOutbound", "Outbound", "Deny", "*", "*"],
        ]);
        expect(h.get(NSG, "zonal-nodes").inputs).to.deep.include({ networkSecurityGroupName: "nsg-zonal-nodes", securityRules: [] });
        for (const subnet of ["nodes", "appgateway", "endpoints"]) {
            expect(h.get(SUBNET, `zonal-${subnet}`).inputs.networkSecurityGroup, subnet).to.deep.equal({ id: `zonal-${subnet}-id` });
        }
        // ARO's resource provider attaches its own NSG to the master and worker subnets
        // (azure-docs articles/openshift/howto-bring-nsg.md): none of ours there.
        expect(h.get(SUBNET, "zonal-workers").inputs.networkSecurityGroup).to.equal(undefined);
        expect(h.all(NSG).map((n) => n.name).sort()).to.deep.equal(["zonal-appgateway", "zonal-endpoints", "zonal-nodes"]);
    });

    it("opens the node subnet to clients only for a public Istio gateway", () => {
        expect(az.nodeSubnetRules(true)).to.deep.equal([
            { direction: "Inbound", access: "Allow", sourcePortRange: "*", name: "AllowIngressHttpInbound", priority: 100, protocol: "Tcp", sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", destinationPortRanges: ["80", "443"] },
        ]);
        expect(az.nodeSubnetRules(false)).to.deep.equal([]);
    });

    it("puts the zonal NAT gateway in the first zone with a zone-redundant egress IP", () => {
        // azure-docs articles/nat-gateway/nat-availability-zones.md: a NAT gateway is zonal; a zonal
        // one takes public IPs of its zone or zone-redundant ones.
        expect(h.get("azure-native:network:NatGateway", "zonal").inputs.zones).to.deep.equal(["1"]);
        expect(h.get("azure-native:network:PublicIPAddress", "zonal-egress").inputs.zones).to.deep.equal(["1", "2", "3"]);
    });

    it("spreads the Application Gateway and its public IP over the zones", () => {
        expect(h.get("azure-native:network:ApplicationGateway", "zonal").inputs.zones).to.deep.equal(["1", "2", "3"]);
        expect(h.get("azure-native:network:PublicIPAddress", "zonal").inputs.zones).to.deep.equal(["1", "2", "3"]);
    });

    it("spreads every AKS pool over the zones", () => {
        // azure-native containerservice: agentPoolProfiles[].availabilityZones and AgentPool.availabilityZones
        // (mspnp/aks-baseline cluster-stamp.bicep: ['1','2','3'] on each pool).
        expect(h.get("azure-native:containerservice:ManagedCluster", "zonal").inputs.agentPoolProfiles[0].availabilityZones).to.deep.equal(["1", "2", "3"]);
        for (const pool of ["zonal-user", "zonal-gpu"]) {
            expect(h.get("azure-native:containerservice:AgentPool", pool).inputs.availabilityZones, pool).to.deep.equal(["1", "2", "3"]);
        }
        expect(h.get("azure-native:containerservice:AgentPool", "public-user").inputs.availabilityZones).to.equal(undefined);
    });

    it("turns on Defender for Containers with a workspace it creates, and the Azure Policy add-on", () => {
        // mspnp/aks-baseline cluster-stamp.bicep: securityProfile.defender {logAnalyticsWorkspaceResourceId,
        // securityMonitoring.enabled} and addonProfiles.azurepolicy {enabled, config.version v2}.
        const c = h.get("azure-native:containerservice:ManagedCluster", "zonal").inputs;
        const workspace = h.get("azure-native:operationalinsights:Workspace", "zonal-defender");
        expect(workspace.inputs).to.deep.include({ workspaceName: "log-zonal-defender", sku: { name: "PerGB2018" }, retentionInDays: 30 });
        expect(c.securityProfile).to.deep.equal({ workloadIdentity: { enabled: true }, defender: { logAnalyticsWorkspaceResourceId: "zonal-defender-id", securityMonitoring: { enabled: true } } });
        expect(c.addonProfiles).to.deep.equal({ azurepolicy: { enabled: true, config: { version: "v2" } } });
    });

    it("limits a public API server to the authorized ranges, reporting Defender to a given workspace", () => {
        const c = h.get("azure-native:containerservice:ManagedCluster", "public").inputs;
        expect(c.apiServerAccessProfile).to.deep.equal({ authorizedIPRanges: ["203.0.113.0/24"] });
        expect(c.securityProfile.defender.logAnalyticsWorkspaceResourceId).to.equal("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law");
        expect(c.addonProfiles).to.equal(undefined);
        expect(h.all("azure-native:operationalinsights:Workspace").map((w) => w.name)).to.deep.equal(["zonal-defender"]);
    });

    it("puts the model store behind a private endpoint named in privatelink.blob.core.windows.net, public access off", () => {
        // azure-docs articles/private-link/private-endpoint-dns.md: storage account sub-resource blob ->
        // privatelink.blob.core.windows.net; mspnp/aks-baseline cluster-stamp.bicep links its private
        // zones to the VNet without registration and fills them through a privateDnsZoneGroup.
        expect(h.get("azure-native:storage:StorageAccount", "private").inputs.publicNetworkAccess).to.equal("Disabled");
        const zone = h.get("azure-native:privatedns:PrivateZone", "private-blob");
        expect(zone.inputs).to.deep.include({ privateZoneName: "privatelink.blob.core.windows.net", location: "global" });
        expect(h.get("azure-native:privatedns:VirtualNetworkLink", "private-blob").inputs).to.deep.include({ virtualNetwork: { id: "vnet-id" }, registrationEnabled: false, location: "global" });
        const pe = h.get("azure-native:network:PrivateEndpoint", "private-blob").inputs;
        expect(pe.subnet.id).to.equal("endpoints-subnet-id");
        expect(pe.privateLinkServiceConnections).to.deep.equal([
            { name: "private-blob", privateLinkServiceId: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kservemodels`, groupIds: ["blob"] },
        ]);
        const group = h.get("azure-native:network:PrivateDnsZoneGroup", "private-blob");
        expect(group.inputs.privateDnsZoneConfigs).to.deep.equal([{ name: "blob", privateDnsZoneId: "private-blob-id" }]);
        expect(group.dependencies).to.include(h.get("azure-native:privatedns:VirtualNetworkLink", "private-blob").urn);
    });
});

describe("config: zones and the network and access baseline", () => {
    const one = (overrides: Record<string, unknown>, line: string, stack = "prod") => expect(loadStack(stack, overrides).problems).to.deep.equal([line]);

    it("reads the prod baseline", () =>
        expect(loadStack("prod").config!.azureBaseline).to.deep.equal({
            zones: ["1", "2", "3"],
            aks: { authorizedIpRanges: [], defender: { logAnalyticsWorkspaceId: undefined }, azurePolicy: true },
            modelStore: { privateEndpoint: true, publicNetworkAccess: false },
            privateEndpointSubnetCidr: "10.40.17.0/24",
        }));
    it("has no zones, Defender or policy add-on unless asked, on dev", () =>
        expect(loadStack("dev").config!.azureBaseline).to.deep.equal({ zones: [], aks: { authorizedIpRanges: [], defender: undefined, azurePolicy: false }, modelStore: { privateEndpoint: false, publicNetworkAccess: true } }));

    it("refuses prod without zones", () =>
        one({ azureZones: ["1"] }, 'kserve-platform:azureZones: a prod stack needs its pools, Application Gateway and public IPs spread over at least two availability zones; set ["1", "2", "3"]'));
    it("refuses ARO prod without zones", () =>
        one({ azureZones: [] }, 'kserve-platform:azureZones: a prod stack needs its pools, Application Gateway and public IPs spread over at least two availability zones; set ["1", "2", "3"]', "aro"));
    it("takes zones as quoted numbers 1-3, once each", () =>
        expect(loadStack("prod", { azureZones: ["1", "4", "1"] }).problems).to.deep.equal([
            'kserve-platform:azureZones [1]: got "4"; must be a zone number "1", "2" or "3" (quoted)',
            'kserve-platform:azureZones [2]: zone "1" is listed twice',
            'kserve-platform:azureZones: a prod stack needs its pools, Application Gateway and public IPs spread over at least two availability zones; set ["1", "2", "3"]',
        ]));
    it("keeps zones to Azure", () => one({ azureZones: ["1"] }, "kserve-platform:azureZones: only applies to clusterFlavor aks or aro, and this stack's is existing: the stack uses a cluster it does not create, so the key would be ignored; remove it", "local"));
    it("refuses prod with local accounts", () => one({ aksDisableLocalAccounts: "false", aksDeployerPrincipalType: "", aksDeployerObjectId: "" }, "kserve-platform:aksDisableLocalAccounts: a prod stack needs local accounts off (Entra ID and Azure RBAC only); set true"));
    it("refuses prod without Defender", () => one({ aksDefender: "false" }, "kserve-platform:aksDefender: a prod stack needs Microsoft Defender for Containers; set true"));
    it("refuses prod without the Azure Policy add-on", () => one({ aksAzurePolicy: "false" }, "kserve-platform:aksAzurePolicy: a prod stack needs the Azure Policy add-on; set true"));
    it("checks the Defender workspace id", () =>
        one(
            { aksDefenderWorkspaceId: "law" },
            'kserve-platform:aksDefenderWorkspaceId: got "law"; must be a Log Analytics workspace resource id /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>',
        ));
    it("refuses prod with the store's public endpoint on", () =>
        one({ modelStorePublicNetworkAccess: "true" }, "kserve-platform:modelStorePublicNetworkAccess: a prod stack needs the model store's public endpoint off; set false (upload from inside the VNet, docs/private-clusters.md)"));
    it("refuses prod without the store's private endpoint", () =>
        expect(loadStack("prod", { modelStorePrivateEndpoint: "false" }).problems).to.deep.equal([
            "kserve-platform:modelStorePublicNetworkAccess: is false, but there is no private endpoint: nothing could reach the store; set modelStorePrivateEndpoint true",
            "kserve-platform:modelStorePrivateEndpoint: a prod stack needs the model store behind a private endpoint; set true",
        ]));
    it("needs a store for a private endpoint", () =>
        expect(loadStack("dev", { modelStoreAccountName: "", models: [], modelStorePrivateEndpoint: "true" }).problems).to.deep.equal([
            "kserve-platform:modelStorePrivateEndpoint: needs a model store; set kserve-platform:modelStoreAccountName",
        ]));
    it("keeps the private endpoint subnet in the VNet and apart", () => {
        one({ privateEndpointSubnetCidr: "10.41.0.0/24" }, "kserve-platform:privateEndpointSubnetCidr: 10.41.0.0/24 is not inside azureVnetCidr 10.40.0.0/16");
        one({ privateEndpointSubnetCidr: "10.40.16.0/25" }, "kserve-platform:privateEndpointSubnetCidr: 10.40.16.0/25 overlaps appGatewaySubnetCidr 10.40.16.0/24; private endpoints need a subnet of their own");
    });
    it("takes authorized ranges as CIDRs, for a public API server only", () => {
        expect(loadStack("dev", { aksAuthorizedIpRanges: ["203.0.113.0/24", "198.51.100.7"] }).problems).to.deep.equal([
            'kserve-platform:aksAuthorizedIpRanges [1]: got "198.51.100.7"; must be an IPv4 range a.b.c.d/n (a single address is a.b.c.d/32)',
        ]);
        expect(loadStack("dev", { aksAuthorizedIpRanges: ["203.0.113.0/24"] }).config!.azureBaseline!.aks!.authorizedIpRanges).to.deep.equal(["203.0.113.0/24"]);
        one({ aksAuthorizedIpRanges: ["203.0.113.0/24"] }, "kserve-platform:aksAuthorizedIpRanges: only applies to a public API server; a private cluster's API server is reachable from the VNet alone (aksPrivateCluster is true)");
    });
    it("keeps the AKS add-ons to AKS", () => one({ aksDefender: "true" }, "kserve-platform:aksDefender: only applies to clusterFlavor aks, and this stack's is aro: the stack creates an ARO cluster and builds its provider from that cluster's credentials, so the key would be ignored; remove it", "aro"));
});
