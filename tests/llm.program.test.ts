/**
 * LLMs declared in stack config, through the whole program (the local stack with two LLMs beside
 * its model): where they land in the tree, what they wait for, and the `endpoints` stack output.
 */
import { expect } from "chai";
import { Harness, runProgram, stackConfig } from "./harness";

const LLM = "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceService";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const MODELS = "kserve-platform:serving:Models";

const cpu = { name: "main", resources: { limits: { cpu: "2", memory: "8Gi" }, requests: { cpu: "1", memory: "4Gi" } } };
const llms = [
    { kind: "LLMInferenceService", name: "opt", spec: { model: { uri: "hf://facebook/opt-125m", name: "facebook/opt-125m" }, router: { route: {}, gateway: {}, scheduler: {} }, template: { containers: [cpu] } } },
    { kind: "LLMInferenceService", name: "opt-direct", namespace: "team-llm", spec: { model: { uri: "hf://facebook/opt-125m" }, router: { route: {}, gateway: {} }, template: { containers: [cpu] } } },
];

describe("program: LLMs from stack config (local stack)", () => {
    const h = new Harness();
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("local");
        const models = JSON.parse(stackConfig("local")["kserve-platform:models"]) as unknown[];
        outputs = await runProgram(h, "local", {}, { "kserve-platform:models": JSON.stringify([...models, ...llms]) });
    });

    it("registers one LLMInferenceService per LLM entry under Models, with its spec unchanged", () => {
        const parent = h.get(MODELS, "models").urn;
        expect(h.all(LLM).map((r) => r.name)).to.have.members(["opt", "opt-direct"]);
        expect(h.all(LLM)).to.have.length(2);
        for (const [i, name] of ["opt", "opt-direct"].entries()) {
            const r = h.get(LLM, name);
            expect(r.parent, name).to.equal(parent);
            expect(r.inputs.spec, name).to.deep.equal(llms[i].spec);
        }
        expect(h.get(LLM, "opt").inputs.metadata.namespace).to.equal("models");
        expect(h.get(LLM, "opt-direct").inputs.metadata.namespace).to.equal("team-llm");
        expect(h.all(ISVC).map((r) => r.name)).to.deep.equal(["sklearn-iris", "xgboost-iris"]);
    });

    it("makes LLMs wait for what InferenceServices wait for, plus the llmisvc controller and the Gateway their routes attach to", () => {
        const isvcDeps = h.get(ISVC, "sklearn-iris").dependencies;
        expect(isvcDeps.length).to.be.greaterThan(1);
        // The llmisvc controller reconciles LLMInferenceServices and attaches their HTTPRoutes to the
        // kserve-ingress-gateway Gateway (kserve v0.20.0 charts/kserve-llmisvc-resources, config-llm-router-route).
        const llmServing = [
            h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "kserve-llmisvc-resources")!.urn,
            h.get("kubernetes:gateway.networking.k8s.io/v1:Gateway", "platform-llm-gateway-gateway").urn,
        ];
        expect(h.get(LLM, "opt").dependencies).to.have.members([...isvcDeps, ...llmServing]);
        const teamNs = h.get("kubernetes:core/v1:Namespace", "models-team-llm").urn;
        expect(h.get(LLM, "opt-direct").dependencies).to.have.members([...isvcDeps.filter((u) => !u.endsWith("::models-models")), teamNs, ...llmServing]);
        // InferenceServices do not wait for LLM serving.
        for (const urn of llmServing) {
            expect(isvcDeps).to.not.include(urn);
        }
    });

    it("exports each LLM's OpenAI endpoint beside the model's", async () => {
        const endpoints = await new Promise<Record<string, any>>((resolve) => outputs.endpoints.apply(resolve));
        expect(Object.keys(endpoints)).to.deep.equal(["sklearn-iris", "xgboost-iris", "opt", "opt-direct", "iris-ensemble"]);
        const domain = h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "kserve-resources")!.inputs.values.kserve.controller.gateway.domain;
        expect(endpoints.opt).to.deep.include({ url: `http://inference.${domain}/models/opt`, openaiBaseUrl: `http://inference.${domain}/models/opt/v1`, model: "facebook/opt-125m", protocol: "openai", ready: true });
        expect(endpoints["opt-direct"].paths).to.deep.equal({
            chatCompletions: `http://inference.${domain}/team-llm/opt-direct/v1/chat/completions`,
            completions: `http://inference.${domain}/team-llm/opt-direct/v1/completions`,
            models: `http://inference.${domain}/team-llm/opt-direct/v1/models`,
        });
    });
});
