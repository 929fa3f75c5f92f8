/**
 * Conformance with KServe v0.20.0 as published: the InferenceServices the platform renders
 * validate against the CRD's openAPIV3Schema, the field lists validation relies on equal the CRD's,
 * and the default-runtime table equals the upstream runtime manifests. Reads ../shared/kserve,
 * which a user's clone does not have, so it runs from .ci/run, not `npm test`.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import Ajv, { ValidateFunction } from "ajv";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { Harness, root, runProgram } from "../tests/harness";
import { conformanceModels } from "./models";
import { requireReference } from "./reference";
import type * as servingModule from "../components/serving";

const shared = requireReference();
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

type Schema = Record<string, any>;

export function loadCrdSchema(): Schema {
    const crd = yaml.load(fs.readFileSync(path.join(shared, "crds", "serving.kserve.io_inferenceservices.yaml"), "utf8")) as any;
    const version = crd.spec.versions.find((v: any) => v.name === "v1beta1");
    return version.schema.openAPIV3Schema;
}

/**
 * The API server prunes unknown fields; for this check every object with declared properties is
 * closed, so a field the CRD does not know fails instead of vanishing.
 */
function closeObjects(schema: Schema): Schema {
    if (Array.isArray(schema)) {
        return schema.map(closeObjects);
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    const out: Schema = {};
    for (const [k, v] of Object.entries(schema)) {
        out[k] = k === "properties" ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closeObjects(s)])) : closeObjects(v);
    }
    if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

export function compile(schema: Schema): ValidateFunction {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    return ajv.compile(closeObjects(schema));
}

export function errorsOf(validate: ValidateFunction, object: unknown): string[] {
    return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const rendered = (r: { inputs: any }) => ({ apiVersion: r.inputs.apiVersion, kind: r.inputs.kind, metadata: r.inputs.metadata, spec: r.inputs.spec });

describe("conformance with KServe v0.20.0", () => {
    const crdSchema = loadCrdSchema();
    const validate = compile(crdSchema);
    const h = new Harness();
    let serving: typeof servingModule;

    before(async () => {
        await h.setup("conformance");
        serving = await import("../components/serving");
    });

    describe("rendered InferenceServices validate against the CRD schema", () => {
        for (const [name, args] of Object.entries(conformanceModels)) {
            it(name, async () => {
                h.reset();
                const isvc = new serving.InferenceService(name, { ...args, validation: { checkDefaultRuntimes: true, gpuTaint: { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" } } });
                await new Promise((resolve) => isvc.urn.apply(resolve));
                const [registered] = h.all(ISVC);
                expect(errorsOf(validate, rendered(registered))).to.deep.equal([]);
                // The spec reaches the cluster exactly as written.
                expect(registered.inputs.spec).to.deep.equal(JSON.parse(JSON.stringify(args.spec)));
            });
        }
    });

    describe("the stacks' models validate against the CRD schema", () => {
        const stacks = fs.readdirSync(root).filter((f) => /^Pulumi\.[a-z]+\.yaml$/.test(f)).map((f) => f.split(".")[1]);
        for (const stack of stacks) {
            it(`Pulumi.${stack}.yaml`, async () => {
                const stackHarness = new Harness();
                await stackHarness.setup(stack);
                await runProgram(stackHarness, stack, secretStandIns(stack));
                const isvcs = stackHarness.all(ISVC);
                expect(isvcs.length, "models in the stack").to.be.greaterThan(0);
                for (const r of isvcs) {
                    expect(errorsOf(validate, rendered(r)), r.name).to.deep.equal([]);
                }
                await h.setup("conformance");
            });
        }
    });

    it("the schema check is strict: an unknown field and a wrong type fail", () => {
        const bad = { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name: "x" }, spec: { predictor: { minReplica: 1, maxReplicas: "3" } } };
        const errors = errorsOf(validate, bad).join("\n");
        expect(errors).to.contain("minReplica");
        expect(errors).to.contain("/spec/predictor/maxReplicas must be integer");
    });

    describe("validation's field lists equal the CRD's", () => {
        const spec = crdSchema.properties.spec;
        const props = (s: Schema) => Object.keys(s.properties).sort();
        const cases: [string, () => Schema][] = [
            ["spec", () => spec],
            ["predictor", () => spec.properties.predictor],
            ["transformer", () => spec.properties.transformer],
            ["explainer", () => spec.properties.explainer],
            ["model", () => spec.properties.predictor.properties.model],
            ["predictorExtension", () => spec.properties.predictor.properties.sklearn],
            ["art", () => spec.properties.explainer.properties.art],
            ["workerSpec", () => spec.properties.predictor.properties.workerSpec],
            ["canary", () => spec.properties.canary.items],
            ["storageUri", () => spec.properties.predictor.properties.storageUris.items],
            ["modelFormat", () => spec.properties.predictor.properties.model.properties.modelFormat],
            ["logger", () => spec.properties.predictor.properties.logger],
            ["batcher", () => spec.properties.predictor.properties.batcher],
        ];
        for (const [structure, schemaOf] of cases) {
            it(structure, () => {
                expect([...serving.knownFields[structure as keyof typeof serving.knownFields]].sort()).to.deep.equal(props(schemaOf()));
            });
        }
        it("every legacy framework key has the same fields", () => {
            for (const key of serving.frameworkFields) {
                expect([...serving.knownFields.predictorExtension].sort(), key).to.deep.equal(props(spec.properties.predictor.properties[key]));
            }
        });
    });

    it("the default-runtime table equals the runtimes KServe installs", () => {
        const kustomization = yaml.load(fs.readFileSync(path.join(shared, "runtimes", "kustomization.yaml"), "utf8")) as { resources: string[] };
        const upstream: Record<string, unknown> = {};
        for (const file of kustomization.resources) {
            const doc = yaml.load(fs.readFileSync(path.join(shared, "runtimes", file), "utf8")) as any;
            upstream[doc.metadata.name] = {
                formats: doc.spec.supportedModelFormats.map((f: any) => ({ name: f.name, version: f.version, autoSelect: f.autoSelect === true })),
                protocols: doc.spec.protocolVersions ?? [],
                multiNode: doc.spec.workerSpec !== undefined,
            };
        }
        expect(JSON.parse(JSON.stringify(serving.defaultRuntimes))).to.deep.equal(upstream);
    });
});

/** Stand-ins for encrypted stack values, which a test cannot decrypt. */
function secretStandIns(stack: string): Record<string, string> {
    const file = yaml.load(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return Object.fromEntries(
        Object.entries(file.config ?? {})
            .filter(([, v]) => typeof v === "object" && v !== null && "secure" in v)
            .map(([k]) => [k, `stand-in-for-${k}`]),
    );
}

// Keep the type import used even when transpiled.
void pulumi;
