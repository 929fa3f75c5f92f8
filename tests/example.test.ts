// The platform-team example, run under mocks the way Pulumi would run it: it imports the
// components by package name (`kserve-platform`, resolved through package.json `exports`).
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { Harness, promiseOf, root } from "./harness";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const dir = path.join(root, "examples", "platform-team");

describe("example: a platform team's program importing the package by name", () => {
    const h = new Harness();
    let outputs: Record<string, pulumi.Output<unknown>>;

    before(async () => {
        await h.setup("dev");
        const stackFile = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
        pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(stackFile.config).map(([k, v]) => [k, String(v)])));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        outputs = require(path.join(dir, "index.ts")) as Record<string, pulumi.Output<unknown>>;
        await h.settle();
    });

    it("imports `kserve-platform` as the package's own entry, resolved through `exports`", () => {
        expect(require.resolve("kserve-platform", { paths: [dir] })).to.equal(path.join(root, "components", "index.ts"));
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg.exports["."]).to.deep.equal({ "kserve-platform-source": "./components/index.ts", types: "./dist/components/index.d.ts", default: "./dist/components/index.js" });
        expect(pkg.types).to.equal("dist/components/index.d.ts");
    });

    it("imports the config reader as the subpath `kserve-platform/config`, built beside the entry", () => {
        expect(require.resolve("kserve-platform/config", { paths: [dir] })).to.equal(path.join(root, "config", "index.ts"));
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg.exports["./config"]).to.deep.equal({ "kserve-platform-source": "./config/index.ts", types: "./dist/config/index.d.ts", default: "./dist/config/index.js" });
        expect(pkg.files).to.include.members(["config/", "dist/config/"]);
    });

    it("builds the stack's component and the team's Models beside it", () => {
        expect(h.get("kserve-platform:stack:KServePlatform", "team-dev").parent).to.equal("");
        expect(h.get("kserve-platform:serving:Models", "fraud").parent).to.equal("");
    });

    it("adds one namespace, retained on destroy, holding the team's two models", () => {
        const fraud = h.all(NAMESPACE).filter((n) => n.inputs.metadata.name === "fraud");
        expect(fraud).to.have.length(1);
        expect(fraud[0].retainOnDelete).to.equal(true);
        expect(fraud[0].parent).to.equal(h.get("kserve-platform:serving:Models", "fraud").urn);
        const team = h.all(ISVC).filter((r) => r.inputs.metadata.namespace === "fraud");
        expect(team.map((r) => r.inputs.metadata.name)).to.deep.equal(["fraud-xgb", "fraud-sklearn"]);
        // The stack's own config declares no models.
        expect(h.all(ISVC)).to.have.length(2);
    });

    it("makes the team's models wait for KServe, the KnativeServing CR and their namespace", () => {
        const kserve = h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "kserve-resources")!;
        const knative = h.all("kubernetes:operator.knative.dev/v1beta1:KnativeServing")[0];
        const ns = h.all(NAMESPACE).find((n) => n.inputs.metadata.name === "fraud")!;
        for (const isvc of h.all(ISVC)) {
            const deps = h.transitiveDependencies(isvc);
            expect([...deps], isvc.name).to.include.members([kserve.urn, knative.urn, ns.urn]);
        }
    });

    it("sends the team's resources through the stack's cluster provider", () => {
        const provider = h.get("pulumi:providers:kubernetes", "cluster-k8s");
        for (const r of [...h.all(ISVC), ...h.all(NAMESPACE).filter((n) => n.inputs.metadata.name === "fraud")]) {
            expect(r.provider.startsWith(`${provider.urn}::`), r.name).to.equal(true);
        }
    });

    it("exports every model's endpoint", async () => {
        const endpoints = (await promiseOf(outputs.endpoints)) as Record<string, { url: string; protocol: string }>;
        expect(Object.keys(endpoints)).to.deep.equal(["fraud-xgb", "fraud-sklearn"]);
        expect(endpoints["fraud-sklearn"]).to.deep.include({ url: "http://fraud-sklearn-fraud.example.com", protocol: "v2" });
    });
});
