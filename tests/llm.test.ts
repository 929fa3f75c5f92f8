/**
 * LLMs (KServe v0.20.0 LLMInferenceService) declared from code, through the Models component and
 * from stack config: the exact resources, their order, parents and dependencies, the outputs, and
 * what is refused before anything is registered. The mocked cluster reports the status the llmisvc
 * controller writes (tests/harness.ts readyLlmStatus, from router.go and router_discovery.go).
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Gate, Harness, promiseOf } from "./harness";
import type * as servingModule from "../components/serving";
import { loadConfig, StackConfig } from "../config";
import { ValidationError } from "../components/common";
import { llmPlatformNeeds } from "../components/serving/llm";
import { modelsArgs as fromArgs } from "../components/stack/serving";
import { kservePlatformArgs } from "../config";
import type { ServingPlatform } from "../components/platform";
import { loadStack } from "./stackProblems";

const LLM = "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceService";
const LLM_CONFIG = "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceServiceConfig";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const vllmCpu = { name: "main", image: "public.ecr.aws/q9t5s3a7/vllm-cpu-release-repo:v0.10.1", resources: { limits: { cpu: "4", memory: "16Gi" }, requests: { cpu: "2", memory: "8Gi" } } };
const vllmGpu = { name: "main", resources: { limits: { cpu: "4", memory: "32Gi", "nvidia.com/gpu": "1" }, requests: { cpu: "2", memory: "16Gi", "nvidia.com/gpu": "1" } } };
/** KServe v0.20.0 docs/samples/llmisvc/opt-125m-cpu/llm-inference-service-facebook-opt-125m-cpu.yaml (scheduler). */
const withScheduler = { model: { uri: "hf://facebook/opt-125m", name: "facebook/opt-125m" }, replicas: 1, router: { scheduler: {}, route: {}, gateway: {} }, template: { containers: [vllmCpu] } };
/** ...-no-scheduler.yaml: route and gateway, no scheduler. */
const noScheduler = { model: { uri: "hf://facebook/opt-125m", name: "facebook/opt-125m" }, replicas: 1, router: { route: {}, gateway: {} }, template: { containers: [vllmCpu] } };
/** single-node-gpu/llm-inference-service-pd-qwen2-7b-gpu.yaml: prefill/decode disaggregation. */
const prefillDecode = {
    model: { uri: "hf://Qwen/Qwen2.5-7B-Instruct", name: "Qwen/Qwen2.5-7B-Instruct" },
    replicas: 1,
    router: { scheduler: {}, route: {}, gateway: {} },
    template: { containers: [vllmGpu] },
    prefill: { replicas: 2, template: { containers: [vllmGpu] } },
};
/** lora-adapters/test-examples/02-lora-multi-hf-cpu.yaml: LoRA adapters. */
const lora = {
    model: { uri: "hf://Qwen/Qwen2.5-0.5B-Instruct", name: "Qwen/Qwen2.5-0.5B-Instruct", lora: { adapters: [{ uri: "hf://a/sql-lora", name: "sql" }, { uri: "hf://b/chat-lora", name: "chat" }], maxRank: 64 } },
    router: { route: {}, gateway: {}, scheduler: {} },
    template: { containers: [vllmCpu] },
};
/** No router: in-cluster only. */
const internalOnly = { model: { uri: "hf://facebook/opt-125m" }, template: { containers: [vllmCpu] } };

