/**
 * InferenceGraph (issue 18 item 4): KServe v0.20.0's own samples and webhook cases (tests/corpus/
 * graphs.ts), the rules beyond the webhook, graphs from stack config, and graphs within the stack:
 * namespaces, network policy, auth, hosts and endpoints. Expectations are cited beside each test
 * from kserve/kserve@v0.20.0.
 */
import { expect } from "chai";
import { Gate, Harness, promiseOf } from "./harness";
import { loadStack } from "./stackProblems";
import { graphSamples, graphWebhookCases } from "./corpus/graphs";
import { validateInferenceGraph } from "../components/serving/graphValidate";
import { certificateCovers } from "../components/serving/endpoints";
import { wildcardHost } from "../components/common";
import { graphHost } from "../components/serving/inferenceGraph";
import { knativeFeatureFlagsForGraphs } from "../components/serving/modelGraphs";
import { servingPlatformArgs as fromArgs } from "../components/stack/platform";
import { kservePlatformArgs } from "../config";
import type { KubernetesCluster } from "../components/cluster";
import type * as servingModule from "../components/serving";
import type * as authModule from "../components/auth";

const IG = "kubernetes:serving.kserve.io/v1alpha1:InferenceGraph";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const AP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const NS = "kubernetes:core/v1:Namespace";

const problemsOf = (input: Parameters<typeof validateInferenceGraph>[0], models?: { name: string; namespace: string }[]) =>
    validateInferenceGraph(input, "graph", { models }).map((p) => `${p.path}: ${p.message}`);

