import { expect } from "chai";
import { knativeFeatureFlags, knativeFeatureFlagsForModels, predictUrl, selectableDefaultRuntimes } from "../components/serving";

const model = { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" };

describe("serving: Knative feature flags derived from the models", () => {
    it("needs no flag for a plain model", () => {
        expect(knativeFeatureFlags([{ predictor: { minReplicas: 0, model } }])).to.deep.equal({});
    });

    it("turns on the flag of each PodSpec field used, in any component", () => {
        const flags = knativeFeatureFlags([
            {
                predictor: { model, nodeSelector: { pool: "gpu" }, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists" }] },
                transformer: { containers: [{ name: "t", image: "t:1" }], affinity: { nodeAffinity: {} }, priorityClassName: "high" },
                explainer: { art: { type: "SquareAttack" }, runtimeClassName: "nvidia", securityContext: { runAsNonRoot: true } },
            },
        ]);
        expect(flags).to.deep.equal({
            "kubernetes.podspec-affinity": "enabled",
            "kubernetes.podspec-nodeselector": "enabled",
            "kubernetes.podspec-priorityclassname": "enabled",
            "kubernetes.podspec-runtimeclassname": "enabled",
            "kubernetes.podspec-securitycontext": "enabled",
            "kubernetes.podspec-tolerations": "enabled",
        });
    });

    it("derives volume, fieldRef, capability and init-container flags", () => {
        const flags = knativeFeatureFlags([
            {
                predictor: {
                    volumes: [{ name: "cache", persistentVolumeClaim: { claimName: "cache" } }, { name: "host", hostPath: { path: "/data" } }],
                    initContainers: [{ name: "warm", image: "w:1" }],
                    containers: [
                        {
                            name: "kserve-container",
                            image: "x:1",
                            env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
                            securityContext: { capabilities: { add: ["SYS_PTRACE"] } },
                        },
                    ],
                },
            },
        ]);
        expect(Object.keys(flags)).to.have.members([
            "kubernetes.podspec-persistent-volume-claim",
            "kubernetes.podspec-persistent-volume-write",
            "kubernetes.podspec-volumes-hostpath",
            "kubernetes.podspec-init-containers",
            "kubernetes.podspec-fieldref",
            "kubernetes.containerspec-addcapabilities",
        ]);
    });

    it("does not count empty lists, empty maps or false", () => {
        expect(knativeFeatureFlags([{ predictor: { model, tolerations: [], nodeSelector: {}, hostIPC: false } }])).to.deep.equal({});
    });

    it("ignores models in Standard mode, which never reach Knative", () => {
        const gpuSpec = { predictor: { model, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists" }] } };
        expect(knativeFeatureFlagsForModels([{ name: "a", annotations: { "serving.kserve.io/deploymentMode": "Standard" }, spec: gpuSpec }])).to.deep.equal({});
        expect(knativeFeatureFlagsForModels([{ name: "a", spec: gpuSpec }], "Standard")).to.deep.equal({});
        expect(knativeFeatureFlagsForModels([{ name: "a", spec: gpuSpec }])).to.deep.equal({ "kubernetes.podspec-tolerations": "enabled" });
    });
});

describe("serving: predict URLs", () => {
    it("builds the v1 and v2 REST endpoints", () => {
        expect(predictUrl("http://iris-models.example.com", "iris", "v1")).to.equal("http://iris-models.example.com/v1/models/iris:predict");
        expect(predictUrl("https://iris-models.example.com/", "iris", "v2")).to.equal("https://iris-models.example.com/v2/models/iris/infer");
    });
    it("gives gRPC clients a host:port target", () => {
        expect(predictUrl("https://iris-models.example.com", "iris", "grpc-v2")).to.equal("iris-models.example.com:443");
        expect(predictUrl("http://iris-models.example.com", "iris", "grpc-v1")).to.equal("iris-models.example.com:80");
    });
    it("has nothing to call before the cluster reports a URL", () => {
        expect(predictUrl(undefined, "iris", "v1")).to.equal(undefined);
    });
});

describe("serving: default runtime selection (KServe's rules)", () => {
    const q = (name: string, protocol: "v1" | "v2" | "grpc-v1" | "grpc-v2", extra: { version?: string; multiNode?: boolean } = {}) => ({
        format: { name, version: extra.version },
        protocol,
        multiNode: extra.multiNode ?? false,
    });
    it("selects by format and protocol", () => {
        expect(selectableDefaultRuntimes(q("sklearn", "v1"))).to.deep.equal(["kserve-sklearnserver"]);
        expect(selectableDefaultRuntimes(q("sklearn", "v2"))).to.have.members(["kserve-mlserver", "kserve-sklearnserver"]);
        expect(selectableDefaultRuntimes(q("onnx", "v1"))).to.deep.equal([]);
    });
    it("skips formats that do not auto-select", () => {
        expect(selectableDefaultRuntimes(q("pytorch", "v2"))).to.deep.equal(["kserve-torchserve"]);
    });
    it("matches multi-node runtimes only for multi-node predictors", () => {
        expect(selectableDefaultRuntimes(q("huggingface", "v2", { multiNode: true }))).to.deep.equal(["kserve-huggingfaceserver-multinode"]);
        expect(selectableDefaultRuntimes(q("huggingface", "v2"))).to.deep.equal(["kserve-huggingfaceserver"]);
    });
    it("treats a runtime without protocols as serving any", () => {
        expect(selectableDefaultRuntimes(q("vLLM", "grpc-v2"))).to.deep.equal(["kserve-vllmserver"]);
    });
});
