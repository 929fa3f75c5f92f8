import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { root } from "./harness";

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
