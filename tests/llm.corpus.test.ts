/**
 * The LLM corpus: every LLMInferenceService and LLMInferenceServiceConfig KServe v0.20.0 ships in
 * docs/samples/llmisvc (tests/corpus/llmisvc-samples.json), the cases of KServe's own admission
 * tests (tests/corpus/llmWebhook.ts) and of the CRD's CEL rules (tests/corpus/llmCel.ts), each with
 * KServe's verdict and the field it names. Accepted samples are registered unchanged.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Harness, promiseOf } from "./harness";
import type * as servingModule from "../components/serving";
import { checkLlmWebhook, validateLlm, validateLlmConfig } from "../components/serving/llm";
import { llmCelCases } from "./corpus/llmCel";
import { llmConfigWebhookCases, llmWebhookCases } from "./corpus/llmWebhook";

interface Entry {
    source: string;
    verdict: "accepted" | "refused";
    reason: string;
    expect?: { path: string; message: string };
    manifest: { apiVersion: string; kind: "LLMInferenceService" | "LLMInferenceServiceConfig"; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Record<string, unknown> };
}

const samples = JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", "llmisvc-samples.json"), "utf8")) as { entries: Entry[] };
const LLM = "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceService";

function problemsOf(e: Entry): string[] {
    const m = e.manifest;
    const found =
        m.kind === "LLMInferenceServiceConfig"
            ? validateLlmConfig({ name: m.metadata.name, spec: m.spec }, e.source)
            : validateLlm({ name: m.metadata.name, namespace: "models", labels: m.metadata.labels, annotations: m.metadata.annotations, spec: m.spec }, e.source);
    return found.map((p) => `${p.path}: ${p.message}`);
}

const lines = (problems: { path: string; message: string }[]) => problems.map((p) => `${p.path}: ${p.message}`);

describe("KServe 0.20 LLM corpus", () => {
    it("holds every shipped LLMInferenceService sample with a verdict and a reason", () => {
        const services = samples.entries.filter((e) => e.manifest.kind === "LLMInferenceService");
        expect(services.length).to.equal(24);
        expect(samples.entries.filter((e) => e.manifest.kind === "LLMInferenceServiceConfig").length).to.equal(3);
        for (const e of samples.entries) {
            expect(e.source).to.match(/^kserve\/kserve@v0\.20\.0:docs\/samples\/llmisvc\//);
            expect(e.reason).to.be.a("string").and.not.equal("");
        }
    });

    it("admits every sample the API server and KServe's webhook admit, unchanged (v1alpha1 samples as v1alpha2)", () => {
        for (const e of samples.entries.filter((x) => x.verdict === "accepted")) {
            expect(problemsOf(e), e.source).to.deep.equal([]);
        }
        expect(samples.entries.filter((x) => x.verdict === "accepted").length).to.equal(25);
    });

    it("refuses the samples the API server refuses, naming the field", () => {
        const refused = samples.entries.filter((x) => x.verdict === "refused");
        expect(refused.map((e) => e.source.split("/").pop())).to.deep.equal(["llm-inference-service-kv-cache-offloading.yaml", "llm-inference-service-latency-predictor.yaml"]);
        for (const e of refused) {
            expect(problemsOf(e).some((p) => p.startsWith(`${e.expect!.path}: `) && p.includes(e.expect!.message)), `${e.source}: ${e.reason}`).to.equal(true);
        }
    });

    it("agrees with every case of KServe's webhook unit tests and envtest admission tests, naming the field", () => {
        expect(llmWebhookCases.length).to.be.greaterThan(100);
        for (const c of llmWebhookCases) {
            let problems: string[] = [];
            if (c.scope === "unit") {
                checkLlmWebhook(c.name ?? "test-llm-isvc", c.annotations, c.spec, (p, m) => problems.push(`${p}: ${m}`));
            } else {
                problems = lines(validateLlm({ name: c.name ?? "test-llm", namespace: "models", annotations: c.annotations, spec: c.spec }, c.test));
            }
            if (c.verdict === "accepted") {
                expect(problems, c.test).to.deep.equal([]);
            } else {
                expect(
                    problems.some((p) => p.startsWith(`${c.path}: `) && p.includes(c.expect ?? "")),
                    `${c.test}: wanted ${c.path} ${c.expect ?? ""}, got ${JSON.stringify(problems)}`,
                ).to.equal(true);
            }
        }
        for (const c of llmConfigWebhookCases) {
            const problems = lines(validateLlmConfig({ name: "config", spec: c.spec }, c.test));
            if (c.verdict === "accepted") {
                expect(problems, c.test).to.deep.equal([]);
            } else {
                expect(problems.some((p) => p.startsWith(`${c.path}: `) && p.includes(c.expect ?? "")), c.test).to.equal(true);
            }
        }
    });

    it("refuses what each CEL rule of the CRD refuses, with the rule's message at the rule's field", () => {
        for (const c of llmCelCases) {
            const problems = lines(validateLlm({ name: "cel", namespace: "models", spec: c.spec }, c.test));
            if (c.verdict === "accepted") {
                expect(problems, c.test).to.deep.equal([]);
            } else {
                expect(problems.some((p) => p.startsWith(`${c.path}: `) && p.includes(c.expect!)), `${c.test}: ${JSON.stringify(problems)}`).to.equal(true);
            }
        }
    });

    describe("registration", () => {
        const h = new Harness();
        let serving: typeof servingModule;
        before(async () => {
            await h.setup();
            serving = await import("../components/serving");
        });

        it("registers every accepted LLMInferenceService sample with its spec, labels and annotations unchanged", async () => {
            const accepted = samples.entries.filter((e) => e.verdict === "accepted" && e.manifest.kind === "LLMInferenceService");
            const made = accepted.map(
                (e, i) =>
                    new serving.LLMInferenceService(`corpus-${i}`, {
                        metadata: { name: e.manifest.metadata.name, namespace: "models", labels: e.manifest.metadata.labels, annotations: e.manifest.metadata.annotations },
                        spec: e.manifest.spec,
                    }),
            );
            await Promise.all(made.map((m) => promiseOf(m.urn)));
            accepted.forEach((e, i) => {
                const r = h.get(LLM, `corpus-${i}`);
                expect(r.inputs.spec, e.source).to.deep.equal(e.manifest.spec);
                expect(r.inputs.metadata.labels, e.source).to.deep.equal(e.manifest.metadata.labels);
                const own = Object.fromEntries(Object.entries(r.inputs.metadata.annotations as Record<string, string>).filter(([k]) => !k.startsWith("pulumi.com/")));
                expect(own, e.source).to.deep.equal(e.manifest.metadata.annotations ?? {});
            });
        });
    });
});