function problemsOf(fn: () => unknown): string[] {
    try {
        fn();
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
    return [];
}

describe("serving: LLMInferenceService from code", () => {
    const h = new Harness();
    let serving: typeof servingModule;
    let endpoints: Record<string, servingModule.LLMEndpoint>;

    before(async () => {
        await h.setup();
        serving = await import("../components/serving");
        const made = {
            sched: new serving.LLMInferenceService("opt-sched", { metadata: { namespace: "team-a", labels: { team: "a" } }, spec: withScheduler, readyTimeoutSeconds: 3600 }),
            plain: new serving.LLMInferenceService("opt-plain", { metadata: { namespace: "team-a" }, spec: noScheduler }),
            pd: new serving.LLMInferenceService("qwen-pd", { metadata: { name: "qwen-pd", namespace: "team-b" }, spec: prefillDecode }),
            lora: new serving.LLMInferenceService("qwen-lora", { spec: lora }),
            internal: new serving.LLMInferenceService("opt-internal", { spec: internalOnly }),
        };
        endpoints = Object.fromEntries(await Promise.all(Object.values(made).map(async (m) => [m.modelName, await promiseOf(m.endpoint)] as const)));
    });

    it("registers one serving.kserve.io/v1alpha2 LLMInferenceService per LLM, spec unchanged, awaited until Ready", () => {
        expect(h.resources.map((r) => `${r.type}::${r.name}`)).to.have.members(["opt-sched", "opt-plain", "qwen-pd", "qwen-lora", "opt-internal"].map((n) => `${LLM}::${n}`));
        expect(h.resources).to.have.length(5);
        const r = h.get(LLM, "opt-sched");
        expect(r.custom).to.equal(true);
        expect(r.inputs.apiVersion).to.equal("serving.kserve.io/v1alpha2");
        expect(r.inputs.kind).to.equal("LLMInferenceService");
        expect(r.inputs.metadata).to.deep.equal({
            name: "opt-sched",
            namespace: "team-a",
            labels: { team: "a" },
            annotations: { "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "3600" },
        });
        expect(r.inputs.spec).to.deep.equal(withScheduler);
        expect(h.get(LLM, "opt-plain").inputs.spec).to.deep.equal(noScheduler);
        expect(h.get(LLM, "qwen-pd").inputs.spec).to.deep.equal(prefillDecode);
        expect(h.get(LLM, "qwen-lora").inputs.spec).to.deep.equal(lora);
        expect(h.get(LLM, "qwen-lora").inputs.metadata.namespace).to.equal("models");
        expect(h.get(LLM, "qwen-lora").inputs.metadata.annotations["pulumi.com/timeoutSeconds"]).to.equal("1800");
    });

    it("replaces (delete first) when a field of the total parallelism size changes, which KServe's webhook refuses to update", () => {
        // llm_inference_service_validation.go validateImmutableParallelism; GetSize reads data/dataLocal, else pipeline.
        const r = h.get(LLM, "qwen-pd");
        expect(r.replaceOnChanges).to.deep.equal([
            "spec.parallelism.data",
            "spec.parallelism.dataLocal",
            "spec.parallelism.pipeline",
            "spec.prefill.parallelism.data",
            "spec.prefill.parallelism.dataLocal",
            "spec.prefill.parallelism.pipeline",
        ]);
        expect(r.deleteBeforeReplace).to.equal(true);
    });

    it("exports the OpenAI base URL and paths from status.url (managed route, with and without the scheduler)", () => {
        // router.go preferPathBasedURL: the gateway URL of /<namespace>/<name>; the OpenAI API is under /v1.
        expect(endpoints["opt-sched"]).to.deep.equal({
            url: "http://inference.example.com/team-a/opt-sched",
            internalUrl: "http://kserve-ingress-gateway-istio.kserve.svc.cluster.local/team-a/opt-sched",
            protocol: "openai",
            predictUrl: "http://inference.example.com/team-a/opt-sched/v1/chat/completions",
            openaiBaseUrl: "http://inference.example.com/team-a/opt-sched/v1",
            paths: {
                chatCompletions: "http://inference.example.com/team-a/opt-sched/v1/chat/completions",
                completions: "http://inference.example.com/team-a/opt-sched/v1/completions",
                models: "http://inference.example.com/team-a/opt-sched/v1/models",
            },
            model: "facebook/opt-125m",
            ready: true,
        });
        expect(endpoints["opt-plain"].openaiBaseUrl).to.equal("http://inference.example.com/team-a/opt-plain/v1");
        expect(endpoints["qwen-pd"].paths!.completions).to.equal("http://inference.example.com/team-b/qwen-pd/v1/completions");
        expect(endpoints["qwen-pd"].model).to.equal("Qwen/Qwen2.5-7B-Instruct");
        expect(endpoints["qwen-lora"].url).to.equal("http://inference.example.com/models/qwen-lora");
        expect(endpoints["qwen-lora"].model).to.equal("Qwen/Qwen2.5-0.5B-Instruct");
    });

    it("without a route, has no url and answers in the cluster at the workload Service", () => {
        // router.go: no router.route → status.addresses = [<name>-kserve-workload-svc], no status.url.
        expect(endpoints["opt-internal"]).to.deep.include({
            url: undefined,
            internalUrl: "http://opt-internal-kserve-workload-svc.models.svc.cluster.local",
            openaiBaseUrl: "http://opt-internal-kserve-workload-svc.models.svc.cluster.local/v1",
            model: "opt-internal",
            ready: true,
        });
    });

    it("is not ready until the controller reports condition Ready=True", () => {
        expect(serving.toLlmEndpoint({ url: "http://x/a/b", conditions: [{ type: "Ready", status: "False" }] }, "m").ready).to.equal(false);
        expect(serving.toLlmEndpoint(undefined, "m")).to.deep.equal({ url: undefined, internalUrl: undefined, protocol: "openai", predictUrl: undefined, openaiBaseUrl: undefined, paths: undefined, model: "m", ready: false });
    });

    it("refuses what KServe refuses before registering anything, every problem with its field", () => {
        const before = h.resources.length;
        const bad = { model: { uri: "hf://x/y", name: "base", lora: { adapters: [{ uri: "hf://a", name: "base" }] } }, replicas: -1, router: { scheduler: { replicas: 0 } } };
        expect(problemsOf(() => new serving.LLMInferenceService("bad", { spec: bad }))).to.deep.equal([
            'LLMInferenceService "bad" spec.replicas: got -1; must be at least 0',
        ]);
        // With the schema satisfied, the webhook's problems come all together.
        const bad2 = { ...bad, replicas: 1 };
        expect(problemsOf(() => new serving.LLMInferenceService("bad", { spec: bad2 }))).to.deep.equal([
            'LLMInferenceService "bad" spec.router.scheduler.replicas: got 0; scheduler replicas must be greater than zero',
            'LLMInferenceService "bad" spec.model.lora.adapters[0].name: got "base"; adapter name must differ from base model name "base"',
        ]);
        expect(problemsOf(() => new serving.LLMInferenceService("typo", { spec: { model: { uri: "hf://x/y" }, replica: 2 } as never }))).to.deep.equal([
            'LLMInferenceService "typo" spec.replica: is not a field of spec; did you mean replicas? (known: annotations, baseRefs, kvCacheOffloading, labels, model, parallelism, prefill, replicas, router, scaling, storageInitializer, template, tracing, worker)',
        ]);
        expect(problemsOf(() => new serving.LLMInferenceService("x", { metadata: { namespace: "kube-system" }, spec: internalOnly }))[0]).to.match(/^LLMInferenceService "x" namespace: "kube-system" is a Kubernetes system namespace/);
        expect(h.resources.length).to.equal(before);
    });

    it("registers an LLMInferenceServiceConfig preset, refusing what its webhook refuses", async () => {
        const preset = { template: { containers: [vllmCpu] }, router: { scheduler: { replicas: 2 } } };
        const c = new serving.LLMInferenceServiceConfig("my-preset", { metadata: { namespace: "team-a" }, spec: preset });
        await promiseOf(c.urn);
        const r = h.get(LLM_CONFIG, "my-preset");
        expect(r.inputs).to.deep.include({ apiVersion: "serving.kserve.io/v1alpha2", kind: "LLMInferenceServiceConfig", spec: preset });
        expect(r.inputs.metadata).to.deep.equal({ name: "my-preset", namespace: "team-a" });
        expect(problemsOf(() => new serving.LLMInferenceServiceConfig("nested", { spec: { baseRefs: [{ name: "my-preset" }] } }))).to.deep.equal([
            'LLMInferenceServiceConfig "nested" spec.baseRefs: baseRefs is not a permitted field in LLMInferenceServiceConfig, support for recursive refs has been disabled',
        ]);
    });
});

describe("serving: Models with LLMs", () => {
    const h = new Harness();
    let models: servingModule.Models;
    let endpoints: Record<string, unknown>;

    before(async () => {
        await h.setup();
        const serving = await import("../components/serving");
        const gate = new Gate("platform");
        models = new serving.Models("models", {
            models: [{ name: "iris", namespace: "team-a", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } }],
            llms: [
                { name: "opt", namespace: "team-a", spec: withScheduler },
                { name: "qwen-pd", namespace: "team-llm", labels: { tier: "gpu" }, spec: prefillDecode },
            ],
            platform: [gate],
            networkPolicy: { fromNamespaces: ["istio-system"] },
            validation: { checkDefaultRuntimes: false },
        });
        endpoints = await promiseOf(models.endpoints);
    });

    it("gives LLMs namespaces and network policies like models: exactly these resources", () => {
        expect(h.resources.map((r) => `${r.type}::${r.name}`)).to.have.members([
            "test:index:Gate::platform",
            "kserve-platform:serving:Models::models",
            `${NAMESPACE}::models-team-a`,
            `${NAMESPACE}::models-team-llm`,
            `${POLICY}::models-team-a-ingress`,
            `${POLICY}::models-team-llm-ingress`,
            `${ISVC}::iris`,
            `${LLM}::opt`,
            `${LLM}::qwen-pd`,
        ]);
    });

    it("makes each LLM wait for the platform, its namespace and its namespace's policy, as a child of Models", () => {
        const urn = (type: string, name: string) => h.get(type, name).urn;
        const llm = h.get(LLM, "qwen-pd");
        expect(llm.parent).to.equal(urn("kserve-platform:serving:Models", "models"));
        expect(llm.dependencies).to.have.members([urn("test:index:Gate", "platform"), urn(NAMESPACE, "models-team-llm"), urn(POLICY, "models-team-llm-ingress")]);
        expect(h.get(LLM, "opt").dependencies).to.have.members([urn("test:index:Gate", "platform"), urn(NAMESPACE, "models-team-a"), urn(POLICY, "models-team-a-ingress")]);
        expect(llm.inputs.spec).to.deep.equal(prefillDecode);
        expect(llm.inputs.metadata.labels).to.deep.equal({ tier: "gpu" });
        expect(Object.keys(models.llms)).to.deep.equal(["opt", "qwen-pd"]);
    });

    it("exports the models' and the LLMs' endpoints together", () => {
        expect(Object.keys(endpoints)).to.deep.equal(["iris", "opt", "qwen-pd"]);
        expect(endpoints["qwen-pd"]).to.deep.include({ openaiBaseUrl: "http://inference.example.com/team-llm/qwen-pd/v1", protocol: "openai", ready: true });
        expect(endpoints.iris).to.deep.include({ protocol: "v1" });
    });

    it("refuses bad LLMs and names clashing with a model, with the other models' problems", async () => {
        const serving = await import("../components/serving");
        const before = h.resources.length;
        const problems = problemsOf(
            () =>
                new serving.Models("bad", {
                    models: [{ name: "iris", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } } }],
                    llms: [
                        { name: "iris", spec: internalOnly },
                        { name: "w", spec: { model: { uri: "hf://x/y" }, worker: {} as servingModule.PodSpec } },
                    ],
                    validation: { checkDefaultRuntimes: false },
                }),
        );
        expect(problems).to.deep.equal([
            'llms[1] "w" spec.worker: when worker is specified, parallelism must be configured for either data parallelism or pipeline parallelism',
            'llms[0] "iris" name: "iris" is also the name of a model; names must be unique across models and LLMs',
        ]);
        expect(h.resources.length).to.equal(before);
    });
});

