import { expect } from "chai";
import { azure, Harness, promiseOf } from "./harness";
import { keyVaultName, wildcardRecordName } from "../components/azure/appGateway";
import type * as azureModule from "../components/azure";

const AGW = "azure-native:network:ApplicationGateway";
const WAF = "azure-native:network:WebApplicationFirewallPolicy";
const ROLE = "azure-native:authorization:RoleAssignment";
const PIP = "azure-native:network:PublicIPAddress";
const RECORD = "azure-native:dns:RecordSet";
const keyVaultId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-models`;
const subnetId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/appgateway`;

describe("azure: AppGatewayIngress", () => {
    const h = new Harness();
    let az: typeof azureModule;
    let gw: any;
    let waf: any;

    before(async () => {
        await h.setup();
        az = await import("../components/azure");
        const ingress = new az.AppGatewayIngress("prod", {
            resourceGroupName: "rg",
            location: "westeurope",
            subnetId,
            backendIp: "10.40.15.250",
            domain: "models.example.com",
            certificate: { keyVaultId, secretName: "wildcard-models" },
            minCapacity: 2,
            maxCapacity: 10,
            dnsZone: { name: "example.com", resourceGroupName: "rg-dns" },
        });
        await promiseOf(ingress.publicIpAddress);
        await h.settle();
        gw = h.get(AGW, "prod").inputs;
        waf = h.get(WAF, "prod");
    });

    it("is a WAF v2 gateway in its own subnet, autoscaling, with a static public frontend", () => {
        expect(gw.sku).to.deep.equal({ name: "WAF_v2", tier: "WAF_v2" });
        expect(gw.autoscaleConfiguration).to.deep.equal({ minCapacity: 2, maxCapacity: 10 });
        expect(gw.gatewayIPConfigurations).to.deep.equal([{ name: "gateway", subnet: { id: subnetId } }]);
        const pip = h.get(PIP, "prod");
        expect(pip.inputs).to.deep.include({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
        expect(gw.frontendIPConfigurations).to.deep.equal([{ name: "public", publicIPAddress: { id: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-agw-prod` } }]);
        expect(gw.frontendPorts).to.deep.equal([
            { name: "http", port: 80 },
            { name: "https", port: 443 },
        ]);
    });

    it("terminates TLS on *.domain with the Key Vault certificate, read through its own identity", () => {
        expect(gw.sslCertificates).to.deep.equal([{ name: "models", keyVaultSecretId: "https://kv-models.vault.azure.net/secrets/wildcard-models" }]);
        const identityId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw-prod`;
        expect(gw.identity).to.deep.equal({ type: "UserAssigned", userAssignedIdentities: [identityId] });
        const role = h.get(ROLE, "prod-key-vault-secrets-user");
        expect(role.inputs).to.deep.equal({
            principalId: "id-agw-prod-principal-id",
            principalType: "ServicePrincipal",
            roleDefinitionId: `/subscriptions/${azure.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
            scope: keyVaultId,
        });
        // The gateway reads the certificate as it starts: after the role has propagated.
        const wait = h.get("pulumi-nodejs:dynamic:Resource", "prod-key-vault-secrets-user-propagation");
        expect(wait.dependencies).to.include(role.urn);
        expect(h.get(AGW, "prod").dependencies).to.include(wait.urn);
        const https = gw.httpListeners.find((l: any) => l.name === "https");
        expect(https).to.deep.equal({
            name: "https",
            frontendIPConfiguration: { id: "$self/frontendIPConfigurations/public" },
            frontendPort: { id: "$self/frontendPorts/https" },
            protocol: "Https",
            sslCertificate: { id: "$self/sslCertificates/models" },
            hostNames: ["*.models.example.com"],
            requireServerNameIndication: true,
        });
        expect(gw.sslPolicy).to.deep.equal({ policyType: "Predefined", policyName: "AppGwSslPolicy20220101" });
    });

    it("redirects HTTP to HTTPS, keeping path and query", () => {
        expect(gw.httpListeners.find((l: any) => l.name === "http")).to.deep.include({ protocol: "Http", frontendPort: { id: "$self/frontendPorts/http" }, hostNames: ["*.models.example.com"] });
        expect(gw.redirectConfigurations).to.deep.equal([{ name: "http-to-https", redirectType: "Permanent", targetListener: { id: "$self/httpListeners/https" }, includePath: true, includeQueryString: true }]);
        expect(gw.requestRoutingRules.find((r: any) => r.name === "http-to-https")).to.deep.equal({
            name: "http-to-https",
            ruleType: "Basic",
            priority: 200,
            httpListener: { id: "$self/httpListeners/http" },
            redirectConfiguration: { id: "$self/redirectConfigurations/http-to-https" },
        });
    });

    it("forwards to the internal Istio gateway's IP, keeping the client's Host header", () => {
        expect(gw.backendAddressPools).to.deep.equal([{ name: "istio-ingressgateway", backendAddresses: [{ ipAddress: "10.40.15.250" }] }]);
        const [settings] = gw.backendHttpSettingsCollection;
        expect(settings).to.deep.equal({
            name: "istio-http",
            port: 80,
            protocol: "Http",
            cookieBasedAffinity: "Disabled",
            pickHostNameFromBackendAddress: false,
            requestTimeout: 300,
            probe: { id: "$self/probes/istio-ready" },
        });
        // No host override anywhere: Knative routes on the Host header the client sent.
        expect(settings).not.to.have.property("hostName");
        expect(gw.requestRoutingRules.find((r: any) => r.name === "models")).to.deep.equal({
            name: "models",
            ruleType: "Basic",
            priority: 100,
            httpListener: { id: "$self/httpListeners/https" },
            backendAddressPool: { id: "$self/backendAddressPools/istio-ingressgateway" },
            backendHttpSettings: { id: "$self/backendHttpSettingsCollection/istio-http" },
        });
    });

    it("probes the Istio gateway's readiness endpoint on its status port", () => {
        expect(gw.probes).to.deep.equal([
            {
                name: "istio-ready",
                protocol: "Http",
                host: "10.40.15.250",
                port: 15021,
                path: "/healthz/ready",
                pickHostNameFromBackendHttpSettings: false,
                interval: 15,
                timeout: 10,
                unhealthyThreshold: 3,
                match: { statusCodes: ["200-399"] },
            },
        ]);
    });

    it("guards it with a WAF policy in prevention mode on the OWASP rules", () => {
        // Without waf args: no body size enforcement (CRS 3.2+ lets it be turned off), 128 KB inspected
        // (Azure's default), 100 MB uploads (Azure's default) - Azure docs, WAF request size limits.
        expect(waf.inputs.policySettings).to.deep.equal({
            mode: "Prevention",
            state: "Enabled",
            requestBodyCheck: true,
            requestBodyEnforcement: false,
            requestBodyInspectLimitInKB: 128,
            fileUploadEnforcement: true,
            fileUploadLimitInMb: 100,
        });
        expect(waf.inputs.managedRules.managedRuleSets).to.deep.equal([{ ruleSetType: "OWASP", ruleSetVersion: "3.2" }]);
        expect(gw.firewallPolicy).to.deep.equal({ id: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf-prod` });
    });

    it("points the wildcard record of the model domain at the gateway's public IP", () => {
        expect(h.get(RECORD, "prod").inputs).to.deep.equal({
            resourceGroupName: "rg-dns",
            zoneName: "example.com",
            relativeRecordSetName: "*.models",
            recordType: "A",
            ttl: 300,
            targetResource: { id: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-agw-prod` },
        });
    });

    it("names records and vaults from their ids", () => {
        expect(wildcardRecordName("models.example.com", "example.com")).to.equal("*.models");
        expect(wildcardRecordName("example.com", "example.com")).to.equal("*");
        expect(wildcardRecordName("models.example.org", "example.com")).to.equal(undefined);
        expect(keyVaultName(keyVaultId)).to.equal("kv-models");
        expect(keyVaultName("/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z")).to.equal(undefined);
    });

    it("enforces a body size limit when one is configured", async () => {
        new az.AppGatewayIngress("limited", {
            resourceGroupName: "rg",
            location: "westeurope",
            subnetId,
            backendIp: "10.40.15.250",
            domain: "models.example.com",
            certificate: { keyVaultId, secretName: "wildcard-models" },
            waf: { maxRequestBodyKb: 2000, requestBodyInspectKb: 2000, fileUploadLimitMb: 500 },
        });
        await h.settle();
        expect(h.get(WAF, "limited").inputs.policySettings).to.deep.include({
            requestBodyEnforcement: true,
            maxRequestBodySizeInKb: 2000,
            requestBodyInspectLimitInKB: 2000,
            fileUploadLimitInMb: 500,
        });
    });
});
