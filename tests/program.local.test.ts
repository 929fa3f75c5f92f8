import { expect } from "chai";
import { Harness, kubernetesCharts, promiseOf, Recorded, runProgram } from "./harness";
import { ValidationError } from "../components/common";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART = "kubernetes:helm.sh/v4:Chart";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const IG = "kubernetes:serving.kserve.io/v1alpha1:InferenceGraph";
const KNATIVE = "kubernetes:operator.knative.dev/v1beta1:KnativeServing";
const PROVIDER = "pulumi:providers:kubernetes";

const releaseOf = (h: Harness, releaseName: string): Recorded => {
    const found = h.all(RELEASE).filter((r) => r.inputs.name === releaseName);
    expect(found, releaseName).to.have.length(1);
    return found[0];
};

describe("program: local stack", () => {
    const h = new Harness();
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("local");
        outputs = await runProgram(h, "local");
    });

    it("installs one Release per chart, at the pinned versions", () => {
        const byChart = Object.fromEntries(h.all(RELEASE).map((r) => [r.inputs.chart, r.inputs]));
        expect(Object.keys(byChart)).to.have.members(kubernetesCharts.map((c) => c.chart));
        for (const c of kubernetesCharts) {
            expect(byChart[c.chart].version, c.chart).to.equal("version" in c ? c.version : undefined);
        }
        expect(h.all(RELEASE)).to.have.length(kubernetesCharts.length);
    });

    it("declares the KnativeServing CR and one InferenceService per model", () => {
        expect(h.all(KNATIVE)).to.have.length(1);
        expect(h.all(ISVC).map((r) => r.inputs.metadata.name)).to.deep.equal(["sklearn-iris", "xgboost-iris"]);
        expect(h.get(ISVC, "sklearn-iris").inputs.metadata.namespace).to.equal("models");
    });

    it("makes every InferenceService depend, transitively, on the KServe controller and the KnativeServing CR", () => {
        for (const isvc of h.all(ISVC)) {
            const deps = h.transitiveDependencies(isvc);
            expect(deps).to.include(releaseOf(h, "kserve-resources").urn);
            expect(deps).to.include(releaseOf(h, "kserve-runtime-configs").urn);
            expect(deps).to.include(h.all(KNATIVE)[0].urn);
        }
    });

    it("installs kserve-resources after cert-manager and kserve-crd", () => {
        const deps = releaseOf(h, "kserve-resources").dependencies;
        expect(deps).to.include(releaseOf(h, "cert-manager").urn);
        expect(deps).to.include(releaseOf(h, "kserve-crd").urn);
    });

    it("retains kserve-crd on destroy and keeps the model namespace", () => {
        expect(releaseOf(h, "kserve-crd").retainOnDelete).to.equal(true);
        const ns = h.all("kubernetes:core/v1:Namespace").find((n) => n.inputs.metadata.name === "models")!;
        expect(ns.retainOnDelete).to.equal(true);
    });

    it("sends every Kubernetes resource through the cluster's provider", () => {
        const provider = h.get(PROVIDER, "cluster-k8s");
        const providerRef = `${provider.urn}::${provider.name}-id`;
        const kubernetes = h.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
        expect(kubernetes.length).to.be.greaterThan(10);
        for (const r of kubernetes) {
            expect(r.provider, `${r.type} ${r.name}`).to.equal(providerRef);
        }
    });

    it("builds everything under one KServePlatform component, named after the stack", () => {
        const top = h.get("kserve-platform:stack:KServePlatform", "kserve-local");
        expect(top.parent).to.equal("");
        // The cluster, the platform and the models are its children; their children stay theirs.
        expect(h.get("kserve-platform:cluster:ExistingCluster", "cluster").parent).to.equal(top.urn);
        const platform = h.get("kserve-platform:platform:ServingPlatform", "platform");
        const models = h.get("kserve-platform:serving:Models", "models");
        expect(platform.parent).to.equal(top.urn);
        expect(models.parent).to.equal(top.urn);
        expect(h.get(ISVC, "sklearn-iris").parent).to.equal(models.urn);
        expect(platform.urn).to.equal("urn:pulumi:local::kserve-platform::kserve-platform:stack:KServePlatform$kserve-platform:platform:ServingPlatform::platform");
    });

    it("gives the ingress gateway a NodePort, as the local stack asks", () => {
        expect(releaseOf(h, "istio-ingressgateway").inputs.values.service.type).to.equal("NodePort");
    });

    it("exports endpoints taken from the InferenceService status", async () => {
        expect(await promiseOf(outputs.endpoints)).to.deep.equal({
            "sklearn-iris": {
                url: "http://sklearn-iris-models.example.com",
                internalUrl: "http://sklearn-iris-predictor.models.svc.cluster.local",
                protocol: "v1",
                predictUrl: "http://sklearn-iris-models.example.com/v1/models/sklearn-iris:predict",
                ready: true,
            },
            "xgboost-iris": {
                url: "http://xgboost-iris-models.example.com",
                internalUrl: "http://xgboost-iris-predictor.models.svc.cluster.local",
                protocol: "v1",
                predictUrl: "http://xgboost-iris-models.example.com/v1/models/xgboost-iris:predict",
                ready: true,
            },
            // The graph's status.url: its Knative Service's URL from the domain-template the platform
            // sets (tests/harness.ts upstreamGraphStatus); the router answers at its root path.
            "iris-ensemble": {
                kind: "InferenceGraph",
                url: "http://iris-ensemble-models.example.com",
                protocol: "v1",
                predictUrl: "http://iris-ensemble-models.example.com",
                ready: true,
            },
        });
        expect(outputs.domain).to.equal("example.com");
    });

    it("declares the InferenceGraph of the stack file over its own models, as KServe's ensemble sample does", () => {
        const [graph] = h.all(IG);
        expect(h.all(IG)).to.have.length(1);
        expect(graph.inputs).to.deep.equal({
            apiVersion: "serving.kserve.io/v1alpha1",
            kind: "InferenceGraph",
            metadata: {
                name: "iris-ensemble",
                namespace: "models",
                annotations: { "serving.kserve.io/deploymentMode": "Knative", "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "1800" },
            },
            spec: {
                minReplicas: 0,
                nodes: { root: { routerType: "Ensemble", steps: [{ name: "sklearn-iris", serviceName: "sklearn-iris" }, { name: "xgboost-iris", serviceName: "xgboost-iris" }] } },
            },
        });
        // Under the Models component; after (and, on destroy, before) the models it calls, whose
        // addresses KServe's controller resolves into the router's config (controller.go).
        expect(graph.parent).to.equal(h.all("kserve-platform:serving:Models")[0].urn);
        expect(graph.dependencies).to.include.members(h.all(ISVC).map((r) => r.urn));
        expect(graph.replaceOnChanges).to.deep.equal(['metadata.annotations["serving.kserve.io/deploymentMode"]']);
    });
});

