import { expect } from "chai";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import { maxFederatedCredentialsPerIdentity } from "../config/azureLimits";
import { stackConfig } from "./harness";

/** Problems of the prod stack with some keys replaced (values as the CLI passes them: strings, lists as JSON). */
function prodProblems(overrides: Record<string, unknown>): string[] {
    const values: Record<string, string> = { ...stackConfig("prod") };
    for (const [k, v] of Object.entries(overrides)) {
        values[`kserve-platform:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    }
    try {
        loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]);
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
    return [];
}

describe("config: what Azure would refuse", () => {
    it("accepts the prod stack as it is", () => {
        expect(prodProblems({})).to.deep.equal([]);
    });

    // Azure Virtual Network FAQ: Azure reserves the first four addresses and the last of every subnet.
    for (const ip of ["10.40.0.0", "10.40.0.1", "10.40.0.2", "10.40.0.3", "10.40.15.255"]) {
        it(`refuses ingressPrivateIp ${ip}, which Azure reserves in the node subnet`, () => {
            expect(prodProblems({ ingressPrivateIp: ip })).to.deep.equal([
                `kserve-platform:ingressPrivateIp: ${ip} is reserved by Azure in aksNodeSubnetCidr 10.40.0.0/20 (the first four addresses, 10.40.0.0-10.40.0.3, and the last, 10.40.15.255); use an address from 10.40.0.4 to 10.40.15.254`,
            ]);
        });
    }

    it("accepts the first and last addresses Azure leaves usable", () => {
        expect(prodProblems({ ingressPrivateIp: "10.40.0.4" })).to.deep.equal([]);
        expect(prodProblems({ ingressPrivateIp: "10.40.15.254" })).to.deep.equal([]);
    });

    it("still refuses an address outside the subnet", () => {
        expect(prodProblems({ ingressPrivateIp: "10.40.16.5" })).to.deep.equal([
            "kserve-platform:ingressPrivateIp: 10.40.16.5 is not inside aksNodeSubnetCidr 10.40.0.0/20, where the internal load balancer takes its address",
        ]);
    });

    // Microsoft Entra workload identity federation: at most 20 federated credentials per user-assigned identity.
    it(`refuses store models in more than ${maxFederatedCredentialsPerIdentity} namespaces`, () => {
        const storeModel = (i: number) => ({
            name: `m${i}`,
            namespace: `team-${String(i).padStart(2, "0")}`,
            spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "sklearn" }, storageUri: `https://kserveplatformprodmodels.blob.core.windows.net/models/m${i}/` } } },
        });
        expect(prodProblems({ models: Array.from({ length: 20 }, (_, i) => storeModel(i)) })).to.deep.equal([]);
        const namespaces = Array.from({ length: 21 }, (_, i) => `team-${String(i).padStart(2, "0")}`);
        expect(prodProblems({ models: Array.from({ length: 21 }, (_, i) => storeModel(i)) })).to.deep.equal([
            `kserve-platform:models: models that read the model store live in 21 namespaces (${namespaces.join(", ")}); its identity takes one federated credential per namespace and Azure allows at most 20 per identity: put store models in at most 20 namespaces`,
        ]);
    });

    // Application Gateway limits (WAF v2, CRS 3.2+): body and inspection 8 KB-2 MB, uploads 1 MB-4 GB.
    it("refuses WAF limits outside what the WAF policy accepts", () => {
        expect(prodProblems({ appGatewayWafMaxRequestBodyKb: "4", appGatewayWafRequestBodyInspectKb: "4096", appGatewayWafFileUploadLimitMb: "5000" })).to.deep.equal([
            "kserve-platform:appGatewayWafMaxRequestBodyKb: got 4; must be 8-2000 KB, or 0 to turn the WAF's body size limit off",
            "kserve-platform:appGatewayWafRequestBodyInspectKb: got 4096; must be 8-2000 KB",
            "kserve-platform:appGatewayWafFileUploadLimitMb: got 5000; must be 1-4000 MB",
        ]);
        expect(prodProblems({ appGatewayWafMaxRequestBodyKb: "2000", appGatewayWafRequestBodyInspectKb: "8", appGatewayWafFileUploadLimitMb: "1" })).to.deep.equal([]);
    });
});
