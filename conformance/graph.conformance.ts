/**
 * InferenceGraph, ServingRuntime and ClusterServingRuntime against KServe v0.20.0's published CRDs
 * (config/crd/full, in the reference directory of conformance/reference.ts): the field lists and
 * enums validation relies on equal the CRDs', every graph and runtime the platform registers (the
 * corpus samples, the local stack's graph, the runtimes of tests/runtimes.test.ts) validates against
 * the schema, and the webhook cases refused for a schema reason fail it.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { compile, errorsOf } from "./crd.conformance";
import { requireReference } from "./reference";
import { Harness } from "../tests/harness";
import { loadStack } from "../tests/stackProblems";
import { graphSamples, graphWebhookCases } from "../tests/corpus/graphs";
import type * as servingModule from "../components/serving";
import {
    graphNodeFields, graphRouterTimeoutFields, graphScaleMetrics, graphSpecFields, graphStepFields, inferenceRouterTypes, stepDependencies,
} from "../components/serving/graphValidate";
import { runtimeWorkerSpecFields, servingRuntimeSpecFields, supportedModelFormatFields } from "../components/serving/servingRuntime";

const dir = requireReference();

/** The v1alpha1 openAPIV3Schema of a CRD file of the reference directory. */
function schemaOf(file: string): Record<string, any> {
    const full = path.join(dir, "crds", file);
    if (!fs.existsSync(full)) {
        throw new Error(`${full} is missing: copy KServe's config/crd/full to ${path.join(dir, "crds")} (see conformance/reference.ts)`);
    }
    const crd = yaml.load(fs.readFileSync(full, "utf8")) as any;
    return crd.spec.versions.find((v: any) => v.name === "v1alpha1").schema.openAPIV3Schema;
}

const IG = "kubernetes:serving.kserve.io/v1alpha1:InferenceGraph";
const rendered = (r: { inputs: any }) => ({ apiVersion: r.inputs.apiVersion, kind: r.inputs.kind, metadata: r.inputs.metadata, spec: r.inputs.spec });
const sorted = (list: readonly string[]) => [...list].sort();

describe("InferenceGraph against KServe v0.20.0's CRD", () => {
    const schema = schemaOf("serving.kserve.io_inferencegraphs.yaml");
    const spec = schema.properties.spec;
    const node = spec.properties.nodes.additionalProperties;
    const step = node.properties.steps.items;
    const validate = compile(schema);

    it("validation knows exactly the CRD's fields, required fields and enums", () => {
        expect(sorted(graphSpecFields)).to.deep.equal(sorted(Object.keys(spec.properties)));
        expect(spec.required).to.deep.equal(["nodes"]);
        expect(sorted(graphNodeFields)).to.deep.equal(sorted(Object.keys(node.properties)));
        expect(node.required).to.deep.equal(["routerType"]);
        expect(sorted(graphStepFields)).to.deep.equal(sorted(Object.keys(step.properties)));
        expect(sorted(graphRouterTimeoutFields)).to.deep.equal(sorted(Object.keys(spec.properties.routerTimeouts.properties)));
        expect(node.properties.routerType.enum).to.deep.equal([...inferenceRouterTypes]);
        expect(step.properties.dependency.enum).to.deep.equal([...stepDependencies]);
        expect(spec.properties.scaleMetric.enum).to.deep.equal([...graphScaleMetrics]);
    });

    describe("what the platform registers validates against the schema", () => {
        const h = new Harness();
        before(async () => {
            await h.setup("conformance-graph");
            const serving: typeof servingModule = await import("../components/serving");
            graphSamples.forEach((s, i) => {
                new serving.InferenceGraph(`sample-${i}`, { metadata: s.manifest.metadata, spec: s.manifest.spec as any, validation: { models: s.models.map((m) => ({ name: m.name, namespace: "models" })) } });
            });
            const local = loadStack("local").config!;
            for (const g of local.graphs ?? []) {
                new serving.InferenceGraph(`local-${g.name}`, { metadata: { name: g.name, namespace: g.namespace, labels: g.labels, annotations: g.annotations }, spec: g.spec });
            }
            await h.settle();
        });

        it("every sample of docs/samples/graph and the local stack's graph", () => {
            expect(h.all(IG)).to.have.length(graphSamples.length + 1);
            for (const r of h.all(IG)) {
                expect(errorsOf(validate, rendered(r)), r.name).to.deep.equal([]);
            }
        });
    });

    it("the webhook cases the platform accepts pass the schema, those refused for a schema reason fail it", () => {
        for (const c of graphWebhookCases) {
            const object = { apiVersion: "serving.kserve.io/v1alpha1", kind: "InferenceGraph", metadata: { name: "foo-bar" }, spec: { nodes: c.nodes } };
            if (c.verdict === "accepted") {
                expect(errorsOf(validate, object), c.test).to.deep.equal([]);
            } else if (c.reason.startsWith("CRD:")) {
                expect(errorsOf(validate, object), c.test).to.not.deep.equal([]);
            }
        }
    });
});

describe("ServingRuntime and ClusterServingRuntime against KServe v0.20.0's CRDs", () => {
    for (const [file, kind] of [["serving.kserve.io_servingruntimes.yaml", "ServingRuntime"], ["serving.kserve.io_clusterservingruntimes.yaml", "ClusterServingRuntime"]] as const) {
        const schema = schemaOf(file);
        const spec = schema.properties.spec;

        it(`${kind}: validation knows exactly the CRD's fields`, () => {
            expect(sorted(servingRuntimeSpecFields)).to.deep.equal(sorted(Object.keys(spec.properties)));
            expect(sorted(runtimeWorkerSpecFields)).to.deep.equal(sorted(Object.keys(spec.properties.workerSpec.properties)));
            expect(sorted(supportedModelFormatFields)).to.deep.equal(sorted(Object.keys(spec.properties.supportedModelFormats.items.properties)));
            expect(spec.required).to.deep.equal(["containers"]);
        });

        it(`${kind}: a registered runtime validates against the schema`, async () => {
            const h = new Harness();
            await h.setup(`conformance-${kind}`);
            const serving: typeof servingModule = await import("../components/serving");
            const args = {
                metadata: { name: "my-server", labels: { team: "a" } },
                spec: {
                    supportedModelFormats: [{ name: "my-format", version: "1", autoSelect: true, priority: 1 }],
                    protocolVersions: ["v2", "grpc-v2"],
                    containers: [{ name: "kserve-container", image: "example.azurecr.io/my-server:1.0", args: ["--model-dir=/mnt/models"], resources: { requests: { cpu: "1", memory: "2Gi" } } }],
                    nodeSelector: { pool: "cpu" },
                },
            };
            const runtime = kind === "ServingRuntime" ? new serving.ServingRuntime("rt", args) : new serving.ClusterServingRuntime("rt", args);
            await new Promise((resolve) => runtime.urn.apply(resolve));
            const [registered] = h.all(`kubernetes:serving.kserve.io/v1alpha1:${kind}`);
            expect(registered.inputs.metadata.namespace).to.equal(kind === "ServingRuntime" ? "models" : undefined);
            expect(errorsOf(compile(schema), rendered(registered))).to.deep.equal([]);
        });
    }
});
