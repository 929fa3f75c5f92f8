import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Gate, Harness, promiseOf } from "./harness";
import type * as servingModule from "../components/serving";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const spec = { predictor: { minReplicas: 0, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } };

describe("serving: InferenceService", () => {
    const h = new Harness();
    let serving: typeof servingModule;

    before(async () => {
        await h.setup();
        serving = await import("../components/serving");
    });
    beforeEach(() => h.reset());

    it("registers one serving.kserve.io/v1beta1 InferenceService with the spec unchanged", async () => {
        const isvc = new serving.InferenceService("iris", { namespace: "team-a", labels: { team: "a" }, spec });
        await promiseOf(isvc.urn);
        const [r] = h.all(ISVC);
        expect(h.resources).to.have.length(1);
        expect(r.custom).to.equal(true);
        expect(r.inputs.apiVersion).to.equal("serving.kserve.io/v1beta1");
        expect(r.inputs.kind).to.equal("InferenceService");
        expect(r.inputs.metadata.name).to.equal("iris");
        expect(r.inputs.metadata.namespace).to.equal("team-a");
        expect(r.inputs.metadata.labels).to.deep.equal({ team: "a" });
        expect(r.inputs.spec).to.deep.equal(spec);
    });

    it("waits for condition Ready with a timeout and records the deployment mode with its new name", async () => {
        const isvc = new serving.InferenceService("iris", { spec, readyTimeoutSeconds: 900 });
        await promiseOf(isvc.urn);
        expect(h.get(ISVC, "iris").inputs.metadata.annotations).to.deep.equal({
            "serving.kserve.io/deploymentMode": "Knative",
            "pulumi.com/waitFor": "condition=Ready",
            "pulumi.com/timeoutSeconds": "900",
        });
        expect(h.get(ISVC, "iris").inputs.metadata.namespace).to.equal("models");
    });

    it("lets a model's own deployment-mode annotation win", async () => {
        const isvc = new serving.InferenceService("iris", { spec, deploymentMode: "Knative", annotations: { "serving.kserve.io/deploymentMode": "Standard" } });
        await promiseOf(isvc.urn);
        expect(h.get(ISVC, "iris").inputs.metadata.annotations["serving.kserve.io/deploymentMode"]).to.equal("Standard");
    });

    it("replaces (delete first) instead of updating when the deployment mode changes", async () => {
        const isvc = new serving.InferenceService("iris", { spec });
        await promiseOf(isvc.urn);
        const r = h.get(ISVC, "iris");
        expect(r.replaceOnChanges).to.deep.equal(['metadata.annotations["serving.kserve.io/deploymentMode"]']);
        expect(r.deleteBeforeReplace).to.equal(true);
    });

    it("reads url, internalUrl, ready and the endpoint from the status the cluster reports", async () => {
        h.compute(({ type }) =>
            type === ISVC
                ? { status: { url: "https://iris-models.ml.example.org", address: { url: "http://iris.models.svc.cluster.local" }, conditions: [{ type: "Ready", status: "True" }] } }
                : undefined,
        );
        const isvc = new serving.InferenceService("iris", { spec: { predictor: { model: { ...spec.predictor.model, protocolVersion: "v2" } } } });
        expect(await promiseOf(isvc.url)).to.equal("https://iris-models.ml.example.org");
        expect(await promiseOf(isvc.internalUrl)).to.equal("http://iris.models.svc.cluster.local");
        expect(await promiseOf(isvc.ready)).to.equal(true);
        expect(await promiseOf(isvc.endpoint)).to.deep.equal({
            url: "https://iris-models.ml.example.org",
            internalUrl: "http://iris.models.svc.cluster.local",
            protocol: "v2",
            predictUrl: "https://iris-models.ml.example.org/v2/models/iris/infer",
            ready: true,
        });
    });

    it("reports not ready while condition Ready is not True", async () => {
        h.compute(({ type }) => (type === ISVC ? { status: { conditions: [{ type: "Ready", status: "False", reason: "RevisionFailed" }] } } : undefined));
        const isvc = new serving.InferenceService("iris", { spec });
        expect(await promiseOf(isvc.ready)).to.equal(false);
        expect((await promiseOf(isvc.endpoint)).predictUrl).to.equal(undefined);
    });

    it("throws one error listing every problem, before registering anything", async () => {
        let error: Error | undefined;
        try {
            new serving.InferenceService("Iris", { spec: { predictor: { minReplicas: -1, model: { storageUri: "gs://b/m" } } } as never });
        } catch (e) {
            error = e as Error;
        }
        await h.settle();
        expect(error).to.be.instanceOf(pulumi.RunError);
        expect(error!.message).to.contain('InferenceService "Iris" is invalid (3 problems)');
        expect(error!.message).to.contain("name: \"Iris\" is not a DNS-1035 label");
        expect(error!.message).to.contain("spec.predictor.minReplicas: got -1");
        expect(error!.message).to.contain("spec.predictor.model.modelFormat.name");
        expect(h.resources).to.deep.equal([]);
    });
});

