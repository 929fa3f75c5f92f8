import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { missingReference } from "../conformance/reference";
import { root } from "./harness";

describe("npm run conformance without KServe's reference files", () => {
    it("says what is missing and how to get it, without a stack trace, and exits 1", () => {
        const dir = path.join(os.tmpdir(), "kserve-platform-no-reference");
        // The loader the conformance check starts with, run as its own process (as mocha would load it).
        const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "conformance", "reference.ts")], {
            cwd: root,
            env: { ...process.env, KSERVE_REFERENCE_DIR: dir },
            encoding: "utf8",
        });
        expect(run.status).to.equal(1);
        expect(run.stderr).to.equal(`${missingReference(dir)}\n`);
        expect(run.stderr).to.contain(`Missing in ${dir}: crds/serving.kserve.io_inferenceservices.yaml, crds/serving.kserve.io_llminferenceservices.yaml, runtimes/kustomization.yaml.`);
        expect(run.stderr).to.contain("git clone --depth 1 --branch v0.20.0 https://github.com/kserve/kserve.git");
        expect(run.stderr).to.not.match(/^\s+at /m);
    });

    it("names only the files that are missing, and nothing when all are there", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kserve-reference-"));
        fs.mkdirSync(path.join(dir, "crds"));
        fs.writeFileSync(path.join(dir, "crds", "serving.kserve.io_inferenceservices.yaml"), "");
        expect(missingReference(dir)).to.contain(`Missing in ${dir}: crds/serving.kserve.io_llminferenceservices.yaml, runtimes/kustomization.yaml.`);
        fs.writeFileSync(path.join(dir, "crds", "serving.kserve.io_llminferenceservices.yaml"), "");
        fs.mkdirSync(path.join(dir, "runtimes"));
        fs.writeFileSync(path.join(dir, "runtimes", "kustomization.yaml"), "");
        expect(missingReference(dir)).to.equal(undefined);
        fs.rmSync(dir, { recursive: true });
    });
});
