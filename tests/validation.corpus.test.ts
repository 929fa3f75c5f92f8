/**
 * The corpus: every InferenceService KServe ships for 0.20 (tests/corpus/samples.json) and the
 * cases of the webhook's own Go tests (tests/corpus/webhook.ts), each with KServe's verdict.
 * Accepted specs pass validation and are registered unchanged; refused ones are refused.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Harness, promiseOf } from "./harness";
import type * as servingModule from "../components/serving";
import { validateInferenceService } from "../components/serving/validate";
import type { DeploymentMode } from "../components/serving/types";
import { webhookCases } from "./corpus/webhook";

interface CorpusEntry {
    source: string;
    verdict: "accepted" | "refused";
    reason: string;
    defaultDeploymentMode?: DeploymentMode;
    options?: { extraStorageUriPrefixes?: string[] };
    manifest: { metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec: unknown };
}

const samples = JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", "samples.json"), "utf8")) as { entries: CorpusEntry[]; excluded: { source: string; reason: string }[] };
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
/** The annotations InferenceService adds or rewrites (README "What the platform adds to a model"). */
const documented = ["serving.kserve.io/deploymentMode", "pulumi.com/waitFor", "pulumi.com/timeoutSeconds"];

/** JSON with object keys sorted: the engine receives inputs as a protobuf Struct, whose keys have no order. */
function canonical(value: unknown): string {
    const sort = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
    return JSON.stringify(sort(value));
}

function problemsOf(e: CorpusEntry): string[] {
    const m = e.manifest;
    return validateInferenceService(
        { name: m.metadata.name, namespace: m.metadata.namespace, labels: m.metadata.labels, annotations: m.metadata.annotations, spec: m.spec },
        e.source,
        { checkDefaultRuntimes: true, defaultDeploymentMode: e.defaultDeploymentMode, ...e.options },
    ).map((p) => `${p.path}: ${p.message}`);
}

describe("KServe 0.20 corpus", () => {
    it("holds every shipped sample with a verdict and a reason", () => {
        expect(samples.entries.length).to.be.greaterThan(250);
        for (const e of samples.entries) {
            expect(e.source, e.source).to.match(/^kserve\/(kserve@v0\.20\.0|website@[0-9a-f]+):/);
            expect(["accepted", "refused"]).to.include(e.verdict);
            expect(e.reason, e.source).to.be.a("string").and.not.equal("");
        }
    });

    it("accepts every sample KServe admits and refuses every sample it refuses", () => {
        for (const e of samples.entries) {
            const problems = problemsOf(e);
            if (e.verdict === "accepted") {
                expect(problems, `${e.source} ${e.manifest.metadata.name}`).to.deep.equal([]);
            } else {
                expect(problems, `${e.source} ${e.manifest.metadata.name} (${e.reason})`).to.not.deep.equal([]);
            }
        }
    });

    it("agrees with the cases of KServe's webhook tests", () => {
        expect(webhookCases.length).to.be.greaterThan(50);
        for (const c of webhookCases) {
            const problems = validateInferenceService({ name: c.name ?? "foo", namespace: "default", annotations: c.annotations, spec: c.spec }, c.test, c.options ?? {}).map(
                (p) => `${p.path}: ${p.message}`,
            );
            if (c.verdict === "accepted") {
                expect(problems, c.test).to.deep.equal([]);
            } else {
                expect(problems.join("\n"), `${c.test}: ${c.reason}`).to.contain(c.expect ?? "");
                expect(problems, c.test).to.not.deep.equal([]);
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

        it("registers every accepted sample byte-for-byte, apart from the documented annotations", async () => {
            const accepted = samples.entries.filter((e) => e.verdict === "accepted");
            const created = accepted.map((e, i) => {
                const m = e.manifest;
                return new serving.InferenceService(`corpus-${i}`, {
                    name: m.metadata.name,
                    // The samples that name `default` go to a namespace of the stack's own: refusing
                    // `default` is the platform's rule (README "Namespaces"), not KServe's, and the
                    // namespace is not part of what is compared below.
                    namespace: m.metadata.namespace === "default" ? "models" : m.metadata.namespace,
                    labels: m.metadata.labels,
                    annotations: m.metadata.annotations,
                    deploymentMode: e.defaultDeploymentMode,
                    spec: m.spec as servingModule.InferenceServiceSpec,
                    validation: { checkDefaultRuntimes: true, ...e.options },
                });
            });
            await Promise.all(created.map((c) => promiseOf(c.urn)));
            // The endpoint's protocol is the one KServe gives the predictor (defaulter, then controller):
            // modelFormat triton without protocolVersion is v2 (setPredictorModelDefaults), and so is the
            // kserve-mlserver runtime (SetMlServerDefaults).
            const protocolOf = (source: RegExp, name: string) => created[accepted.findIndex((e) => source.test(e.source) && e.manifest.metadata.name === name)].protocol;
            expect(protocolOf(/triton\/torchscript\/torchscript.md$/, "torchscript-cifar10")).to.equal("v2");
            expect(protocolOf(/performance-testing\/README.md$/, "sklearn-irisv2")).to.equal("v2");
            expect(protocolOf(/docs\/OPENSHIFT_GUIDE.md$/, "sklearn-iris")).to.equal("v1");
            expect(serving.toEndpoint({ url: "http://torchscript-cifar10-models.example.com" }, "torchscript-cifar10", "v2").predictUrl).to.equal(
                "http://torchscript-cifar10-models.example.com/v2/models/torchscript-cifar10/infer",
            );
            accepted.forEach((e, i) => {
                const r = h.get(ISVC, `corpus-${i}`);
                const m = e.manifest;
                const what = `${e.source} ${m.metadata.name}`;
                expect(canonical(r.inputs.spec), what).to.equal(canonical(m.spec));
                expect(r.inputs.metadata.labels, what).to.deep.equal(m.metadata.labels);
                const own = Object.fromEntries(Object.entries(m.metadata.annotations ?? {}).filter(([k]) => !documented.includes(k)));
                const added = Object.fromEntries(Object.entries(r.inputs.metadata.annotations as Record<string, string>).filter(([k]) => !documented.includes(k)));
                expect(added, what).to.deep.equal(own);
                const mode = m.metadata.annotations?.["serving.kserve.io/deploymentMode"];
                const expected = mode === "Serverless" ? "Knative" : mode === "RawDeployment" ? "Standard" : (mode ?? e.defaultDeploymentMode ?? "Knative");
                expect(r.inputs.metadata.annotations["serving.kserve.io/deploymentMode"], what).to.equal(expected);
            });
        });
    });
});
