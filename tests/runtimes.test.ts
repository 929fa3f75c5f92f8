/**
 * Custom runtimes (issue 18 item 5): ServingRuntime and ClusterServingRuntime as typed resources,
 * checked as KServe v0.20.0's CRD and runtime webhook check them, and models admitted against them
 * as KServe's controller admits them: a named runtime is the namespace's ServingRuntime, else the
 * ClusterServingRuntime (`GetServingRuntime`, pkg/controller/v1beta1/inferenceservice/utils/utils.go),
 * refused when disabled, when it lacks a declared protocol or the format (`reconcileModel`,
 * components/predictor.go); auto-selection skips disabled and multi-model runtimes and those not
 * serving the format with autoSelect, the protocol or the multi-node shape (`GetSupportingRuntimes`,
 * pkg/apis/serving/v1beta1/predictor_model.go).
 */
import { expect } from "chai";
import { Gate, Harness, runProgram } from "./harness";
import { loadStack } from "./stackProblems";
import { declaredRuntimes, RuntimeDeclaration, validateServingRuntime } from "../components/serving/servingRuntime";
import { validateInferenceService } from "../components/serving/validate";
import type * as servingModule from "../components/serving";

const CSR = "kubernetes:serving.kserve.io/v1alpha1:ClusterServingRuntime";
const SR = "kubernetes:serving.kserve.io/v1alpha1:ServingRuntime";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

const server = [{ name: "kserve-container", image: "example.azurecr.io/my-server:1.0" }];
const custom: RuntimeDeclaration = { kind: "ClusterServingRuntime", name: "my-onnx", spec: { supportedModelFormats: [{ name: "my-format", version: "1", autoSelect: true }], protocolVersions: ["v2"], containers: server } };
const team: RuntimeDeclaration = { kind: "ServingRuntime", name: "team-server", namespace: "models", spec: { supportedModelFormats: [{ name: "sklearn", version: "1" }], protocolVersions: ["v1"], containers: server } };
const off: RuntimeDeclaration = { kind: "ClusterServingRuntime", name: "old-server", spec: { disabled: true, supportedModelFormats: [{ name: "legacy", autoSelect: true }], containers: server } };
const mesh: RuntimeDeclaration = { kind: "ClusterServingRuntime", name: "mesh-server", spec: { multiModel: true, supportedModelFormats: [{ name: "meshy", autoSelect: true }], containers: server } };

const check = (model: Record<string, unknown>, runtimes: RuntimeDeclaration[], namespace = "models", checkDefaultRuntimes = true) =>
    validateInferenceService({ name: "m", namespace, spec: { predictor: { model: { storageUri: "gs://b/m", ...model } } } }, "m", { checkDefaultRuntimes, runtimes: declaredRuntimes(runtimes) }).map((p) => `${p.path}: ${p.message}`);

describe("custom runtimes: what KServe's CRD and runtime webhook refuse", () => {
    it("accepts a runtime with formats, protocols and a model server container", () => {
        for (const r of [custom, team, off, mesh]) {
            expect(validateServingRuntime({ ...r, namespace: r.kind === "ServingRuntime" ? "models" : undefined }, r.name)).to.deep.equal([]);
        }
    });

    it("reports every problem together, with the field and a did-you-mean", () => {
        const spec = {
            supportedModelFormat: [],
            supportedModelFormats: [{ name: "onnx", autoSelect: true, priority: 1 }, { name: "onnx", version: "1", autoSelect: true, priority: 2 }, { version: "2", priority: 0 }],
            workerSpec: { containers: [{ name: "a" }, { name: "b" }], tensorParallelSize: 0 },
        };
        expect(validateServingRuntime({ kind: "ClusterServingRuntime", name: "kserve-tritonserver", namespace: "models", spec }, "r", { installedClusterRuntimes: ["kserve-tritonserver"] }).map((p) => `${p.path}: ${p.message}`)).to.deep.equal([
            'name: "kserve-tritonserver" is a default runtime the stack installs (kserve-runtime-configs); name yours differently, or set installRuntimes false',
            "namespace: a ClusterServingRuntime is cluster-scoped and has no namespace; use kind ServingRuntime for a runtime of one namespace",
            'spec.supportedModelFormat: is not a field of KServe v1alpha1 ServingRuntimeSpec; did you mean "supportedModelFormats"? (the API server would drop it silently)',
            // CRD: containers required (ServingRuntimePodSpec `validate:"required"`), name required per container.
            "spec.containers: got undefined; is required: at least one container (the model server, named kserve-container)",
            // validateModelFormatPrioritySame (servingruntime_webhook.go).
            "spec.supportedModelFormats[1].priority: different priorities assigned for the model format onnx (1 and 2); KServe's runtime webhook refuses that",
            "spec.supportedModelFormats[2].name: got undefined; is required: the model format, e.g. sklearn",
            // CRD: priority minimum 1.
            "spec.supportedModelFormats[2].priority: got 0; must be an integer of at least 1",
            // validateMultiNodeSpec: DisallowedMultipleContainersInWorkerSpecError, InvalidWorkerSpecTensorParallelSizeValueError.
            "spec.workerSpec.containers: setting multiple containers in workerSpec is not allowed (KServe's runtime webhook)",
            "spec.workerSpec.tensorParallelSize: got 0; cannot be less than 1",
        ]);
    });
});

