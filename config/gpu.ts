/**
 * GPU economics from the stack config: the spot GPU pool and the models that opt in to it, the
 * GPU pool's scale-down mode, the cluster autoscaler profile, and the node-local model cache.
 */
import * as pulumi from "@pulumi/pulumi";
import { storePrefix } from "../components/azure/storeRef";
import type { Expander, ScaleDownMode, SpotEvictionPolicy } from "../components/cluster/gpuPools";
import { autoscalerProfileProblems, gpuLocalNvme, spotPool, spotPoolProblems } from "../components/cluster/gpuPools";
import { isRecord, quantityBytes, show } from "../components/common";
import { defaults, fixedNames } from "../components/defaults";
import type { ModelCacheEntry } from "../components/platform/localModel";
import { duplicateCacheProblems, localModelCacheProblems, matchStorageUri, placeOnSpot, spotProblems } from "../components/serving";
import { modelSubject } from "./reader";
import { indicesOfKind } from "./modelKinds";
import type { GpuSettings, ModelCacheSettings } from "../components/stack/gpu";
import { projectName } from "./schema";
import type { Reader } from "./reader";
import type { StackConfig } from "./types";

export type { GpuSettings, ModelCacheSettings };

/** Whether the stack declares a spot GPU pool (its nodes carry the GPU taint and label too). */
export function spotGpuPoolDeclared(r: Reader, config: StackConfig): boolean {
    return config.clusterFlavor === "aks" && r.string("aksGpuSpotVmSize") !== undefined;
}

const cacheFields = ["name", "sourceModelUri", "modelSize", "namespace"];

/** Major and minor of `1.36` or `1.36.2`. */
function minor(version: string): number {
    const m = /^1\.(\d+)/.exec(version);
    return m ? Number(m[1]) : 0;
}

/** The caches of `aksModelCaches`, checked entry by entry. */
function readCaches(r: Reader, nodeGroup: string): ModelCacheEntry[] {
    const list = r.list("aksModelCaches") ?? [];
    const subject = (i: number) => `${projectName}:aksModelCaches[${i}]${isRecord(list[i]) && typeof list[i].name === "string" ? ` "${list[i].name}"` : ""}`;
    const caches: ModelCacheEntry[] = [];
    list.forEach((entry, i) => {
        if (!isRecord(entry)) {
            r.problems.push({ subject: subject(i), path: "", message: `got ${show(entry)}; each cache is {${cacheFields.join(", ")}}` });
            return;
        }
        for (const key of Object.keys(entry)) {
            if (!cacheFields.includes(key)) {
                r.problems.push({ subject: subject(i), path: key, message: `is not a cache field; allowed: ${cacheFields.join(", ")}` });
            }
        }
        const cache: ModelCacheEntry = {
            name: typeof entry.name === "string" ? entry.name : "",
            sourceModelUri: typeof entry.sourceModelUri === "string" ? entry.sourceModelUri : "",
            modelSize: typeof entry.modelSize === "string" ? entry.modelSize : typeof entry.modelSize === "number" ? String(entry.modelSize) : "",
            ...(typeof entry.namespace === "string" ? { namespace: entry.namespace } : {}),
        };
        r.problems.push(...localModelCacheProblems(cache.name, { ...cache, nodeGroups: [nodeGroup] }, subject(i)));
        caches.push(cache);
    });
    r.problems.push(...duplicateCacheProblems(caches, subject));
    return caches;
}

/**
 * Reads the GPU economics keys and the models' `spot` entries, places spot models, and binds the
 * cache's download jobs to the model store. Records problems on `r`.
 */
