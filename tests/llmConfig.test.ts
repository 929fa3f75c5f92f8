import { expect } from "chai";
import { kservePlatformArgs, loadConfig, StackConfig } from "../config";
import { servingPlatformArgs as fromArgs } from "../components/stack/platform";
import type { KubernetesCluster } from "../components/cluster";

/** Loads config from plain values, as `pulumi config` stores them (lists as JSON). */
function load(values: Record<string, unknown>): StackConfig {
    const raw = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return loadConfig({ get: (k) => raw[k] });
}

const servingPlatformArgs = (config: StackConfig, placement: Parameters<typeof fromArgs>[1]) => fromArgs(kservePlatformArgs(config), placement);
const cluster = { chartResource: "Release" } as unknown as KubernetesCluster;
const sklearn = (annotations?: Record<string, string>) => ({
    name: "m",
    ...(annotations ? { annotations } : {}),
    spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } },
});

describe("LLM serving and KEDA from stack config", () => {
    it("llmServing defaults to off and turns LLM serving on", () => {
        expect(load({}).llmServing).to.equal(false);
        expect(servingPlatformArgs(load({}), { cluster, openshift: false }).llm).to.equal(undefined);
        expect(servingPlatformArgs(load({ llmServing: "true" }), { cluster, openshift: false }).llm).to.deep.equal({ enabled: true });
    });

    it("installs KEDA only when a model asks for the keda autoscaler class", () => {
        // KServe v0.20.0 validates `keda` for Standard-mode components (validateAutoScalingCompExtension).
        const keda = load({ deploymentMode: "Standard", models: [sklearn({ "serving.kserve.io/autoscalerClass": "keda" })] });
        expect(servingPlatformArgs(keda, { cluster, openshift: false }).keda).to.equal(true);
        const hpa = load({ deploymentMode: "Standard", models: [sklearn({ "serving.kserve.io/autoscalerClass": "hpa" })] });
        expect(servingPlatformArgs(hpa, { cluster, openshift: false }).keda).to.equal(undefined);
    });
});