describe("InferenceGraph corpus (KServe v0.20.0)", () => {
    it("accepts every InferenceGraph of docs/samples/graph unchanged, over the models of its file", () => {
        expect(graphSamples.map((s) => s.source.split("/").pop())).to.deep.equal(["ensemble.yaml", "sequence.yaml", "splitter.yaml", "switch.yaml"]);
        for (const s of graphSamples) {
            const models = s.models.map((m) => ({ name: m.name, namespace: "models" }));
            expect(problemsOf({ name: s.manifest.metadata.name, namespace: "models", spec: s.manifest.spec }, models), s.source).to.deep.equal([]);
        }
    });

    it("agrees with every case of the webhook's TestInferenceGraph_ValidateCreate, naming the field", () => {
        expect(graphWebhookCases).to.have.length(15);
        for (const c of graphWebhookCases) {
            const problems = problemsOf({ name: c.name, namespace: "models", spec: { nodes: c.nodes } }, (c.models ?? []).map((name) => ({ name, namespace: "models" })));
            if (c.verdict === "accepted") {
                expect(problems, c.test).to.deep.equal([]);
            } else {
                expect(problems.join("\n"), `${c.test}: ${c.reason}`).to.contain(c.expect);
            }
        }
    });

    describe("registration", () => {
        const h = new Harness();
        let serving: typeof servingModule;
        before(async () => {
            await h.setup();
            serving = await import("../components/serving");
            graphSamples.forEach((s, i) => {
                new serving.InferenceGraph(`sample-${i}`, {
                    metadata: s.manifest.metadata,
                    spec: s.manifest.spec as unknown as servingModule.InferenceGraphSpec,
                    validation: { models: s.models.map((m) => ({ name: m.name, namespace: "models" })) },
                });
            });
            await h.settle();
        });

        it("registers each sample's spec byte for byte, with the name and the documented annotations", () => {
            graphSamples.forEach((s, i) => {
                const r = h.get(IG, `sample-${i}`);
                expect(r.inputs.apiVersion).to.equal("serving.kserve.io/v1alpha1");
                expect(r.inputs.kind).to.equal("InferenceGraph");
                expect(r.inputs.spec, s.source).to.deep.equal(s.manifest.spec);
                expect(r.inputs.metadata).to.deep.equal({
                    name: s.manifest.metadata.name,
                    namespace: "models",
                    // The controller reads the mode from this annotation (GetDeploymentMode, controller.go).
                    annotations: { "serving.kserve.io/deploymentMode": "Knative", "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "1800" },
                });
            });
        });

        it("refuses a sample whose models are not there, before registering it", () => {
            const s = graphSamples[0];
            expect(() => new serving.InferenceGraph("orphan", { metadata: s.manifest.metadata, spec: s.manifest.spec as unknown as servingModule.InferenceGraphSpec, validation: { models: [] } })).to.throw(
                'InferenceGraph "ensemble-model" is invalid (2 problems):\n' +
                    '  - InferenceGraph "ensemble-model" spec.nodes.root.steps[0].serviceName: "sklearn-iris" is not a model of the stack in namespace models (models there: none)\n' +
                    '  - InferenceGraph "ensemble-model" spec.nodes.root.steps[1].serviceName: "xgboost-iris" is not a model of the stack in namespace models (models there: none)',
            );
            expect(h.all(IG).map((r) => r.name)).to.not.include("orphan");
        });
    });
});

describe("InferenceGraph rules beyond the webhook", () => {
    const models = [
        { name: "sklearn-iris", namespace: "models" },
        { name: "xgboost-iris", namespace: "models" },
        { name: "fraud-xgb", namespace: "risk" },
    ];

    it("reports every problem together: schema enums and types, unknown fields with a did-you-mean, targets", () => {
        const spec = {
            minReplica: 1,
            scaleMetric: "qps",
            timeout: "30s",
            nodes: {
                root: { routerType: "Sequense", steps: [{ serviceName: "sklearn-irs" }, { nodeName: "ensembel", data: "$request" }, { serviceName: "fraud-xgb" }] },
                ensemble: { routerType: "Ensemble", steps: [{ serviceName: "xgboost-iris", dependancy: "Hard" }, { serviceUrl: "http://x", dependency: "Strong" }] },
            },
        };
        expect(problemsOf({ name: "iris", namespace: "models", spec }, models)).to.deep.equal([
            'spec.minReplica: is not a field of KServe v1alpha1 InferenceGraphSpec; did you mean "minReplicas"? (the API server would drop it silently); allowed: affinity, maxReplicas, minReplicas, nodeName, nodeSelector, nodes, resources, routerTimeouts, scaleMetric, scaleTarget, serviceAccountName, timeout, tolerations',
            'spec.timeout: got "30s"; must be an integer',
            'spec.scaleMetric: got "qps"; did you mean "rps"?; allowed: cpu, memory, concurrency, rps',
            'spec.nodes.root.routerType: got "Sequense"; did you mean "Sequence"?; allowed: Sequence, Splitter, Ensemble, Switch',
            'spec.nodes.root.steps[0].serviceName: "sklearn-irs" is not a model of the stack in namespace models; did you mean "sklearn-iris"? (models there: sklearn-iris, xgboost-iris)',
            'spec.nodes.root.steps[1].nodeName: "ensembel" is not a node of the graph; did you mean "ensemble"? (nodes: root, ensemble)',
            // The controller looks serviceName up in the graph's namespace (controller.go, r.Get with graph.Namespace).
            'spec.nodes.root.steps[2].serviceName: "fraud-xgb" is a model of namespace risk, but KServe resolves serviceName in the graph\'s namespace models; put the graph there, or call the model by serviceUrl',
            'spec.nodes.ensemble.steps[0].dependancy: is not a field of KServe v1alpha1 InferenceStep; did you mean "dependency"? (the API server would drop it silently); allowed: condition, data, dependency, mapPredictionsToInstances, name, nodeName, serviceName, serviceUrl, weight',
            'spec.nodes.ensemble.steps[1].dependency: got "Strong"; allowed: Soft, Hard',
        ]);
    });

    it("needs nodes, and a root among them, with a hint for a misnamed one", () => {
        expect(problemsOf({ name: "g", namespace: "models", spec: {} })).to.deep.equal(['spec.nodes: is required: the graph\'s nodes by name, one of them "root"']);
        expect(problemsOf({ name: "g", namespace: "models", spec: { nodes: { rot: { routerType: "Sequence" } } } })).to.deep.equal([
            'spec.nodes: has no node "root" (got rot); requests enter the graph at node "root"; did you mean to name "rot" root?',
        ]);
    });

    it("keeps the host label <name>-<namespace> within 63 characters (KServe's GenerateDomainName validates the host)", () => {
        const name = "a".repeat(50);
        const graph = (namespace: string) => problemsOf({ name, namespace, spec: { nodes: { root: { routerType: "Sequence", steps: [{ serviceUrl: "http://m" }] } } } });
        expect(graph("models-teams")).to.deep.equal([]);
        expect(graph("models-teams2")).to.deep.equal([`name: the host label "${name}-models-teams2" (name and namespace) has 64 characters; at most 63 are allowed: shorten the name or the namespace`]);
    });

    it("refuses the namespaces models may not take", () => {
        expect(problemsOf({ name: "g", namespace: "kserve", spec: { nodes: { root: { routerType: "Sequence", steps: [{ serviceUrl: "http://m" }] } } } })[0]).to.match(/^namespace: "kserve" belongs to the platform/);
    });
});

describe("stack config: kind InferenceGraph entries of kserve-platform:models", () => {
    const local = loadStack("local").config!;
    const iris = (name: string) => ({ name, spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } } });
    const ensemble = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ kind: "InferenceGraph", name: "ens", ...extra, spec: { nodes: { root: { routerType: "Ensemble", steps } } } });

    it("reads the local stack's graph over its own models, without the stack's fields", () => {
        expect(local.models.map((m) => m.name)).to.deep.equal(["sklearn-iris", "xgboost-iris"]);
        expect(local.graphs).to.deep.equal([
            { name: "iris-ensemble", spec: { minReplicas: 0, nodes: { root: { routerType: "Ensemble", steps: [{ name: "sklearn-iris", serviceName: "sklearn-iris" }, { name: "xgboost-iris", serviceName: "xgboost-iris" }] } } } },
        ]);
    });

    it("takes kind InferenceService as the default it is", () => {
        const config = loadStack("local", { models: [{ kind: "InferenceService", ...iris("iris") }] }).config!;
        expect(config.models).to.deep.equal([iris("iris")]);
        expect(config.graphs).to.deep.equal([]);
    });

    it("names each problem by the entry's place in the whole list, InferenceServices after graphs included", () => {
        const models = [ensemble([{ serviceName: "irsi" }], { namspace: "x" }), iris("iris"), { kind: "InferenceGrpah", name: "g" }, { ...iris("Bad_Name") }];
        expect(loadStack("local", { models }).problems).to.deep.equal([
            // The InferenceService rules (validateInferenceService), naming the entry's place in the whole list.
            ...loadStack("local", { models: [iris("x"), iris("x"), iris("x"), iris("Bad_Name")] }).problems.filter((p) => p.startsWith('kserve-platform:models[3] "Bad_Name"')),
            'kserve-platform:models[2] "g" kind: got "InferenceGrpah"; allowed: InferenceService, LLMInferenceService, InferenceGraph, ServingRuntime, ClusterServingRuntime (no kind: InferenceService); did you mean InferenceGraph?',
            'kserve-platform:models[0] "ens" namspace: is not a field of a InferenceGraph entry; did you mean namespace?; allowed: kind, name, namespace, labels, annotations, spec, auth (KServe fields go under spec)',
            'kserve-platform:models[0] "ens" spec.nodes.root.steps[0].serviceName: "irsi" is not a model of the stack in namespace models; did you mean "iris"? (models there: iris, Bad_Name)',
        ]);
    });

    it("keeps a graph's auth entry, like a model's, to stacks with modelAuth on", () => {
        expect(loadStack("local", { models: [iris("iris"), ensemble([{ serviceName: "iris" }], { auth: { audiences: ["api://x"] } })] }).problems).to.deep.equal([
            'kserve-platform:models[1] "ens" auth: only applies with kserve-platform:modelAuth true',
        ]);
    });

    it("refuses a graph on a stack with modelAuth: KServe's router forwards no Authorization header to its steps", () => {
        // kserve v0.20.0 cmd/router/main.go propagates only router.headers.propagate, which
        // charts/kserve-resources/files/common/configmap-patch.yaml leaves out (no chart value sets it).
        const graph = { kind: "InferenceGraph", name: "fraud", namespace: "risk", auth: { audiences: ["api://fraud"] }, spec: { nodes: { root: { routerType: "Sequence", steps: [{ serviceName: "fraud-xgb" }] } } } };
        const problems = loadStack("prod", { models: [...loadStackModels("prod"), graph] }).problems;
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^kserve-platform:models\[\d+\] "fraud" kind: an InferenceGraph cannot call models that modelAuth guards: KServe's router forwards no Authorization header/);
    });

    it("refuses a step naming a gRPC model: the router calls steps over HTTP with v1 or v2 paths (GetPredictorEndpoint)", () => {
        const grpc = { name: "tf", spec: { predictor: { model: { modelFormat: { name: "tensorflow" }, protocolVersion: "grpc-v1", storageUri: "gs://b/m" } } } };
        expect(loadStack("local", { models: [grpc, ensemble([{ serviceName: "tf" }])] }).problems).to.deep.equal([
            'kserve-platform:models[1] "ens" spec.nodes.root.steps[0].serviceName: "tf" serves grpc-v1, but the graph\'s router calls its steps over HTTP with the v1 or v2 protocol; serve the model over v1 or v2',
        ]);
    });

    it("refuses a graph and a model of one name in one namespace: both would answer at <name>-<namespace>.<domain>", () => {
        expect(loadStack("local", { models: [iris("iris"), ensemble([{ serviceName: "iris" }], { name: "iris" })] }).problems).to.deep.equal([
            // Endpoints are keyed by name across kinds, and the two would share one host.
            'kserve-platform:models[1] "iris" name: "iris" is already the name of models[0] (InferenceService); names must be unique in the stack, across kinds',
            'kserve-platform:models[1] "iris" name: "iris" is already the name of a model or graph in namespace models; both would answer at the same host',
        ]);
    });

    it("keeps a prod graph's router from scaling to zero, as prod models are kept", () => {
        // prod has modelAuth on, which refuses graphs on their own (tested above); this test is about minReplicas.
        const prod = (extra: Record<string, unknown>) =>
            loadStack("prod", { models: [...loadStackModels("prod"), { kind: "InferenceGraph", name: "fraud", namespace: "risk", ...extra, spec: { minReplicas: 0, nodes: { root: { routerType: "Sequence", steps: [{ serviceName: "fraud-xgb" }] } } } }] }).problems.filter(
                (p) => !p.includes("modelAuth guards"),
            );
        expect(prod({})).to.deep.equal([
            'kserve-platform:models[3] "fraud" spec.minReplicas: 0 lets a production graph\'s router scale to zero, so its next request waits for a cold start; keep it >= 1 (KServe\'s default is 1), or annotate the InferenceGraph kserve-platform.io/allow-scale-to-zero: "true"',
        ]);
        expect(prod({ annotations: { "kserve-platform.io/allow-scale-to-zero": "true" } })).to.deep.equal([]);
    });

    it("turns on the Knative flags the router's PodSpec needs in Knative mode (createKnativeService copies affinity, nodeSelector, tolerations)", () => {
        const placed = { nodeSelector: { pool: "cpu" }, tolerations: [{ key: "k", operator: "Exists", effect: "NoSchedule" }] };
        const models = [iris("iris"), { kind: "InferenceGraph", name: "g", spec: { ...placed, nodes: { root: { routerType: "Sequence", steps: [{ serviceName: "iris" }] } } } }];
        const config = loadStack("local", { models }).config!;
        const args = fromArgs(kservePlatformArgs(config), { cluster: { chartResource: undefined } as unknown as KubernetesCluster, openshift: false });
        expect(args.knative?.features).to.deep.equal({ "kubernetes.podspec-nodeselector": "enabled", "kubernetes.podspec-tolerations": "enabled" });
        // A Standard-mode router is a Deployment: Knative never sees it.
        expect(knativeFeatureFlagsForGraphs([{ name: "g", annotations: { "serving.kserve.io/deploymentMode": "Standard" }, spec: { ...placed, affinity: { nodeAffinity: {} }, nodes: {} } }], "Knative")).to.deep.equal({});
        expect(knativeFeatureFlagsForGraphs([{ name: "g", spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } }, nodes: {} } }], "Knative")).to.deep.equal({ "kubernetes.podspec-affinity": "enabled" });
    });

    it("covers every graph host of every stack file with the wildcard certificate", () => {
        // The local graph: Knative mode, host <name>-<namespace>.<domain> (tests/harness.ts upstreamGraphStatus).
        expect(graphHost("iris-ensemble", "models", local.domain, "Knative")).to.equal(`iris-ensemble-models.${local.domain}`);
        expect(graphHost("iris-ensemble", "models", local.domain, "Standard")).to.equal(`iris-ensemble-models.${local.domain}`);
        for (const g of local.graphs ?? []) {
            expect(certificateCovers(wildcardHost(local.domain), graphHost(g.name, g.namespace ?? local.modelNamespace, local.domain, local.deploymentMode))).to.equal(true);
        }
    });
});

