// Every stack registers exactly what tests/snapshots/<stack>.json records: the same resources, names,
// types, parents, aliases, inputs and options. A refactor must not change the files (a changed URN or
// parent is a replacement for an existing stack); a feature that changes them on purpose rewrites
// them with `npm run snapshot`, and the diff is the review of what the next `pulumi up` sends.
import * as fs from "fs";
import { expect } from "chai";
import { Harness } from "./harness";
import { registrations, snapshotFile, snapshotStacks } from "./registrations";

describe("snapshots: what every stack registers", () => {
    for (const name of Object.keys(snapshotStacks)) {
        it(`${name} registers what tests/snapshots/${name}.json records`, async () => {
            const expected = fs.readFileSync(snapshotFile(name), "utf8");
            const actual = await registrations(new Harness(), name);
            if (actual !== expected) {
                const a = JSON.parse(actual) as { urn: string }[];
                const e = JSON.parse(expected) as { urn: string }[];
                const added = a.filter((r) => !e.some((x) => x.urn === r.urn)).map((r) => r.urn);
                const removed = e.filter((r) => !a.some((x) => x.urn === r.urn)).map((r) => r.urn);
                const changed = a.filter((r) => { const x = e.find((y) => y.urn === r.urn); return x && JSON.stringify(x) !== JSON.stringify(r); }).map((r) => r.urn);
                expect.fail(`${name} differs from its snapshot (run npm run snapshot if that is meant)\nadded: ${added.join("\n  ")}\nremoved: ${removed.join("\n  ")}\nchanged: ${changed.join("\n  ")}`);
            }
        });
    }
});
