// How the stack's model cache settings become ModelCache arguments and KServe values (used by KServePlatform).
import type { ModelStore } from "../azure";
import { spotPool } from "../cluster/gpuPools";
import type { KubernetesCluster } from "../cluster";
import type { StackConfig } from "../config";
import { defaults, fixedNames } from "../defaults";
import type { ModelsArgs } from "../serving";
import type { ModelCache, ModelCacheArgs } from "./localModel";
import type { ServingPlatform } from "./servingPlatform";

/** `kserve-resources` values that turn the cache on in `inferenceservice-config` (`localModel`), or undefined. */
export function localModelKServeValues(config: StackConfig): Record<string, unknown> | undefined {
    const cache = config.gpu?.modelCache;
    // The defaulter lists caches only when localModel.enabled (KServe v0.20.0 inference_service_defaults.go).
    return cache ? { kserve: { localmodel: { enabled: true, jobNamespace: cache.jobNamespace } } } : undefined;
}

/** The model cache on the GPU nodes, after KServe's controller; the store's identity for downloads. */
export function modelCacheArgs(config: StackConfig, cluster: KubernetesCluster, platform: ServingPlatform, store: ModelStore | undefined): ModelCacheArgs | undefined {
    const cache = config.gpu?.modelCache;
    if (!cache) {
        return undefined;
    }
    return {
        hostPath: cache.hostPath,
        storageLimit: cache.storageLimit,
        nvme: cache.nvme,
        jobNamespace: cache.jobNamespace,
        nodeSelector: { [fixedNames.localModelNodeLabel.key]: fixedNames.localModelNodeLabel.value },
        tolerations: [defaults.gpu.taint, ...(config.gpu?.spotPool ? [spotPool.taint] : [])],
        store: store && config.modelStore?.namespaces.includes(cache.jobNamespace) ? { serviceAccountName: store.ref.serviceAccountName, clientId: store.clientId } : undefined,
        caches: cache.caches,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: config.helmTimeoutSeconds,
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
