/**
 * The InferenceGraph corpus. Samples: every InferenceGraph of kserve/kserve@v0.20.0
 * `docs/samples/graph/*.yaml`, with the InferenceServices each file declares beside it, transcribed
 * field for field; KServe admits them, so the platform must accept them and register them unchanged.
 * Webhook cases: `TestInferenceGraph_ValidateCreate` of
 * `pkg/apis/serving/v1alpha1/inference_graph_validation_test.go` (graph "foo-bar"), each with the
 * verdict of the whole admission chain: where the Go test skips the CRD schema (a node without
 * `routerType`, which the CRD requires), the verdict is the schema's and `reason` says so.
 */

/** Source of the transcriptions: the v0.20.0 tag's commit. */
export const kserveCommit = "1fb781055dd1567164358233e1125142ca6ef1fe";

/** An InferenceService a sample file declares beside its graph (only what the graph checks need). */
export interface SampleModel {
    name: string;
    spec: Record<string, unknown>;
}

/** One sample graph with the models of its file. */
export interface GraphSample {
    /** `kserve/kserve@v0.20.0:<path>`. */
    source: string;
    /** The InferenceServices of the file. */
    models: SampleModel[];
    /** The InferenceGraph, as written. */
    manifest: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: Record<string, unknown> };
}

