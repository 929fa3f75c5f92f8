import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { root } from "./harness";
import { ensurePulumiCli, pinnedVersion } from "../scripts/pulumi-cli";
import { marginalRatios, perModelRatios, summary } from "../scripts/bench";

/** Runs scripts/up.sh with a stub `pulumi` that records its calls (no CLI here). */
function runUp(args: string[], existingStacks: string[] = []): { calls: string[]; env: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stub-"));
    const log = path.join(dir, "calls.log");
    fs.writeFileSync(
        path.join(dir, "pulumi"),
        `#!/usr/bin/env bash
echo "$*" >> "${log}"
echo "BACKEND=$PULUMI_BACKEND_URL PASSPHRASE_SET=\${PULUMI_CONFIG_PASSPHRASE+yes}" > "${log}.env"
if [ "$1" = "stack" ] && [ "$2" = "select" ]; then
  case " ${existingStacks.join(" ")} " in *" $3 "*) exit 0;; *) exit 1;; esac
fi
exit 0
`,
        { mode: 0o755 },
    );
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    delete env.PULUMI_BACKEND_URL;
    delete env.PULUMI_CONFIG_PASSPHRASE;
    execFileSync("bash", [path.join(root, "scripts", "up.sh"), ...args], { env, cwd: root, stdio: "pipe" });
    return { calls: fs.readFileSync(log, "utf8").trim().split("\n"), env: fs.readFileSync(`${log}.env`, "utf8").trim() };
}

describe("scripts: the local main job", () => {
    it("sets up a file backend and the stack, then runs pulumi up on it", () => {
        const { calls, env } = runUp(["local", "--yes"]);
        expect(calls).to.deep.equal(["stack select local", "stack init local --secrets-provider passphrase", "up --stack local --yes"]);
        expect(env).to.equal(`BACKEND=file://${root}/.pulumi-state PASSPHRASE_SET=yes`);
    });

    it("reuses an existing stack", () => {
        expect(runUp(["local"], ["local"]).calls).to.deep.equal(["stack select local", "up --stack local"]);
    });

    it("refuses a stack without a stack file", () => {
        expect(() => runUp(["nope"])).to.throw(/No Pulumi.nope.yaml/);
    });

    it("npm run render and up:local drive the render and local stacks", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts;
        expect(scripts["up:local"]).to.equal("bash scripts/up.sh local");
        expect(scripts.render).to.equal("bash scripts/up.sh render --yes");
        const render = yaml.load(fs.readFileSync(path.join(root, "Pulumi.render.yaml"), "utf8")) as { config: Record<string, unknown> };
        expect(render.config["kserve-platform:renderYamlToDirectory"]).to.equal("rendered");
    });
});

/** PATH with node, bash and coreutils but no `pulumi`. */
const pathWithoutPulumi = `${path.dirname(process.execPath)}:/usr/bin:/bin`;

/** Runs scripts/up.sh with no `pulumi` on PATH and the project CLI folder at `cliRoot`. */
function runUpWithoutCli(cliRoot: string, extraEnv: Record<string, string> = {}): { status: number; stderr: string } {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: pathWithoutPulumi, PULUMI_CLI_ROOT: cliRoot, ...extraEnv };
    delete env.PULUMI_BACKEND_URL;
    const result = spawnSync("bash", [path.join(root, "scripts", "up.sh"), "local"], { env, cwd: root, encoding: "utf8", timeout: 30000 });
    return { status: result.status ?? -1, stderr: result.stderr };
}