export function readGpuEconomics(r: Reader, config: StackConfig, modelList: readonly unknown[]): GpuSettings | undefined {
    const aks = config.clusterFlavor === "aks" ? config.aks : undefined;
    const settings: GpuSettings = {};
    const spotVmSize = aks ? r.string("aksGpuSpotVmSize") : undefined;
    if (aks && spotVmSize) {
        const rawPrice = r.required("aksGpuSpotMaxPrice");
        const maxPrice = Number(rawPrice);
        settings.spotPool = {
            vmSize: spotVmSize,
            minCount: r.integer("aksGpuSpotMinCount", 0),
            maxCount: r.integer("aksGpuSpotMaxCount", 1),
            evictionPolicy: r.required<SpotEvictionPolicy>("aksGpuSpotEvictionPolicy"),
            maxPrice: Number.isFinite(maxPrice) ? maxPrice : NaN,
            driver: aks.gpuPool?.driver,
        };
        r.problems.push(
            ...spotPoolProblems(settings.spotPool, `${projectName}:aksGpuSpotMaxPrice`, () => "").map((p) =>
                p.message.includes("maxCount") ? { ...p, subject: `${projectName}:aksGpuSpotMinCount`, message: p.message.replace("maxCount", "aksGpuSpotMaxCount") } : p,
            ),
        );
        if (!Number.isFinite(maxPrice)) {
            r.problem("aksGpuSpotMaxPrice", `got "${rawPrice}"; must be -1 or a price in US dollars per hour such as 1.25`);
        }
    }
    if (aks) {
        settings.scaleDownMode = r.string("aksGpuScaleDownMode") as ScaleDownMode | undefined;
        if (r.boolean("aksAutoscalerProfile")) {
            settings.autoscaler = {
                scaleDownUnneededTime: r.required("aksAutoscalerScaleDownUnneededTime"),
                scaleDownDelayAfterAdd: r.required("aksAutoscalerScaleDownDelayAfterAdd"),
                maxNodeProvisionTime: r.required("aksAutoscalerMaxNodeProvisionTime"),
                expander: r.required<Expander>("aksAutoscalerExpander"),
            };
            const keyOf = { scaleDownUnneededTime: "aksAutoscalerScaleDownUnneededTime", scaleDownDelayAfterAdd: "aksAutoscalerScaleDownDelayAfterAdd", maxNodeProvisionTime: "aksAutoscalerMaxNodeProvisionTime", expander: "aksAutoscalerExpander" } as const;
            for (const p of autoscalerProfileProblems(settings.autoscaler, "")) {
                r.problem(keyOf[p.path as keyof typeof keyOf], p.message);
            }
        }
    }

    // Models that opt in to spot nodes.
    const capacity = { spotPool: settings.spotPool !== undefined, regularPool: aks?.gpuPool !== undefined, production: config.environment === "prod" };
    // Only InferenceService entries are models here; config.models holds them in list order.
    const services = indicesOfKind(modelList, "InferenceService");
    modelList.forEach((entry, i) => {
        const j = services.indexOf(i);
        if (!isRecord(entry) || !("spot" in entry) || j < 0) {
            return;
        }
        const model = config.models[j];
        if (typeof entry.spot !== "boolean") {
            r.problems.push({ subject: modelSubject(modelList, i), path: "spot", message: `got ${show(entry.spot)}; must be true or false` });
            return;
        }
        if (!entry.spot || !model) {
            return;
        }
        if (!aks) {
            r.problems.push({ subject: modelSubject(modelList, i), path: "spot", message: "needs an AKS cluster with a spot GPU pool (clusterFlavor aks, aksGpuSpotVmSize)" });
            return;
        }
        const problems = spotProblems(model, capacity, modelSubject(modelList, i));
        r.problems.push(...problems);
        if (!problems.length) {
            config.models[j] = placeOnSpot(model, { taint: { ...spotPool.taint }, label: { ...spotPool.label } });
        }
    });

    if (aks && r.boolean("aksModelCache")) {
        settings.modelCache = readModelCache(r, config, settings);
    }
    return aks ? settings : undefined;
}