/** The models of a stack file as its config lists them. */
function loadStackModels(stack: string): unknown[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { stackConfig } = require("./harness") as typeof import("./harness");
    return JSON.parse(stackConfig(stack)["kserve-platform:models"]) as unknown[];
}

describe("Models: graphs with namespaces, network policy and order", () => {
    const h = new Harness();
    let serving: typeof servingModule;
    let models: servingModule.Models;
    before(async () => {
        await h.setup();
        serving = await import("../components/serving");
        const platform = new Gate("platform");
        models = new serving.Models("models", {
            models: [
                { name: "sklearn-iris", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } } },
                { name: "xgboost-iris", spec: { predictor: { model: { modelFormat: { name: "xgboost" }, storageUri: "gs://b/x" } } } },
            ],
            graphs: [
                { name: "chain", spec: { nodes: { root: { routerType: "Sequence", steps: [{ serviceName: "sklearn-iris" }, { serviceName: "xgboost-iris", data: "$request" }] } } } },
                // A graph of its own namespace, calling by URL only.
                { name: "split", namespace: "routing", annotations: { "serving.kserve.io/deploymentMode": "Standard" }, spec: { nodes: { root: { routerType: "Splitter", steps: [{ serviceUrl: "http://a.models.svc", weight: 50 }, { serviceUrl: "http://b.models.svc", weight: 50 }] } } } },
            ],
            platform: [platform],
            networkPolicy: { fromNamespaces: ["istio-system", "knative-serving"] },
        });
        await h.settle();
    });

    it("creates the graph's own namespace and fences it with the same network policy as model namespaces", () => {
        expect(h.all(NS).map((r) => r.inputs.metadata.name)).to.deep.equal(["models", "routing"]);
        expect(h.all(NP).map((r) => r.inputs.metadata.namespace)).to.deep.equal(["models", "routing"]);
        expect(h.get(NP, "models-routing-ingress").inputs.spec).to.deep.equal(h.get(NP, "models-models-ingress").inputs.spec);
    });

    it("registers each graph after the platform, its namespace, its policy and the models it calls", () => {
        const chain = h.get(IG, "chain");
        expect(chain.dependencies).to.include.members([h.get("test:index:Gate", "platform").urn, h.get(NS, "models-models").urn, h.get(NP, "models-models-ingress").urn, ...h.all(ISVC).map((r) => r.urn)]);
        const split = h.get(IG, "split");
        expect(split.dependencies).to.include.members([h.get(NS, "models-routing").urn, h.get(NP, "models-routing-ingress").urn]);
        expect(split.dependencies).to.not.include.members(h.all(ISVC).map((r) => r.urn));
        expect(split.inputs.metadata.annotations["serving.kserve.io/deploymentMode"]).to.equal("Standard");
    });

    it("puts the graphs' endpoints beside the models', from status.url as KServe's controller sets it per mode", async () => {
        const endpoints = await promiseOf(models.endpoints);
        expect(Object.keys(endpoints)).to.deep.equal(["sklearn-iris", "xgboost-iris", "chain", "split"]);
        // Knative: the router's Knative Service URL; Standard: createRawURL, always http (tests/harness.ts upstreamGraphStatus).
        // The protocol is the first model's the root calls (v1 for a sklearn model, KServe's default); v1 for URL steps.
        // No platform in this test, so Knative's own default domain-template ({{.Name}}.{{.Namespace}}.{{.Domain}}).
        expect(endpoints.chain).to.deep.equal({ kind: "InferenceGraph", url: "http://chain.models.example.com", protocol: "v1", predictUrl: "http://chain.models.example.com", ready: true });
        expect(endpoints.split).to.deep.equal({ kind: "InferenceGraph", url: "http://split-routing.example.com", protocol: "v1", predictUrl: "http://split-routing.example.com", ready: true });
        expect(Object.keys(models.graphs)).to.deep.equal(["chain", "split"]);
    });
});

