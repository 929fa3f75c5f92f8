// KServePlatform moved the program's components under one parent. Existing stacks must keep their
// resources: the direct children carry an alias to their old place at the stack's root (Pulumi's
// `{ parent: rootStackResource }` idiom, sent to the engine as an alias spec with noParent), and
// the engine derives their descendants' aliases from their parents' (pulumi/pulumi Alias docs).
import { expect } from "chai";
import { Harness, runProgram } from "./harness";
import { KServePlatform, type KServePlatformArgs } from "../components/stack";
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

// KServePlatform's args are plain typed values a program writes without stack config, the way
// pulumi-eks's Cluster takes its own: the discriminated `cluster`, then platform, ingress, models.
describe("stack: KServePlatformArgs written by hand, without stack config", () => {
    const h = new Harness();
    const args: KServePlatformArgs = {
        environment: "dev",
        cluster: { flavor: "existing", context: "kind-kserve" },
        platform: {
            domain: "ml.example.org",
            urlScheme: "https",
            deploymentMode: "Knative",
            installCertManager: true,
            installIstio: true,
            installRuntimes: true,
            protectCrds: true,
            meshMtlsMode: "STRICT",
            sidecarInjection: true,
            knativeProgressDeadline: "1200s",
            registriesSkippingTagResolving: [],
            knativeExtraFeatures: [],
            helmTimeoutSeconds: 600,
        },
        ingress: { serviceType: "LoadBalancer", internal: false },
        models: {
            models: [{ name: "iris", spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } } }],
            defaultNamespace: "ml",
            networkPolicies: true,
            readyTimeoutSeconds: 600,
            validation: {},
        },
    };

    before(async () => {
        await h.setup("by-hand");
        new KServePlatform("by-hand", args);
        await h.settle();
    });

    it("builds the existing cluster's provider from the cluster group, and the platform and models under the component", () => {
        const top = h.get("kserve-platform:stack:KServePlatform", "by-hand");
        expect(h.resources.filter((r) => r.parent === top.urn).map((r) => `${r.type}::${r.name}`)).to.have.members([
            "kserve-platform:cluster:ExistingCluster::cluster",
            "kserve-platform:platform:ServingPlatform::platform",
            "kserve-platform:serving:Models::models",
        ]);
        expect(h.all("pulumi:providers:kubernetes").map((p) => p.inputs.context)).to.include("kind-kserve");
    });

    it("maps the platform, ingress and models groups to the children", () => {
        const isvc = h.get("kubernetes:serving.kserve.io/v1beta1:InferenceService", "iris");
        expect(isvc.inputs.metadata.namespace).to.equal("ml");
        const namespace = h.all("kubernetes:core/v1:Namespace").find((n) => n.inputs.metadata.name === "ml");
        expect(namespace?.inputs.metadata.labels).to.include({ "istio-injection": "enabled" });
        expect(h.all("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.inputs.metadata.namespace)).to.include("ml");
        const peer = h.all("kubernetes:security.istio.io/v1:PeerAuthentication");
        expect(peer.map((p) => p.inputs.spec?.mtls?.mode)).to.include("STRICT");
    });
});