describe("program: Knative flags follow the models", () => {
    it("enables the PodSpec flags the declared models use, plus the extra ones asked for", async () => {
        const h = new Harness();
        await h.setup("local");
        const models = [
            { name: "gpu", spec: { predictor: { nodeSelector: { pool: "gpu" }, tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }], model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m", resources: { limits: { "nvidia.com/gpu": "1" } } } } } },
        ];
        await runProgram(h, "local", {}, { "kserve-platform:models": JSON.stringify(models), "kserve-platform:knativeExtraFeatures": '["kubernetes.podspec-affinity"]' });
        expect(h.all(KNATIVE)[0].inputs.spec.config.features).to.deep.equal({
            "kubernetes.podspec-affinity": "enabled",
            "kubernetes.podspec-nodeselector": "enabled",
            "kubernetes.podspec-tolerations": "enabled",
        });
    });
});

describe("program: render mode", () => {
    it("renders every manifest to a directory with helm v4 Charts instead of Releases", async () => {
        const h = new Harness();
        await h.setup("local");
        await runProgram(h, "local", {}, { "kserve-platform:renderYamlToDirectory": "rendered" });
        expect(h.get(PROVIDER, "cluster-k8s").inputs.renderYamlToDirectory).to.equal("rendered");
        expect(h.all(RELEASE)).to.deep.equal([]);
        expect(h.all(CHART)).to.have.length(kubernetesCharts.length);
        expect(h.all(ISVC)).to.have.length(2);
    });
});

describe("program: invalid config", () => {
    it("fails with every problem listed and registers nothing", async () => {
        const h = new Harness();
        await h.setup("local");
        const models = [{ name: "a", spec: { predictor: { minReplicas: -1, model: { modelFormat: { name: "sklearn" } } } } }, { name: "a", spec: {} }];
        let error: unknown;
        try {
            await runProgram(h, "local", {}, { "kserve-platform:models": JSON.stringify(models), "kserve-platform:urlScheme": "ftp" });
        } catch (e) {
            error = e;
        }
        expect(error).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).problems.map((p) => `${p.subject} ${p.path}`)).to.have.members([
            "kserve-platform:urlScheme ",
            'kserve-platform:models[0] "a" spec.predictor.minReplicas',
            'kserve-platform:models[1] "a" name',
            'kserve-platform:models[1] "a" spec.predictor',
        ]);
        await h.settle();
        expect(h.resources).to.deep.equal([]);
    });
});