const sklearn: SampleModel = { name: "sklearn-iris", spec: { predictor: { sklearn: { storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } };
const xgboost: SampleModel = { name: "xgboost-iris", spec: { predictor: { xgboost: { storageUri: "gs://kfserving-examples/models/xgboost/iris" } } } };
const bgtest = (target: string): SampleModel => ({
    name: target,
    spec: { predictor: { minReplicas: 1, containers: [{ image: "iamlovingit/bgtest:latest", name: "custom", env: [{ name: "target", value: target }] }] } },
});
const graph = (name: string, nodes: Record<string, unknown>): GraphSample["manifest"] => ({ apiVersion: "serving.kserve.io/v1alpha1", kind: "InferenceGraph", metadata: { name }, spec: { nodes } });

export const graphSamples: GraphSample[] = [
    {
        source: "kserve/kserve@v0.20.0:docs/samples/graph/ensemble.yaml",
        models: [sklearn, xgboost],
        manifest: graph("ensemble-model", {
            root: { routerType: "Ensemble", steps: [{ serviceName: "sklearn-iris", name: "sklearn-iris" }, { serviceName: "xgboost-iris", name: "xgboost-iris" }] },
        }),
    },
    {
        source: "kserve/kserve@v0.20.0:docs/samples/graph/sequence.yaml",
        models: [sklearn, xgboost],
        manifest: graph("model-chainer", { root: { routerType: "Sequence", steps: [{ serviceName: "sklearn-iris" }, { serviceName: "xgboost-iris", data: "$request" }] } }),
    },
    {
        source: "kserve/kserve@v0.20.0:docs/samples/graph/splitter.yaml",
        models: [sklearn, xgboost],
        manifest: graph("splitter-model", { root: { routerType: "Splitter", steps: [{ serviceName: "sklearn-iris", weight: 20 }, { serviceName: "xgboost-iris", weight: 80 }] } }),
    },
    {
        // The steps call the models by URL (with a placeholder for the domain), which KServe takes as is.
        source: "kserve/kserve@v0.20.0:docs/samples/graph/switch.yaml",
        models: [bgtest("single-1"), bgtest("single-2"), bgtest("single-3")],
        manifest: graph("model-switch", {
            root: {
                routerType: "Switch",
                steps: [
                    { serviceUrl: "http://single-1.default.{$your-domain}/switch", condition: "[@this].#(source==client)" },
                    { serviceUrl: "http://single-2.default.{$your-domain}/switch", condition: "instances.#(intval>10)" },
                    { serviceUrl: "http://single-3.default.{$your-domain}/switch", condition: "instances.#(strval%*red-server*)" },
                ],
            },
        }),
    },
];

/** One case of the webhook's test. */
export interface GraphWebhookCase {
    /** `TestInferenceGraph_ValidateCreate/<case>`. */
    test: string;
    verdict: "accepted" | "refused";
    /** KServe's error (or why the verdict differs from the Go test's). */
    reason: string;
    /** `<field path>: <message fragment>` the platform's report must contain. */
    expect?: string;
    name: string;
    nodes: unknown;
    /** Models the stack declares in the graph's namespace (for serviceName steps). */
    models?: string[];
}

const test = "TestInferenceGraph_ValidateCreate";
const schemaRoot = "CRD: the webhook test passes a root node without routerType, which the CRD's schema requires (nodes.*.required: [routerType])";
const badName = (name: string): GraphWebhookCase => ({
    test: `${test}/name ${JSON.stringify(name)}`,
    verdict: "refused",
    reason: `InvalidGraphNameFormatError: The InferenceGraph "${name}" is invalid: a InferenceGraph name must consist of lower case alphanumeric characters or '-'`,
    expect: "name: got",
    name,
    nodes: { root: { routerType: "Sequence", steps: [{ serviceUrl: "http://model.example.com" }] } },
});

export const graphWebhookCases: GraphWebhookCase[] = [
    { test: `${test}/simple`, verdict: "refused", reason: schemaRoot, expect: "spec.nodes.root.routerType: is required", name: "foo-bar", nodes: { root: {} } },
    { test: `${test}/with root node`, verdict: "refused", reason: schemaRoot, expect: "spec.nodes.root.routerType: is required", name: "foo-bar", nodes: { root: {} } },
    badName("Abc-123"),
    badName("4abc-3"),
    badName("-abc-3"),
    badName("abc-3-"),
    badName("abc.123"),
    badName("abc 123"),
    {
        test: `${test}/without root node`,
        verdict: "refused",
        reason: "RootNodeNotFoundError: root node not found, InferenceGraph needs a node with name 'root' as the root node of the graph",
        expect: 'spec.nodes: has no node "root"',
        name: "foo-bar",
        nodes: {},
    },
    {
        test: `${test}/invalid weight for splitter`,
        verdict: "refused",
        reason: "InvalidWeightError: InferenceGraph[foo-bar] Node[root] splitter node: the sum of traffic weights for all routing targets should be 100",
        expect: "spec.nodes.root.steps: the weights sum to 110",
        name: "foo-bar",
        nodes: { root: { routerType: "Splitter", steps: [{ weight: 80, nodeName: "test" }, { weight: 30, serviceUrl: "http://foo-bar.local/" }] } },
    },
    {
        test: `${test}/weight missing in splitter`,
        verdict: "refused",
        reason: "WeightNotProvidedError: InferenceGraph[foo-bar] Node[root] Route[test] missing the 'Weight'",
        expect: "spec.nodes.root.steps[0].weight: is required in a Splitter node",
        name: "foo-bar",
        nodes: { root: { routerType: "Splitter", steps: [{ serviceName: "test" }] } },
        models: ["test"],
    },
    {
        test: `${test}/simple splitter`,
        verdict: "accepted",
        reason: "the test expects no error; service1 and service2 are models of the stack here",
        name: "foo-bar",
        nodes: { root: { routerType: "Splitter", steps: [{ weight: 80, serviceName: "service1" }, { weight: 20, serviceName: "service2" }] } },
        models: ["service1", "service2"],
    },
    {
        test: `${test}/step inference target not provided`,
        verdict: "refused",
        reason: 'TargetNotProvidedError: Step 0 ("") in node "root" of InferenceGraph "foo-bar" does not specify an inference target',
        expect: "spec.nodes.root.steps[0]: names no target",
        name: "foo-bar",
        nodes: { root: { routerType: "Splitter", steps: [{ weight: 100 }] } },
    },
    {
        test: `${test}/invalid inference graph target`,
        verdict: "refused",
        reason: 'InvalidTargetError: Step 0 ("") in node "root" of InferenceGraph "foo-bar" specifies more than one of nodeName, serviceName, serviceUrl',
        expect: "spec.nodes.root.steps[0]: sets nodeName and serviceName",
        name: "foo-bar",
        nodes: { root: { routerType: "Splitter", steps: [{ weight: 100, serviceName: "service", nodeName: "test" }] } },
        models: ["service"],
    },
    {
        test: `${test}/duplicate step name`,
        verdict: "refused",
        reason: 'DuplicateStepNameError: Node "root" of InferenceGraph "foo-bar" contains more than one step with name "step1"',
        expect: 'spec.nodes.root.steps[1].name: "step1" is already the name of steps[0]',
        name: "foo-bar",
        nodes: {
            root: {
                routerType: "Splitter",
                steps: [
                    { name: "step1", weight: 80, serviceName: "service1" },
                    { name: "step1", weight: 20, serviceName: "service2" },
                ],
            },
        },
        models: ["service1", "service2"],
    },
];