describe("config: LLMs in kserve-platform:models", () => {
    const raw = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    const load = (values: Record<string, unknown>): StackConfig => {
        const r = raw(values);
        return loadConfig({ get: (k) => r[k] }, (ns, k) => (ns === "azure-native" && k === "location" ? "westeurope" : undefined));
    };
    const problems = (values: Record<string, unknown>) => problemsOf(() => load(values));
    const isvc = { name: "iris", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } } };
    const llm = (name: string, spec: unknown, extra: Record<string, unknown> = {}) => ({ kind: "LLMInferenceService", name, spec, ...extra });

    it("reads entries of kind LLMInferenceService as LLMs and the others as InferenceServices, as before", () => {
        const c = load({ models: [isvc, llm("opt", withScheduler, { namespace: "team-a", labels: { a: "b" }, annotations: { c: "d" } }), { ...isvc, name: "iris2", kind: "InferenceService" }] });
        expect(c.models.map((m) => m.name)).to.deep.equal(["iris", "iris2"]);
        expect(c.models[1]).to.not.have.property("kind");
        expect(c.llms).to.deep.equal([{ name: "opt", namespace: "team-a", labels: { a: "b" }, annotations: { c: "d" }, spec: withScheduler }]);
        expect(llmPlatformNeeds(c.llms)).to.deep.equal({ llm: true, leaderWorkerSet: false, keda: false });
    });

    it("names models[i] and the field path of every problem, across kinds, all together", () => {
        expect(
            problems({
                models: [
                    isvc,
                    llm("opt", { model: { uri: "hf://x/y" }, scaling: { maxReplicas: 2 } }),
                    { kind: "LLMInferenceServce", name: "typo", spec: {} },
                    llm("iris", internalOnly),
                    llm("with-auth", internalOnly, { auth: { audiences: ["a"] } }),
                    { ...isvc, name: "bad-isvc", spec: { predictor: {} } },
                ],
            }),
        ).to.deep.equal([
            'kserve-platform:models[5] "bad-isvc" spec.predictor: has no implementation; set exactly one of model, huggingface, lightgbm, onnx, paddle, pmml, pytorch, sklearn, tensorflow, triton, xgboost, or containers (with a container named "kserve-container")',
            'kserve-platform:models[2] "typo" kind: got "LLMInferenceServce"; allowed: InferenceService, LLMInferenceService, InferenceGraph, ServingRuntime, ClusterServingRuntime (no kind: InferenceService); did you mean LLMInferenceService?',
            'kserve-platform:models[3] "iris" name: "iris" is already the name of models[0] (InferenceService); names must be unique in the stack, across kinds',
            'kserve-platform:models[1] "opt" spec.scaling: wva is required when scaling is configured; it provides the autoscaling mechanism',
            'kserve-platform:models[4] "with-auth" auth: only applies with kserve-platform:modelAuth true',
        ]);
    });

    it("places GPU workloads of LLMs on the AKS GPU pool, as InferenceServices, and leaves CPU LLMs as written", () => {
        const c = load({ clusterFlavor: "aks", aksGpuVmSize: "Standard_NC24ads_A100_v4", models: [llm("qwen-pd", prefillDecode), llm("opt", withScheduler)] });
        const placed = { ...vllmGpu };
        const gpuPod = { containers: [placed], nodeSelector: { "nvidia.com/gpu.present": "true" }, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }] };
        expect(c.llms[0].spec).to.deep.equal({ ...prefillDecode, template: gpuPod, prefill: { replicas: 2, template: gpuPod } });
        expect(c.llms[1].spec).to.deep.equal(withScheduler);
    });

    it("admits the LLM gateway's namespace (kserve) through the model namespaces' network policy, only when there are LLMs", () => {
        const platform = { modelDependencies: [], llmDependencies: [] } as unknown as ServingPlatform;
        const modelsArgs = (config: StackConfig, p: ServingPlatform, store: undefined, openshift: boolean) => fromArgs(kservePlatformArgs(config), p, store, openshift);
        const withLlm = modelsArgs(load({ modelNetworkPolicies: true, models: [isvc, llm("opt", withScheduler)] }), platform, undefined, false);
        expect(withLlm.networkPolicy!.fromNamespaces).to.deep.equal(["istio-system", "knative-serving", "kserve"]);
        expect(withLlm.llms!.map((l) => l.name)).to.deep.equal(["opt"]);
        const without = modelsArgs(load({ modelNetworkPolicies: true, models: [isvc] }), platform, undefined, false);
        expect(without.networkPolicy!.fromNamespaces).to.deep.equal(["istio-system", "knative-serving"]);
    });

    it("refuses an LLM that requests GPUs on an AKS stack without a GPU pool", () => {
        expect(problems({ clusterFlavor: "aks", models: [llm("qwen-pd", prefillDecode)] })).to.deep.equal([
            'kserve-platform:models[0] "qwen-pd" spec: requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)',
        ]);
    });

    it("refuses a GPU workload that does not tolerate the taint of an existing cluster's GPU nodes (gpuNodeTaint)", () => {
        expect(problems({ gpuNodeTaint: "nvidia.com/gpu=present:NoSchedule", models: [llm("qwen-pd", prefillDecode)] })).to.deep.equal([
            'kserve-platform:models[0] "qwen-pd" spec.template.tolerations: the workload requests GPUs but does not tolerate the GPU node taint nvidia.com/gpu=present:NoSchedule, so it can never be scheduled; add {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}',
            'kserve-platform:models[0] "qwen-pd" spec.prefill.template.tolerations: the workload requests GPUs but does not tolerate the GPU node taint nvidia.com/gpu=present:NoSchedule, so it can never be scheduled; add {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}',
        ]);
    });
});