describe("scripts: the Pulumi CLI on a fresh machine", () => {
    it("pins the CLI to the SDK's version", () => {
        expect(pinnedVersion()).to.equal(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies["@pulumi/pulumi"]);
        expect(pinnedVersion()).to.equal("3.248.0");
    });

    it("uses the CLI installed in the project when none is on PATH", () => {
        const cliRoot = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
        fs.mkdirSync(path.join(cliRoot, "bin"));
        const log = path.join(cliRoot, "calls.log");
        fs.writeFileSync(path.join(cliRoot, "bin", "pulumi"), `#!/usr/bin/env bash\necho "$*" >> "${log}"\n[ "$1" != stack ] || [ "$2" != select ]\n`, { mode: 0o755 });
        const { status, stderr } = runUpWithoutCli(cliRoot);
        expect(status).to.equal(0);
        expect(stderr).to.contain(`Using the Pulumi CLI in ${cliRoot}/bin.`);
        expect(fs.readFileSync(log, "utf8").trim().split("\n")).to.deep.equal(["stack select local", "stack init local --secrets-provider passphrase", "up --stack local"]);
    });

    it("says it is installing the pinned CLI, and fails clearly, without hanging, when the download does not finish", () => {
        const cliRoot = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
        const { status, stderr } = runUpWithoutCli(cliRoot, { PULUMI_CLI_INSTALL_TIMEOUT_SECONDS: "0.001" });
        expect(status).to.equal(1);
        expect(stderr).to.contain(`No pulumi on PATH: installing the Pulumi CLI v3.248.0 (the SDK's version) into ${cliRoot} ...`);
        expect(stderr).to.contain(`Could not install the Pulumi CLI v3.248.0 into ${cliRoot}: no answer within 0.001 s.`);
        expect(stderr).to.contain("Install the CLI yourself (https://www.pulumi.com/docs/iac/download-install/) and put it on PATH");
    });

    it("passes the installer's own error on (what this offline machine gets from PulumiCommand.install)", async () => {
        const lines: string[] = [];
        const cliRoot = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
        let error: Error | undefined;
        await ensurePulumiCli({
            cliRoot,
            version: "3.248.0",
            timeoutSeconds: 5,
            log: (l) => lines.push(l),
            install: () => Promise.reject(new Error("Failed to download https://get.pulumi.com/install.sh: fetch failed")),
        }).catch((e: Error) => (error = e));
        expect(error?.message).to.match(/^Could not install the Pulumi CLI v3\.248\.0 into .*: Failed to download https:\/\/get\.pulumi\.com\/install\.sh: fetch failed\.\nThe download \(https:\/\/get\.pulumi\.com\) needs internet access\./);
        expect(lines).to.deep.equal([`No pulumi on PATH: installing the Pulumi CLI v3.248.0 (the SDK's version) into ${cliRoot} ...`]);
    });

    it("installs into <root>/bin with the Automation API's installer, once", async () => {
        const cliRoot = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
        const installs: { root: string }[] = [];
        const install = (opts: { root: string }) => {
            installs.push(opts);
            fs.mkdirSync(path.join(opts.root, "bin"), { recursive: true });
            fs.writeFileSync(path.join(opts.root, "bin", "pulumi"), "", { mode: 0o755 });
            return Promise.resolve();
        };
        const opts = { cliRoot, version: "3.248.0", timeoutSeconds: 5, log: () => undefined, install };
        expect(await ensurePulumiCli(opts)).to.equal(path.join(cliRoot, "bin"));
        expect(await ensurePulumiCli(opts)).to.equal(path.join(cliRoot, "bin"));
        expect(installs).to.deep.equal([{ root: cliRoot }]);
    });

    it("keeps the installed CLI and the local state out of git", () => {
        const ignored = fs.readFileSync(path.join(root, ".gitignore"), "utf8").split("\n");
        expect(ignored).to.include.members(["/.pulumi-cli/", "/.pulumi-state/", "*.tgz"]);
    });
});

/** Runs .ci/run with a stub `npm` that records its calls and reports one passing test per step. */
function runCi(env: NodeJS.ProcessEnv): { calls: string[]; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npm-stub-"));
    const log = path.join(dir, "calls.log");
    fs.writeFileSync(path.join(dir, "npm"), `#!/usr/bin/env bash\necho "$*" >> "${log}"\necho "  1 passing"\n`, { mode: 0o755 });
    const output = execFileSync("bash", [path.join(root, ".ci", "run")], { env: { ...process.env, ...env, PATH: `${dir}:${process.env.PATH}` }, cwd: root, encoding: "utf8" });
    return { calls: fs.readFileSync(log, "utf8").trim().split("\n"), output };
}

describe("scripts: .ci/run", () => {
    it("runs the tests, the type-aware lint and the packed-library test, then conformance against $KSERVE_REFERENCE_DIR", () => {
        const reference = fs.mkdtempSync(path.join(os.tmpdir(), "kserve-reference-"));
        fs.mkdirSync(path.join(reference, "crds"));
        const { calls, output } = runCi({ KSERVE_REFERENCE_DIR: reference });
        expect(calls).to.deep.equal(["ci --no-audit --no-fund", "test", "run lint:types", "run test:package", "run conformance"]);
        expect(output.trim().split("\n").pop()).to.equal("4 passed, 0 failed");
    });

    it("skips conformance, naming the directory, when $KSERVE_REFERENCE_DIR has no CRDs", () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "kserve-reference-"));
        const { calls, output } = runCi({ KSERVE_REFERENCE_DIR: empty });
        expect(calls).not.to.include("run conformance");
        expect(output).to.contain(`conformance check skipped: ${empty}/crds does not exist`);
    });
});

describe("scripts: npm run bench's arithmetic", () => {
    const s = (seconds: number) => ({ seconds, heapMiB: 0 });

    it("reports the median with its min–max spread", () => {
        expect(summary([3, 1, 2])).to.deep.equal({ median: 2, min: 1, max: 3 });
    });

    it("pairs each program run with the raw run of the same round", () => {
        expect(perModelRatios([s(2), s(3)], [s(1), s(2)])).to.deep.equal([2, 1.5]);
        const results = { program: { 1: [s(1), s(1)], 101: [s(3), s(5)] }, raw: { 1: [s(1), s(1)], 101: [s(2), s(3)] } };
        expect(marginalRatios(results, 1, 101)).to.deep.equal([2, 2]);
    });
});