describe("serving: Models", () => {
    const h = new Harness();
    let serving: typeof servingModule;

    before(async () => {
        await h.setup();
        serving = await import("../components/serving");
    });
    beforeEach(() => h.reset());

    it("creates each model namespace once, retained on destroy, and one InferenceService per model", async () => {
        const models = new serving.Models("models", {
            models: [
                { name: "a", spec },
                { name: "b", namespace: "team-b", spec },
                { name: "c", namespace: "team-b", spec },
                { name: "d", namespace: "shared", spec },
            ],
            // Not created: it exists (models may not use `default`, see tests/configNamespaces.test.ts).
            existingNamespaces: ["shared"],
            namespaceLabels: { "istio-injection": "enabled" },
        });
        await promiseOf(models.endpoints);
        await h.settle();
        const namespaces = h.all(NAMESPACE);
        expect(namespaces.map((n) => n.inputs.metadata.name).sort()).to.deep.equal(["models", "team-b"]);
        for (const ns of namespaces) {
            expect(ns.retainOnDelete, ns.name).to.equal(true);
            expect(ns.inputs.metadata.labels).to.deep.equal({ "istio-injection": "enabled" });
        }
        expect(h.all(ISVC).map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`)).to.have.members(["models/a", "team-b/b", "team-b/c", "shared/d"]);
    });

    it("makes each InferenceService a child that depends on the platform and on its namespace", async () => {
        const platform = new pulumi.ComponentResource("test:index:Platform", "platform");
        const gate = new Gate("runtimes", { parent: platform });
        const models = new serving.Models("models", { models: [{ name: "a", spec }], platform: [gate] });
        await promiseOf(models.endpoints);
        await h.settle();
        const isvc = h.get(ISVC, "a");
        const ns = h.get(NAMESPACE, "models-models");
        expect(isvc.parent).to.equal(h.get("kserve-platform:serving:Models", "models").urn);
        expect(isvc.urn).to.contain("kserve-platform:serving:Models$kubernetes:serving.kserve.io/v1beta1:InferenceService::a");
        expect(isvc.dependencies).to.have.members([h.get("test:index:Gate", "runtimes").urn, ns.urn]);
    });

    it("exports endpoints by model name", async () => {
        const models = new serving.Models("models", { models: [{ name: "a", spec }, { name: "b", namespace: "x", spec }] });
        expect(await promiseOf(models.endpoints)).to.deep.equal({
            a: { url: "http://a-models.example.com", internalUrl: "http://a-predictor.models.svc.cluster.local", protocol: "v1", predictUrl: "http://a-models.example.com/v1/models/a:predict", ready: true },
            b: { url: "http://b-x.example.com", internalUrl: "http://b-predictor.x.svc.cluster.local", protocol: "v1", predictUrl: "http://b-x.example.com/v1/models/b:predict", ready: true },
        });
    });
});
