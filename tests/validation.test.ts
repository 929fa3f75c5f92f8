import { expect } from "chai";
import { checkModel, ModelValidationOptions, validateInferenceService } from "../components/serving";
import { conformanceModels } from "../conformance/models";

const sklearn = { modelFormat: { name: "sklearn" }, storageUri: "gs://bucket/model" };
const gpuTaint = { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" };

/** Problems of an InferenceService as "path: message" lines. */
function check(spec: unknown, options: ModelValidationOptions = {}, meta: { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown } = {}): string[] {
    return validateInferenceService({ name: "iris", namespace: "models", ...meta, spec }, 'model "iris"', options).map((p) => `${p.path}: ${p.message}`);
}

function expectOne(lines: string[], path: string, ...fragments: string[]): void {
    const matching = lines.filter((l) => l.startsWith(`${path}: `));
    expect(matching, `problems: ${JSON.stringify(lines)}`).to.have.length(1);
    for (const f of fragments) {
        expect(matching[0]).to.contain(f);
    }
}

const predictor = (extra: Record<string, unknown> = {}) => ({ predictor: { model: sklearn, ...extra } });

describe("InferenceService validation", () => {
    it("accepts every spec of the conformance set unchanged", () => {
        for (const [name, args] of Object.entries(conformanceModels)) {
            const annotations = { ...args.annotations, ...(args.deploymentMode ? { "serving.kserve.io/deploymentMode": args.deploymentMode } : {}) };
            const problems = validateInferenceService({ name, namespace: "models", annotations, spec: args.spec }, name, { checkDefaultRuntimes: true, gpuTaint });
            expect(problems, name).to.deep.equal([]);
        }
    });

    it("names the subject on every problem and reports all problems together", () => {
        const problems = validateInferenceService({ name: "Bad_Name", namespace: "models", spec: { predictor: { minReplicas: -1, canaryTrafficPercent: 150, model: sklearn } } }, 'kserve-platform:models[3] "Bad_Name"');
        expect(problems.map((p) => p.path)).to.have.members(["name", "spec.predictor.minReplicas", "spec.predictor.canaryTrafficPercent"]);
        expect(problems.every((p) => p.subject === 'kserve-platform:models[3] "Bad_Name"')).to.equal(true);
    });

    describe("metadata", () => {
        it("requires a name", () => expectOne(check(predictor(), {}, { name: "" }), "name", "non-empty string"));
        it("requires a DNS-1035 name", () => {
            for (const name of ["Iris", "1iris", "iris-", "iris_1"]) {
                expectOne(check(predictor(), {}, { name }), "name", "DNS-1035");
            }
        });
        it("limits the name to 63 characters, and says how much to cut", () =>
            expectOne(check(predictor(), {}, { name: `${"a".repeat(62)}-b`, namespace: undefined }), "name", "64 characters", "at most 63", `: shorten it by 1 (e.g. "${"a".repeat(62)}")`));
        it("limits name-namespace, the host label of the URL, to 63 characters", () =>
            expectOne(check(predictor(), {}, { name: "a".repeat(40), namespace: "b".repeat(23) }), "name", "name-namespace", "64 characters", ": shorten the name or the namespace by 1 together"));
        it("requires a DNS-1123 namespace", () => expectOne(check(predictor(), {}, { namespace: "Models" }), "namespace", "DNS-1123"));
        it("rejects the platform's namespaces", () =>
            expectOne(
                checkModel({ name: "iris", namespace: "kserve", spec: predictor() }, 'model "iris"', { reservedNamespaces: ["kserve"] }).map((p) => `${p.path}: ${p.message}`),
                "namespace",
                "belongs to the platform",
            ));
        it("requires string label values", () => expectOne(check(predictor(), {}, { labels: { team: 7 } }), 'metadata.labels["team"]', "values must be strings"));
        // KServe v0.20.0 inference_service_defaults.go DefaultInferenceService rewrites the legacy names.
        it("accepts the legacy deployment-mode names KServe's defaulter rewrites", () => {
            expect(check(predictor(), {}, { annotations: { "serving.kserve.io/deploymentMode": "Serverless" } })).to.deep.equal([]);
            expect(check({ ...predictor(), canary: [] }, {}, { annotations: { "serving.kserve.io/deploymentMode": "RawDeployment" } })).to.deep.equal([]);
        });
        it("rejects unknown deployment modes", () =>
            expectOne(check(predictor(), {}, { annotations: { "serving.kserve.io/deploymentMode": "ModelMesh" } }), 'metadata.annotations["serving.kserve.io/deploymentMode"]', "allowed: Knative, Standard (legacy Serverless, RawDeployment are renamed)"));
        it("rejects unknown autoscaler classes", () =>
            expectOne(check(predictor(), {}, { annotations: { "serving.kserve.io/autoscalerClass": "kpa" } }), 'metadata.annotations["serving.kserve.io/autoscalerClass"]', "allowed: hpa, external, keda, none"));
    });

    describe("spec structure", () => {
        it("requires spec to be an object", () => expectOne(check("predictor"), "spec", "must be an object with at least a predictor"));
        it("requires a predictor", () => expectOne(check({ transformer: { containers: [{ name: "t", image: "t:1" }] } }), "spec.predictor", "a predictor object is required"));
        it("flags unknown fields and suggests the right one", () => expectOne(check(predictor({ minReplica: 1 })), "spec.predictor.minReplica", 'did you mean "minReplicas"', "drop it silently"));
        it("flags unknown fields inside the model", () => expectOne(check({ predictor: { model: { ...sklearn, storageURI: "gs://x/y" } } }), "spec.predictor.model.storageURI", 'did you mean "storageUri"'));
        it("requires a predictor implementation", () => expectOne(check({ predictor: { minReplicas: 1 } }), "spec.predictor", "has no implementation", "exactly one of model"));
        it("allows exactly one predictor implementation", () =>
            expectOne(check({ predictor: { model: sklearn, sklearn: { storageUri: "gs://b/m" } } }), "spec.predictor", "2 implementations (sklearn, model)"));
        it("counts a kserve-container beside a model as a second implementation", () =>
            expectOne(check({ predictor: { model: sklearn, containers: [{ name: "kserve-container", image: "x:1" }] } }), "spec.predictor", "(model, containers)"));
        it("lets a model share the pod with a transformer container", () => expect(check({ predictor: { model: sklearn, containers: [{ name: "transformer-container", image: "t:1" }] } })).to.deep.equal([]));
        it("requires modelFormat.name on a model", () => expectOne(check({ predictor: { model: { storageUri: "gs://b/m" } } }), "spec.predictor.model.modelFormat.name", "needs modelFormat.name"));
        it("forbids a container name on the stable predictor's model", () => expectOne(check({ predictor: { model: { ...sklearn, name: "x" } } }), "spec.predictor.model.name", "not allowed"));
        // KServe v0.20.0 predictor_custom.go CustomPredictor.Default names the first container kserve-container; the CRD requires the others' names.
        it("lets KServe name the first custom container, and requires the other names", () => {
            expect(check({ predictor: { containers: [{ image: "x:1" }] } })).to.deep.equal([]);
            expect(check({ ...predictor(), transformer: { containers: [{ image: "t:1" }] } })).to.deep.equal([]);
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x:1" }, { image: "y:1" }] } }), "spec.predictor.containers[1].name", "is required", "kserve-container");
            expectOne(check({ predictor: { model: sklearn, containers: [{ image: "t:1" }] } }), "spec.predictor.containers[0].name", "is required");
        });
        it("requires containers in a transformer", () => expectOne(check({ ...predictor(), transformer: { minReplicas: 1 } }), "spec.transformer", "set containers"));
        it("allows one explainer implementation", () =>
            expectOne(check({ ...predictor(), explainer: { art: { type: "SquareAttack" }, containers: [{ name: "e", image: "e:1" }] } }), "spec.explainer", "2 implementations (art, containers)"));
    });

    describe("scaling and rollout", () => {
        it("requires minReplicas >= 0", () => expectOne(check(predictor({ minReplicas: -1 })), "spec.predictor.minReplicas", "got -1", "integer >= 0"));
        it("requires integer replicas", () => expectOne(check(predictor({ maxReplicas: 2.5 })), "spec.predictor.maxReplicas", "integer >= 0"));
        it("requires maxReplicas >= 0", () => expectOne(check(predictor({ maxReplicas: -3 })), "spec.predictor.maxReplicas", "integer >= 0"));
        it("requires minReplicas <= maxReplicas when maxReplicas > 0", () => expectOne(check(predictor({ minReplicas: 5, maxReplicas: 2 })), "spec.predictor.minReplicas", "greater than maxReplicas 2"));
        it("treats maxReplicas 0 as no limit", () => expect(check(predictor({ minReplicas: 5, maxReplicas: 0 }))).to.deep.equal([]));
        it("requires canaryTrafficPercent in 0..100", () => {
            expectOne(check(predictor({ canaryTrafficPercent: 101 })), "spec.predictor.canaryTrafficPercent", "between 0 and 100");
            expectOne(check(predictor({ canaryTrafficPercent: -1 })), "spec.predictor.canaryTrafficPercent", "between 0 and 100");
        });
        it("requires containerConcurrency >= 0", () => expectOne(check(predictor({ containerConcurrency: -1 })), "spec.predictor.containerConcurrency", ">= 0"));
        it("requires a positive timeout", () => expectOne(check(predictor({ timeout: 0 })), "spec.predictor.timeout", ">= 1"));
        it("allows only KServe's scale metrics", () => expectOne(check(predictor({ scaleMetric: "gpu" })), "spec.predictor.scaleMetric", "allowed: cpu, memory, concurrency, rps"));
        it("needs Knative's HPA class for cpu and memory metrics", () => {
            expectOne(check(predictor({ scaleMetric: "cpu" })), "spec.predictor.scaleMetric", "needs Knative's HPA autoscaler");
            // validateAutoScalingCompExtension reads the InferenceService's annotations, not the component's.
            expect(check(predictor({ scaleMetric: "cpu" }), {}, { annotations: { "autoscaling.knative.dev/class": "hpa.autoscaling.knative.dev" } })).to.deep.equal([]);
            expectOne(check(predictor({ scaleMetric: "cpu", annotations: { "autoscaling.knative.dev/class": "hpa.autoscaling.knative.dev" } })), "spec.predictor.scaleMetric", "InferenceService annotation");
            expect(check(predictor({ scaleMetric: "cpu" }), { defaultDeploymentMode: "Standard" })).to.deep.equal([]);
        });
        it("allows only KServe's scale metric types", () => expectOne(check(predictor({ scaleMetricType: "Percent" })), "spec.predictor.scaleMetricType", "Utilization, Value, AverageValue"));
        it("requires an rps target of at least 1", () => expectOne(check(predictor({ scaleMetric: "rps", scaleTarget: 0 })), "spec.predictor.scaleTarget", ">= 1"));
        it("keeps deploymentStrategy to Standard mode", () => expectOne(check(predictor({ deploymentStrategy: { type: "Recreate" } })), "spec.predictor.deploymentStrategy", "only supported in Standard mode"));
    });

    describe("storage", () => {
        it("rejects unsupported storageUri schemes", () => expectOne(check({ predictor: { model: { ...sklearn, storageUri: "ftp://host/model" } } }), "spec.predictor.model.storageUri", "unsupported scheme", "gs:// s3://"));
        it("accepts extra prefixes of ClusterStorageContainers", () => expect(check({ predictor: { model: { ...sklearn, storageUri: "myfs://vol/model" } } }, { extraStorageUriPrefixes: ["myfs://"] })).to.deep.equal([]));
        it("requires Azure blob URIs to name account and container", () =>
            expectOne(check({ predictor: { model: { ...sklearn, storageUri: "https://blob.core.windows.net/" } } }), "spec.predictor.model.storageUri", "https://<account>.blob.core.windows.net"));
        it("accepts local paths, as KServe does", () => expect(check({ predictor: { model: { ...sklearn, storageUri: "/mnt/models/iris" } } })).to.deep.equal([]));
        it("checks the scheme of legacy framework keys", () => expectOne(check({ predictor: { xgboost: { storageUri: "ftp://x/y" } } }), "spec.predictor.xgboost.storageUri", "unsupported scheme"));
        it("rejects storageUri together with storageUris", () =>
            expectOne(check({ predictor: { model: sklearn, storageUris: [{ uri: "s3://b/x", mountPath: "/mnt/models/x" }] } }), "spec.predictor.storageUris", "cannot be combined with model.storageUri"));
        it("requires absolute mount paths", () =>
            expectOne(check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [{ uri: "s3://b/x", mountPath: "models" }] } }), "spec.predictor.storageUris[0].mountPath", "absolute path"));
        it("requires a common parent of the mount paths", () =>
            expectOne(
                check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [{ uri: "s3://b/x", mountPath: "/mnt/a" }, { uri: "s3://b/y", mountPath: "/opt/b" }] } }),
                "spec.predictor.storageUris",
                "share no parent directory",
            ));
        it("requires unique PVC mount paths", () =>
            expectOne(
                check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [{ uri: "pvc://a/x", mountPath: "/mnt/m" }, { uri: "pvc://b/y", mountPath: "/mnt/m" }] } }),
                "spec.predictor.storageUris[1].mountPath",
                "must be unique",
            ));
    });

    describe("protocols and runtimes", () => {
        it("allows only KServe's protocols", () => expectOne(check({ predictor: { model: { ...sklearn, protocolVersion: "v3" } } }), "spec.predictor.model.protocolVersion", "allowed: v1, v2, grpc-v1, grpc-v2"));
        it("finds no default runtime for ONNX over v1", () =>
            expectOne(check({ predictor: { model: { modelFormat: { name: "onnx" }, storageUri: "gs://b/m" } } }, { checkDefaultRuntimes: true }), "spec.predictor.model", "no default ClusterServingRuntime", "kserve-tritonserver (protocols v2, grpc-v2"));
        it("finds Triton for ONNX over v2", () => expect(check({ predictor: { model: { modelFormat: { name: "onnx" }, protocolVersion: "v2", storageUri: "gs://b/m" } } }, { checkDefaultRuntimes: true })).to.deep.equal([]));
        it("matches format versions exactly, as KServe does", () =>
            expectOne(check({ predictor: { model: { modelFormat: { name: "sklearn", version: "1.0" }, storageUri: "gs://b/m" } } }, { checkDefaultRuntimes: true }), "spec.predictor.model", "versions 1"));
        it("checks a named default runtime serves the model", () =>
            expectOne(check({ predictor: { model: { ...sklearn, runtime: "kserve-xgbserver" } } }, { checkDefaultRuntimes: true }), "spec.predictor.model.runtime", "kserve-xgbserver does not serve"));
        it("trusts runtimes it does not know", () => expect(check({ predictor: { model: { ...sklearn, runtime: "my-runtime" } } }, { checkDefaultRuntimes: true })).to.deep.equal([]));
        it("skips runtime checks when the default runtimes are not installed", () => expect(check({ predictor: { model: { modelFormat: { name: "onnx" }, storageUri: "gs://b/m" } } })).to.deep.equal([]));
    });

    describe("GPUs", () => {
        const gpuModel = { ...sklearn, resources: { limits: { "nvidia.com/gpu": "1" } } };
        it("flags GPU requests without a toleration of the GPU taint", () =>
            expectOne(check({ predictor: { model: gpuModel } }, { gpuTaint }), "spec.predictor.tolerations", "requests GPUs", "nvidia.com/gpu=present:NoSchedule", "operator: Exists"));
        it("accepts a matching toleration", () => expect(check({ predictor: { model: gpuModel, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] } }, { gpuTaint })).to.deep.equal([]));
        it("does not accept a toleration of another effect or value", () => {
            expectOne(check({ predictor: { model: gpuModel, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoExecute" }] } }, { gpuTaint }), "spec.predictor.tolerations", "requests GPUs");
            expectOne(check({ predictor: { model: gpuModel, tolerations: [{ key: "nvidia.com/gpu", value: "absent", effect: "NoSchedule" }] } }, { gpuTaint }), "spec.predictor.tolerations", "requests GPUs");
        });
        it("sees GPUs in custom containers and MIG slices", () =>
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x:1", resources: { requests: { "nvidia.com/mig-1g.5gb": "1" } } }] } }, { gpuTaint }), "spec.predictor.tolerations", "requests GPUs"));
        it("does not check without a known GPU taint", () => expect(check({ predictor: { model: gpuModel } })).to.deep.equal([]));
    });

    describe("logger and batcher", () => {
        // KServe v0.20.0 component.go validateLogger: the mode has no default; storage needs path, parameters and key.
        it("allows only KServe's logger modes", () => expectOne(check(predictor({ logger: { mode: "everything", url: "http://sink" } })), "spec.predictor.logger.mode", "all, request or response"));
        it("requires a logger mode", () => expectOne(check(predictor({ logger: { url: "http://sink" } })), "spec.predictor.logger.mode", "got undefined", "has no default"));
        it("leaves a logger without url to the configured default sink", () => expect(check(predictor({ logger: { mode: "all" } }))).to.deep.equal([]));
        it("requires path, parameters and key of logger storage", () =>
            expectOne(check(predictor({ logger: { mode: "all", storage: { path: "/logs", parameters: { type: "s3" } } } })), "spec.predictor.logger.storage", "is missing key", "path, parameters and key"));
        it("requires positive batcher settings", () => expectOne(check(predictor({ batcher: { maxBatchSize: 0 } })), "spec.predictor.batcher.maxBatchSize", ">= 1"));
        it("flags unknown batcher fields", () => expectOne(check(predictor({ batcher: { maxBatchsize: 4 } })), "spec.predictor.batcher.maxBatchsize", 'did you mean "maxBatchSize"'));
    });

    describe("Standard-mode canaries", () => {
        const standard = { annotations: { "serving.kserve.io/deploymentMode": "Standard" } };
        const canary = (extra: Record<string, unknown> = {}, trafficPercent = 10) => ({ trafficPercent, predictor: { name: "v2", model: { ...sklearn, name: "kserve-container" }, ...extra } });
        it("keeps spec.canary to Standard mode", () => expectOne(check({ ...predictor(), canary: [canary()] }), "spec.canary", "only supported in Standard mode", "canaryTrafficPercent"));
        it("requires a canary name", () => expectOne(check({ ...predictor(), canary: [{ trafficPercent: 10, predictor: { model: { ...sklearn, name: "kserve-container" } } }] }, {}, standard), "spec.canary[0].predictor.name", "is required"));
        it("requires unique canary names", () => expectOne(check({ ...predictor(), canary: [canary(), canary()] }, {}, standard), "spec.canary[1].predictor.name", "already used by another canary"));
        it("requires the container name the CRD demands", () =>
            expectOne(check({ ...predictor(), canary: [{ trafficPercent: 5, predictor: { name: "v2", model: sklearn } }] }, {}, standard), "spec.canary[0].predictor.model.name", "is required in a canary"));
        it("keeps canary traffic to 100 in total", () => expectOne(check({ ...predictor(), canary: [canary({}, 60), { ...canary({}, 50), predictor: { ...canary().predictor, name: "v3" } }] }, {}, standard), "spec.canary", "add up to 110"));
        it("forbids autoscaling fields on canaries", () => expectOne(check({ ...predictor(), canary: [canary({ maxReplicas: 3 })] }, {}, standard), "spec.canary[0].predictor.maxReplicas", "fixed replicas"));
    });
});
