// The platform-team example, run under mocks the way Pulumi would run it: it imports the
// components by package name (`kserve-platform`, resolved through package.json `exports`). The same
// program runs against the packed tarball in tests/package.test.ts (`npm run test:package`).
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { Harness, promiseOf, root } from "./harness";
import { componentClasses, exampleConfig, exampleDir as dir, shippedDashboard } from "./exampleProgram";

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const SCRIPT = "azure-native:resources:AzureCliScript";

describe("example: a platform team's program importing the package by name", () => {
    const h = new Harness();
    let outputs: Record<string, pulumi.Output<unknown>>;

    before(async () => {
        await h.setup("dev");
        h.compute(({ type, inputs }) => (type === "azure-native:dashboard:Grafana" ? { properties: { ...inputs.properties, endpoint: `https://${inputs.workspaceName}.weu.grafana.azure.com` } } : undefined));
        pulumi.runtime.setAllConfig(exampleConfig());
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        outputs = require(path.join(dir, "index.ts")) as Record<string, pulumi.Output<unknown>>;
        await h.settle();
    });

    it("imports `kserve-platform` as the package's own entry, resolved through `exports`", () => {
        expect(require.resolve("kserve-platform", { paths: [dir] })).to.equal(path.join(root, "components", "index.ts"));
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg.exports["."]).to.deep.equal({ "kserve-platform-source": "./components/index.ts", types: "./dist/components/index.d.ts", default: "./dist/components/index.js" });
        expect(pkg.types).to.equal("dist/components/index.d.ts");
        // `pulumi up` in the example loads the same TypeScript sources, so it needs no build first.
        const project = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { runtime: { options: Record<string, unknown> } };
        expect(project.runtime.options.nodeargs).to.equal("--conditions=kserve-platform-source");
    });

    it("imports the config reader as the subpath `kserve-platform/config`, built beside the entry", () => {
        expect(require.resolve("kserve-platform/config", { paths: [dir] })).to.equal(path.join(root, "config", "index.ts"));
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        expect(pkg.exports["./config"]).to.deep.equal({ "kserve-platform-source": "./config/index.ts", types: "./dist/config/index.d.ts", default: "./dist/config/index.js" });
        expect(pkg.files).to.include.members(["config/", "dist/config/"]);
    });

    it("exports every component class of components/ from the entry, the ones the README names among them", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const entry = require("kserve-platform") as Record<string, unknown>;
        const classes = componentClasses();
        expect(classes).to.include.members(["KServePlatform", "Models", "ModelAuthPolicies", "MonitoringWorkspace", "PlatformMonitoring", "ServingPlatform", "AksCluster"]);
        expect(classes.filter((c) => typeof entry[c] !== "function")).to.deep.equal([]);
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        for (const name of ["ModelAuthPolicies", "MonitoringWorkspace", "PlatformMonitoring"]) {
            expect(readme, name).to.contain(`\`${name}\``);
        }
    });

    it("builds the stack's component and each team's Models beside it", () => {
        expect(h.get("kserve-platform:stack:KServePlatform", "team-dev").parent).to.equal("");
        expect(h.get("kserve-platform:serving:Models", "fraud").parent).to.equal("");
        expect(h.get("kserve-platform:serving:Models", "vision").parent).to.equal("");
    });

    it("adds one namespace per team, retained on destroy, holding that team's models", () => {
        for (const [team, models] of [
            ["fraud", ["fraud-xgb", "fraud-sklearn"]],
            ["vision", ["resnet"]],
        ] as const) {
            const ns = h.all(NAMESPACE).filter((n) => n.inputs.metadata.name === team);
            expect(ns, team).to.have.length(1);
            expect(ns[0].retainOnDelete).to.equal(true);
            expect(ns[0].parent).to.equal(h.get("kserve-platform:serving:Models", team).urn);
            expect(h.all(ISVC).filter((r) => r.inputs.metadata.namespace === team).map((r) => r.inputs.metadata.name)).to.deep.equal(models);
        }
        // The stack's own config declares no models.
        expect(h.all(ISVC)).to.have.length(3);
    });

    it("gives the teams' models the stack's model settings (deployment mode, readiness timeout)", () => {
        // The example's stack sets deploymentMode Standard and modelReadyTimeoutSeconds 900; Models
        // defaults to Knative and 1800 s, so a program that dropped them would show those.
        for (const isvc of h.all(ISVC)) {
            expect(isvc.inputs.metadata.annotations, isvc.name).to.deep.include({ "serving.kserve.io/deploymentMode": "Standard", "pulumi.com/timeoutSeconds": "900" });
        }
    });

    it("makes the teams' models wait for KServe, the KnativeServing CR and their namespace", () => {
        const kserve = h.all("kubernetes:helm.sh/v3:Release").find((r) => r.inputs.name === "kserve-resources")!;
        const knative = h.all("kubernetes:operator.knative.dev/v1beta1:KnativeServing")[0];
        for (const isvc of h.all(ISVC)) {
            const ns = h.all(NAMESPACE).find((n) => n.inputs.metadata.name === isvc.inputs.metadata.namespace)!;
            expect([...h.transitiveDependencies(isvc)], isvc.name).to.include.members([kserve.urn, knative.urn, ns.urn]);
        }
    });

    it("sends the teams' resources through the stack's AKS cluster provider", () => {
        const provider = h.get("pulumi:providers:kubernetes", "team-dev-k8s");
        for (const r of [...h.all(ISVC), ...h.all(NAMESPACE).filter((n) => ["fraud", "vision"].includes(n.inputs.metadata.name))]) {
            expect(r.provider.startsWith(`${provider.urn}::`), r.name).to.equal(true);
        }
    });

    it("imports the shipped Grafana dashboards into the stack's Managed Grafana", async () => {
        for (const name of ["model", "platform"]) {
            expect(h.get(SCRIPT, `monitoring-dashboard-${name}`).inputs.scriptContent, name).to.contain(shippedDashboard(name));
        }
        expect(await promiseOf(outputs.grafanaUrl)).to.match(/^https:\/\/.+\.weu\.grafana\.azure\.com$/);
    });

    it("exports every model's endpoint", async () => {
        const endpoints = (await promiseOf(outputs.endpoints)) as Record<string, { url: string; protocol: string }>;
        expect(Object.keys(endpoints)).to.deep.equal(["fraud-xgb", "fraud-sklearn", "resnet"]);
        expect(endpoints["fraud-sklearn"]).to.deep.include({ url: "http://fraud-sklearn-fraud.models.team.example.com", protocol: "v2" });
        expect(endpoints.resnet).to.deep.include({ url: "http://resnet-vision.models.team.example.com", protocol: "v2" });
    });
});
