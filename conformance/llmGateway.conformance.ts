/**
 * The LLM Gateway the platform renders fits the upstream Gateway CRD (Gateway API v1.5.1, standard
 * channel, served version v1), and the CRD versions the platform installs are the ones these copies
 * come from. Reads ../shared/crds, so it runs from .ci/run, not `npm test`.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { compile, errorsOf } from "./crd.conformance";
import { gatewayCrdsDir } from "./reference";
import { llmGatewayManifest } from "../components/platform/llm";
import { apiVersions, versions } from "../components/versions";

type Crd = { spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }[] }; metadata: { annotations?: Record<string, string> } };

const dir = gatewayCrdsDir();
const load = (file: string) => yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as Crd;

describe("LLM gateway conformance with Gateway API v1.5.1", () => {
    const crd = load(`gateway-api-${versions.gatewayApi}/gateway.networking.k8s.io_gateways.yaml`);
    const [group, version] = apiVersions.gateway.split("/");
    const served = crd.spec.versions.find((v) => v.name === version && v.served)!;
    const validate = compile(served.schema.openAPIV3Schema);

    it("serves the Gateway at the version the platform writes, from the bundle the platform installs", () => {
        expect(crd.spec.group).to.equal(group);
        expect(served, version).to.not.equal(undefined);
        expect(crd.metadata.annotations?.["gateway.networking.k8s.io/bundle-version"]).to.equal(versions.gatewayApi);
    });

    for (const [name, args] of [
        ["a public LoadBalancer", { namespace: "kserve", domain: "models.example.com" }],
        ["an internal load balancer with annotations", { namespace: "kserve", domain: "ml.contoso.net", serviceType: "LoadBalancer", serviceAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } }],
        ["a NodePort on kind", { namespace: "kserve", domain: "example.com", serviceType: "NodePort" }],
    ] as const) {
        it(`the Gateway for ${name} validates against the CRD schema`, () => {
            expect(errorsOf(validate, llmGatewayManifest(args))).to.deep.equal([]);
        });
    }

    it("the schema check is strict: a wildcard in the middle of a hostname and an unknown field fail", () => {
        const bad = llmGatewayManifest({ namespace: "kserve", domain: "example.com" }) as unknown as { spec: { listeners: Record<string, unknown>[] } };
        bad.spec.listeners[0].hostname = "a.*.example.com";
        bad.spec.listeners[0].bogus = true;
        expect(errorsOf(validate, bad).join("\n")).to.match(/pattern/).and.to.match(/additional/);
    });

    it("InferencePool comes from GIE v1.5.0 at inference.networking.k8s.io/v1, the version Istio 1.30 and KServe's controller read", () => {
        const pool = load(`gateway-api-inference-extension-${versions.gatewayApiInferenceExtension}/inference.networking.k8s.io_inferencepools.yaml`);
        expect(pool.spec.group).to.equal("inference.networking.k8s.io");
        expect(pool.spec.versions.filter((v) => v.served).map((v) => v.name)).to.include("v1");
    });
});
