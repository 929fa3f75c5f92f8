import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { azure, Harness, promiseOf, runProgram } from "./harness";
import { ValidationError } from "../components/common";
import { gpuDevTests } from "./gpuProgram";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const PROVIDER = "pulumi:providers:kubernetes";
const CLUSTER = "azure-native:containerservice:ManagedCluster";

describe("program: dev stack (AKS)", () => {
    const h = new Harness();
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("dev");
        outputs = await runProgram(h, "dev");
    });

    describe("GPU economics", () => gpuDevTests(h));

    it("creates an AKS cluster with a CPU user pool and GPU pools (regular and spot) that scale to zero", () => {
        const c = h.get(CLUSTER, "kserve-dev").inputs;
        expect(c.location).to.equal("westeurope");
        expect(c.resourceGroupName).to.equal("rg-kserve-dev");
        // azure-aks-docs use-system-pools.md: a system pool of at least two nodes with 4 vCPUs (D4ds_v5: 4).
        expect(c.agentPoolProfiles[0]).to.deep.include({ vmSize: "Standard_D4ds_v5", count: 2 });
        expect(h.all("azure-native:containerservice:AgentPool").map((p) => p.inputs.agentPoolName)).to.deep.equal(["user", "gpu", "gpuspot"]);
        // tests/gpuProgram.ts checks the GPU pools setting by setting.
        expect(h.get("azure-native:containerservice:AgentPool", "kserve-dev-user").inputs).to.deep.include({ vmSize: "Standard_D4ds_v5", minCount: 1, maxCount: 3 });
    });

    it("installs the platform and the models through the cluster's provider", () => {
        const provider = h.get(PROVIDER, "kserve-dev-k8s");
        const kubernetes = h.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
        expect(kubernetes.length).to.be.greaterThan(10);
        for (const r of kubernetes) {
            expect(r.provider.startsWith(`${provider.urn}::`), `${r.type} ${r.name}`).to.equal(true);
        }
        expect(h.all(ISVC).map((r) => r.name)).to.have.members(["sklearn-iris", "xgboost-iris", "sentiment"]);
    });

    it("keeps the gateway public (a LoadBalancer) in dev", () => {
        const gw = h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "istio-ingressgateway")!;
        expect(gw.inputs.values.service).to.deep.equal({ type: "LoadBalancer" });
    });

    it("binds the store model to the store's identity, and only that model", () => {
        const store = h.get(ISVC, "xgboost-iris").inputs.spec.predictor;
        expect(store.serviceAccountName).to.equal("kserve-model-reader");
        expect(store.labels).to.deep.equal({ "azure.workload.identity/use": "true" });
        const other = h.get(ISVC, "sklearn-iris").inputs.spec.predictor;
        expect(other).not.to.have.property("serviceAccountName");
        expect(other).not.to.have.property("labels");
        expect(h.get(ISVC, "xgboost-iris").inputs.metadata.labels).to.deep.equal({ team: "platform" });
        const fic = h.get("azure-native:managedidentity:FederatedIdentityCredential", "kserve-dev-models-models").inputs;
        expect(fic.issuer).to.equal(azure.oidcIssuer("kserve-dev"));
        expect(fic.subject).to.equal("system:serviceaccount:models:kserve-model-reader");
    });

    it("exports a secret kubeconfig, the cluster and the store", async () => {
        expect(await pulumi.isSecret(outputs.kubeconfig)).to.equal(true);
        expect(await promiseOf(outputs.kubeconfig)).to.equal(azure.kubeconfig("kserve-dev"));
        expect(await promiseOf(pulumi.output(outputs.aksCluster))).to.deep.equal({ name: "kserve-dev", resourceGroupName: "rg-kserve-dev", oidcIssuerUrl: azure.oidcIssuer("kserve-dev") });
        expect(await promiseOf(pulumi.output(outputs.modelStore))).to.deep.equal({
            uriPrefix: "https://kserveplatformdevmodels.blob.core.windows.net/models/",
            clientId: "id-kserve-dev-models-client-id",
            serviceAccountName: "kserve-model-reader",
        });
    });

    it("exports endpoints under the dev domain", async () => {
        const endpoints: any = await promiseOf(outputs.endpoints);
        expect(endpoints["xgboost-iris"]).to.deep.equal({
            url: "http://xgboost-iris-models.dev.models.example.com",
            internalUrl: "http://xgboost-iris-predictor.models.svc.cluster.local",
            protocol: "v2",
            predictUrl: "http://xgboost-iris-models.dev.models.example.com/v2/models/xgboost-iris/infer",
            ready: true,
        });
        expect(endpoints["sklearn-iris"].url).to.equal("http://sklearn-iris-models.dev.models.example.com");
    });

    it("keeps model downloads on Azure's backbone with a storage service endpoint on the node subnet", () => {
        expect(h.get("azure-native:network:Subnet", "kserve-dev-nodes").inputs.serviceEndpoints).to.deep.equal([{ service: "Microsoft.Storage" }]);
    });

    it("reads no storage key", () => {
        expect(h.calls.map((c) => c.token).filter((t) => t.startsWith("azure-native:storage:"))).to.deep.equal([]);
    });
});

describe("program: dev stack with a GPU model", () => {
    const gpuModel = { name: "llm", spec: { predictor: { model: { modelFormat: { name: "huggingface" }, protocolVersion: "v2", storageUri: "hf://org/model", resources: { limits: { cpu: "8", memory: "32Gi", "nvidia.com/gpu": "1" } } } } } };

    it("fails without a GPU pool, naming the model and the key to set", async () => {
        const h = new Harness();
        await h.setup("dev");
        let error: unknown;
        try {
            // Without dev's GPU pools (regular and spot); the other GPU keys back at their defaults.
            const noGpu = { "kserve-platform:aksGpuVmSize": "", "kserve-platform:aksGpuMaxCount": "2", "kserve-platform:aksGpuScaleDownMode": "", "kserve-platform:aksGpuSpotVmSize": "" };
            await runProgram(h, "dev", {}, { ...noGpu, "kserve-platform:models": JSON.stringify([gpuModel]) });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).problems).to.deep.equal([
            { subject: 'kserve-platform:models[0] "llm"', path: "spec", message: "requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)" },
        ]);
        await h.settle();
        expect(h.resources).to.deep.equal([]);
    });

    it("lands on the GPU pool when there is one, with the Knative flags that needs", async () => {
        const h = new Harness();
        await h.setup("dev");
        await runProgram(h, "dev", {}, { "kserve-platform:models": JSON.stringify([gpuModel]), "kserve-platform:aksGpuVmSize": "Standard_NC24ads_A100_v4" });
        const predictor = h.get(ISVC, "llm").inputs.spec.predictor;
        expect(predictor.tolerations).to.deep.equal([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
        expect(predictor.nodeSelector).to.deep.equal({ "nvidia.com/gpu.present": "true" });
        const gpuPool = h.get("azure-native:containerservice:AgentPool", "kserve-dev-gpu").inputs;
        expect(gpuPool.nodeLabels).to.deep.equal(predictor.nodeSelector);
        expect(gpuPool.nodeTaints).to.deep.equal(["nvidia.com/gpu=present:NoSchedule"]);
        const features = h.all("kubernetes:operator.knative.dev/v1beta1:KnativeServing")[0].inputs.spec.config.features;
        expect(features).to.deep.equal({ "kubernetes.podspec-nodeselector": "enabled", "kubernetes.podspec-tolerations": "enabled" });
        expect(h.all("kubernetes:helm.sh/v3:Release").map((r) => r.inputs.name)).to.include("nvidia-device-plugin");
    });
});