/** A request as an Istio sidecar's AuthorizationPolicy sees it. */
interface Call {
    /** Source namespace (mTLS peer identity). */
    namespace: string;
    /** `<iss>/<sub>` of a valid token, when the request carries one. */
    principal?: string;
    audiences?: string[];
    path: string;
}

/**
 * Istio's ALLOW semantics (istio/api security/v1 authorization_policy.proto): a request is allowed
 * when some rule matches; a rule matches when one of its `from` sources, one of its `to` operations
 * and all its `when` conditions match; within a source, every set field must match.
 */
function allows(policy: any, call: Call): boolean {
    const glob = (pattern: string, value: string | undefined) => value !== undefined && (pattern.endsWith("*") ? value.startsWith(pattern.slice(0, -1)) : pattern === value);
    return policy.spec.rules.some((rule: any) => {
        const from = !rule.from || rule.from.some(({ source }: any) => (!source.namespaces || source.namespaces.includes(call.namespace)) && (!source.requestPrincipals || source.requestPrincipals.some((p: string) => glob(p, call.principal))));
        const to = !rule.to || rule.to.some(({ operation }: any) => !operation.paths || operation.paths.includes(call.path));
        const when = (rule.when ?? []).every((c: any) => c.key === "request.auth.audiences" && c.values.some((v: string) => call.audiences?.includes(v)));
        return from && to && when;
    });
}

