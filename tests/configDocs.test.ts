import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { root } from "./harness";

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const readme = read("README.md");
/** README headings, and their GitHub anchors. */
const headings = [...readme.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]);
const anchor = (heading: string) =>
    heading
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-");

describe("docs that are true", () => {
    it("every reference to a README section names one that exists", () => {
        const files = [...fs.readdirSync(root).filter((f) => /^Pulumi\..+\.yaml$/.test(f)), ...fs.readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`), "policy/README.md"];
        let references = 0;
        for (const file of files) {
            for (const m of read(file).matchAll(/README,? "([^"]+)"/g)) {
                references++;
                expect(headings, `${file}: README "${m[1]}"`).to.include(m[1]);
            }
        }
        expect(references).to.be.greaterThan(3);
        for (const m of readme.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
            expect(headings.map(anchor), `README link #${m[1]}`).to.include(m[1]);
        }
    });

    it("the README documents every stack output the program exports, and no other", () => {
        const exported = [...read("index.ts").matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
        const section = readme.slice(readme.indexOf("## Stack outputs"), readme.indexOf("\n## ", readme.indexOf("## Stack outputs") + 1));
        const documented = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
        expect(documented).to.have.members(exported);
        expect(documented).to.include.members(["publicIngress", "aroCluster"]);
    });

    it("says when ci.yml runs, as its triggers say", () => {
        const ci = yaml.load(read(".github/workflows/ci.yml")) as { on: { push?: { branches?: string[] }; pull_request?: unknown } };
        expect(ci.on.push?.branches).to.deep.equal(["main"]);
        expect(ci.on).to.have.property("pull_request");
        expect(readme).to.contain("`.github/workflows/ci.yml` runs the tests on every push to `main` and on every pull request.");
        expect(readme).not.to.match(/ci\.yml` runs the tests on every push\./);
    });

    it("does not claim prod requires a GPU pool", () => {
        const prodBaseline = readme.slice(readme.indexOf("Hardening switched on by the prod config"), readme.indexOf("Before the first run"));
        expect(prodBaseline).to.contain("a GPU pool is not required");
    });

    it("says render mode needs the Pulumi CLI and the chart sources", () => {
        const render = readme.slice(readme.indexOf("## Render mode"), readme.indexOf("\n## ", readme.indexOf("## Render mode") + 1));
        expect(render).to.contain("the Pulumi CLI").and.to.contain("network access to the chart sources");
    });
});
