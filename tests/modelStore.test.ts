import { expect } from "chai";
import { azure, Harness, promiseOf } from "./harness";
import { storePrefix } from "../components/azure/storeRef";
import { bindModelsToStore } from "../components/serving/binding";
import { modelRequestsGpu, placeGpuModels } from "../components/serving";
import type * as azureModule from "../components/azure";
import type * as servingModule from "../components/serving";

const ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const FIC = "azure-native:managedidentity:FederatedIdentityCredential";
const ROLE = "azure-native:authorization:RoleAssignment";
const SA = "kubernetes:core/v1:ServiceAccount";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

/** Invokes that read storage keys or SAS tokens: the store must never need one. */
const keyReadingInvokes = [
    "azure-native:storage:listStorageAccountKeys",
    "azure-native:storage:listStorageAccountSAS",
    "azure-native:storage:listStorageAccountServiceSAS",
    "azure-native:storage:listLocalUserKeys",
];

const store = { accountName: "kservemodels", containerName: "models", serviceAccountName: "kserve-model-reader" };
const onStore = (name: string, namespace?: string) => ({
    name,
    namespace,
    spec: { predictor: { model: { modelFormat: { name: "xgboost" }, storageUri: `https://kservemodels.blob.core.windows.net/models/${name}/` } } },
});
const elsewhere = { name: "public", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } };

describe("azure: ModelStore", () => {
    const h = new Harness();
    let az: typeof azureModule;
    let serving: typeof servingModule;

    before(async () => {
        await h.setup();
        az = await import("../components/azure");
        serving = await import("../components/serving");
    });
    beforeEach(() => h.reset());

    const make = (namespaces = ["models"]) =>
        new az.ModelStore("store", { resourceGroupName: "rg", location: "westeurope", accountName: "kservemodels", oidcIssuerUrl: azure.oidcIssuer("kserve-dev"), namespaces });

    it("creates a storage account without shared keys or public access, TLS 1.2, protected", async () => {
        make();
        await h.settle();
        const account = h.get(ACCOUNT, "store");
        expect(account.inputs).to.deep.include({
            resourceGroupName: "rg",
            location: "westeurope",
            accountName: "kservemodels",
            kind: "StorageV2",
            allowSharedKeyAccess: false,
            allowBlobPublicAccess: false,
            defaultToOAuthAuthentication: true,
            minimumTlsVersion: "TLS1_2",
            enableHttpsTrafficOnly: true,
        });
        expect(account.inputs.sku).to.deep.equal({ name: "Standard_LRS" });
        expect(account.protect).to.equal(true);
        expect(h.get(CONTAINER, "store").inputs).to.deep.include({ accountName: "kservemodels", containerName: "models", publicAccess: "None" });
    });

    it("federates the identity with each namespace's model ServiceAccount, trusting the cluster's OIDC issuer", async () => {
        make(["models", "team-b"]);
        await h.settle();
        const identity = h.get(IDENTITY, "store");
        expect(identity.inputs).to.deep.include({ resourceGroupName: "rg", resourceName: "id-store" });
        const fics = h.all(FIC);
        expect(fics.map((f) => f.inputs)).to.have.deep.members([
            {
                resourceGroupName: "rg",
                resourceName: "id-store",
                federatedIdentityCredentialResourceName: "models-kserve-model-reader",
                issuer: azure.oidcIssuer("kserve-dev"),
                subject: "system:serviceaccount:models:kserve-model-reader",
                audiences: ["api://AzureADTokenExchange"],
            },
            {
                resourceGroupName: "rg",
                resourceName: "id-store",
                federatedIdentityCredentialResourceName: "team-b-kserve-model-reader",
                issuer: azure.oidcIssuer("kserve-dev"),
                subject: "system:serviceaccount:team-b:kserve-model-reader",
                audiences: ["api://AzureADTokenExchange"],
            },
        ]);
        // Azure refuses concurrent credential writes on one identity (409): one after another.
        expect(h.get(FIC, "store-team-b").dependencies).to.include(h.get(FIC, "store-models").urn);
    });

    it("grants Storage Blob Data Reader on the container only, to the identity's principal", async () => {
        make();
        await h.settle();
        expect(h.get(ROLE, "store-blob-reader").inputs).to.deep.equal({
            principalId: "id-store-principal-id",
            principalType: "ServicePrincipal",
            roleDefinitionId: `/subscriptions/${azure.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
            scope: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kservemodels/blobServices/default/containers/models`,
        });
    });

    it("reads no account key and no SAS", async () => {
        const s = make();
        await promiseOf(s.clientId);
        await h.settle();
        for (const token of keyReadingInvokes) {
            expect(h.calls.map((c) => c.token), token).not.to.include(token);
        }
        expect(h.calls.map((c) => c.token)).to.deep.equal(["azure-native:authorization:getClientConfig"]);
    });

    it("wires the whole identity chain: the model's ServiceAccount carries the client id the credential trusts", async () => {
        const s = make();
        const binding = bindModelsToStore([onStore("xgb")], s.ref, "models", (i) => `models[${i}]`);
        new serving.Models("models", { models: binding.models, serviceAccounts: s.serviceAccounts, platform: s.readyForModels });
        await h.settle();
        const isvc = h.get(ISVC, "xgb");
        const predictor = isvc.inputs.spec.predictor;
        const sa = h.get(SA, "models-models-kserve-model-reader");
        const fic = h.get(FIC, "store-models");
        // The pod runs as the ServiceAccount...
        expect(predictor.serviceAccountName).to.equal(sa.inputs.metadata.name);
        expect(isvc.inputs.metadata.namespace).to.equal(sa.inputs.metadata.namespace);
        // ...labelled for the webhook, which injects a token for the annotated client id...
        expect(predictor.labels).to.deep.equal({ "azure.workload.identity/use": "true" });
        expect(sa.inputs.metadata.annotations).to.deep.equal({ "azure.workload.identity/client-id": "id-store-client-id" });
        // ...which the federated credential accepts for exactly that ServiceAccount.
        expect(fic.inputs.subject).to.equal(`system:serviceaccount:${sa.inputs.metadata.namespace}:${sa.inputs.metadata.name}`);
        // The model waits for the ServiceAccount, the credential and the role assignment.
        const wait = h.get("pulumi-nodejs:dynamic:Resource", "store-blob-reader-propagation");
        expect(wait.dependencies).to.include(h.get(ROLE, "store-blob-reader").urn);
        expect(isvc.dependencies).to.include.members([sa.urn, fic.urn, wait.urn]);
    });

    // The storage-initializer init container, which KServe adds at admission, gets the workload identity
    // variables and token from the azure-workload-identity webhook (it mutates init containers, and with
    // reinvocationPolicy IfNeeded runs again after KServe's pod mutator; docs/azure.md). For that the
    // pod needs only the label and the ServiceAccount: nothing here may pre-set AZURE_* (the webhook
    // skips variables that exist) or route the download through another storage container.
    it("leaves the storage initializer to the workload identity webhook: label and ServiceAccount, no Azure variables or storage container", async () => {
        const s = make();
        const binding = bindModelsToStore([onStore("xgb")], s.ref, "models", (i) => `models[${i}]`);
        new serving.Models("models", { models: binding.models, serviceAccounts: s.serviceAccounts, platform: s.readyForModels });
        await h.settle();
        const isvc = h.get(ISVC, "xgb").inputs;
        expect(isvc.spec.predictor).to.deep.equal({
            serviceAccountName: "kserve-model-reader",
            labels: { "azure.workload.identity/use": "true" },
            model: { modelFormat: { name: "xgboost" }, storageUri: "https://kservemodels.blob.core.windows.net/models/xgb/" },
        });
        expect(JSON.stringify(isvc)).not.to.match(/AZURE_|storageContainerName|storage-initializer/);
        expect(h.all("kubernetes:serving.kserve.io/v1alpha1:ClusterStorageContainer")).to.deep.equal([]);
        expect(h.get(SA, "models-models-kserve-model-reader").inputs).not.to.have.property("secrets");
    });
});

