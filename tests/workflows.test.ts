import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as os from "os";
import { root } from "./harness";
import { e2eCharts } from "../components/versions";
import { collectedMetrics, modelLabel } from "../components/monitoring/metrics";

const readme = () => fs.readFileSync(path.join(root, "README.md"), "utf8");

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
type Job = { "runs-on": unknown; needs?: string | string[]; environment?: string; steps: Step[]; strategy?: { matrix: { include: Record<string, string>[] } } };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const dir = path.join(root, ".github", "workflows");
const load = (file: string) => yaml.load(fs.readFileSync(path.join(dir, file), "utf8")) as Workflow;
const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts as Record<string, string>;
const pulumiSteps = (job: Job) => job.steps.filter((s) => s.uses?.startsWith("pulumi/actions@"));

describe("workflows", () => {
    it("are valid YAML, use only npm scripts that exist, and never a client secret", () => {
        for (const file of fs.readdirSync(dir)) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            const wf = load(file);
            expect(wf.jobs, file).to.be.an("object");
            for (const [name, job] of Object.entries(wf.jobs)) {
                for (const step of job.steps) {
                    for (const m of (step.run ?? "").matchAll(/npm run ([\w:-]+)/g)) {
                        expect(scripts, `${file} ${name}`).to.have.property(m[1]);
                    }
                }
            }
            expect(text, file).not.to.match(/CLIENT_SECRET|client-secret|creds:/);
        }
    });

    it("ci runs the README's test command, then the type-aware lint npm test leaves out", () => {
        const steps = load("ci.yml").jobs.test.steps.map((s) => s.run).filter(Boolean);
        expect(steps).to.deep.equal(["npm ci", "npm test", "npm run lint:types"]);
        expect(scripts["lint:types"]).to.equal("eslint . && tsc --noEmit -p policy");
    });

    it("preview tests and plans every environment offline, then previews each with the policy pack and comments on the PR in place", () => {
        const wf = load("preview.yml");
        expect(wf.on).to.have.property("pull_request");
        expect(wf.permissions).to.deep.equal({ contents: "read", "pull-requests": "write", "id-token": "write" });
        const job = wf.jobs.preview;
        // Before any preview, and with no credentials: the tests, then the offline plan of every
        // previewed stack (npm run plan exits 1 on a stack file the program refuses).
        const stacks = job.strategy!.matrix.include.map((m) => m.stack);
        expect(wf.jobs.test.steps.map((s) => s.run).filter(Boolean)).to.deep.equal(["npm ci", "npm test", ...stacks.map((s) => `npm run plan -- --stack ${s}`)]);
        expect(wf.jobs.test).not.to.have.any.keys("env", "environment");
        expect(wf.jobs.test.steps.filter((s) => s.uses && !/^actions\/(checkout|setup-node)@/.test(s.uses))).to.deep.equal([]);
        expect(job.needs).to.equal("test");
        expect(job.strategy!.matrix.include.map((m) => m.stack)).to.deep.equal(["dev", "prod", "aro"]);
        const [step] = pulumiSteps(job);
        expect(step.uses).to.equal("pulumi/actions@v7");
        expect(step.with).to.deep.include({ command: "preview", "comment-on-pr": true, "edit-pr-comment": true, policyPacks: "./policy", policyPackConfigs: "./policy/config/${{ matrix.stack }}.json" });
        for (const m of job.strategy!.matrix.include) {
            expect(fs.existsSync(path.join(root, "policy", "config", `${m.stack}.json`)), m.stack).to.equal(true);
            expect(fs.existsSync(path.join(root, `Pulumi.${m.stack}.yaml`)), m.stack).to.equal(true);
        }
        // Private API servers are previewed from inside the network, once a maintainer approves.
        const prod = job.strategy!.matrix.include.find((m) => m.stack === "prod")!;
        expect(prod.runner).to.contain("self-hosted");
        expect(prod.environment).to.equal("private-preview");
        expect((job as { environment?: string }).environment).to.equal("${{ matrix.environment }}");
        // A pull request's code runs in its preview: it logs in with the read-only preview identity.
        expect(job.steps.find((s) => s.uses?.startsWith("azure/login@"))!.with!["client-id"]).to.equal("${{ vars.AZURE_PREVIEW_CLIENT_ID }}");
    });

    it("deploy rolls out dev, then prod behind the production environment's approval", () => {
        const wf = load("deploy.yml");
        expect(wf.on).to.have.property("push");
        expect(wf.permissions["id-token"]).to.equal("write");
        expect(wf.jobs.dev.environment).to.equal("dev");
        expect(wf.jobs.prod.needs).to.equal("dev");
        expect(wf.jobs.prod.environment).to.equal("production");
        for (const [name, job] of Object.entries(wf.jobs)) {
            const [step] = pulumiSteps(job);
            expect(step.with, name).to.deep.include({ command: "up", "stack-name": name, policyPacks: "./policy", policyPackConfigs: `./policy/config/${name}.json` });
            expect(job.steps.map((s) => s.run).filter(Boolean), name).to.include.members(["npm ci", "npm test", "npm run policy:install"]);
            expect(job.steps.find((s) => s.uses?.startsWith("azure/login@"))!.with, name).to.have.keys(["client-id", "tenant-id", "subscription-id"]);
        }
    });

    it("e2e runs the README's main job on a pinned kind cluster, predicts through the gateway, and always destroys", () => {
        const wf = load("e2e.yml");
        expect(Object.keys(wf.on).sort()).to.deep.equal(["pull_request", "workflow_dispatch"]);
        expect((wf.on.pull_request as { paths: string[] }).paths).to.include.members(["components/**", "index.ts", "Pulumi.local.yaml", "scripts/up.sh"]);
        expect(wf.permissions).to.deep.equal({ contents: "read" });
        const steps = wf.jobs.e2e.steps;
        // Pinned: the CLI on the SDK's version (package.json), kind and its node image by digest.
        const sdk = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
        expect(steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!.with).to.deep.equal({ "pulumi-version": sdk });
        const kind = steps.find((s) => s.uses?.startsWith("helm/kind-action@"))!.with!;
        expect(kind.version).to.match(/^v\d+\.\d+\.\d+$/);
        expect(kind.node_image).to.match(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
        for (const s of steps.filter((x) => x.uses)) {
            expect(s.uses, "actions pinned to a release").to.match(/@v\d+$/);
        }
        // The README's commands, in order: npm ci, up:local, a prediction, destroy.
        const runs = steps.map((s) => s.run ?? "");
        const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
        expect(at(/^npm ci$/)).to.be.lessThan(at(/^npm run up:local -- --yes/));
        expect(readme()).to.contain("npm run up:local -- --yes");
        const predict = steps[at(/:predict/)];
        expect(predict.run).to.contain("port-forward svc/istio-ingressgateway");
        expect(predict.run).to.match(/-H "Host: \$host"/);
        expect(predict.run).to.contain('jq -c .predictions)" = "[1,1]"');
        expect(at(/:predict/)).to.be.greaterThan(at(/up:local/));
        const destroy = steps[steps.length - 1];
        expect(destroy).to.deep.include({ if: "always()", run: "pulumi destroy --stack local --yes" });
        expect(wf.jobs.e2e).to.have.property("timeout-minutes");
    });

    describe("e2e, second job: the production feature set on kind", () => {
        const job = () => load("e2e.yml").jobs["e2e-prod-features"];
        const kindStack = () => (yaml.load(fs.readFileSync(path.join(root, "Pulumi.kind.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
        const key = (k: string) => kindStack()[`kserve-platform:${k}`];
        const runs = () => job().steps.map((s) => s.run ?? "");
        const at = (re: RegExp) => runs().findIndex((r) => re.test(r));

        it("runs Pulumi.kind.yaml, which turns on STRICT mTLS, model network policies, model auth and the Prometheus Operator", () => {
            expect([key("meshMtlsMode"), key("modelNetworkPolicies"), key("modelAuth"), key("monitoring"), key("monitoringPrometheusOperator")]).to.deep.equal(["STRICT", true, true, true, true]);
            expect(scripts["up:kind"]).to.equal("bash scripts/up.sh kind");
            expect(readme()).to.contain("npm run up:kind");
            expect(at(/^npm ci$/)).to.be.lessThan(at(/^npm run up:kind -- --yes/));
            // The same pins as the first job: kind, its node image, the CLI.
            const first = load("e2e.yml").jobs.e2e.steps;
            for (const uses of ["helm/kind-action@", "pulumi/actions@"]) {
                expect(job().steps.find((s) => s.uses?.startsWith(uses))!.with, uses).to.deep.equal(first.find((s) => s.uses?.startsWith(uses))!.with);
            }
            expect(job().steps[job().steps.length - 1]).to.deep.include({ if: "always()", run: "pulumi destroy --stack kind --yes" });
            expect(job()).to.have.property("timeout-minutes");
        });

        it("installs the pinned kube-prometheus-stack where the stack's network policies expect its Prometheus, under the release its monitors are labelled for", () => {
            const helm = runs()[at(/helm install/)];
            const chart = e2eCharts.kubePrometheusStack;
            expect(helm).to.match(new RegExp(`helm install (\\S+) ${chart.chart} --repo ${chart.repo.replace(/[.]/g, "\\.")}`));
            expect(helm).to.contain(`--version ${chart.version}`);
            expect(helm).to.contain(`--namespace ${String(key("monitoringPrometheusNamespace"))}`);
            expect(key("monitoringSelectorLabels")).to.deep.equal([`release=${/helm install (\S+)/.exec(helm)![1]}`]);
            expect(at(/helm install/)).to.be.lessThan(at(/up:kind/));
        });

        it("serves the issuer's keys in the cluster at the stack's jwksUri before up, then refuses a call without a token and answers one with it", () => {
            const manifests = yaml.loadAll(fs.readFileSync(path.join(root, "scripts", "e2e-jwks.yaml"), "utf8")) as { kind: string; metadata: { name: string; namespace: string }; spec: { ports: { port: number }[] } }[];
            const svc = manifests.find((m) => m.kind === "Service")!;
            expect(key("modelAuthJwksUri")).to.equal(`http://${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local${svc.spec.ports[0].port === 80 ? "" : `:${svc.spec.ports[0].port}`}/jwks.json`);
            const serve = runs()[at(/e2e-jwt\.mjs/)];
            expect(serve).to.contain("create configmap jwks --from-file=jwks.json=.e2e/jwks.json");
            expect(serve).to.contain("kubectl apply -f scripts/e2e-jwks.yaml");
            expect(at(/e2e-jwt\.mjs/)).to.be.lessThan(at(/up:kind/));
            const call = runs()[at(/:predict/)];
            expect(at(/:predict/)).to.be.greaterThan(at(/up:kind/));
            // Istio's ALLOW policy answers a request that matches no rule with 403.
            expect(call).to.contain('test "$code" = "403"');
            expect(call).to.contain('-H "Authorization: Bearer $(cat .e2e/token)"');
            expect(call).to.contain('jq -c .predictions)" = "[1,1]"');
        });

        it("finds the model's queue-proxy request metric in Prometheus", () => {
            const step = runs()[at(/api\/v1\/query/)];
            const counter = collectedMetrics.queueProxy.metrics.find((m) => m.endsWith("_count"))!;
            expect(step).to.contain(`${counter}{${modelLabel}="sklearn-iris"}`);
            expect(at(/api\/v1\/query/)).to.be.greaterThan(at(/:predict/));
        });

        it("signs a token the served keys verify, with the stack's issuer and audience", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-jwt-"));
            execFileSync(process.execPath, [path.join(root, "scripts", "e2e-jwt.mjs"), dir]);
            const [header, payload, signature] = fs.readFileSync(path.join(dir, "token"), "utf8").split(".");
            const jwk = (JSON.parse(fs.readFileSync(path.join(dir, "jwks.json"), "utf8")) as { keys: crypto.JsonWebKey[] }).keys[0];
            expect(JSON.parse(Buffer.from(header, "base64url").toString())).to.deep.include({ alg: "RS256", kid: jwk.kid });
            expect(JSON.parse(Buffer.from(payload, "base64url").toString())).to.deep.include({ iss: key("modelAuthIssuer"), aud: (key("modelAuthAudiences") as string[])[0] });
            expect(crypto.verify("sha256", Buffer.from(`${header}.${payload}`), crypto.createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"))).to.equal(true);
            expect(jwk).to.not.have.property("d");
            fs.rmSync(dir, { recursive: true });
        });
    });

    it("e2e-llm serves an LLMInferenceService on CPU with llm-d's simulator, chats through the LLM gateway, and always destroys", () => {
        const job = load("e2e.yml").jobs["e2e-llm"];
        const steps = job.steps;
        expect(job).to.have.property("timeout-minutes");
        // Pinned like the e2e job: the CLI on the SDK's version, kind and its node image by digest.
        const e2e = load("e2e.yml").jobs.e2e.steps;
        for (const action of ["pulumi/actions@", "helm/kind-action@"]) {
            expect(steps.find((s) => s.uses?.startsWith(action))!.with, action).to.deep.equal(e2e.find((s) => s.uses?.startsWith(action))!.with);
        }
        const runs = steps.map((s) => s.run ?? "");
        const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
        const declare = steps[at(/kind.: .LLMInferenceService/)];
        // KServe v0.20.0 test/e2e/llmisvc/fixtures.py "workload-llmd-simulator": image, command and CPU-only arguments.
        expect(declare.run).to.contain('"image": "ghcr.io/llm-d/llm-d-inference-sim-dev:1d5ad96"');
        expect(declare.run).to.contain('"command": ["/app/llm-d-inference-sim"]');
        expect(declare.run).to.contain('"--force-dummy-tokenizer"');
        expect(declare.run).to.contain("kserve-platform:llmServing\" = true");
        expect(declare.run).to.match(/"scheduler": \{/);
        // Declared, then the README's main job, then a chat completion, then destroy.
        expect(at(/^npm ci$/)).to.be.lessThan(at(/kind.: .LLMInferenceService/));
        expect(at(/kind.: .LLMInferenceService/)).to.be.lessThan(at(/^npm run up:local -- --yes/));
        const chat = steps[at(/chat\/completions/)];
        expect(at(/chat\/completions/)).to.be.greaterThan(at(/up:local/));
        // The Gateway the llmisvc controller attaches routes to is served by the Istio ingress gateway.
        expect(chat.run).to.contain("-n istio-system port-forward svc/istio-ingressgateway");
        expect(chat.run).to.contain("jsonpath='{.status.url}'");
        expect(chat.run).to.match(/-H "Host: \$host"/);
        expect(chat.run).to.contain('jq -r .model)" = "facebook/opt-125m"');
        expect(chat.run).to.contain(".choices[0].message.content");
        expect(steps[steps.length - 1]).to.deep.include({ if: "always()", run: "pulumi destroy --stack local --yes" });
    });
    it("chart-pins fetches every pinned chart and renders every release with the stacks' values on changes to the pins (issue 15 §5)", () => {
        const wf = load("chart-pins.yml");
        expect((wf.on.pull_request as { paths: string[] }).paths).to.include("components/versions.ts");
        expect(wf.permissions).to.deep.equal({ contents: "read" });
        const steps = wf.jobs.charts.steps;
        const runs = steps.map((s) => s.run ?? "");
        const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
        // Helm pinned to KServe v0.20.0's (kserve-deps.env HELM_VERSION=v3.16.3).
        expect(steps.find((s) => s.uses?.startsWith("azure/setup-helm@"))!.with).to.deep.equal({ version: "v3.16.3" });
        expect(at(/^npm ci$/)).to.be.lessThan(at(/^npm run chart-pins -- pins$/));
        const show = runs[at(/helm show chart/)];
        expect(show).to.contain("done < pins/charts.tsv");
        expect(show).to.contain('--version "$version"');
        const template = runs[at(/helm template/)];
        expect(template).to.contain("done < pins/releases.tsv");
        expect(template).to.contain('--values "pins/$values"');
        expect(at(/helm show chart/)).to.be.greaterThan(at(/npm run chart-pins/));
        expect(at(/helm template/)).to.be.greaterThan(at(/npm run chart-pins/));
    });
});