/** The cache: its directory and limit (from the VM sizes' local NVMe), the caches, the store. */
function readModelCache(r: Reader, config: StackConfig, settings: GpuSettings): ModelCacheSettings | undefined {
    const aks = config.aks!;
    const sizes = [aks.gpuPool?.vmSize, settings.spotPool?.vmSize].filter((s): s is string => s !== undefined);
    if (!sizes.length) {
        r.problem("aksModelCache", "caches models on the GPU nodes, and the stack has none; set kserve-platform:aksGpuVmSize (or aksGpuSpotVmSize)");
        return undefined;
    }
    // KServe's agent gives download pods neither the store's identity nor the GPU tolerations; a
    // MutatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA in Kubernetes 1.36) adds them.
    if (minor(aks.kubernetesVersion) < 36) {
        r.problem("aksModelCache", `needs Kubernetes 1.36 or later (MutatingAdmissionPolicy v1 gives the download jobs the store's identity and the GPU tolerations); aksKubernetesVersion is ${aks.kubernetesVersion}`);
    }
    const nvmes = sizes.map((s) => gpuLocalNvme[s]);
    const nvme = nvmes.every((n) => n !== undefined) ? { disks: Math.min(...nvmes.map((n) => n.disks)), totalGiB: Math.min(...nvmes.map((n) => n.totalGiB)) } : undefined;
    const hostPath = r.required("aksModelCacheHostPath");
    if (!/^\/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$/.test(hostPath)) {
        r.problem("aksModelCacheHostPath", `got "${hostPath}"; must be an absolute directory without a trailing slash, e.g. /mnt/models`);
    }
    // The NVMe capacity, less a tenth for the file system.
    const storageLimit = r.string("aksModelCacheStorageLimit") ?? (nvme ? `${Math.floor(nvme.totalGiB * 0.9)}Gi` : defaults.gpuEconomics.cacheStorageLimit);
    const limitBytes = quantityBytes(storageLimit);
    if (limitBytes === undefined) {
        r.problem("aksModelCacheStorageLimit", `got "${storageLimit}"; must be a Kubernetes quantity such as 800Gi`);
    }
    const caches = readCaches(r, defaults.gpuEconomics.cacheNodeGroup);
    const total = caches.reduce((sum, c) => sum + (quantityBytes(c.modelSize) ?? 0), 0);
    if (limitBytes !== undefined && total > limitBytes) {
        r.problem("aksModelCaches", `the cached models take ${(total / 2 ** 30).toFixed(1)}Gi, more than the node's cache limit ${storageLimit}; raise aksModelCacheStorageLimit or cache fewer models`);
    }
    const jobNamespace = defaults.gpuEconomics.cacheJobNamespace;
    const namespaces = new Set(config.models.map((m) => m.namespace ?? config.modelNamespace));
    caches.forEach((c, i) => {
        if (c.namespace && !namespaces.has(c.namespace)) {
            r.problems.push({ subject: `${projectName}:aksModelCaches[${i}] "${c.name}"`, path: "namespace", message: `"${c.namespace}" has no model of the stack; known: ${[...namespaces].sort().join(", ")}` });
        }
        // A warning, not a refusal: a cache may be declared before the model that will use it.
        if (!config.models.some((m) => typeof m.spec.predictor?.model?.storageUri === "string" && matchStorageUri(c.sourceModelUri, m.spec.predictor.model.storageUri))) {
            const warning = { subject: `${projectName}:aksModelCaches[${i}] "${c.name}"`, path: "sourceModelUri", message: "matches no model's predictor storageUri: every GPU node downloads it and no model uses it" };
            config.warnings = [...(config.warnings ?? []), warning];
            void pulumi.log.warn(`${warning.subject} ${warning.path}: ${warning.message}`);
        }
    });
    // Each model names the cache KServe's defaulter will pick (setLocalModelLabel: a namespace cache
    // of the model's namespace first, then a cluster cache), so adding or removing a cache updates it.
    config.models = config.models.map((m) => {
        const uri = m.spec.predictor?.model?.storageUri;
        const namespace = m.namespace ?? config.modelNamespace;
        const cache =
            typeof uri === "string"
                ? (caches.find((c) => c.namespace === namespace && matchStorageUri(c.sourceModelUri, uri)) ?? caches.find((c) => !c.namespace && matchStorageUri(c.sourceModelUri, uri)))
                : undefined;
        return cache ? { ...m, annotations: { ...m.annotations, [fixedNames.modelCacheAnnotation]: cache.namespace ? `${cache.namespace}/${cache.name}` : cache.name } } : m;
    });
    // Downloads from the model store read it as the models do: its identity trusts the jobs namespace too.
    if (config.modelStore && caches.some((c) => c.sourceModelUri.startsWith(storePrefix(config.modelStore!)))) {
        config.modelStore.namespaces = [...new Set([...config.modelStore.namespaces, jobNamespace])].sort();
    }
    return { hostPath, storageLimit, nvme: nvme && { disks: nvme.disks }, jobNamespace, caches };
}
