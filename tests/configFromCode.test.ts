import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import { Harness, promiseOf, root } from "./harness";
import type * as servingModule from "../components/serving";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NAMESPACE = "kubernetes:core/v1:Namespace";

/** "path: message" of each problem, without the subject (which names where the model came from). */
function caught(f: () => unknown): string[] {
    try {
        f();
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return (e as ValidationError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    return [];
}

// ONNX over v1: no default runtime serves it (kserve v0.20.0 config/runtimes: kserve-tritonserver
// lists onnx with protocolVersions [v2, grpc-v2]); the runtime check must run for code too.
const onnxV1 = { predictor: { minReplicas: -1, model: { modelFormat: { name: "onnx" }, protocolVersion: "v1", storageUri: "gs://b/model.onnx" } } };

describe("models from code validate exactly like models from config", () => {
    const h = new Harness();
    let serving: typeof servingModule;
    before(async () => {
        await h.setup();
        serving = await import("../components/serving");
    });
    beforeEach(() => h.reset());

    it("the same spec gets the same problems, runtime check included, and nothing is registered", async () => {
        const fromConfig = caught(() => loadConfig({ get: (k) => (k === "models" ? JSON.stringify([{ name: "onnx", spec: onnxV1 }]) : undefined) }));
        expect(fromConfig).to.have.length(2);
        expect(fromConfig.join("\n")).to.contain("spec.predictor.minReplicas").and.to.contain("onnx");
        expect(caught(() => new serving.Models("models", { models: [{ name: "onnx", spec: onnxV1 as never }] }))).to.deep.equal(fromConfig);
        expect(caught(() => new serving.InferenceService("onnx", { namespace: "models", spec: onnxV1 as never }))).to.deep.equal(fromConfig);
        await h.settle();
        expect(h.resources).to.deep.equal([]);
    });

    it("turns the runtime check off only when told the default runtimes are not installed", () => {
        const ok = { predictor: { model: { modelFormat: { name: "onnx" }, protocolVersion: "v1", storageUri: "gs://b/model.onnx" } } };
        expect(caught(() => new serving.InferenceService("onnx", { spec: ok as never, validation: { checkDefaultRuntimes: false } }))).to.deep.equal([]);
        expect(caught(() => loadConfig({ get: (k) => ({ models: JSON.stringify([{ name: "onnx", spec: ok }]), installRuntimes: "false" })[k] }))).to.deep.equal([]);
    });

    it("Models checks entries and names as stack config does", () => {
        const spec = { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } };
        const models = [{ name: "a", spec }, { name: "a", namespace: "other", spec }, { name: "b", spec, predictor: {} }];
        const fromConfig = caught(() => loadConfig({ get: (k) => (k === "models" ? JSON.stringify(models) : undefined) }));
        expect(fromConfig).to.deep.equal([
            'name: "a" is already the name of models[0]; names must be unique in the stack',
            "predictor: is not a model entry field; allowed: name, namespace, labels, annotations, spec, spot, auth (KServe fields go under spec)",
        ]);
        // A stack config entry also takes `auth` (who may call the model, read with modelAuth); Models does not.
        expect(caught(() => new serving.Models("models", { models }))).to.deep.equal(fromConfig.map((p) => p.replace("spot, auth", "spot")));
    });

    it("Models refuses two models on one host, as stack config does (a-b in c and a in b-c meet at a-b-c)", () => {
        const spec = { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } };
        const models = [{ name: "a-b", namespace: "c", spec }, { name: "a", namespace: "b-c", spec }];
        const fromConfig = caught(() => loadConfig({ get: (k) => (k === "models" ? JSON.stringify(models) : undefined) }));
        expect(fromConfig).to.have.length(1);
        expect(fromConfig[0]).to.match(/^name: serves at a-b-c\./).and.to.contain('the host of kserve-platform:models[0] "a-b"');
        const fromCode = caught(() => new serving.Models("models", { models }));
        expect(fromCode).to.have.length(1);
        expect(fromCode[0]).to.contain("serves at a-b-c.").and.to.contain('the host of models[0] "a-b"');
    });
});

describe("the README's code example (examples/models-from-code.ts)", () => {
    const file = path.join(root, "examples", "models-from-code.ts");
    const h = new Harness();

    it("is the README's code block, word for word", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        expect(readme).to.contain("```ts\n" + fs.readFileSync(file, "utf8") + "```\n");
    });

    it("runs as written: the namespace is created before the model, which waits for the platform", async () => {
        await h.setup();
        delete require.cache[require.resolve(file)];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const example = require(file) as { url: pulumi.Output<string | undefined> };
        expect(await promiseOf(example.url)).to.equal("http://sklearn-iris-models.example.com");
        await h.settle();
        const ns = h.get(NAMESPACE, "models");
        expect(ns.inputs.metadata.name).to.equal("models");
        expect(ns.retainOnDelete).to.equal(true);
        const isvc = h.get(ISVC, "sklearn-iris");
        expect(isvc.inputs.metadata.namespace).to.equal("models");
        expect(isvc.dependencies).to.include(ns.urn);
        // The last platform installs models wait for (ServingPlatform.modelDependencies: the runtimes).
        const runtimes = h.resources.find((r) => r.inputs?.name === "kserve-runtime-configs");
        expect(runtimes, "kserve-runtime-configs release").to.not.equal(undefined);
        expect(isvc.dependencies).to.include(runtimes!.urn);
        expect(isvc.provider).to.match(/::cluster::/);
    });
});
