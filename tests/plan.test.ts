// `npm run plan -- --stack NAME`: the real program for a stack file under mocks, printed as a tree in
// install order, the endpoints and the warnings; a stack file the program refuses exits 1 with its
// message. The stacks run in this process (one program run each); the refused file goes through
// the npm script's own command once, to see the exit code and that no stack trace is printed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { main } from "../scripts/plan/cli";
import { evaluate, formatPlan, installWaves, Plan } from "../scripts/plan/plan";
import { root, upstreamHost } from "./harness";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The line of the tree naming `type name`, and its index. */
function treeLine(lines: string[], type: string, name: string): { index: number; line: string } {
    const index = lines.findIndex((l) => l.endsWith(` ${type} ${name}`) || l.includes(` ${type} ${name} (`));
    expect(index, `${type} ${name} in the tree`).to.be.greaterThan(-1);
    return { index, line: lines[index] };
}

/** Every resource is in a later wave than what it waits for (its dependencies and provider). */
function checkWaves(plan: Plan): void {
    const waves = installWaves(plan.resources);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    for (const r of plan.resources.filter((x) => x.custom)) {
        const waitsFor = [...r.dependencies, r.provider.slice(0, r.provider.lastIndexOf("::"))].filter((u) => byUrn.get(u)?.custom);
        for (const urn of waitsFor) {
            expect(waves.get(r.urn)!.first, `${r.name} after ${urn}`).to.be.greaterThan(waves.get(urn)!.first);
        }
    }
}

function tempStack(stack: string, text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kserve-plan-"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    return dir;
}