describe("azure: binding models to the store", () => {
    it("gives store models the ServiceAccount and the workload identity label, leaving others alone", () => {
        const b = bindModelsToStore([onStore("a"), elsewhere, onStore("b", "team-b")], store, "models", (i) => `models[${i}]`);
        expect(b.models[0].spec.predictor.serviceAccountName).to.equal("kserve-model-reader");
        expect(b.models[0].spec.predictor.labels).to.deep.equal({ "azure.workload.identity/use": "true" });
        expect(b.models[1]).to.equal(elsewhere);
        expect(b.namespaces).to.deep.equal(["models", "team-b"]);
        expect(b.problems).to.deep.equal([]);
    });

    it("keeps the user's labels and finds store URIs in storageUris", () => {
        const m = { name: "m", spec: { predictor: { labels: { team: "a" }, storageUris: [{ uri: `${storePrefix(store)}base/`, mountPath: "/mnt/models/base" }], model: { modelFormat: { name: "huggingface" } } } } };
        const b = bindModelsToStore([m], store, "models", (i) => `models[${i}]`);
        expect(b.models[0].spec.predictor.labels).to.deep.equal({ team: "a", "azure.workload.identity/use": "true" });
    });

    it("does not treat another account or container as the store", () => {
        const other = { name: "o", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "https://kservemodels.blob.core.windows.net/other/m/" } } } };
        expect(bindModelsToStore([other], store, "models", (i) => `models[${i}]`).namespaces).to.deep.equal([]);
    });

    it("binds Standard-mode canary predictors that read from the store too", () => {
        const m = {
            name: "m",
            annotations: { "serving.kserve.io/deploymentMode": "Standard" },
            spec: {
                predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } },
                canary: [{ trafficPercent: 10, predictor: { name: "v2", model: { name: "kserve-container", modelFormat: { name: "sklearn" }, storageUri: `${storePrefix(store)}v2/` } } }],
            },
        };
        const [bound] = bindModelsToStore([m], store, "models", (i) => `models[${i}]`).models;
        expect(bound.spec.canary![0].predictor).to.deep.include({ serviceAccountName: "kserve-model-reader", labels: { "azure.workload.identity/use": "true" } });
        expect(bound.spec.predictor).to.equal(m.spec.predictor);
    });

    it("reports a store model that runs as another ServiceAccount", () => {
        const m = onStore("a");
        const withSa = { ...m, spec: { predictor: { ...m.spec.predictor, serviceAccountName: "default" } } };
        expect(bindModelsToStore([withSa], store, "models", (i) => `models[${i}]`).problems).to.deep.equal([
            { subject: "models[0]", path: "spec.predictor.serviceAccountName", message: '"default" cannot read the model store (https://kservemodels.blob.core.windows.net/models/); remove it, the platform sets "kserve-model-reader"' },
        ]);
    });
});

describe("serving: placing GPU models on the GPU pool", () => {
    const placement = { taint: { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }, nodeSelector: { "nvidia.com/gpu.present": "true" } };
    const gpuModel = { name: "llm", spec: { predictor: { model: { modelFormat: { name: "huggingface" }, storageUri: "hf://org/m", resources: { limits: { "nvidia.com/gpu": "1" } } } } } };

    it("adds the toleration and the node selector to GPU components", () => {
        const [placed] = placeGpuModels([gpuModel], placement);
        expect(placed.spec.predictor.tolerations).to.deep.equal([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
        expect(placed.spec.predictor.nodeSelector).to.deep.equal({ "nvidia.com/gpu.present": "true" });
        expect(gpuModel.spec.predictor).not.to.have.property("tolerations");
    });

    it("keeps what the user wrote", () => {
        const own = { ...gpuModel, spec: { predictor: { ...gpuModel.spec.predictor, nodeSelector: { "nvidia.com/gpu.present": "true", sku: "a100" }, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists" }] } } };
        const [placed] = placeGpuModels([own], placement);
        expect(placed.spec.predictor.tolerations).to.deep.equal([{ key: "nvidia.com/gpu", operator: "Exists" }]);
        expect(placed.spec.predictor.nodeSelector).to.deep.equal({ "nvidia.com/gpu.present": "true", sku: "a100" });
    });

    it("places a GPU canary predictor as well", () => {
        const m = {
            name: "m",
            spec: {
                predictor: { model: { modelFormat: { name: "huggingface" }, storageUri: "hf://o/m" } },
                canary: [{ trafficPercent: 5, predictor: { name: "v2", model: { name: "kserve-container", modelFormat: { name: "huggingface" }, storageUri: "hf://o/m2", resources: { limits: { "nvidia.com/gpu": "1" } } } } }],
            },
        };
        const [placed] = placeGpuModels([m], placement);
        expect(placed.spec.canary![0].predictor.tolerations).to.deep.equal([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
        expect(placed.spec.predictor).to.equal(m.spec.predictor);
        expect(modelRequestsGpu(m)).to.equal(true);
    });

    it("leaves CPU models untouched", () => {
        expect(placeGpuModels([elsewhere], placement)[0]).to.equal(elsewhere);
    });
});
