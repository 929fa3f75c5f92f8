// Rules where two features meet (found reviewing the merged stack): a GPU model on a stack whose only
// GPU pool is spot, the model cache's job namespace, GPU scraping through stack config, graphs under
// model auth from code, the cache's downloads reading the store, and bad entries on a GPU stack
// reported as problems rather than thrown as TypeErrors.
import { expect } from "chai";
import { Harness } from "./harness";
import { loadStack } from "./stackProblems";
import { kservePlatformArgs } from "../config";
import { ValidationError } from "../components/common";
import { platformMonitoringArgs, type MonitoredStack } from "../components/stack/monitoring";
import { modelStoreArgs } from "../components/stack/azure";
import type { Network } from "../components/azure";
import type { AksCluster } from "../components/cluster";
import type * as stackModule from "../components/stack";

const devModels = () => (loadStack("dev").config!.models as unknown[]).length;

describe("cross features: stack config", () => {
    it("reports a null model entry and an LLM entry without spec on a GPU stack as problems, not TypeErrors", () => {
        expect(devModels()).to.be.greaterThan(0);
        const problems = loadStack("dev", { models: [null, { kind: "LLMInferenceService", name: "q" }] }).problems;
        expect(problems.join("\n")).to.contain("kserve-platform:models[0]").and.to.contain('kserve-platform:models[1] "q"');
    });

    it("refuses a GPU model that does not opt in to spot when the only GPU pool is the spot pool", () => {
        // AKS taints spot nodes kubernetes.azure.com/scalesetpriority=spot:NoSchedule (spot-node-pool.md):
        // a GPU model without the spot toleration would wait for a node forever.
        const gpuModel = { name: "g", spec: { predictor: { minReplicas: 0, model: { modelFormat: { name: "huggingface" }, storageUri: "hf://a/b", resources: { limits: { "nvidia.com/gpu": "1" } } } } } };
        const spotOnly = { aksGpuVmSize: undefined, aksGpuMinCount: undefined, aksGpuMaxCount: undefined, aksGpuScaleDownMode: undefined };
        const refused = loadStack("dev", { ...spotOnly, models: [gpuModel] }).problems;
        expect(refused).to.deep.equal([
            'kserve-platform:models[0] "g" spot: requests GPUs, and the stack\'s only GPU pool is the spot pool (aksGpuSpotVmSize), whose nodes it would not tolerate; set spot: true, or add a regular GPU pool (aksGpuVmSize)',
        ]);
        expect(loadStack("dev", { ...spotOnly, models: [{ ...gpuModel, spot: true }] }).problems).to.deep.equal([]);
        // With a regular pool beside it, the model may stay off spot.
        expect(loadStack("dev", { models: [gpuModel] }).problems).to.deep.equal([]);
    });

    it("keeps models out of the model cache's job namespace, which KServe's download jobs run in", () => {
        // kserve v0.20.0 charts/kserve-localmodel-resources/values.yaml: localmodel.jobNamespace kserve-localmodel-jobs;
        // the platform creates that namespace for the ModelCache, so a model there would be a second Namespace of one name.
        const model = { name: "m", namespace: "kserve-localmodel-jobs", spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } } };
        const problems = loadStack("prod", { models: [model] }).problems;
        expect(problems.some((p) => p.startsWith('kserve-platform:models[0] "m" namespace:'))).to.equal(true);
    });

    it("scrapes NVIDIA's dcgm-exporter in the namespace monitoringDcgmExporterNamespace names, and alerts on idle GPUs", () => {
        const args = kservePlatformArgs(loadStack("prod", { monitoringDcgmExporterNamespace: "gpu-operator" }).config!);
        expect(args.monitoring!.dcgmExporterNamespace).to.equal("gpu-operator");
        const s = { platform: { modelDependencies: [], llmDependencies: [] }, models: { namespaces: {} } } as unknown as MonitoredStack;
        expect(platformMonitoringArgs(args, s)!.llm).to.deep.equal({ namespaces: [], dcgmExporterNamespace: "gpu-operator" });
        expect(loadStack("local", { monitoringDcgmExporterNamespace: "gpu-operator" }).problems).to.deep.equal(["kserve-platform:monitoringDcgmExporterNamespace: only applies with kserve-platform:monitoring true"]);
    });

    it("lets the model cache's download jobs read the store from code too (their namespace gets the store's identity)", () => {
        const args = kservePlatformArgs(loadStack("prod").config!);
        expect(args.gpu?.modelCache).to.not.equal(undefined);
        const jobs = args.gpu!.modelCache!.jobNamespace;
        const net = { resourceGroupName: "rg", subnetIds: {}, vnet: { id: "vnet" } } as unknown as Network;
        const aks = { oidcIssuerUrl: "https://issuer" } as unknown as AksCluster;
        const fromCode = { ...args, store: { ...args.store!, namespaces: args.store!.namespaces.filter((n) => n !== jobs) } };
        expect(modelStoreArgs(fromCode, net, aks)!.namespaces).to.include(jobs);
        expect(modelStoreArgs(args, net, aks)!.namespaces.filter((n) => n === jobs)).to.have.length(1);
    });
});

describe("cross features: KServePlatform from code", () => {
    const h = new Harness();
    let stack: typeof stackModule;
    before(async () => {
        await h.setup();
        stack = await import("../components/stack");
    });

    it("refuses an InferenceGraph under auth before registering anything (KServe's router forwards no token)", async () => {
        const args = kservePlatformArgs(loadStack("prod").config!);
        const graph = { name: "g", namespace: "risk", spec: { nodes: { root: { routerType: "Sequence" as const, steps: [{ serviceName: "fraud-xgb" }] } } } };
        let error: unknown;
        try {
            new stack.KServePlatform("kserve-prod", { ...args, models: { ...args.models, graphs: [graph] } });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`)).to.deep.equal([
            'models.graphs[0] "g": an InferenceGraph cannot call models that auth guards: KServe\'s router forwards no Authorization header to its steps (inferenceservice-config router.headers.propagate is empty), so every step would refuse it; serve graphs from a stack without auth',
        ]);
        await h.settle();
        expect(h.resources).to.deep.equal([]);
    });
});