describe("llmPlatformNeeds", () => {
    it("asks for the LLM stack when any LLM is declared, LeaderWorkerSet for workers, KEDA for the KEDA actuator", () => {
        expect(llmPlatformNeeds([])).to.deep.equal({ llm: false, leaderWorkerSet: false, keda: false });
        expect(llmPlatformNeeds([{ spec: withScheduler }])).to.deep.equal({ llm: true, leaderWorkerSet: false, keda: false });
        expect(llmPlatformNeeds([{ spec: { ...withScheduler, worker: {}, parallelism: { pipeline: 2 } } }]).leaderWorkerSet).to.equal(true);
        expect(llmPlatformNeeds([{ spec: { ...withScheduler, prefill: { worker: {} } } }]).leaderWorkerSet).to.equal(true);
        expect(llmPlatformNeeds([{ spec: { model: withScheduler.model, scaling: { maxReplicas: 3, wva: { keda: {} } } } }]).keda).to.equal(true);
        expect(llmPlatformNeeds([{ spec: { model: withScheduler.model, prefill: { scaling: { maxReplicas: 3, wva: { keda: {} } } } } }]).keda).to.equal(true);
        expect(llmPlatformNeeds([{ spec: { model: withScheduler.model, scaling: { maxReplicas: 3, wva: { hpa: {} } } } }]).keda).to.equal(false);
    });
});

