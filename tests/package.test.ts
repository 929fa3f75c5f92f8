// The packed library, as a consumer gets it: `npm run build:lib`, `npm pack`, the tarball unpacked
// into a scratch consumer's node_modules, and the platform-team example (monitoring with Grafana,
// two teams' models) run there under mocks, in a process without the source condition.
//
// The consumer's node_modules holds the unpacked tarball as `kserve-platform` and, beside it,
// symlinks to this repository's copies of the package's `dependencies` only: what `npm install
// <tarball>` would put there, without a registry. So the run proves that everything the library
// reads at run time is in the tarball (package.json `files`), that `exports` leads to the built
// JavaScript, and that the library needs nothing of the devDependencies. It does not prove the
// dependency versions resolve from the registry (package-lock.json and `npm ci` do that).
//
// Building and packing take longer than npm test's budget allows, so this file runs only with
// KSERVE_PACKAGE_TEST=1: `npm run test:package`, which .ci/run calls.
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { root } from "./harness";
import { componentClasses, shippedDashboard } from "./exampleProgram";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

interface Report {
    entry: string;
    loaded: string[];
    exported: string[];
    resources: { type: string; name: string; parent: string; provider: string; inputs: any }[];
    endpoints: Record<string, { url: string; protocol: string }>;
    grafanaUrl: string;
}

function check(run: SpawnSyncReturns<string>, what: string): string {
    expect(run.status, `${what}:\n${run.stderr}`).to.equal(0);
    return run.stdout;
}

describe("the packed library installed in a scratch consumer", function () {
    this.timeout(180_000);
    let work: string;
    let consumer: string;
    let files: string[];
    let report: Report;

    before(function () {
        if (process.env.KSERVE_PACKAGE_TEST !== "1") {
            this.skip();
        }
        work = fs.mkdtempSync(path.join(os.tmpdir(), "kserve-package-"));
        fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
        check(spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.lib.json"], { cwd: root, encoding: "utf8" }), "npm run build:lib");
        const packed = JSON.parse(check(spawnSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" }), "npm pack")) as { filename: string; files: { path: string }[] }[];
        files = packed[0].files.map((f) => f.path);
        consumer = path.join(work, "consumer");
        const installed = path.join(consumer, "node_modules", "kserve-platform");
        fs.mkdirSync(installed, { recursive: true });
        check(spawnSync("tar", ["-xzf", path.join(work, packed[0].filename), "-C", installed, "--strip-components=1"], { encoding: "utf8" }), "tar");
        const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        for (const dep of Object.keys(pkg.dependencies)) {
            const link = path.join(consumer, "node_modules", dep);
            fs.mkdirSync(path.dirname(link), { recursive: true });
            fs.symlinkSync(path.join(root, "node_modules", dep), link, "dir");
        }
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "platform-team", private: true, dependencies: { "kserve-platform": `file:${packed[0].filename}` } }));
        const example = path.join(root, "examples", "platform-team");
        for (const file of ["index.ts", "Pulumi.yaml", "Pulumi.dev.yaml"]) {
            fs.copyFileSync(path.join(example, file), path.join(consumer, file));
        }
        const run = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(root, "tests", "package", "consumer.ts"), consumer], {
            cwd: consumer,
            encoding: "utf8",
            env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json"), NODE_OPTIONS: "" },
        });
        report = JSON.parse(check(run, "the consumer's program")) as Report;
    });

    after(() => {
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("packs the built JavaScript, its declarations and every file the library reads at run time", () => {
        expect(files).to.include.members(["package.json", "dist/components/index.js", "dist/components/index.d.ts", "dashboards/model.json", "dashboards/platform.json"]);
        expect(files.filter((f) => /^(tests|scripts|conformance|examples|policy)\//.test(f))).to.deep.equal([]);
        // The run-time reads of the library: only the dashboards (components/monitoring/dashboards.ts).
        const reads = spawnSync("grep", ["-rlE", "readFileSync|readdirSync|fs\\.read", path.join(root, "components")], { encoding: "utf8" }).stdout.trim().split("\n");
        expect(reads.map((f) => path.relative(root, f))).to.deep.equal(["components/monitoring/dashboards.ts"]);
    });

    it("resolves `kserve-platform` to the installed package's built JavaScript, and loads nothing of this repository's library", () => {
        const installed = fs.realpathSync(path.join(consumer, "node_modules", "kserve-platform"));
        expect(report.entry).to.equal(path.join(installed, "dist", "components", "index.js"));
        expect(report.loaded.filter((f) => f.startsWith(`${installed}/dist/components/`)).length).to.be.greaterThan(50);
        // From this repository: only the runner and its mocks (the node_modules it links aside).
        const ours = report.loaded.filter((f) => f.startsWith(`${root}/`) && !f.startsWith(`${root}/node_modules/`)).map((f) => path.relative(root, f));
        expect(ours.sort()).to.deep.equal(["scripts/plan/mocks.ts", "tests/package/consumer.ts"]);
    });

    it("exports every component class of components/ from the packed entry", () => {
        expect(componentClasses().filter((c) => !report.exported.includes(c))).to.deep.equal([]);
        expect(report.exported).to.include.members(["ModelAuthPolicies", "MonitoringWorkspace", "PlatformMonitoring"]);
    });

    it("runs the example: the platform on AKS, Grafana with the shipped dashboards, and two teams' models", () => {
        const of = (type: string) => report.resources.filter((r) => r.type === type);
        expect(of("kserve-platform:stack:KServePlatform").map((r) => r.name)).to.deep.equal(["team-dev"]);
        expect(of("kserve-platform:serving:Models").map((r) => r.name)).to.have.members(["models", "fraud", "vision"]);
        expect(of("azure-native:dashboard:Grafana")).to.have.length(1);
        for (const name of ["model", "platform"]) {
            const script = report.resources.find((r) => r.type === "azure-native:resources:AzureCliScript" && r.name === `monitoring-dashboard-${name}`);
            expect(script?.inputs.scriptContent, name).to.contain(shippedDashboard(name));
        }
        expect(of(ISVC).map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`)).to.deep.equal(["fraud/fraud-xgb", "fraud/fraud-sklearn", "vision/resnet"]);
        for (const isvc of of(ISVC)) {
            expect(isvc.inputs.metadata.annotations, isvc.name).to.deep.include({ "serving.kserve.io/deploymentMode": "Standard", "pulumi.com/timeoutSeconds": "900" });
        }
    });

    it("exports the endpoints and the Grafana URL", () => {
        expect(Object.keys(report.endpoints)).to.deep.equal(["fraud-xgb", "fraud-sklearn", "resnet"]);
        expect(report.endpoints.resnet).to.deep.include({ url: "http://resnet-vision.models.team.example.com", protocol: "v2" });
        expect(report.grafanaUrl).to.match(/^https:\/\/.+\.weu\.grafana\.azure\.com$/);
    });
});
