// The component package other languages use: the schema Pulumi's SDK infers from provider/index.ts
// (ComponentProvider.getSchema, the code `pulumi package add` runs through the Node.js plugin host,
// @pulumi/pulumi 3.248.0 provider/experimental), and the components it constructs.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { Harness, promiseOf, root } from "./harness";
import { ValidationError } from "../components/common";
import { configKeys } from "../config";
import * as pkg from "../provider";

type Property = { type?: string; $ref?: string; plain?: boolean; optional?: boolean; description?: string; items?: Property; additionalProperties?: Property };
type Resource = { isComponent: boolean; description: string; inputProperties: Record<string, Property>; requiredInputs: string[]; properties: Record<string, Property>; required: string[] };
type Schema = { name: string; version: string; resources: Record<string, Resource>; types: Record<string, { type: string; enum?: { name: string; value: string }[]; properties?: Record<string, Property>; required?: string[] }> };

const token = (name: string) => `kserve-platform:index:${name}`;
const ref = (name: string) => `#/types/${token(name)}`;
const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

describe("component package: the schema other languages get", function () {
    // The analyzer type-checks the package's TypeScript program: seconds, once.
    this.timeout(120000);
    let schema: Schema;

    before(async () => {
        // As the plugin host does: load package.json `main`, serve the components it exports.
        const components = getPulumiComponents(pkg);
        const provider = new ComponentProvider({ name: packageJson.name, dirname: root, components });
        schema = JSON.parse(await provider.getSchema()) as Schema;
    });

    it("is served from package.json main by the Node.js plugin host (PulumiPlugin.yaml)", () => {
        expect(yaml.load(fs.readFileSync(path.join(root, "PulumiPlugin.yaml"), "utf8"))).to.deep.equal({ runtime: "nodejs" });
        expect(packageJson.main).to.equal("provider/index.ts");
        expect(schema.name).to.equal("kserve-platform");
        expect(schema.version).to.equal(packageJson.version);
        expect(Object.keys(schema.resources)).to.have.members(["KServePlatform", "ServingPlatform", "InferenceService", "Models"].map(token));
    });

    it("describes every component, input and output", () => {
        for (const [name, r] of Object.entries(schema.resources)) {
            expect(r.isComponent, name).to.equal(true);
            expect(r.description, name).to.be.a("string").and.not.equal("");
            for (const [prop, p] of [...Object.entries(r.inputProperties), ...Object.entries(r.properties)]) {
                expect(p.description, `${name} ${prop}`).to.be.a("string").and.not.equal("");
            }
        }
    });

    it("KServePlatform: the stack settings by key in, endpoints and domain out", () => {
        const r = schema.resources[token("KServePlatform")];
        expect(r.description).to.match(/^A whole model-serving stack/);
        expect(r.inputProperties).to.deep.equal({
            config: {
                type: "object",
                additionalProperties: { type: "string", plain: true },
                plain: true,
                description: r.inputProperties.config.description,
            },
        });
        expect(r.inputProperties.config.description).to.contain("without the `kserve-platform:` prefix");
        expect(r.requiredInputs).to.deep.equal(["config"]);
        expect(r.properties.endpoints).to.deep.include({ type: "object", additionalProperties: { $ref: ref("ModelEndpoint") } });
        expect(r.properties.domain).to.deep.include({ type: "string" });
        expect(r.required).to.have.members(["endpoints", "domain"]);
        expect(schema.types[token("ModelEndpoint")].required).to.have.members(["protocol", "ready"]);
        expect(Object.keys(schema.types[token("ModelEndpoint")].properties!)).to.deep.equal(["url", "internalUrl", "protocol", "predictUrl", "ready", "openaiBaseUrl", "paths", "model"]);
    });

    it("ServingPlatform: plain optional settings, with enums holding the values the config allows", () => {
        const r = schema.resources[token("ServingPlatform")];
        const inputs = Object.fromEntries(Object.entries(r.inputProperties).map(([k, p]) => [k, p.$ref ?? (p.items ? `${p.type} of ${p.items.type}` : p.type)]));
        expect(inputs).to.deep.equal({
            domain: "string",
            urlScheme: ref("UrlScheme"),
            deploymentMode: ref("DeploymentMode"),
            installCertManager: "boolean",
            installIstio: "boolean",
            meshMtlsMode: ref("MtlsMode"),
            ingressServiceType: ref("GatewayServiceType"),
            knativeFeatures: "array of string",
            installRuntimes: "boolean",
            protectCrds: "boolean",
        });
        expect(r.requiredInputs).to.deep.equal([]);
        expect(Object.values(r.inputProperties).every((p) => p.plain && p.optional)).to.equal(true);
        expect(Object.keys(r.properties)).to.deep.equal(["domain", "urlScheme"]);
        const values = (name: string) => schema.types[token(name)].enum!.map((e) => e.value);
        expect(values("UrlScheme")).to.deep.equal(configKeys.urlScheme.allowed);
        expect(values("DeploymentMode")).to.deep.equal(configKeys.deploymentMode.allowed);
        expect(values("MtlsMode")).to.deep.equal(configKeys.meshMtlsMode.allowed);
        expect(values("GatewayServiceType")).to.have.members(configKeys.ingressServiceType.allowed);
        // KServe's protocolVersion values (v1beta1 PredictorExtensionSpec).
        expect(values("Protocol")).to.deep.equal(["v1", "v2", "grpc-v1", "grpc-v2", "openai"]);
    });

    it("InferenceService: the KServe spec as Any, metadata as maps, the endpoint out", () => {
        const r = schema.resources[token("InferenceService")];
        expect(r.requiredInputs).to.deep.equal(["spec"]);
        expect(r.inputProperties.spec).to.deep.include({ type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } });
        expect(r.inputProperties.labels).to.deep.include({ type: "object", additionalProperties: { type: "string", plain: true } });
        expect(Object.keys(r.inputProperties)).to.deep.equal(["name", "namespace", "labels", "annotations", "deploymentMode", "spec", "readyTimeoutSeconds"]);
        expect(r.inputProperties.readyTimeoutSeconds.type).to.equal("number");
        expect(r.properties).to.deep.equal({ endpoint: { $ref: ref("ModelEndpoint"), description: "Where the model answers." } });
    });

    it("Models: a list of model objects in, endpoints by model out", () => {
        const r = schema.resources[token("Models")];
        expect(r.requiredInputs).to.deep.equal(["models"]);
        expect(r.inputProperties.models).to.deep.include({ type: "array", items: { $ref: ref("ModelArgs"), plain: true } });
        expect(Object.keys(r.inputProperties)).to.deep.equal(["models", "defaultNamespace", "deploymentMode", "namespaceLabels", "existingNamespaces", "readyTimeoutSeconds"]);
        const model = schema.types[token("ModelArgs")];
        expect(Object.keys(model.properties!)).to.deep.equal(["name", "namespace", "labels", "annotations", "spec"]);
        expect(model.required).to.deep.equal(["name", "spec"]);
        expect(r.properties.endpoints).to.deep.include({ type: "object", additionalProperties: { $ref: ref("ModelEndpoint") } });
    });
});