describe("custom runtimes: models admitted as KServe's controller admits them", () => {
    it("auto-selects a declared runtime for its format, and refuses a format no runtime serves, as today", () => {
        expect(check({ modelFormat: { name: "my-format", version: "1" }, protocolVersion: "v2" }, [custom])).to.deep.equal([]);
        expect(check({ modelFormat: { name: "my-format", version: "1" }, protocolVersion: "v2" }, [])).to.deep.equal([
            'spec.predictor.model: no default ClusterServingRuntime auto-selects modelFormat {"name":"my-format","version":"1"} with protocol v2; no default runtime serves that format. Set protocolVersion/modelFormat.version to match, or name a runtime',
        ]);
        // Protocol: my-onnx lists v2 only; a v1 model is not selected (IsProtocolVersionSupported).
        expect(check({ modelFormat: { name: "my-format", version: "1" } }, [custom])).to.deep.equal([
            'spec.predictor.model: no ServingRuntime or ClusterServingRuntime auto-selects modelFormat {"name":"my-format","version":"1"} with protocol v1; runtimes for that format: my-onnx (protocols v2, versions 1). Set protocolVersion/modelFormat.version to match, or name a runtime',
        ]);
    });

    it("never auto-selects a disabled or a multi-model runtime", () => {
        expect(check({ modelFormat: { name: "legacy" } }, [off])[0]).to.match(/^spec\.predictor\.model: no ServingRuntime or ClusterServingRuntime auto-selects modelFormat \{"name":"legacy"\}/);
        expect(check({ modelFormat: { name: "meshy" } }, [mesh])[0]).to.match(/^spec\.predictor\.model: no ServingRuntime or ClusterServingRuntime auto-selects modelFormat \{"name":"meshy"\}/);
    });

    it("checks a named runtime: the format (autoSelect or not), the declared protocol, disabled", () => {
        // A named runtime matches formats without autoSelect (getServingRuntimeSupportedModelFormatLabelSet).
        expect(check({ modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server" }, [team])).to.deep.equal([]);
        expect(check({ modelFormat: { name: "xgboost" }, runtime: "team-server" }, [team])).to.deep.equal([
            'spec.predictor.model.runtime: team-server does not serve modelFormat {"name":"xgboost"} with protocol v1; it serves sklearn:1 over v1',
        ]);
        expect(check({ modelFormat: { name: "sklearn", version: "1" }, protocolVersion: "v2", runtime: "team-server" }, [team])).to.deep.equal([
            'spec.predictor.model.runtime: team-server does not serve modelFormat {"name":"sklearn","version":"1"} with protocol v2; it serves sklearn:1 over v1',
        ]);
        expect(check({ modelFormat: { name: "legacy" }, runtime: "old-server" }, [off])).to.deep.equal([
            'spec.predictor.model.runtime: old-server is disabled (spec.disabled); KServe fails a model naming a disabled runtime ("specified runtime old-server is disabled")',
        ]);
    });

    it("finds a ServingRuntime only in its own namespace, before a ClusterServingRuntime of the same name", () => {
        const shadow: RuntimeDeclaration = { ...custom, name: "team-server" };
        // In `models` the namespaced team-server (sklearn) wins; elsewhere the cluster one (my-format).
        expect(check({ modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server" }, [team, shadow])).to.deep.equal([]);
        expect(check({ modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server" }, [team, shadow], "other")[0]).to.match(/^spec\.predictor\.model\.runtime: team-server does not serve/);
        // A runtime the stack does not know may be installed beside it: trusted, as before.
        expect(check({ modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server" }, [team], "other")).to.deep.equal([]);
    });

    it("checks declared runtimes even where the default runtimes are not installed", () => {
        expect(check({ modelFormat: { name: "xgboost" }, runtime: "team-server" }, [team], "models", false)).to.have.length(1);
        expect(check({ modelFormat: { name: "onnx" } }, [team], "models", false)).to.deep.equal([]);
    });
});

describe("custom runtimes from stack config and in Models", () => {
    const runtimeEntry = { kind: "ClusterServingRuntime", name: "my-onnx", spec: custom.spec };
    const teamEntry = { kind: "ServingRuntime", name: "team-server", spec: team.spec };
    const model = (name: string, m: Record<string, unknown>) => ({ name, spec: { predictor: { model: { storageUri: "gs://b/m", ...m } } } });

    it("reads runtime entries and admits the models that name them, refusing the others with models[i]", () => {
        const ok = loadStack("local", { models: [runtimeEntry, teamEntry, model("a", { modelFormat: { name: "my-format", version: "1" }, protocolVersion: "v2" }), model("b", { modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server" })] });
        expect(ok.problems).to.deep.equal([]);
        expect(ok.config!.runtimes!.map((r) => `${r.kind}/${r.name}`)).to.deep.equal(["ClusterServingRuntime/my-onnx", "ServingRuntime/team-server"]);
        expect(ok.config!.models.map((m) => m.name)).to.deep.equal(["a", "b"]);
        expect(loadStack("local", { models: [teamEntry, model("b", { modelFormat: { name: "xgboost" }, runtime: "team-server" }), { ...teamEntry, spec: { ...team.spec, containers: [] } }] }).problems).to.deep.equal([
            'kserve-platform:models[1] "b" spec.predictor.model.runtime: team-server does not serve modelFormat {"name":"xgboost"} with protocol v1; it serves sklearn:1 over v1',
            "kserve-platform:models[2] \"team-server\" spec.containers: got []; is required: at least one container (the model server, named kserve-container)",
            'kserve-platform:models[2] "team-server" name: ServingRuntime "team-server" is declared twice (also runtime entry 0)',
        ]);
    });

    it("reports a malformed runtime entry instead of failing on it", () => {
        const bad = { kind: "ClusterServingRuntime", name: "bad", spec: { supportedModelFormats: "sklearn", protocolVersions: "v1", containers: server } };
        expect(loadStack("local", { models: [bad, model("a", { modelFormat: { name: "sklearn" } })] }).problems).to.deep.equal([
            'kserve-platform:models[0] "bad" spec.protocolVersions: got "v1"; must be a list such as [v1, v2]',
            'kserve-platform:models[0] "bad" spec.supportedModelFormats: got "sklearn"; must be a list of {name, version, autoSelect, priority}',
        ]);
    });

    describe("registration", () => {
        const h = new Harness();
        before(async () => {
            await h.setup();
            const serving: typeof servingModule = await import("../components/serving");
            new serving.Models("models", {
                models: [
                    { name: "a", spec: { predictor: { model: { modelFormat: { name: "my-format", version: "1" }, protocolVersion: "v2", storageUri: "gs://b/m" } } } },
                    { name: "b", namespace: "team", spec: { predictor: { model: { modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server", storageUri: "gs://b/m" } } } },
                ],
                runtimes: [custom, { ...team, namespace: "team" }],
                platform: [new Gate("platform")],
            });
            await h.settle();
        });

        it("registers each runtime as written, under Models", () => {
            expect(h.get(CSR, "models-runtime-my-onnx").inputs).to.deep.equal({ apiVersion: "serving.kserve.io/v1alpha1", kind: "ClusterServingRuntime", metadata: { name: "my-onnx" }, spec: custom.spec });
            expect(h.get(SR, "models-team-runtime-team-server").inputs).to.deep.equal({ apiVersion: "serving.kserve.io/v1alpha1", kind: "ServingRuntime", metadata: { name: "team-server", namespace: "team" }, spec: team.spec });
        });

        it("creates runtimes after the platform and their namespace, and the models after the runtimes they may get", () => {
            const platform = h.get("test:index:Gate", "platform").urn;
            const csr = h.get(CSR, "models-runtime-my-onnx");
            const sr = h.get(SR, "models-team-runtime-team-server");
            expect(csr.dependencies).to.include(platform);
            expect(sr.dependencies).to.include.members([platform, h.get("kubernetes:core/v1:Namespace", "models-team").urn]);
            expect(h.get(ISVC, "a").dependencies).to.include(csr.urn);
            expect(h.get(ISVC, "b").dependencies).to.include.members([csr.urn, sr.urn]);
            expect(h.get(ISVC, "a").dependencies).to.not.include(sr.urn);
        });
    });
});

describe("program: a stack with its own runtime", () => {
    const h = new Harness();
    before(async () => {
        await h.setup("local");
        const models = [
            { kind: "ServingRuntime", name: "team-server", spec: team.spec },
            { name: "iris", spec: { predictor: { model: { modelFormat: { name: "sklearn", version: "1" }, runtime: "team-server", storageUri: "gs://b/m" } } } },
        ];
        await runProgram(h, "local", {}, { "kserve-platform:models": JSON.stringify(models) });
    });

    it("registers the ServingRuntime through the cluster's provider, after KServe's charts, before the model that names it", () => {
        const sr = h.get(SR, "models-models-runtime-team-server");
        expect(sr.inputs).to.deep.equal({ apiVersion: "serving.kserve.io/v1alpha1", kind: "ServingRuntime", metadata: { name: "team-server", namespace: "models" }, spec: team.spec });
        expect(sr.provider).to.match(/::cluster-k8s::/);
        const releases = h.all("kubernetes:helm.sh/v3:Release").filter((r) => ["kserve-crd", "kserve-resources"].includes(r.inputs.name)).map((r) => r.urn);
        expect([...h.transitiveDependencies(sr)]).to.include.members(releases);
        expect(h.get(ISVC, "iris").dependencies).to.include(sr.urn);
    });
});
