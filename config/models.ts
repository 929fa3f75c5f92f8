/** The model store and the models, as they will be deployed. */
import { bindModelsToStore } from "../components/serving/binding";
import { isRecord } from "../components/common";
import { defaults, fixedNames } from "../components/defaults";
import { checkModel, checkModelEntries, ModelDeclaration, modelHostCollisions, modelRequestsGpu, placeGpuModels } from "../components/serving";
import { modelHostProblems } from "./hosts";
import { indicesOfKind } from "./modelKinds";
import { federatedCredentialProblems } from "./azureLimits";
import { modelSubject, Reader } from "./reader";
import type { ModelStoreSettings, StackConfig } from "./types";
import { spotGpuPoolDeclared } from "./gpu";

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

/**
 * Reads the models, applies what the cluster does to them (GPU placement, the model store), and
 * validates the result: what is validated is what will be deployed.
 */
export function readModels(r: Reader, config: StackConfig, defaultNamespace: string, list: unknown[] | undefined): ModelDeclaration[] {
    if (list === undefined) {
        return [];
    }
    // Entries of other kinds (LLMInferenceService) have readers of their own; `all` keeps each
    // problem naming `models[i]` as the user wrote the list.
    const all = list;
    const own = indicesOfKind(all, "InferenceService");
    list = own.map((i) => all[i]);
    const subjectOf = (j: number) => modelSubject(all, own[j]);
    // `auth` (who may call the model) is the stack's, not the model's: readModelAuth reads it, and
    // the models go on without it, checked exactly as models from code are. An explicit
    // `kind: InferenceService` is the default kind. `spot` (spot GPU nodes) likewise: readGpuEconomics reads it.
    const withoutKind = list.map((e) => (isRecord(e) && "kind" in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== "kind")) : e));
    const entries = withoutKind.map((e) => (isRecord(e) && ("auth" in e || "spot" in e) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== "auth" && k !== "spot")) : e));
    r.problems.push(...checkModelEntries(withoutKind, subjectOf, ["auth"]));
    let models = entries as ModelDeclaration[];
    if (config.clusterFlavor === "aks") {
        // A spot GPU pool alone counts too: its nodes carry the GPU taint and label.
        const gpuPool = config.aks?.gpuPool ?? (spotGpuPoolDeclared(r, config) ? {} : undefined);
        if (gpuPool) {
            if (!config.aks?.gpuPool) {
                // Only spot GPU nodes: a GPU model that does not opt in tolerates the GPU taint but not
                // AKS's spot taint (kubernetes.azure.com/scalesetpriority=spot:NoSchedule), so it never schedules.
                models.forEach((m, i) => {
                    const entry = list[i];
                    if (modelRequestsGpu(m) && !(isRecord(entry) && entry.spot === true)) {
                        r.problems.push({
                            subject: subjectOf(i),
                            path: "spot",
                            message: "requests GPUs, and the stack's only GPU pool is the spot pool (aksGpuSpotVmSize), whose nodes it would not tolerate; set spot: true, or add a regular GPU pool (aksGpuVmSize)",
                        });
                    }
                });
            }
            models = placeGpuModels(models, { taint: { ...defaults.gpu.taint }, nodeSelector: { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value } });
        } else {
            models.forEach((m, i) => {
                if (modelRequestsGpu(m)) {
                    r.problems.push({ subject: subjectOf(i), path: "spec", message: "requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)" });
                }
            });
        }
    }
    if (config.modelStore) {
        const binding = bindModelsToStore(models, config.modelStore, defaultNamespace, subjectOf);
        r.problems.push(...binding.problems);
        models = binding.models;
        config.modelStore.namespaces = binding.namespaces;
        r.problems.push(...federatedCredentialProblems(binding.namespaces));
    }
    r.problems.push(...modelHostProblems(models, config.domain, defaultNamespace, config.deploymentMode, subjectOf));
    r.problems.push(...modelHostCollisions(models, subjectOf, defaultNamespace, config.deploymentMode, config.domain));
    models.forEach((m, i) => {
        if (!isRecord(list[i])) {
            return;
        }
        r.problems.push(
            ...checkModel({ name: m.name, namespace: m.namespace ?? defaultNamespace, labels: m.labels, annotations: m.annotations, spec: m.spec }, subjectOf(i), config.modelValidation),
        );
    });
    return models;
}
