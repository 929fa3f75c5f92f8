/**
 * Config rules of GPU economics, refused before anything is created: spot models, the spot pool,
 * the autoscaler profile and the model cache. Cheap: config only, no program run.
 */
import { expect } from "chai";
import { autoscalerProfile, scaleDownModeInputs, spotPoolInputs, spotPoolProblems } from "../components/cluster/gpuPools";
import { duplicateCacheProblems, localModelCacheProblems, localModelStorageKey, matchStorageUri, placeOnSpot } from "../components/serving";
import { quantityBytes } from "../components/common";
import { ValidationError } from "../components/common";
import type * as servingModule from "../components/serving";
import { Harness } from "./harness";
import { loadStack } from "./stackProblems";

const prodModels = (): any[] => {
    const { config } = loadStack("prod");
    return JSON.parse(JSON.stringify(config!.models));
};
const withSpot = (models: any[], name: string) => models.map((m) => (m.name === name ? { ...m, spot: true } : m));

describe("GPU economics: config rules", () => {
    describe("spot models", () => {
        it("refuses spot for a prod model with minReplicas >= 1 when no regular GPU pool can take over", () => {
            const { problems } = loadStack("prod", { aksGpuVmSize: undefined, aksGpuMinCount: undefined, aksGpuMaxCount: undefined, aksGpuSpotVmSize: "Standard_NC24ads_A100_v4", aksModelCache: undefined, aksModelCaches: undefined, models: withSpot(prodModels(), "resnet50") });
            expect(problems).to.include(
                'kserve-platform:models[1] "resnet50" spot: a production model with minReplicas 1 cannot run on spot alone: Azure may evict every spot node at once; add a regular GPU pool (kserve-platform:aksGpuVmSize) to fall back to, or set minReplicas 0',
            );
        });

        it("admits it in prod when the regular GPU pool is there to fall back to", () => {
            const { config, problems } = loadStack("prod", { aksGpuSpotVmSize: "Standard_NC24ads_A100_v4", models: withSpot(prodModels(), "resnet50") });
            expect(problems).to.deep.equal([]);
            const predictor = config!.models.find((m) => m.name === "resnet50")!.spec.predictor as any;
            expect(predictor.tolerations).to.deep.include({ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" });
        });

        it("refuses spot without a spot pool, on a CPU model, and when it is not a boolean", () => {
            const models = prodModels().map((m) => (m.name === "llama-chat" ? { ...m, spot: true } : m.name === "fraud-xgb" ? { ...m, spot: "yes" } : m));
            const { problems } = loadStack("prod", { models });
            expect(problems).to.include('kserve-platform:models[0] "llama-chat" spot: asks for spot GPU nodes, but the stack has no spot GPU pool; set kserve-platform:aksGpuSpotVmSize (or drop spot)');
            expect(problems).to.include('kserve-platform:models[2] "fraud-xgb" spot: got "yes"; must be true or false');
            const cpu = loadStack("dev", { models: [{ name: "cpu", spot: true, spec: { predictor: { minReplicas: 0, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } }] });
            expect(cpu.problems).to.include('kserve-platform:models[0] "cpu" spot: asks for spot GPU nodes, but no component requests GPUs (nvidia.com/gpu); spot applies to the GPU pools only');
        });

        it("keeps what the user wrote: an existing spot toleration is not repeated, their affinity terms stay", () => {
            const model = {
                name: "m",
                spec: {
                    predictor: {
                        tolerations: [{ key: "kubernetes.azure.com/scalesetpriority", operator: "Exists" }],
                        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["1"] }] } }] } },
                        model: { modelFormat: { name: "huggingface" }, resources: { limits: { "nvidia.com/gpu": "1" } } },
                    },
                },
            };
            const placed = placeOnSpot(model, { taint: { key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" }, label: { key: "kubernetes.azure.com/scalesetpriority", value: "spot" } }).spec.predictor as any;
            expect(placed.tolerations).to.have.length(1);
            expect(placed.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution.map((t: any) => t.weight)).to.deep.equal([5, 100]);
        });
    });

    describe("spot pool and autoscaler keys", () => {
        it("refuses a bad price, inverted counts and durations AKS does not take", () => {
            const { problems } = loadStack("dev", { aksGpuSpotMaxPrice: "0", aksGpuSpotMinCount: "3", aksAutoscalerScaleDownUnneededTime: "300s", aksAutoscalerExpander: "cheapest" });
            expect(problems).to.include("kserve-platform:aksGpuSpotMaxPrice: got 0; must be -1 (up to the on-demand price) or a price above 0 in US dollars per hour");
            expect(problems).to.include("kserve-platform:aksGpuSpotMinCount: 3 is greater than aksGpuSpotMaxCount 2");
            // ManagedClusterPropertiesAutoScalerProfileArgs: "No unit of time other than minutes (m) is supported".
            expect(problems).to.include('kserve-platform:aksAutoscalerScaleDownUnneededTime: got "300s"; AKS takes whole minutes, e.g. 5m (no other unit)');
            expect(problems).to.include('kserve-platform:aksAutoscalerExpander: got "cheapest"; allowed: least-waste, most-pods, priority, random');
            expect(loadStack("dev", { aksGpuSpotMaxPrice: "cheap" }).problems).to.include('kserve-platform:aksGpuSpotMaxPrice: got "cheap"; must be -1 or a price in US dollars per hour such as 1.25');
        });

        it("reports spot and autoscaler keys whose feature is off", () => {
            const { problems } = loadStack("dev", { aksGpuSpotVmSize: undefined, aksGpuSpotMaxCount: "3", aksAutoscalerProfile: undefined, aksAutoscalerExpander: "random" });
            expect(problems).to.include("kserve-platform:aksGpuSpotMaxCount: only applies when kserve-platform:aksGpuSpotVmSize is set (the spot GPU pool); without it the key is ignored");
            expect(problems).to.include("kserve-platform:aksAutoscalerExpander: only applies when kserve-platform:aksAutoscalerProfile is true; without it the key is ignored");
        });

        it("sends no scale-down mode unless asked (existing pools see no diff), and a managed OS disk with Deallocate", () => {
            expect(scaleDownModeInputs(undefined)).to.deep.equal({});
            expect(scaleDownModeInputs("Delete")).to.deep.equal({ scaleDownMode: "Delete" });
            // scale-down-mode.md "Limitations": ephemeral OS disks are not supported with Deallocate.
            expect(scaleDownModeInputs("Deallocate")).to.deep.equal({ scaleDownMode: "Deallocate", osDiskType: "Managed" });
        });

        it("builds the spot pool's inputs and the profile from the GPU defaults", () => {
            const gpu = { taint: { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }, nodeLabels: { "nvidia.com/gpu.present": "true" } };
            expect(spotPoolInputs({ vmSize: "x", evictionPolicy: "Deallocate", maxPrice: 1.5 }, gpu)).to.deep.include({ scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Deallocate", spotMaxPrice: 1.5 });
            expect(spotPoolProblems({ vmSize: "x", maxPrice: -2 }, "s")).to.have.length(1);
            expect(autoscalerProfile({ expander: "priority" })).to.deep.include({ expander: "priority", scaleDownUnneededTime: "5m" });
        });
    });

    describe("model cache", () => {
        const cache = (extra: Record<string, unknown> = {}) => ({ name: "llama", sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/llama-3.1-8b-instruct/", modelSize: "20Gi", ...extra });

        it("needs a GPU pool and Kubernetes 1.36", () => {
            const { problems } = loadStack("dev", { aksModelCache: "true", aksModelCaches: [], aksGpuVmSize: undefined, aksGpuMinCount: undefined, aksGpuMaxCount: undefined, aksGpuScaleDownMode: undefined, aksGpuSpotVmSize: undefined, aksGpuSpotMinCount: undefined, aksGpuSpotMaxCount: undefined, aksGpuSpotEvictionPolicy: undefined, aksGpuSpotMaxPrice: undefined, models: [] });
            expect(problems).to.include("kserve-platform:aksModelCache: caches models on the GPU nodes, and the stack has none; set kserve-platform:aksGpuVmSize (or aksGpuSpotVmSize)");
            const old = loadStack("prod", { aksKubernetesVersion: "1.35" });
            expect(old.problems).to.include(
                "kserve-platform:aksModelCache: needs Kubernetes 1.36 or later (MutatingAdmissionPolicy v1 gives the download jobs the store's identity and the GPU tolerations); aksKubernetesVersion is 1.35",
            );
        });

        it("refuses bad caches with the field named: fields, size, duplicates, no model, namespace, limit", () => {
            const { problems } = loadStack("prod", {
                aksModelCaches: [
                    cache({ modelSize: "big", colour: "red" }),
                    cache({ name: "twice" }),
                    cache({ name: "nobody", sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/other/" }),
                    cache({ name: "elsewhere", namespace: "nowhere", sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/resnet50/" }),
                    cache({ name: "Bad_Name", sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/fraud-xgb/v7/", modelSize: "900Gi" }),
                ],
            });
            expect(problems).to.include('kserve-platform:aksModelCaches[0] "llama" colour: is not a cache field; allowed: name, sourceModelUri, modelSize, namespace');
            expect(problems).to.include('kserve-platform:aksModelCaches[0] "llama" modelSize: got "big"; must be a positive Kubernetes quantity such as 20Gi');
            // KServe's localmodelcache webhook: "LocalModelCache %s has the same StorageURI %s".
            expect(problems).to.include('kserve-platform:aksModelCaches[1] "twice" sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/llama-3.1-8b-instruct/" is already cached by "llama"; KServe admits one cache per URI');
            expect(problems.filter((p) => p.includes('"nobody"'))).to.deep.equal([]);
            const warned = loadStack("prod", { aksModelCaches: [cache({ name: "nobody", sourceModelUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/other/" })] });
            expect(warned.config!.warnings!.map((w) => `${w.subject} ${w.path}: ${w.message}`)).to.include(
                'kserve-platform:aksModelCaches[0] "nobody" sourceModelUri: matches no model\'s predictor storageUri: every GPU node downloads it and no model uses it',
            );
            expect(problems).to.include('kserve-platform:aksModelCaches[3] "elsewhere" namespace: "nowhere" has no model of the stack; known: llm, risk, vision');
            expect(problems).to.include('kserve-platform:aksModelCaches[4] "Bad_Name" name: got "Bad_Name"; must be a DNS-1123 subdomain (lower-case letters, digits, \'-\' and \'.\')');
            expect(problems.some((p) => p.startsWith("kserve-platform:aksModelCaches: the cached models take") && p.includes("more than the node's cache limit 804Gi"))).to.equal(true);
        });

        it("names on each model the cache KServe picks: its namespace's cache before a cluster cache", () => {
            // inference_service_defaults.go setLocalModelLabel checks LocalModelNamespaceCache first.
            const { config, problems } = loadStack("prod", { aksModelCaches: [cache(), cache({ name: "llm-only", namespace: "llm" })] });
            expect(problems).to.deep.equal([]);
            expect(config!.models.find((m) => m.name === "llama-chat")!.annotations).to.deep.include({ "kserve-platform.io/model-cache": "llm/llm-only" });
        });

        it("refuses a host path that is not an absolute directory", () => {
            expect(loadStack("prod", { aksModelCacheHostPath: "models/" }).problems).to.include('kserve-platform:aksModelCacheHostPath: got "models/"; must be an absolute directory without a trailing slash, e.g. /mnt/models');
        });

        it("matches storage URIs as KServe's MatchStorageURI does", () => {
            // pkg/apis/serving/v1alpha1/storage_uri_utils.go and its cases: equal, subdirectory, trailing slashes; not a sibling prefix.
            expect(matchStorageUri("s3://b/m", "s3://b/m")).to.equal(true);
            expect(matchStorageUri("s3://b/m/", "s3://b/m")).to.equal(true);
            expect(matchStorageUri("s3://b/m", "s3://b/m/v1")).to.equal(true);
            expect(matchStorageUri("s3://b/m", "s3://b/m2")).to.equal(false);
            expect(matchStorageUri("s3://b/m/v1", "s3://b/m")).to.equal(false);
            // GetStorageKey: hex sha256 of the URI, first 16 characters.
            expect(localModelStorageKey("s3://b/m")).to.match(/^[0-9a-f]{16}$/);
            expect(quantityBytes("20Gi")).to.equal(20 * 2 ** 30);
            expect(quantityBytes("1.5G")).to.equal(1.5e9);
        });

        it("checks caches from code as the CRD does (nodeGroups minItems 1) and per namespace for duplicates", () => {
            expect(localModelCacheProblems("m", { sourceModelUri: "s3://b/m", modelSize: "1Gi", nodeGroups: [] }, "s").map((p) => p.path)).to.deep.equal(["nodeGroups"]);
            expect(localModelCacheProblems("m", { sourceModelUri: "s3://b/m", modelSize: "1Gi", nodeGroups: ["x"] }, "s", ["gpu"])[0].message).to.equal('"x" is not a node group of the stack; known: gpu');
            expect(duplicateCacheProblems([{ name: "a", namespace: "n1", sourceModelUri: "u" }, { name: "b", namespace: "n2", sourceModelUri: "u" }], () => "s")).to.deep.equal([]);
        });
    });
});

describe("GPU economics from code", () => {
    const h = new Harness();
    let serving: typeof servingModule;
    const gpuSpec = { predictor: { minReplicas: 1, model: { modelFormat: { name: "huggingface" }, storageUri: "hf://org/m", resources: { limits: { "nvidia.com/gpu": "1" } } } } };
    const placement = { taint: { key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" }, label: { key: "kubernetes.azure.com/scalesetpriority", value: "spot" } };

    before(async () => {
        await h.setup("conformance");
        serving = await import("../components/serving");
    });

    it("Models places a `spot: true` model on the spot nodes it is given, and refuses it without them", async () => {
        h.reset();
        const models = new serving.Models("models", { models: [{ name: "m", spot: true, spec: gpuSpec }], spot: { placement, capacity: { regularPool: true, production: true } } });
        await new Promise((resolve) => models.urn.apply(resolve));
        await h.settle();
        const predictor = h.get("kubernetes:serving.kserve.io/v1beta1:InferenceService", "m").inputs.spec.predictor;
        expect(predictor.tolerations).to.deep.equal([{ key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" }]);
        expect(predictor.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).to.have.length(1);
        expect(() => new serving.Models("none", { models: [{ name: "m", spot: true, spec: gpuSpec }] })).to.throw(ValidationError, "no spot GPU pool");
        expect(() => new serving.Models("alone", { models: [{ name: "m", spot: true, spec: gpuSpec }], spot: { placement, capacity: { regularPool: false, production: true } } })).to.throw(ValidationError, "cannot run on spot alone");
    });

    it("LocalModelCache refuses what the CRD and KServe refuse, before registering", () => {
        expect(() => new serving.LocalModelCache("c", { sourceModelUri: "", modelSize: "1Gi", nodeGroups: [] })).to.throw(ValidationError, "sourceModelUri");
        expect(() => new serving.LocalModelNodeGroup("g", { storageLimit: "lots", persistentVolumeSpec: {}, persistentVolumeClaimSpec: {} })).to.throw(ValidationError, "storageLimit");
    });
});
