/**
 * Config keys of GPU economics (docs/gpu.md): the spot GPU pool, the scale-down mode of the GPU
 * pool, the cluster autoscaler profile and the node-local model cache. Part of `configKeys`
 * (schema.ts spreads them in); defaults come from components/defaults.ts.
 */
import { defaults } from "../components/defaults";
import type { ConfigKey } from "./schema/key";

/** [the switch, what turns it on]: a key of this table or the GPU pool's. */
type DependentKey = [keyof typeof gpuConfigKeys | "aksGpuVmSize", string];

const e = defaults.gpuEconomics;

/** The keys, by name (without the `kserve-platform:` prefix). */
export const gpuConfigKeys = {
    aksGpuScaleDownMode: {
        type: "string",
        description:
            "AKS: what the autoscaler does with an idle GPU node. Delete (AKS's default) removes it; Deallocate stops it and keeps its managed OS disk, so a restart skips the node image and container image downloads (you pay for the disk, not the VM). Unset: AKS's default.",
        default: "",
        allowed: ["Delete", "Deallocate"],
    },
    aksGpuSpotVmSize: {
        type: "string",
        description:
            "AKS: VM size of a spot GPU pool (gpuspot) beside or instead of the regular one: cheaper GPUs that Azure may take back at any time. Models opt in with `spot: true` in their kserve-platform:models entry. Unset: no spot pool.",
        default: "",
    },
    aksGpuSpotMinCount: {
        type: "integer",
        description: "AKS: fewest nodes of the spot GPU pool.",
        default: e.spotMinCount,
    },
    aksGpuSpotMaxCount: {
        type: "integer",
        description: "AKS: most nodes of the spot GPU pool (mind the subscription's spot vCPU quota).",
        default: e.spotMaxCount,
    },
    aksGpuSpotEvictionPolicy: {
        type: "string",
        description: "AKS: what Azure does with an evicted spot node: Delete, or Deallocate (the stopped node keeps counting against the quota).",
        default: e.spotEvictionPolicy,
        allowed: ["Delete", "Deallocate"],
    },
    aksGpuSpotMaxPrice: {
        type: "string",
        description: "AKS: highest price of a spot GPU node in US dollars per hour, or -1 for up to the on-demand price (never evicted for price).",
        default: String(e.spotMaxPrice),
    },
    aksAutoscalerProfile: {
        type: "boolean",
        description:
            "AKS: give the cluster autoscaler a profile fit for GPU nodes (the aksAutoscaler* keys: idle nodes released sooner, time for GPU driver installs, least-waste expander, emptyDir model downloads not pinning nodes). False: AKS's defaults.",
        default: false,
    },
    aksAutoscalerScaleDownUnneededTime: {
        type: "string",
        description: "AKS: how long a node must be unneeded before the autoscaler removes it, in whole minutes (AKS default 10m).",
        default: e.scaleDownUnneededTime,
    },
    aksAutoscalerScaleDownDelayAfterAdd: {
        type: "string",
        description: "AKS: how long after a scale-up the autoscaler resumes scale-down, in whole minutes (AKS default 10m).",
        default: e.scaleDownDelayAfterAdd,
    },
    aksAutoscalerMaxNodeProvisionTime: {
        type: "string",
        description: "AKS: how long the autoscaler waits for a new node, in whole minutes (AKS default 15m; GPU nodes install their driver first).",
        default: e.maxNodeProvisionTime,
    },
    aksAutoscalerExpander: {
        type: "string",
        description: "AKS: which pool grows when several could take the pending pods (AKS default random).",
        default: e.expander,
        allowed: ["least-waste", "most-pods", "priority", "random"],
    },
    aksModelCache: {
        type: "boolean",
        description:
            "AKS: cache models on the GPU nodes' local disks with KServe's LocalModelCache (the kserve-localmodel charts, a LocalModelNodeGroup of the GPU nodes, the caches of aksModelCaches). A model whose storageUri lies under a cache mounts it instead of downloading at every start. Needs a GPU pool and Kubernetes 1.36 or later.",
        default: false,
    },
    aksModelCacheHostPath: {
        type: "string",
        description: "AKS: host directory of the model cache on each GPU node; the node agent and the node group's volumes both use it (on VM sizes with local NVMe, the NVMe disks are mounted there).",
        default: e.cacheHostPath,
    },
    aksModelCacheStorageLimit: {
        type: "string",
        description: "AKS: most space the cache may use on each node (a Kubernetes quantity, e.g. 800Gi). Unset: the VM size's local NVMe capacity when the platform knows it, else 100Gi.",
        default: "",
    },
    aksModelCaches: {
        type: "array",
        items: "object",
        description:
            "AKS: the cached models, a list of {name, sourceModelUri, modelSize, namespace}: a LocalModelCache (cluster-wide) or, with namespace, a LocalModelNamespaceCache for that namespace's models only.",
        default: [],
        inSchema: false,
    },
} as const satisfies Record<string, ConfigKey>;

/** Keys read only when another key turns their feature on: key → [the switch, what turns it on]. */
export const gpuDependentKeys: Partial<Record<keyof typeof gpuConfigKeys, DependentKey>> = {
    aksGpuSpotMinCount: ["aksGpuSpotVmSize", "is set (the spot GPU pool)"],
    aksGpuSpotMaxCount: ["aksGpuSpotVmSize", "is set (the spot GPU pool)"],
    aksGpuSpotEvictionPolicy: ["aksGpuSpotVmSize", "is set (the spot GPU pool)"],
    aksGpuSpotMaxPrice: ["aksGpuSpotVmSize", "is set (the spot GPU pool)"],
    aksGpuScaleDownMode: ["aksGpuVmSize", "is set (the GPU pool)"],
    aksAutoscalerScaleDownUnneededTime: ["aksAutoscalerProfile", "is true"],
    aksAutoscalerScaleDownDelayAfterAdd: ["aksAutoscalerProfile", "is true"],
    aksAutoscalerMaxNodeProvisionTime: ["aksAutoscalerProfile", "is true"],
    aksAutoscalerExpander: ["aksAutoscalerProfile", "is true"],
    aksModelCacheHostPath: ["aksModelCache", "is true"],
    aksModelCacheStorageLimit: ["aksModelCache", "is true"],
    aksModelCaches: ["aksModelCache", "is true"],
};
