import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { root } from "./harness";

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
});