describe("auth: who may call a graph, and why stack config refuses graphs under modelAuth", () => {
    const h = new Harness();
    let issuer: string;
    let audience: string;
    before(async () => {
        // Stack config refuses graphs with modelAuth on; ModelAuthPolicies from code still guards a graph's router.
        const settings = loadStack("prod", { models: loadStackModels("prod") }).config!.modelAuth!;
        issuer = settings.issuer;
        const step = settings.models.find((m) => m.name === "fraud-xgb")!;
        audience = step.audiences[0];
        await h.setup();
        const auth: typeof authModule = await import("../components/auth");
        new auth.ModelAuthPolicies("model-auth", { ...settings, models: [...settings.models, { ...step, name: "fraud", kind: "InferenceGraph", claims: {} }] });
        await h.settle();
    });

    it("selects the graph's router pods by KServe's label serving.kserve.io/inferencegraph", () => {
        // constants.InferenceGraphLabel, set on the router's pod template (knative_reconciler.go) and Deployment (raw_ig.go).
        const policy = h.get(AP, "model-auth-risk-fraud-callers").inputs;
        expect(policy.metadata).to.deep.equal({ name: "kserve-platform-callers-fraud", namespace: "risk" });
        expect(policy.spec.selector).to.deep.equal({ matchLabels: { "serving.kserve.io/inferencegraph": "fraud" } });
        expect(h.get(AP, "model-auth-risk-fraud-xgb-callers").inputs.spec.selector).to.deep.equal({ matchLabels: { "serving.kserve.io/inferenceservice": "fraud-xgb" } });
    });

    it("lets callers with a token reach the graph, and refuses the router's token-less call to a step", () => {
        const graphPolicy = h.get(AP, "model-auth-risk-fraud-callers").inputs;
        const stepPolicy = h.get(AP, "model-auth-risk-fraud-xgb-callers").inputs;
        const client = { namespace: "istio-system", principal: `${issuer}/user-1`, audiences: [audience], path: "/" };
        expect(allows(graphPolicy, client)).to.equal(true);
        expect(allows(graphPolicy, { ...client, principal: undefined, audiences: undefined })).to.equal(false);
        expect(allows(graphPolicy, { ...client, audiences: ["api://other"] })).to.equal(false);
        expect(allows(graphPolicy, { namespace: "knative-serving", path: "/healthz" })).to.equal(true);
        // The router forwards only the headers of its config's headers.propagate, which kserve-resources
        // v0.20.0 leaves unset (charts/kserve-resources/files/common/configmap-patch.yaml `router`;
        // cmd/router/main.go callService): its call carries no token, from the graph's namespace (or, in
        // Knative mode, through knative-local-gateway). No rule admits it: hence the config refusal.
        expect(allows(stepPolicy, { namespace: "risk", path: "/v1/models/fraud-xgb:predict" })).to.equal(false);
        expect(allows(stepPolicy, { namespace: "istio-system", path: "/v1/models/fraud-xgb:predict" })).to.equal(false);
    });
});

