/**
 * Every object of GPU economics fits its upstream CRD at KServe v0.20.0: the LocalModelNodeGroup,
 * LocalModelCache and LocalModelNamespaceCache the stacks and the typed resources render, and the
 * InferenceServices the spot placement and the cache touch. Reads ../shared/kserve (conformance/reference.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import { Harness, runProgram } from "../tests/harness";
import { requireReference } from "./reference";
import type * as servingModule from "../components/serving";

const shared = requireReference();
type Schema = Record<string, any>;

/** The CRD file, flat under crds/ or in crds/localmodel/ as upstream's config/crd/full lays it out. */
function crdSchema(file: string, version: string): Schema {
    const candidates = [path.join(shared, "crds", file), path.join(shared, "crds", "localmodel", file)];
    const found = candidates.find((c) => fs.existsSync(c));
    if (!found) {
        throw new Error(`${file} is missing from ${path.join(shared, "crds")}: copy KServe ${"v0.20.0"} config/crd/full/localmodel there`);
    }
    const crd = yaml.load(fs.readFileSync(found, "utf8")) as any;
    return crd.spec.versions.find((v: any) => v.name === version).schema.openAPIV3Schema;
}

/** Objects with declared properties are closed: a field the CRD does not know fails instead of being pruned. */
function closed(schema: Schema): Schema {
    if (Array.isArray(schema)) {
        return schema.map(closed);
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closed(s)])) : closed(v)]));
    if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

function validator(file: string, version: string): (o: unknown) => string[] {
    // Quantities are int-or-string in the CRD; Ajv checks the rest of the structure.
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closed(crdSchema(file, version)));
    return (o) => (validate(o) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

const rendered = (r: { inputs: any }) => ({ apiVersion: r.inputs.apiVersion, kind: r.inputs.kind, metadata: r.inputs.metadata, spec: r.inputs.spec });

describe("GPU economics conformance with KServe v0.20.0 CRDs", () => {
    const nodeGroup = validator("serving.kserve.io_localmodelnodegroups.yaml", "v1alpha1");
    const cache = validator("serving.kserve.io_localmodelcaches.yaml", "v1alpha1");
    const namespaceCache = validator("serving.kserve.io_localmodelnamespacecaches.yaml", "v1alpha1");
    const isvc = validator("serving.kserve.io_inferenceservices.yaml", "v1beta1");

    describe("prod stack: the cache objects and the cached LLM", () => {
        const h = new Harness();
        before(async () => {
            await h.setup("prod");
            await runProgram(h, "prod");
        });

        it("LocalModelNodeGroup", () => {
            const groups = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNodeGroup");
            expect(groups).to.have.length(1);
            expect(nodeGroup(rendered(groups[0]))).to.deep.equal([]);
        });

        it("LocalModelCache", () => {
            const caches = h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelCache");
            expect(caches).to.have.length(1);
            expect(cache(rendered(caches[0]))).to.deep.equal([]);
        });

        it("the InferenceServices", () => {
            for (const r of h.all("kubernetes:serving.kserve.io/v1beta1:InferenceService")) {
                expect(isvc(rendered(r)), r.name).to.deep.equal([]);
            }
        });
    });

    describe("dev stack: the spot model", () => {
        const h = new Harness();
        before(async () => {
            await h.setup("dev");
            await runProgram(h, "dev");
        });

        it("InferenceService with spot toleration and preferred node affinity", () => {
            const r = h.get("kubernetes:serving.kserve.io/v1beta1:InferenceService", "sentiment");
            expect(r.inputs.spec.predictor.affinity).to.not.equal(undefined);
            expect(isvc(rendered(r))).to.deep.equal([]);
        });
    });

    describe("typed resources from code", () => {
        const h = new Harness();
        let serving: typeof servingModule;
        before(async () => {
            await h.setup("conformance");
            serving = await import("../components/serving");
        });

        it("LocalModelNamespaceCache with credentials, and a cache on two node groups", async () => {
            h.reset();
            const ns = new serving.LocalModelNamespaceCache("ns-cache", {
                namespace: "llm",
                sourceModelUri: "hf://meta-llama/Meta-Llama-3-8B",
                modelSize: "10Gi",
                nodeGroups: ["gpu"],
                serviceAccountName: "hf-downloader",
                storage: { key: "hf-credentials", parameters: { type: "hf" } },
            });
            const cluster = new serving.LocalModelCache("two-groups", { sourceModelUri: "s3://bucket/model", modelSize: "5Gi", nodeGroups: ["gpu", "gpu-spot"] });
            await Promise.all([ns, cluster].map((r) => new Promise((resolve) => r.urn.apply(resolve))));
            expect(namespaceCache(rendered(h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelNamespaceCache")[0]))).to.deep.equal([]);
            expect(cache(rendered(h.all("kubernetes:serving.kserve.io/v1alpha1:LocalModelCache")[0]))).to.deep.equal([]);
        });

        it("a field the CRD does not know fails (the check is not vacuous)", () => {
            expect(cache({ apiVersion: "serving.kserve.io/v1alpha1", kind: "LocalModelCache", metadata: { name: "x" }, spec: { sourceModelUri: "s3://b/m", modelSize: "1Gi", nodeGroups: ["g"], colour: "red" } })).to.have.length(1);
            expect(cache({ apiVersion: "serving.kserve.io/v1alpha1", kind: "LocalModelCache", metadata: { name: "x" }, spec: { modelSize: "1Gi", nodeGroups: ["g"] } })).to.have.length(1);
        });
    });
});
