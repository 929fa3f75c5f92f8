/**
 * The LLM Gateway the platform renders fits the upstream Gateway CRD (Gateway API v1.5.1, standard
 * channel, served version v1), and the CRD versions the platform installs are the ones these copies
 * come from. Reads ../shared/crds, so it runs from .ci/run, not `npm test`.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import Ajv from "ajv";
import { errorsOf } from "./crd.conformance";
import { gatewayCrdsDir } from "./reference";
import { llmGatewayManifest } from "../components/platform/llm";
import { apiVersions, versions } from "../components/versions";

type Crd = { spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }[] }; metadata: { annotations?: Record<string, string> } };

const dir = gatewayCrdsDir();

type Schema = Record<string, unknown>;
const combinators = new Set(["oneOf", "anyOf", "allOf", "not"]);

/**
 * Closes every structural object (unknown fields fail instead of being pruned), but leaves the
 * branches of oneOf/anyOf/allOf/not as written: they list only the properties they constrain
 * (GatewaySpecAddress's oneOf on `type`), and closing them would refuse valid objects.
 */
function closeStructural(schema: unknown): unknown {
    if (Array.isArray(schema)) {
        return schema.map(closeStructural);
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    const out: Schema = {};
    for (const [k, v] of Object.entries(schema as Schema)) {
        out[k] = combinators.has(k)
            ? v
            : k === "properties"
              ? Object.fromEntries(Object.entries(v as Schema).map(([p, x]) => [p, closeStructural(x)]))
              : closeStructural(v);
    }
    if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

function compile(schema: Schema) {
    return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closeStructural(schema) as Schema);
}

/** The regular expression of a CEL rule of the form `self.value.matches(r"""...""")`. */
function celPattern(rule: string): RegExp {
    const m = /matches\(r"""(.*?)"""\)/.exec(rule);
    if (!m) {
        throw new Error(`no matches() in ${rule}`);
    }
    return new RegExp(m[1]);
}
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

    const ingressService = "istio-ingressgateway.istio-system.svc.cluster.local";
    for (const [name, args] of [
        ["the platform's ingress gateway", { namespace: "kserve", domain: "models.example.com", ingressService }],
        ["a cluster's own gateway", { namespace: "kserve", domain: "ml.contoso.net", ingressService: "gw.mesh.svc.cluster.local" }],
    ] as const) {
        it(`the Gateway for ${name} validates against the CRD schema and its Hostname-address CEL rule`, () => {
            const gw = llmGatewayManifest(args) as unknown as { spec: { addresses: { type: string; value: string }[] } };
            expect(errorsOf(validate, gw)).to.deep.equal([]);
            // GatewaySpecAddress x-kubernetes-validations: a Hostname value must match the rule's pattern.
            const items = (((served.schema.openAPIV3Schema.properties as Schema).spec as Schema).properties as Schema).addresses as { items: { "x-kubernetes-validations": { rule: string }[] } };
            const rule = items.items["x-kubernetes-validations"].find((r) => r.rule.includes("'Hostname'"))!.rule;
            for (const a of gw.spec.addresses) {
                expect(a.type).to.equal("Hostname");
                expect(celPattern(rule).test(a.value), a.value).to.equal(true);
            }
        });
    }

    it("the schema check is strict: a wildcard in the middle of a hostname and an unknown field fail", () => {
        const bad = llmGatewayManifest({ namespace: "kserve", domain: "example.com", ingressService }) as unknown as { spec: { listeners: Record<string, unknown>[] } };
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
