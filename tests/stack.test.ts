// KServePlatform moved the program's components under one parent. Existing stacks must keep their
// resources: the direct children carry an alias to their old place at the stack's root (Pulumi's
// `{ parent: rootStackResource }` idiom, sent to the engine as an alias spec with noParent), and
// the engine derives their descendants' aliases from their parents' (pulumi/pulumi Alias docs).
import { expect } from "chai";
import { Harness, runProgram } from "./harness";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");

describe("stack: KServePlatform keeps existing stacks' resources", () => {
    const h = new Harness();
    const aliases = new Map<string, { noParent: boolean; name: string }[]>();

    before(async () => {
        await h.setup("local");
        const monitor = settings.getMonitor();
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            const specs = req.getAliasesList().map((a: any) => ({ noParent: a.getSpec()?.getNoparent() === true, name: a.getSpec()?.getName() ?? "" }));
            aliases.set(`${req.getType()}::${req.getName()}`, specs);
            return register(req, callback);
        };
        await runProgram(h, "local");
    });

    it("aliases each direct child to the stack's root", () => {
        const top = h.get("kserve-platform:stack:KServePlatform", "kserve-local");
        const children = h.resources.filter((r) => r.parent === top.urn).map((r) => `${r.type}::${r.name}`);
        expect(children).to.have.members(["kserve-platform:cluster:ExistingCluster::cluster", "kserve-platform:platform:ServingPlatform::platform", "kserve-platform:serving:Models::models"]);
        for (const child of children) {
            expect(aliases.get(child), child).to.deep.equal([{ noParent: true, name: "" }]);
        }
    });

    it("adds no alias of its own to the component, which is new", () => {
        expect(aliases.get("kserve-platform:stack:KServePlatform::kserve-local")).to.deep.equal([]);
    });
});
