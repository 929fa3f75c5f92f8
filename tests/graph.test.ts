/**
 * InferenceGraph (issue 18 item 4): KServe v0.20.0's own samples and webhook cases (tests/corpus/
 * graphs.ts), the rules beyond the webhook, graphs from stack config, and graphs within the stack:
 * namespaces, network policy, auth, hosts and endpoints. Expectations are cited beside each test
 * from kserve/kserve@v0.20.0.
 */
import { expect } from "chai";
import { Gate, Harness } from "./harness";
import { loadStack } from "./stackProblems";
import { graphSamples, graphWebhookCases } from "./corpus/graphs";
import { validateInferenceGraph } from "../components/serving/graphValidate";
import { certificateCovers, wildcardHost } from "../components/serving/endpoints";
import { graphHost } from "../components/serving/inferenceGraph";
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
