/**
 * docs/cost.md's node table is what `npm run cost` writes from the stack files (through loadConfig),
 * so the doc cannot drift from them; and the table follows the config it is given.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { costEnd, costStart, costTable, nodeRows, withTable } from "../scripts/cost";
import { root } from "./harness";
import { loadStack } from "./stackProblems";

describe("cost table (docs/cost.md)", () => {
    it("equals what npm run cost writes from the stack files", () => {
        const doc = fs.readFileSync(path.join(root, "docs", "cost.md"), "utf8");
        expect(doc.includes(costStart) && doc.includes(costEnd), "markers").to.equal(true);
        expect(doc, "docs/cost.md is stale: run npm run cost and commit it").to.equal(withTable(doc, costTable()));
    });

    it("shows each pool's size and counts as the config reader returns them", () => {
        const { config } = loadStack("dev", { aksGpuMinCount: "1", aksGpuSpotMaxCount: "5", aksGpuSpotMaxPrice: "0.9" });
        const rows = nodeRows(config!);
        expect(rows.map((r) => r.pool)).to.deep.equal(["system", "user", "gpu", "gpuspot"]);
        expect(rows[2]).to.deep.include({ vmSize: "Standard_NC4as_T4_v3", min: 1, max: 1 });
        expect(rows[2].notes).to.include("keeps 1 running");
        expect(rows[3]).to.deep.include({ min: 0, max: 5 });
        expect(rows[3].notes).to.include("at most $0.9/h");
    });
});
