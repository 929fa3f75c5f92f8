/**
 * GPU economics in what the shipped stacks register (run inside program.dev.test.ts and
 * program.prod.test.ts, on their program runs): dev's GPU pool that scales to zero, its spot
 * pool and autoscaler profile and the model that opts in to spot; prod's LLM cached on the GPU
 * nodes. Expectations come from the AKS API types of azure-native 3.28.0 (containerservice,
 * API version 2025-09-01), the AKS docs (MicrosoftDocs/azure-aks-docs, articles/aks/) and KServe
 * v0.20.0's localmodel code, cited beside each.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as aksEnums from "@pulumi/azure-native/types/enums/containerservice";
import { expect } from "chai";
import type { Harness, Recorded } from "./harness";

const POOL = "azure-native:containerservice:AgentPool";
const CLUSTER = "azure-native:containerservice:ManagedCluster";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const release = (h: Harness, name: string): Recorded => h.all(RELEASE).find((r) => r.inputs.name === name)!;

/** Kubernetes' toleration match (k8s.io/api core/v1 toleration.go `ToleratesTaint`). */
function toleratesTaint(t: Record<string, string>, taint: { key: string; value?: string; effect: string }): boolean {
    if (t.effect && t.effect !== taint.effect) {
        return false;
    }
    if (t.key && t.key !== taint.key) {
        return false;
    }
    const op = t.operator ?? "Equal";
    return op === "Exists" ? true : (t.value ?? "") === (taint.value ?? "");
}
const parseTaint = (text: string) => {
    const [kv, effect] = text.split(":");
    const [key, value] = kv.split("=");
    return { key, value, effect };
};

