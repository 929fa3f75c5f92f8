/**
 * The LLMInferenceService admission data the platform carries against KServe v0.20.0's published
 * CRD (../shared/kserve/crds/serving.kserve.io_llminferenceservices.yaml): the carried schema is
 * exactly what conformance/llmSchema.ts derives from the CRD, every CEL rule of it compiles with
 * the CEL library, and every sample and case the platform accepts validates against the CRD's own
 * openAPIV3Schema (checked here with Ajv, independently of the platform's schema walker).
 */
import * as fs from "fs";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { parse } from "@marcbachmann/cel-js";
import { carriedLlmSchema, celForLibrary, withDefaults } from "../components/serving/llm";
import { compile, errorsOf } from "./crd.conformance";
import { crdPath, deriveLlmSchema } from "./llmSchema";
import { requireReference } from "./reference";
import { llmWebhookCases } from "../tests/corpus/llmWebhook";
import { llmCelCases } from "../tests/corpus/llmCel";

requireReference();

describe("LLMInferenceService CRD conformance", () => {
    const text = fs.readFileSync(crdPath(), "utf8");
    const crd = yaml.load(text) as any;
    const v1alpha2 = crd.spec.versions.find((v: any) => v.name === "v1alpha2");
    const validate = compile(v1alpha2.schema.openAPIV3Schema);

    it("carries exactly the schema and CEL rules of the published CRD's v1alpha2 spec", () => {
        expect(JSON.stringify(carriedLlmSchema())).to.equal(JSON.stringify(deriveLlmSchema(text)));
        expect(v1alpha2.storage).to.equal(true);
    });

    it("compiles every CEL rule of the CRD with the library", () => {
        const rules = new Set<string>();
        const walk = (n: any): void => {
            if (Array.isArray(n)) {
                n.forEach(walk);
            } else if (n && typeof n === "object") {
                for (const r of n["x-kubernetes-validations"] ?? []) {
                    rules.add(r.rule);
                }
                Object.values(n).forEach(walk);
            }
        };
        walk(v1alpha2.schema.openAPIV3Schema);
        expect(rules.size).to.be.greaterThan(60);
        for (const rule of rules) {
            expect(() => parse(celForLibrary(rule)), rule).to.not.throw();
        }
    });

    it("every accepted sample and case validates against the CRD's openAPIV3Schema (after the API server's defaults)", () => {
        const samples = JSON.parse(fs.readFileSync(`${__dirname}/../tests/corpus/llmisvc-samples.json`, "utf8")).entries as any[];
        const objects = [
            ...samples.filter((e) => e.verdict === "accepted" && e.manifest.kind === "LLMInferenceService").map((e) => [e.source, e.manifest.spec]),
            ...llmWebhookCases.filter((c) => c.verdict === "accepted" && c.scope === "envtest").map((c) => [c.test, c.spec]),
            ...llmCelCases.filter((c) => c.verdict === "accepted").map((c) => [c.test, c.spec]),
        ];
        for (const [what, spec] of objects) {
            const object = { apiVersion: "serving.kserve.io/v1alpha2", kind: "LLMInferenceService", metadata: { name: "x", namespace: "models" }, spec: withDefaults(spec) };
            expect(errorsOf(validate, object), what).to.deep.equal([]);
        }
    });

    it("every sample refused for a schema reason fails the CRD's schema", () => {
        const samples = JSON.parse(fs.readFileSync(`${__dirname}/../tests/corpus/llmisvc-samples.json`, "utf8")).entries as any[];
        const refused = samples.filter((e) => e.verdict === "refused" && e.reason.startsWith("CRD:"));
        expect(refused.length).to.equal(2);
        for (const e of refused) {
            expect(errorsOf(validate, { ...e.manifest, apiVersion: "serving.kserve.io/v1alpha2" }), e.source).to.not.deep.equal([]);
        }
    });
});
