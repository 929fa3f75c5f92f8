import { expect } from "chai";
import type { Harness } from "./harness";

const NSG = "azure-native:network:NetworkSecurityGroup";
const RA = "kubernetes:security.istio.io/v1:RequestAuthentication";
const AP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

/**
 * Zones, the network and access baseline and model authentication in the prod stack: called inside
 * tests/program.prod.test.ts's describe, on its one run of the program.
 */
export function prodBaselineTests(h: Harness): void {

    it("spreads every pool, the Application Gateway and the public IPs over zones 1-3; the NAT gateway sits in zone 1", () => {
        const zones = ["1", "2", "3"];
        expect(h.get("azure-native:containerservice:ManagedCluster", "kserve-prod").inputs.agentPoolProfiles[0].availabilityZones).to.deep.equal(zones);
        for (const pool of ["kserve-prod-user", "kserve-prod-gpu"]) {
            expect(h.get("azure-native:containerservice:AgentPool", pool).inputs.availabilityZones, pool).to.deep.equal(zones);
        }
        expect(h.get("azure-native:network:ApplicationGateway", "kserve-prod").inputs.zones).to.deep.equal(zones);
        expect(h.all("azure-native:network:PublicIPAddress").map((p) => [p.name, p.inputs.zones])).to.have.deep.members([
            ["kserve-prod", zones],
            ["kserve-prod-egress", zones],
        ]);
        expect(h.get("azure-native:network:NatGateway", "kserve-prod").inputs.zones).to.deep.equal(["1"]);
    });

    it("puts an NSG on every subnet: nodes (Azure's defaults), the Application Gateway's and the private endpoints'", () => {
        expect(h.all(NSG).map((n) => [n.name, n.inputs.securityRules.map((r: { name: string }) => r.name)])).to.have.deep.members([
            ["kserve-prod-nodes", []],
            ["kserve-prod-appgateway", ["AllowHttpsInbound", "AllowHttpInbound", "AllowGatewayManagerInbound", "AllowAzureLoadBalancerInbound", "DenyAllInbound"]],
            ["kserve-prod-endpoints", ["AllowVnetHttpsInbound", "DenyAllInbound", "DenyAllOutbound"]],
        ]);
        for (const subnet of h.all("azure-native:network:Subnet")) {
            expect(subnet.inputs.networkSecurityGroup, subnet.name).to.deep.equal({ id: `${subnet.name}-id` });
        }
        expect(h.get("azure-native:network:Subnet", "kserve-prod-endpoints").inputs.addressPrefix).to.equal("10.40.17.0/24");
        // Azure private-link docs (disable-private-endpoint-network-policy.md): network policies for
        // private endpoints are off by default, so the NSG would not apply to the endpoint; the
        // NSG-only value (azure-native 3.28.0 VirtualNetworkPrivateEndpointNetworkPolicies) turns it on.
        // The SDK sends Azure's default, Disabled, where the stack sets nothing (network/subnet.js).
        expect(h.all("azure-native:network:Subnet").map((s) => [s.name, s.inputs.privateEndpointNetworkPolicies])).to.have.deep.members([
            ["kserve-prod-nodes", "Disabled"],
            ["kserve-prod-appgateway", "Disabled"],
            ["kserve-prod-endpoints", "NetworkSecurityGroupEnabled"],
        ]);
    });

    it("turns local accounts off and Defender for Containers and the Azure Policy add-on on", () => {
        const c = h.get("azure-native:containerservice:ManagedCluster", "kserve-prod").inputs;
        expect(c.disableLocalAccounts).to.equal(true);
        // The deploy workflow's service principal, by the object id in Pulumi.prod.yaml, gets cluster admin.
        expect(h.get("azure-native:authorization:RoleAssignment", "kserve-prod-deployer-cluster-admin").inputs).to.deep.include({
            principalId: "00000000-0000-0000-0000-00000000d0d0",
            principalType: "ServicePrincipal",
        });
        // With monitoring on, Defender reports to the stack's Log Analytics workspace (the one Container
        // Insights writes to) instead of a workspace of its own.
        expect(c.securityProfile.defender).to.deep.equal({ logAnalyticsWorkspaceResourceId: "kserve-prod-id", securityMonitoring: { enabled: true } });
        expect(h.all("azure-native:operationalinsights:Workspace").map((w) => w.name)).to.deep.equal(["kserve-prod"]);
        expect(c.addonProfiles).to.deep.equal({
            azurepolicy: { enabled: true, config: { version: "v2" } },
            omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: "kserve-prod-id", useAADAuth: "true" } },
        });
    });

    it("reaches the model store through its private endpoint only, and starts models after its DNS record exists", () => {
        expect(h.get("azure-native:storage:StorageAccount", "kserve-prod-models").inputs.publicNetworkAccess).to.equal("Disabled");
        const pe = h.get("azure-native:network:PrivateEndpoint", "kserve-prod-models-blob").inputs;
        expect(pe.subnet.id).to.equal("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-kserve-prod/providers/Microsoft.Network/virtualNetworks/vnet-kserve-prod/subnets/endpoints");
        const group = h.get("azure-native:network:PrivateDnsZoneGroup", "kserve-prod-models-blob");
        expect(h.transitiveDependencies(h.get(ISVC, "llama-chat"))).to.include(group.urn);
    });

    it("requires a valid Entra ID token in each model namespace, per model, after Istio and the namespaces", () => {
        expect(h.all(RA).map((r) => r.inputs.metadata.namespace)).to.have.members(["llm", "vision", "risk"]);
        const llama = h.get(AP, "model-auth-llm-llama-chat-callers");
        expect(llama.inputs.spec.rules[0].when).to.deep.equal([
            { key: "request.auth.audiences", values: ["00000000-0000-0000-0000-00000000a9e1"] },
            { key: "request.auth.claims[roles]", values: ["LLM.Invoke"] },
        ]);
        expect(h.get(AP, "model-auth-risk-fraud-xgb-callers").inputs.spec.rules[0].when[1]).to.deep.equal({ key: "request.auth.claims[azp]", values: ["00000000-0000-0000-0000-0000000faa11"] });
        const deps = h.transitiveDependencies(llama);
        const llmNamespace = h.all("kubernetes:core/v1:Namespace").find((n) => n.inputs.metadata.name === "llm")!;
        expect(deps).to.include(llmNamespace.urn);
        expect(deps).to.include(h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "istiod")!.urn);
    });
}

/** The same for the aro stack: the Application Gateway subnet's NSG, zones, model authentication. */
export function aroBaselineTests(h: Harness): void {
    it("spreads the Application Gateway and its IP over zones, guards its subnet, leaves ARO's subnets to ARO's NSG", () => {
        expect(h.get("azure-native:network:ApplicationGateway", "kserve-aro").inputs.zones).to.deep.equal(["1", "2", "3"]);
        expect(h.all(NSG).map((n) => n.name)).to.deep.equal(["kserve-aro-appgateway"]);
        expect(h.get("azure-native:network:Subnet", "kserve-aro-workers").inputs.networkSecurityGroup).to.equal(undefined);
    });

    it("requires the same tokens of callers of its models", () => {
        expect(h.all(AP).map((p) => p.inputs.metadata.name)).to.have.members(["kserve-platform-callers-sklearn-iris", "kserve-platform-callers-churn-lgbm"]);
        expect(h.all(RA).map((r) => r.inputs.spec.jwtRules[0].issuer)).to.deep.equal(Array(2).fill("https://login.microsoftonline.com/00000000-0000-0000-0000-0000000071d0/v2.0"));
    });
}