/** Dev's GPU pool at zero, spot pool, autoscaler profile and spot model; `h` holds one dev program run. */
export function gpuDevTests(h: Harness): void {
    it("has a regular GPU pool that scales to zero and deallocates idle nodes on a managed OS disk", () => {
        const gpu = h.get(POOL, "kserve-dev-gpu").inputs;
        // AgentPool: enableAutoScaling with minCount 0 (cluster-autoscaler.md allows user pools at 0).
        expect(gpu).to.deep.include({ agentPoolName: "gpu", mode: "User", vmSize: "Standard_NC4as_T4_v3", enableAutoScaling: true, minCount: 0, maxCount: 1, count: 0 });
        // scaleDownMode is one of azure-native `ScaleDownMode` (Delete, Deallocate); scale-down-mode.md
        // "Limitations": ephemeral OS disks are not supported, so the pool asks for a managed OS disk.
        expect(gpu).to.deep.include({ scaleDownMode: "Deallocate", osDiskType: "Managed" });
        expect(gpu.nodeTaints).to.deep.equal(["nvidia.com/gpu=present:NoSchedule"]);
    });

    it("has a spot GPU pool with AKS's spot priority, eviction policy, price cap, label and taint", () => {
        const spot = h.get(POOL, "kserve-dev-gpuspot").inputs;
        // azure-native `ScaleSetPriority` Spot, `ScaleSetEvictionPolicy` Delete; spotMaxPrice -1 =
        // up to the on-demand price (AgentPool.spotMaxPrice docs; spot-node-pool.md `--spot-max-price -1`).
        expect(spot).to.deep.include({ agentPoolName: "gpuspot", scaleSetPriority: "Spot", scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1, enableAutoScaling: true, minCount: 0, maxCount: 2 });
        // spot-node-pool.md: a spot pool has the label kubernetes.azure.com/scalesetpriority:spot and
        // the taint kubernetes.azure.com/scalesetpriority=spot:NoSchedule (the `az aks nodepool show` output lists both).
        expect(spot.nodeTaints).to.have.members(["kubernetes.azure.com/scalesetpriority=spot:NoSchedule", "nvidia.com/gpu=present:NoSchedule"]);
        expect(spot.nodeLabels).to.deep.equal({ "kubernetes.azure.com/scalesetpriority": "spot", "nvidia.com/gpu.present": "true" });
        expect(spot.gpuProfile).to.deep.equal({ driver: "Install" });
        // The Kubernetes provider (and so every workload) waits for the spot pool like the other pools.
        const provider = h.get("pulumi:providers:kubernetes", "kserve-dev-k8s");
        expect(provider.dependencies).to.include(h.get(POOL, "kserve-dev-gpuspot").urn);
    });

    it("gives the cluster autoscaler a GPU profile in the API's units", () => {
        const profile = h.get(CLUSTER, "kserve-dev").inputs.autoScalerProfile;
        // ManagedClusterPropertiesAutoScalerProfileArgs: durations are "an integer followed by an 'm'",
        // expander one of least-waste, most-pods, priority, random; skipNodesWithLocalStorage a string.
        expect(profile).to.deep.equal({ scaleDownUnneededTime: "5m", scaleDownDelayAfterAdd: "10m", maxNodeProvisionTime: "20m", expander: "least-waste", skipNodesWithLocalStorage: "false" });
        for (const key of ["scaleDownUnneededTime", "scaleDownDelayAfterAdd", "maxNodeProvisionTime"]) {
            expect(profile[key]).to.match(/^\d+m$/);
        }
    });

    it("sends only values the pinned provider's AKS API (2025-09-01) defines", () => {
        const agentPoolTypes = fs.readFileSync(require.resolve("@pulumi/azure-native/containerservice/agentPool.d.ts"), "utf8");
        expect(agentPoolTypes).to.include("Uses Azure REST API version 2025-09-01.");
        const spot = h.get(POOL, "kserve-dev-gpuspot").inputs;
        const gpu = h.get(POOL, "kserve-dev-gpu").inputs;
        const profile = h.get(CLUSTER, "kserve-dev").inputs.autoScalerProfile;
        expect(Object.values(aksEnums.ScaleSetPriority)).to.include(spot.scaleSetPriority);
        expect(Object.values(aksEnums.ScaleSetEvictionPolicy)).to.include(spot.scaleSetEvictionPolicy);
        expect(Object.values(aksEnums.ScaleDownMode)).to.include(gpu.scaleDownMode);
        expect(Object.values(aksEnums.OSDiskType)).to.include(gpu.osDiskType);
        expect(Object.values(aksEnums.Expander)).to.include(profile.expander);
        // "spotMaxPrice ... any decimal value greater than zero or -1" (AgentPoolArgs docs).
        expect(spot.spotMaxPrice === -1 || spot.spotMaxPrice > 0).to.equal(true);
    });

    it("puts the spot model on spot nodes by preference, with the regular GPU pool to fall back to", () => {
        const predictor = h.get(ISVC, "sentiment").inputs.spec.predictor;
        const spotPool = h.get(POOL, "kserve-dev-gpuspot").inputs;
        const regularPool = h.get(POOL, "kserve-dev-gpu").inputs;
        // It tolerates every taint of both pools, so the scheduler may use either.
        for (const pool of [spotPool, regularPool]) {
            for (const taint of (pool.nodeTaints as string[]).map(parseTaint)) {
                expect(predictor.tolerations.some((t: Record<string, string>) => toleratesTaint(t, taint)), `${pool.agentPoolName}: ${taint.key}`).to.equal(true);
            }
        }
        // Its node selector matches both pools' labels; spot nodes are preferred, never required
        // (spot-node-pool.md's example pairs the toleration with node affinity on the spot label).
        for (const pool of [spotPool, regularPool]) {
            for (const [k, v] of Object.entries(predictor.nodeSelector)) {
                expect(pool.nodeLabels[k], `${pool.agentPoolName}: ${k}`).to.equal(v);
            }
        }
        expect(predictor.affinity).to.deep.equal({
            nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] }] } }] },
        });
        expect(predictor.affinity.nodeAffinity).not.to.have.property("requiredDuringSchedulingIgnoredDuringExecution");
        // The stripped `spot` entry field never reaches the InferenceService.
        expect(h.get(ISVC, "sentiment").inputs.spec).not.to.have.property("spot");
    });

    it("leaves models that do not opt in off spot nodes", () => {
        for (const name of ["sklearn-iris", "xgboost-iris"]) {
            expect(h.get(ISVC, name).inputs.spec.predictor).not.to.have.property("tolerations");
        }
    });

    it("turns on the Knative flags the spot placement needs (affinity, tolerations, node selector)", () => {
        const serving = h.all("kubernetes:operator.knative.dev/v1beta1:KnativeServing")[0].inputs.spec.config.features;
        // Knative's webhook refuses these PodSpec fields unless their kubernetes.podspec-* flag is enabled (knative/serving pkg/apis/config/features.go).
        expect(serving).to.deep.include({ "kubernetes.podspec-affinity": "enabled", "kubernetes.podspec-tolerations": "enabled", "kubernetes.podspec-nodeselector": "enabled" });
    });

    it("lets NVIDIA's device plugin onto spot GPU nodes", () => {
        const tolerations = release(h, "nvidia-device-plugin").inputs.values.tolerations;
        expect(tolerations).to.deep.include({ key: "kubernetes.azure.com/scalesetpriority", operator: "Exists", effect: "NoSchedule" });
    });
}

