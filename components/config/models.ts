/** The model store and the models, as they will be deployed. */
import { bindModelsToStore } from "../azure/binding";
import { isRecord } from "../common";
import { defaults, fixedNames } from "../defaults";
import { checkModel, checkModelEntries, ModelDeclaration, modelRequestsGpu, modelSubject as servingModelSubject, placeGpuModels } from "../serving";
import { modelHostProblems } from "./hosts";
import { federatedCredentialProblems } from "./azureLimits";
import { projectName } from "./schema";
import { Reader } from "./reader";
import type { ModelStoreSettings, StackConfig } from "./types";

const storageAccountName = /^[a-z0-9]{3,24}$/;

/** The Blob model store, when `modelStoreAccountName` is set. */
export function readModelStore(r: Reader, flavor: StackConfig["clusterFlavor"]): ModelStoreSettings | undefined {
    const accountName = r.string("modelStoreAccountName");
    if (!accountName) {
        return undefined;
    }
    if (!storageAccountName.test(accountName)) {
        r.problem("modelStoreAccountName", `got "${accountName}"; must be 3-24 lower-case letters and digits (a globally unique storage account name)`);
    }
    if (flavor !== "aks") {
        r.problem("modelStoreAccountName", "needs an AKS cluster (clusterFlavor aks): the store's identity trusts that cluster's OIDC issuer through workload identity");
    }
    const serviceAccountName = r.required("modelStoreServiceAccount");
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(serviceAccountName)) {
        r.problem("modelStoreServiceAccount", `got "${serviceAccountName}"; must be a DNS-1123 subdomain`);
    }
    return {
        accountName,
        containerName: r.required("modelStoreContainer"),
        serviceAccountName,
        sku: r.required("modelStoreSku"),
        protect: r.boolean("modelStoreProtect"),
        namespaces: [],
    };
}

/** Subject of the problems of model `i`. */
export function modelSubject(list: readonly unknown[], i: number): string {
    return servingModelSubject(`${projectName}:models`, list, i);
}

/**
 * Reads the models, applies what the cluster does to them (GPU placement, the model store), and
 * validates the result: what is validated is what will be deployed.
 */
export function readModels(r: Reader, config: StackConfig, defaultNamespace: string, list: unknown[] | undefined): ModelDeclaration[] {
    if (list === undefined) {
        return [];
    }
    // `auth` (who may call the model) is the stack's, not the model's: readModelAuth reads it, and
    // the models go on without it, checked exactly as models from code are.
    // `spot` (spot GPU nodes) likewise: readGpuEconomics reads it.
    const entries = list.map((e) => (isRecord(e) && ("auth" in e || "spot" in e) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== "auth" && k !== "spot")) : e));
    r.problems.push(...checkModelEntries(list, (i) => modelSubject(list, i), ["auth"]));
    let models = entries as ModelDeclaration[];
    if (config.clusterFlavor === "aks") {
        // A spot GPU pool alone counts too: its nodes carry the GPU taint and label.
        const gpuPool = config.aks?.gpuPool ?? (r.string("aksGpuSpotVmSize") ? {} : undefined);
        if (gpuPool) {
            models = placeGpuModels(models, { taint: { ...defaults.gpu.taint }, nodeSelector: { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value } });
        } else {
            models.forEach((m, i) => {
                if (modelRequestsGpu(m)) {
                    r.problems.push({ subject: modelSubject(list, i), path: "spec", message: "requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)" });
                }
            });
        }
    }
    if (config.modelStore) {
        const binding = bindModelsToStore(models, config.modelStore, defaultNamespace, (i) => modelSubject(list, i));
        r.problems.push(...binding.problems);
        models = binding.models;
        config.modelStore.namespaces = binding.namespaces;
        r.problems.push(...federatedCredentialProblems(binding.namespaces));
    }
    r.problems.push(...modelHostProblems(models, config.domain, defaultNamespace, config.deploymentMode));
    models.forEach((m, i) => {
        if (!isRecord(list[i])) {
            return;
        }
        r.problems.push(
            ...checkModel({ name: m.name, namespace: m.namespace ?? defaultNamespace, labels: m.labels, annotations: m.annotations, spec: m.spec }, modelSubject(list, i), config.modelValidation),
        );
    });
    return models;
}