describe("npm run plan", () => {
    it("is the npm script the README and the preview workflow run", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg.scripts.plan).to.equal("ts-node --transpile-only scripts/plan/cli.ts");
    });

    describe("--stack local", () => {
        let plan: Plan;
        let lines: string[];
        before(async () => {
            plan = await evaluate("local");
            lines = formatPlan(plan).split("\n");
        });

        it("prints the resources as a tree of parents and children", () => {
            expect(plan.error).to.equal(undefined);
            expect(lines[0]).to.equal("Plan for stack local: Pulumi.local.yaml over Pulumi.yaml's defaults, run through index.ts under mocks (no Pulumi CLI, cloud or cluster).");
            expect(lines).to.include("Resources: 21 to create (and 8 components grouping them), in 10 install waves.");
            expect(lines).to.include.members([
                "[1-10] kserve-platform:stack:KServePlatform kserve-local",
                "├─ [1] kserve-platform:cluster:ExistingCluster cluster",
                "│  └─ [1] pulumi:providers:kubernetes cluster-k8s",
                "│  ├─ [2-3] kserve-platform:platform:CertManager platform-cert-manager",
                "│     ├─ [2] kubernetes:core/v1:Namespace platform-kserve-ns (retained on delete)",
                "└─ [2-10] kserve-platform:serving:Models models",
                "   ├─ [2] kubernetes:core/v1:Namespace models-models (retained on delete)",
                `   ├─ [9] ${ISVC} sklearn-iris`,
                // The InferenceGraph waits for the models it calls.
                "   └─ [10] kubernetes:serving.kserve.io/v1alpha1:InferenceGraph iris-ensemble",
            ]);
            // One line per registration.
            expect(lines.filter((l) => /\[[-\d]+\] \S+:\S+ /.test(l))).to.have.length(plan.resources.length);
        });

        it("lists siblings in install order: cert-manager and Knative before KServe, KServe before the model", () => {
            checkWaves(plan);
            const at = (type: string, name: string) => treeLine(lines, type, name).index;
            expect(at(RELEASE, "platform-cert-manager")).to.be.lessThan(at(RELEASE, "platform-kserve-resources"));
            expect(at("kubernetes:operator.knative.dev/v1beta1:KnativeServing", "platform-knative-serving")).to.be.lessThan(at(RELEASE, "platform-kserve-resources"));
            expect(at(RELEASE, "platform-kserve-resources")).to.be.lessThan(at(RELEASE, "platform-kserve-runtimes"));
            expect(treeLine(lines, RELEASE, "platform-kserve-resources").line).to.contain("[7]");
            expect(treeLine(lines, RELEASE, "platform-kserve-runtimes").line).to.contain("[8]");
        });

        it("prints the model's endpoints as a cluster would report them", () => {
            // The host Knative and KServe render from the config the stack installed (tests/harness.ts
            // upstreamHost: Knative's domain-template, then KServe drops the `-predictor`).
            const knative = plan.resources.find((r) => r.type === "kubernetes:operator.knative.dev/v1beta1:KnativeServing")!;
            const host = upstreamHost("sklearn-iris", "models", {}, "Knative", {}, knative.inputs.spec.config);
            expect(host).to.equal("sklearn-iris-models.example.com");
            const from = lines.indexOf("  sklearn-iris");
            expect(lines.slice(from, from + 5)).to.deep.equal([
                "  sklearn-iris",
                `    url          http://${host}`,
                `    predict      http://${host}/v1/models/sklearn-iris:predict`,
                "    internal     http://sklearn-iris-predictor.models.svc.cluster.local",
                "    protocol     v1",
            ]);
            expect(lines).to.include("Warnings (0):");
        });
    });

    describe("--stack prod", () => {
        let plan: Plan;
        let lines: string[];
        before(async () => {
            plan = await evaluate("prod");
            lines = formatPlan(plan).split("\n");
        });

        it("prints the Azure network, the private cluster and the platform on it, in install order", () => {
            expect(plan.error).to.equal(undefined);
            checkWaves(plan);
            expect(lines).to.include.members(["│  ├─ [1] azure-native:resources:ResourceGroup kserve-prod", "│  ├─ [2] azure-native:storage:StorageAccount kserve-prod-models (protected)"]);
            const at = (type: string, name: string) => treeLine(lines, type, name).index;
            const cluster = at("azure-native:containerservice:ManagedCluster", "kserve-prod");
            expect(at("azure-native:network:Subnet", "kserve-prod-nodes")).to.be.lessThan(cluster);
            expect(cluster).to.be.lessThan(at("pulumi:providers:kubernetes", "kserve-prod-k8s"));
            // The platform's first wave comes after the cluster's provider.
            const provider = installWaves(plan.resources).get(plan.resources.find((r) => r.name === "kserve-prod-k8s")!.urn)!.first;
            const kserve = plan.resources.find((r) => r.type === RELEASE && r.name.endsWith("kserve-resources"))!;
            expect(installWaves(plan.resources).get(kserve.urn)!.first).to.be.greaterThan(provider);
            expect(plan.resources.filter((r) => r.type === ISVC).map((r) => r.name)).to.have.members(["llama-chat", "resnet50", "fraud-xgb"]);
        });

        it("prints each model's https endpoint under the stack's domain, the kubeconfig as a secret, and no warnings", () => {
            for (const [name, ns] of [
                ["llama-chat", "llm"],
                ["resnet50", "vision"],
                ["fraud-xgb", "risk"],
            ]) {
                const from = lines.indexOf(`  ${name}`);
                expect(lines[from + 1], name).to.equal(`    url          https://${name}-${ns}.models.example.com`);
                expect(lines[from + 2], name).to.equal(`    predict      https://${name}-${ns}.models.example.com/v2/models/${name}/infer`);
            }
            expect(lines).to.include.members(["Endpoints (3): the program's endpoints output, with KServe's status mocked as Ready and its URLs derived from the domain, scheme and templates the stack installs.", "  kubeconfig: [secret]", "Warnings (0):", "  none"]);
        });
    });

    it("prints the program's warnings and says which secrets it stood in for", async () => {
        const dir = tempStack("render", fs.readFileSync(path.join(root, "Pulumi.render.yaml"), "utf8").replace("config:\n", "config:\n  kserve-platform:kubeconfig:\n    secure: AAABAKxyz\n"));
        const out: string[] = [];
        expect(await main(["--stack", "render", "--dir", dir], (t) => out.push(t))).to.equal(0);
        const text = out.join("");
        expect(text).to.contain(
            "Warnings (1):\n  warning: kserve-platform:kubeconfig: is set together with renderYamlToDirectory: manifests are only written to that directory and nothing is applied to the cluster; the Kubernetes provider only asks it whether custom resources are namespaced\n",
        );
        expect(text).to.contain("Secrets stood in for (the plan never reads your secrets; set them with pulumi config set --secret): kserve-platform:kubeconfig.");
    });

    it("exits 1 on a misspelt key with the program's message and its did-you-mean, and no stack trace", function () {
        // A process of its own, which loads every component through ts-node: allow for a busy machine.
        this.timeout(60_000);
        const dir = tempStack("local", fs.readFileSync(path.join(root, "Pulumi.local.yaml"), "utf8").replace("kserve-platform:ingressServiceType:", "kserve-platform:ingresServiceType:"));
        const run = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(root, "scripts", "plan", "cli.ts"), "--stack", "local", "--dir", dir], { cwd: root, encoding: "utf8" });
        expect(run.status).to.equal(1);
        expect(run.stdout).to.equal("");
        expect(run.stderr).to.equal(
            [
                "error: Stack config is invalid (1 problem):",
                "  - kserve-platform:ingresServiceType: is not a kserve-platform config key; did you mean kserve-platform:ingressServiceType? (the program would ignore it; every key is in the README's stack config reference)",
                "",
            ].join("\n"),
        );
    });
});