describe("component package: what the components build", () => {
    const h = new Harness();

    beforeEach(() => h.setup("test"));

    const model = { name: "iris", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } };

    it("Models and InferenceService wrap the library's components under their schema tokens", async () => {
        const models = new pkg.Models("team", { models: [model], defaultNamespace: "team" });
        const single = new pkg.InferenceService("one", { namespace: "team", spec: model.spec });
        await h.settle();
        const wrapper = h.get(token("Models"), "team");
        expect(h.get("kserve-platform:serving:Models", "team").parent).to.equal(wrapper.urn);
        expect(h.get("kubernetes:serving.kserve.io/v1beta1:InferenceService", "one").parent).to.equal(h.get(token("InferenceService"), "one").urn);
        expect(Object.keys(await promiseOf(models.endpoints))).to.deep.equal(["iris"]);
        expect(await promiseOf(single.endpoint)).to.deep.include({ url: "http://one-team.example.com", protocol: "v1", ready: true });
    });

    it("ServingPlatform maps its switches onto the library's", async () => {
        new pkg.ServingPlatform("p", { installCertManager: false, installIstio: false, domain: "models.example.org" });
        await h.settle();
        expect(h.get("kserve-platform:platform:ServingPlatform", "p").parent).to.equal(h.get(token("ServingPlatform"), "p").urn);
        expect(h.resources.filter((r) => r.type === "kserve-platform:platform:CertManager" || r.type === "kserve-platform:platform:Istio")).to.deep.equal([]);
        expect(h.resources.find((r) => r.inputs?.name === "kserve-resources")!.inputs.values.kserve.controller.gateway.domain).to.equal("models.example.org");
    });

    it("KServePlatform validates its settings as the program does, naming each key", () => {
        let error: unknown;
        try {
            new pkg.KServePlatform("stack", { config: { urlScheme: "ftp", models: "not json" } });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).problems.map((p) => p.subject)).to.have.members(["kserve-platform:urlScheme", "kserve-platform:models"]);
    });

    it("KServePlatform refuses a key the schema does not know, as the program does", () => {
        let error: unknown;
        try {
            new pkg.KServePlatform("stack", { config: { domian: "ml.example.org" } });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ValidationError);
        const [problem] = (error as ValidationError).problems;
        expect(problem.subject).to.equal("kserve-platform:domian");
        expect(problem.message).to.contain("did you mean kserve-platform:domain");
    });

    it("KServePlatform builds the stack's component from the settings", async () => {
        const built = new pkg.KServePlatform("stack", { config: { domain: "ml.example.org", models: JSON.stringify([model]) } });
        await h.settle();
        expect(h.get("kserve-platform:stack:KServePlatform", "stack").parent).to.equal(h.get(token("KServePlatform"), "stack").urn);
        expect(await promiseOf(built.domain)).to.equal("ml.example.org");
        expect(Object.keys(await promiseOf(built.endpoints))).to.deep.equal(["iris"]);
    });
});