/** Prod's LLM cached on the GPU nodes' NVMe; `h` holds one prod program run. */
export function modelCacheProdTests(h: Harness): void {
    const uri = "https://kserveplatformprodmodels.blob.core.windows.net/models/llama-3.1-8b-instruct/";

    it("installs KServe's localmodel charts at the pinned version after KServe's controller", () => {
        const crd = release(h, "kserve-localmodel-crd");
        const resources = release(h, "kserve-localmodel-resources");
        expect(crd.inputs).to.deep.include({ chart: "oci://ghcr.io/kserve/charts/kserve-localmodel-crd", version: "v0.20.0", namespace: "kserve" });
        expect(resources.inputs).to.deep.include({ chart: "oci://ghcr.io/kserve/charts/kserve-localmodel-resources", version: "v0.20.0", namespace: "kserve" });
        expect(crd.retainOnDelete).to.equal(true);
        // The chart's Certificate names Issuer selfsigned-issuer, which kserve-resources creates.
        expect(resources.dependencies).to.include(release(h, "kserve-resources").urn);
        expect(resources.dependencies).to.include(crd.urn);
    });

    it("turns the cache on in KServe's config (the defaulter lists caches only when localModel.enabled)", () => {
        // charts/_common/common-patches/configmap-patch.yaml renders localModel.enabled and jobNamespace from these values.
        expect(release(h, "kserve-resources").inputs.values.kserve.localmodel).to.deep.equal({ enabled: true, jobNamespace: "kserve-localmodel-jobs" });
    });

    it("derives the agent's host directory and the node group's volume path from one input", () => {
        const patch = h.all("kubernetes:apps/v1:DaemonSetPatch")[0].inputs;
        // The chart's DaemonSet is kserve-localmodelnode-agent with volume "models" at hostPath /models
        // (charts/kserve-localmodel-resources/files/resources.yaml); the patch moves it.
        expect(patch.metadata).to.deep.include({ name: "kserve-localmodelnode-agent", namespace: "kserve" });
        const agentPath = patch.spec.template.spec.volumes.find((v: any) => v.name === "models").hostPath.path;
        const group = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNodeGroup")[0].inputs;
        expect(group.spec.persistentVolumeSpec.hostPath.path).to.equal(agentPath);
        expect(agentPath).to.equal("/mnt/models");
        // Both values in the stack file agree, and nothing else names the directory.
        expect(release(h, "kserve-localmodel-resources").inputs.values.kserve.localmodel.agent.hostPath).to.equal(agentPath);
    });

    it("mounts the A100 node's local NVMe disk under the cache before the agent starts", () => {
        const spec = h.all("kubernetes:apps/v1:DaemonSetPatch")[0].inputs.spec.template.spec;
        const [init] = spec.initContainers;
        expect(init.name).to.equal("mount-local-nvme");
        expect(init.securityContext).to.deep.equal({ privileged: true });
        expect(init.volumeMounts).to.deep.equal([{ name: "host-root", mountPath: "/host", mountPropagation: "Bidirectional" }]);
        const script: string = init.command[4];
        expect(script).to.include('dir="/mnt/models"');
        // AKS shows local NVMe data disks as "Microsoft NVMe Direct Disk" (best-practices-storage-nvme.md, lsblk MODEL).
        expect(script).to.include("Microsoft NVMe Direct Disk");
        expect(script).to.include('expected 1 local NVMe disks');
        // hostPath volumes ignore fsGroup: the agent (UID 1000) needs to own the directory (kserve/website#586).
        expect(script).to.include('chown 1000:1000 "$dir"');
        // The node group's limit is the NVMe capacity less a tenth (894 GiB).
        expect(h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNodeGroup")[0].inputs.spec.storageLimit).to.equal("804Gi");
    });

    it("runs the agent and the node group on the GPU nodes, tolerating their taint", () => {
        const gpu = h.get(POOL, "kserve-prod-gpu").inputs;
        expect(gpu.nodeLabels).to.deep.include({ "kserve/localmodel": "worker" });
        const values = release(h, "kserve-localmodel-resources").inputs.values.kserve.localmodelnode.controller;
        // files/daemonset-patch.yaml renders nodeSelector and tolerations from these values.
        expect(values.nodeSelector).to.deep.equal({ "kserve/localmodel": "worker" });
        for (const taint of (gpu.nodeTaints as string[]).map(parseTaint)) {
            expect(values.tolerations.some((t: Record<string, string>) => toleratesTaint(t, taint))).to.equal(true);
        }
        // KServe selects the group's nodes by the PV's node affinity (reconcilers/utils.go GetNodesFromNodeGroup).
        const terms = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNodeGroup")[0].inputs.spec.persistentVolumeSpec.nodeAffinity.required.nodeSelectorTerms;
        expect(terms).to.deep.equal([{ matchExpressions: [{ key: "kserve/localmodel", operator: "In", values: ["worker"] }] }]);
    });

    it("gives the download jobs the store's identity and the GPU toleration, which KServe's agent does not", () => {
        // localmodelnode/controller.go launchJob: the Job's pod template has a nodeSelector on the
        // node, the PVC volume and fsGroup, but no serviceAccountName, no labels and no tolerations.
        const policy = h.all("kubernetes:admissionregistration.k8s.io/v1:MutatingAdmissionPolicy")[0].inputs;
        expect(policy.spec.matchConstraints.namespaceSelector).to.deep.equal({ matchLabels: { "kubernetes.io/metadata.name": "kserve-localmodel-jobs" } });
        const expression: string = policy.spec.mutations[0].jsonPatch.expression;
        expect(expression).to.include('path: "/spec/serviceAccountName", value: "kserve-model-reader"');
        expect(expression).to.include('jsonpatch.escapeKey("azure.workload.identity/use"), value: "true"');
        expect(expression).to.include('key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule"');
        const binding = h.all("kubernetes:admissionregistration.k8s.io/v1:MutatingAdmissionPolicyBinding")[0].inputs;
        expect(binding.spec.policyName).to.equal(policy.metadata.name);
        // The ServiceAccount carries the store identity's client id; the store trusts it by a federated credential.
        const accounts = h.all("kubernetes:core/v1:ServiceAccount").filter((s) => s.inputs.metadata.namespace === "kserve-localmodel-jobs");
        expect(accounts).to.have.length(1);
        expect(accounts[0].inputs.metadata.name).to.equal("kserve-model-reader");
        expect(Object.keys(accounts[0].inputs.metadata.annotations)).to.deep.equal(["azure.workload.identity/client-id"]);
        const fic = h.all("azure-native:managedidentity:FederatedIdentityCredential").map((f) => f.inputs.subject);
        expect(fic).to.include("system:serviceaccount:kserve-localmodel-jobs:kserve-model-reader");
    });

    it("creates the cache before the LLM, so KServe's defaulter labels the LLM for it", () => {
        const cache = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelCache")[0];
        expect(cache.inputs.spec).to.deep.equal({ sourceModelUri: uri, modelSize: "20Gi", nodeGroups: ["gpu"] });
        expect(cache.inputs.metadata.name).to.equal("llama-3-1-8b-instruct");
        // sourceModelUri is immutable (CRD XValidation self == oldSelf): a new URI replaces the cache.
        expect(cache.replaceOnChanges).to.deep.equal(["spec.sourceModelUri"]);
        expect(cache.deleteBeforeReplace).to.equal(true);
        expect(h.transitiveDependencies(h.get(ISVC, "llama-chat")).has(cache.urn)).to.equal(true);
    });

    it("names the cache on the LLM, so enabling or dropping a cache updates it and KServe's defaulter (CREATE, UPDATE) relabels it", () => {
        expect(h.get(ISVC, "llama-chat").inputs.metadata.annotations).to.deep.include({ "kserve-platform.io/model-cache": "llama-3-1-8b-instruct" });
        for (const name of ["resnet50", "fraud-xgb"]) {
            expect(h.get(ISVC, name).inputs.metadata.annotations).not.to.have.property("kserve-platform.io/model-cache");
        }
    });

    it("gives the LLM's pod the cache's PVC instead of a download, as KServe's webhooks decide", () => {
        const isvc = h.get(ISVC, "llama-chat").inputs;
        const caches = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelCache").map((c) => c.inputs);
        const storageUri: string = isvc.spec.predictor.model.storageUri;

        // 1. inference_service_defaults.go setLocalModelLabel: the first cache whose MatchStorageURI
        //    holds (storage_uri_utils.go: equal or a subdirectory, trailing "/" trimmed); without a
        //    nodegroup annotation the PVC is <cache>-<nodeGroups[0]>.
        const trim = (s: string) => s.replace(/\/$/, "");
        const match = caches.find((c) => trim(storageUri) === trim(c.spec.sourceModelUri) || trim(storageUri).startsWith(`${trim(c.spec.sourceModelUri)}/`));
        expect(match, "a cache matches the LLM's storageUri").not.to.equal(undefined);
        expect(isvc.metadata.annotations).not.to.have.property("serving.kserve.io/nodegroup");
        const labels = { "internal.serving.kserve.io/localmodel": match!.metadata.name };
        const annotations = { "internal.serving.kserve.io/localmodel-sourceuri": match!.spec.sourceModelUri, "internal.serving.kserve.io/localmodel-pvc-name": `${match!.metadata.name}-${match!.spec.nodeGroups[0]}` };
        expect(labels["internal.serving.kserve.io/localmodel"]).to.equal("llama-3-1-8b-instruct");
        expect(annotations["internal.serving.kserve.io/localmodel-pvc-name"]).to.equal("llama-3-1-8b-instruct-gpu");

        // 2. storage_initializer_injector.go InjectStorageInitializer: with the label, the source
        //    becomes pvc://<pvc>/models/<GetStorageKey(sourceUri)><subPath>; a single pvc:// URI is
        //    mounted at /mnt/models as volume kserve-pvc-source, read-only, with no init container
        //    (CommonStorageInitialization; utils/storage.go ParsePvcURI, AddModelMount).
        let subPath = storageUri.slice(annotations["internal.serving.kserve.io/localmodel-sourceuri"].length);
        subPath = subPath.startsWith("/") ? subPath : `/${subPath}`;
        const storageKey = createHash("sha256").update(match!.spec.sourceModelUri).digest("hex").slice(0, 16);
        const pvcUri = `pvc://${annotations["internal.serving.kserve.io/localmodel-pvc-name"]}/models/${storageKey}${subPath}`;
        const [pvcName, ...rest] = pvcUri.slice("pvc://".length).split("/");
        const pod = {
            volumes: [{ name: "kserve-pvc-source", persistentVolumeClaim: { claimName: pvcName } }],
            mount: { name: "kserve-pvc-source", mountPath: "/mnt/models", subPath: rest.join("/"), readOnly: true },
            initContainers: [],
        };
        expect(pod).to.deep.equal({
            volumes: [{ name: "kserve-pvc-source", persistentVolumeClaim: { claimName: "llama-3-1-8b-instruct-gpu" } }],
            mount: { name: "kserve-pvc-source", mountPath: "/mnt/models", subPath: `models/${storageKey}/`, readOnly: true },
            initContainers: [],
        });

        // 3. The PVC exists in the LLM's namespace, bound to a PV on the node group's host path:
        //    reconcilers/utils.go ReconcileForIsvcs names it <cache>-<nodeGroup> with the node group's claim spec.
        const group = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNodeGroup")[0].inputs;
        expect(group.metadata.name).to.equal(match!.spec.nodeGroups[0]);
        // The LLM lands on the nodes the group covers: its node selector is the GPU pool's label.
        expect(isvc.spec.predictor.nodeSelector).to.deep.equal({ "nvidia.com/gpu.present": "true" });
        // The predictor keeps reading the store through workload identity when the cache is not there yet.
        expect(isvc.spec.predictor.serviceAccountName).to.equal("kserve-model-reader");
    });

    it("cached downloads stay on the GPU nodes: only the LLM's namespace has a model on the cache", () => {
        const isvcs = h.all(ISVC).filter((r) => r.inputs.spec.predictor.model?.storageUri === uri);
        expect(isvcs.map((r) => r.name)).to.deep.equal(["llama-chat"]);
    });
}
