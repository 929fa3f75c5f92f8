// How KServePlatform's GPU settings become the AKS cluster's pools, KServe's values and the model cache.
import type { ModelStore } from "../azure";
import type { AksClusterArgs } from "../cluster/aks";
import { spotPool } from "../cluster/gpuPools";
import type { KubernetesCluster } from "../cluster";
import { defaults, fixedNames } from "../defaults";
import type { ModelCache, ModelCacheArgs } from "../platform/localModel";
import type { ServingPlatform } from "../platform/servingPlatform";
import type { ModelsArgs } from "../serving";
import type { KServePlatformArgs } from "./args";

export type { GpuSettings, ModelCacheSettings } from "./args";

/** The GPU pool with its scale-down mode, the spot pool and the autoscaler profile; GPU nodes carry the cache agent's label when the cache is on. */
export function gpuClusterArgs(args: KServePlatformArgs): Pick<AksClusterArgs, "gpuPool" | "spotGpuPool" | "autoscaler"> {
    const gpu = args.gpu;
    const nodeLabels = gpu?.modelCache ? { [fixedNames.localModelNodeLabel.key]: fixedNames.localModelNodeLabel.value } : undefined;
    const pool = args.cluster.flavor === "aks" ? args.cluster.aks.gpuPool : undefined;
    return {
        gpuPool: pool && { ...pool, ...(gpu?.scaleDownMode ? { scaleDownMode: gpu.scaleDownMode } : {}), ...(nodeLabels ? { nodeLabels } : {}) },
        spotGpuPool: gpu?.spotPool && { ...gpu.spotPool, ...(nodeLabels ? { nodeLabels } : {}) },
        autoscaler: gpu?.autoscaler,
    };
}

/** `kserve-resources` values that turn the cache on in `inferenceservice-config` (`localModel`), or undefined. */
export function localModelKServeValues(args: KServePlatformArgs): Record<string, unknown> | undefined {
    const cache = args.gpu?.modelCache;
    // The defaulter lists caches only when localModel.enabled (KServe v0.20.0 inference_service_defaults.go).
    return cache ? { kserve: { localmodel: { enabled: true, jobNamespace: cache.jobNamespace } } } : undefined;
}

/** The model cache on the GPU nodes, after KServe's controller; the store's identity for downloads. */
export function modelCacheArgs(args: KServePlatformArgs, cluster: KubernetesCluster, platform: ServingPlatform, store: ModelStore | undefined): ModelCacheArgs | undefined {
    const cache = args.gpu?.modelCache;
    if (!cache) {
        return undefined;
    }
    return {
        hostPath: cache.hostPath,
        storageLimit: cache.storageLimit,
        nvme: cache.nvme,
        jobNamespace: cache.jobNamespace,
        nodeSelector: { [fixedNames.localModelNodeLabel.key]: fixedNames.localModelNodeLabel.value },
        tolerations: [defaults.gpu.taint, ...(args.gpu?.spotPool ? [spotPool.taint] : [])],
        store: store && args.store?.namespaces.includes(cache.jobNamespace) ? { serviceAccountName: store.ref.serviceAccountName, clientId: store.clientId } : undefined,
        caches: cache.caches,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: args.platform.helmTimeoutSeconds,
        after: [platform.kserve.controller],
    };
}

/** The models after their caches (KServe labels a model for its cache when the model is admitted); the jobs' ServiceAccount is the cache's. */
export function withModelCache(args: ModelsArgs, cache: ModelCache | undefined, jobNamespace: string | undefined): ModelsArgs {
    if (!cache) {
        return args;
    }
    return { ...args, platform: [...(args.platform ?? []), ...cache.readyForModels], serviceAccounts: args.serviceAccounts?.filter((sa) => sa.namespace !== jobNamespace) };
}
