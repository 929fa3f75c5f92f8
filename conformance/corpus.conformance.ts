/**
 * The corpus (tests/corpus) against the InferenceService CRD's schema: every sample and webhook
 * case the platform accepts validates against it once KServe's defaulter has named the first
 * custom container (the mutating webhook runs before schema validation), so no accepted verdict
 * hides a schema error.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { compile, errorsOf, loadCrdSchema } from "./crd.conformance";
import { webhookCases } from "../tests/corpus/webhook";

interface Entry {
    source: string;
    verdict: "accepted" | "refused";
    reason: string;
    manifest: { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> };
}

/** What the defaulter does before the schema is checked: `Custom<Component>.Default` names the first container. */
function defaulted(spec: Record<string, unknown>): Record<string, unknown> {
    const out = JSON.parse(JSON.stringify(spec)) as Record<string, any>;
    for (const key of ["predictor", "transformer", "explainer"]) {
        const containers = out[key]?.containers;
        if (Array.isArray(containers) && containers.length > 0 && !containers[0].name) {
            containers[0].name = "kserve-container";
        }
    }
    return out;
}

describe("corpus against the CRD schema", () => {
    const validate = compile(loadCrdSchema());
    const samples = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "tests", "corpus", "samples.json"), "utf8")) as { entries: Entry[] };

    it("every accepted sample validates against the schema", () => {
        for (const e of samples.entries.filter((x) => x.verdict === "accepted")) {
            const m = e.manifest;
            expect(errorsOf(validate, { ...m, spec: defaulted(m.spec) }), `${e.source} ${String(m.metadata.name)}`).to.deep.equal([]);
        }
    });

    it("every sample refused for a schema reason fails the schema", () => {
        const bySchema = samples.entries.filter((x) => x.verdict === "refused" && x.reason.startsWith("CRD:"));
        expect(bySchema.length).to.be.greaterThan(0);
        for (const e of bySchema) {
            expect(errorsOf(validate, { ...e.manifest, spec: defaulted(e.manifest.spec) }), e.source).to.not.deep.equal([]);
        }
    });

    it("every accepted webhook case validates against the schema", () => {
        for (const c of webhookCases.filter((x) => x.verdict === "accepted")) {
            const object = { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name: c.name ?? "foo", namespace: "default", annotations: c.annotations }, spec: defaulted(c.spec as Record<string, unknown>) };
            expect(errorsOf(validate, object), c.test).to.deep.equal([]);
        }
    });
});