describe("auth: who may call an LLM (modelAuth on, the prod stack)", () => {
    const AP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
    const workloads = ["workload", "workload-prefill", "workload-leader", "workload-worker", "workload-leader-prefill", "workload-worker-prefill"];

    it("guards every workload of an LLM with the model's callers, by KServe's workload labels, and reads its own auth entry", async () => {
        const { config, problems } = loadStack("prod", {
            models: [
                { kind: "LLMInferenceService", name: "chat", namespace: "llm", spec: withScheduler, auth: { claims: { roles: ["Chat.Invoke"] } } },
                { name: "iris", namespace: "vision", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } },
            ],
        });
        expect(problems).to.deep.equal([]);
        const auth = config!.modelAuth!;
        expect(auth.models.map((m) => m.name)).to.deep.equal(["iris", "chat"]);
        const chat = auth.models[1];
        expect(chat).to.deep.include({ namespace: "llm", claims: { roles: ["Chat.Invoke"] } });
        // KServe v0.20.0 pkg/constants: app.kubernetes.io/component llminferenceservice-workload*, app.kubernetes.io/name <name>.
        expect(chat.podSelectors).to.deep.equal(workloads.map((w) => ({ suffix: w, matchLabels: { "app.kubernetes.io/name": "chat", "app.kubernetes.io/component": `llminferenceservice-${w}` } })));
        expect(auth.models[0].podSelectors).to.equal(undefined);

        const h = new Harness();
        await h.setup();
        const { ModelAuthPolicies } = await import("../components/auth");
        const policies = new ModelAuthPolicies("auth", { issuer: auth.issuer, jwksUri: auth.jwksUri, models: auth.models });
        await promiseOf(policies.urn);
        await h.settle();
        const chatPolicies = h.all(AP).filter((r) => r.inputs.metadata.namespace === "llm");
        expect(chatPolicies.map((r) => r.inputs.metadata.name)).to.have.members(workloads.map((w) => `kserve-platform-callers-chat-${w}`));
        const decode = chatPolicies.find((r) => r.inputs.metadata.name === "kserve-platform-callers-chat-workload")!;
        expect(decode.inputs.spec.selector).to.deep.equal({ matchLabels: { "app.kubernetes.io/name": "chat", "app.kubernetes.io/component": "llminferenceservice-workload" } });
        expect(decode.inputs.spec.rules[0]).to.deep.equal({
            from: [{ source: { requestPrincipals: [`${auth.issuer}/*`] } }],
            when: [
                { key: "request.auth.audiences", values: [...chat.audiences] },
                { key: "request.auth.claims[roles]", values: ["Chat.Invoke"] },
            ],
        });
        // The InferenceService keeps its one policy by KServe's InferenceService pod label.
        expect(h.all(AP).filter((r) => r.inputs.metadata.namespace === "vision").map((r) => r.inputs.spec.selector)).to.deep.equal([{ matchLabels: { "serving.kserve.io/inferenceservice": "iris" } }]);
    });
});

// Keeps `pulumi` referenced for Output types in editors that prune unused imports.
void pulumi;
