import { expect } from "chai";
import { wildcardHost } from "../components/common";
import { Harness, Recorded, runProgram } from "./harness";
import type * as platformModule from "../components/platform";
import type * as servingModule from "../components/serving";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART = "kubernetes:helm.sh/v4:Chart";
const CONFIG_FILE = "kubernetes:yaml/v2:ConfigFile";
const GATEWAY = "kubernetes:gateway.networking.k8s.io/v1:Gateway";

// Every expectation below names its upstream source (KServe v0.20.0 unless said otherwise).
describe("LLM serving platform", () => {
    const h = new Harness();
    let platform: typeof platformModule;
    let serving: typeof servingModule;

    before(async () => {
        await h.setup();
        platform = await import("../components/platform");
        serving = await import("../components/serving");
    });

    const release = (name: string): Recorded => h.get(RELEASE, name);
    const urnOf = (r: { urn: { apply: (f: (u: string) => void) => unknown } }) => new Promise<string>((resolve) => r.urn.apply(resolve));
    /** Direct dependencies by registered name. */
    const depNames = (r: Recorded) => r.dependencies.map((u) => h.byUrn(u).name);

    describe("with llm, LeaderWorkerSet and KEDA on", () => {
        let p: platformModule.ServingPlatform;
        before(async () => {
            h.reset();
            p = new platform.ServingPlatform("p", {
                domain: "ml.example.org",
                llm: { enabled: true },
                leaderWorkerSet: true,
                keda: true,
            });
            await h.settle();
        });

        it("applies the CRDs from the pinned release manifests of kserve-deps.env, retained on delete", () => {
            // hack/setup/infra/gateway-api/manage.gateway-api-crd.sh and manage.gateway-api-extension-crd.sh; kserve-deps.env
            // GATEWAY_API_VERSION=v1.5.1, GIE_VERSION=v1.5.0, LLMD_ROUTER_VERSION=v0.9.0; manage.lws-operator.sh LWS_VERSION=v0.8.0.
            const files = Object.fromEntries(h.all(CONFIG_FILE).map((r) => [r.name, r]));
            expect(Object.fromEntries(Object.entries(files).map(([n, r]) => [n, r.inputs.file]))).to.deep.equal({
                "p-llm-crds-gateway-api": "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml",
                "p-llm-crds-inference-extension": "https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/v1.5.0/v1-manifests.yaml",
                "p-llm-crds-llmd-router": "https://github.com/llm-d/llm-d-router/releases/download/v0.9.0/manifests.yaml",
                "p-lws-manifest": "https://github.com/kubernetes-sigs/lws/releases/download/v0.8.0/manifests.yaml",
            });
            for (const r of Object.values(files)) {
                expect(r.retainOnDelete, r.name).to.equal(true);
            }
        });

        it("starts istiod after the Inference Extension CRDs, with inference routing on", () => {
            // KServe's llmisvc-dependencies doc: GIE CRDs before istiod; istio/istio 1.30.3 pilot/pkg/features/experimental.go.
            const istiod = release("p-istio-istiod");
            expect(depNames(istiod)).to.include.members(["p-llm-crds-gateway-api", "p-llm-crds-inference-extension", "p-llm-crds-llmd-router"]);
            expect(istiod.inputs.values.env).to.deep.equal({ ENABLE_GATEWAY_API_INFERENCE_EXTENSION: "true" });
        });

        it("creates kserve/kserve-ingress-gateway on the Istio ingress gateway, for inference.<domain>, after the CRDs and the gateway", () => {
            // kserve-resources values kserve.controller.gateway.ingressGateway.kserveGateway default kserve/kserve-ingress-gateway;
            // manage.gateway-api-gw.sh: HTTP :80, allowedRoutes from All. istio/istio 1.30.3 gatewaycommon/gateway_utils.go
            // IsManaged: one Hostname address binds the Gateway to that existing gateway Service (manual deployment).
            const gw = h.get(GATEWAY, "p-llm-gateway-gateway");
            expect(gw.inputs).to.deep.equal({
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "Gateway",
                metadata: { name: "kserve-ingress-gateway", namespace: "kserve" },
                spec: {
                    gatewayClassName: "istio",
                    addresses: [{ type: "Hostname", value: "istio-ingressgateway.istio-system.svc.cluster.local" }],
                    listeners: [{ name: "http", protocol: "HTTP", port: 80, hostname: "inference.ml.example.org", allowedRoutes: { namespaces: { from: "All" } } }],
                },
            });
            expect(depNames(gw)).to.include.members(["p-llm-crds-gateway-api", "p-istio-gateway", "p-kserve-crd"]);
            expect(release("p-kserve-resources").inputs.values.kserve.controller.gateway.ingressGateway).to.deep.equal({ kserveGateway: "kserve/kserve-ingress-gateway" });
            expect(p.llmGateway?.host).to.equal("inference.ml.example.org");
        });

        it("installs the llmisvc charts as KServe's helm install does, with shared resources and GIE CRDs left to others", () => {
            // hack/setup/infra/manage.kserve-helm.sh (kserve-llmisvc-crd, kserve-llmisvc-resources at KSERVE_VERSION);
            // common.sh determine_shared_resources_helm: createSharedResources=false when kserve-resources is installed too;
            // charts/kserve-llmisvc-resources values.yaml kserve.llmisvc.createGIECRDs.
            const crd = release("p-kserve-llmisvc-crd");
            expect(crd.inputs).to.deep.include({ name: "kserve-llmisvc-crd", namespace: "kserve", chart: "oci://ghcr.io/kserve/charts/kserve-llmisvc-crd", version: "v0.20.0" });
            expect(crd.retainOnDelete).to.equal(true);
            expect(depNames(crd)).to.deep.equal(["p-kserve-crd"]);
            const res = release("p-kserve-llmisvc-resources");
            expect(res.inputs).to.deep.include({ name: "kserve-llmisvc-resources", namespace: "kserve", chart: "oci://ghcr.io/kserve/charts/kserve-llmisvc-resources", version: "v0.20.0" });
            expect(res.inputs.values).to.deep.equal({ kserve: { version: "v0.20.0", createSharedResources: false, llmisvc: { createGIECRDs: false } } });
        });

        it("starts each controller after the CRDs it looks for once, at start-up", () => {
            // pkg/controller/v1alpha2/llmisvc/controller.go SetupWithManager: IsCrdAvailable for HTTPRoute, Gateway,
            // InferencePool, ScaledObject, LeaderWorkerSet; v1beta1/inferenceservice/controller.go: ScaledObject.
            expect(depNames(release("p-kserve-llmisvc-resources"))).to.include.members([
                "p-kserve-llmisvc-crd",
                "p-kserve-resources",
                "p-llm-crds-gateway-api",
                "p-llm-crds-inference-extension",
                "p-llm-crds-llmd-router",
                "p-lws-manifest",
                "p-keda-chart",
            ]);
            expect(depNames(release("p-kserve-resources"))).to.include("p-keda-chart");
        });

        it("installs the kserve-config-llm-* presets after the llmisvc webhook", () => {
            // manage.kserve-helm.sh: kserve-runtime-configs with kserve.llmisvcConfigs.enabled after the controllers.
            const rt = release("p-kserve-runtimes");
            expect(rt.inputs.values.kserve.llmisvcConfigs).to.deep.equal({ enabled: true });
            expect(rt.inputs.values.kserve.servingruntime).to.deep.equal({ enabled: true });
            expect(depNames(rt)).to.include.members(["p-kserve-resources", "p-kserve-llmisvc-resources"]);
        });

        it("installs KEDA 2.18 from the kedacore chart into keda", () => {
            // manage.keda-helm.sh: `helm install keda kedacore/keda --version $KEDA_VERSION`, KEDA_NAMESPACE=keda; kedacore/charts tag v2.18.3.
            const k = release("p-keda-chart");
            expect(k.inputs).to.deep.include({ name: "keda", namespace: "keda", chart: "keda", version: "2.18.3" });
            expect(k.inputs.repositoryOpts).to.deep.equal({ repo: "https://kedacore.github.io/charts" });
        });

        it("exposes what LLMs and models wait for", async () => {
            expect(await Promise.all(p.llmDependencies.map(urnOf))).to.deep.equal([
                release("p-kserve-runtimes").urn,
                release("p-kserve-llmisvc-resources").urn,
                h.get(GATEWAY, "p-llm-gateway-gateway").urn,
            ]);
            expect(await Promise.all(p.modelDependencies.map(urnOf))).to.deep.equal([release("p-kserve-runtimes").urn, release("p-keda-chart").urn]);
        });
    });

    describe("with llm off", () => {
        let p: platformModule.ServingPlatform;
        before(async () => {
            h.reset();
            p = new platform.ServingPlatform("p", { llm: { enabled: false } });
            await h.settle();
        });

        it("installs none of it and keeps the presets off", () => {
            expect(h.all(CONFIG_FILE)).to.deep.equal([]);
            expect(h.all(GATEWAY)).to.deep.equal([]);
            expect(h.all(RELEASE).map((r) => r.inputs.name)).to.not.include.members(["kserve-llmisvc-crd"]);
            expect(release("p-istio-istiod").inputs.values.env).to.equal(undefined);
            expect(release("p-kserve-runtimes").inputs.values.kserve.llmisvcConfigs).to.deep.equal({ enabled: false });
            expect(p.llmDependencies).to.deep.equal([]);
        });
    });

    describe("edge cases", () => {
        beforeEach(() => h.reset());

        it("installs the presets even without the default runtimes, as KServe's LLM-only install does", async () => {
            // llmisvc-full-install.definition: INSTALL_RUNTIMES=false, INSTALL_LLMISVC_CONFIGS=true.
            new platform.ServingPlatform("p", { llm: { enabled: true }, kserve: { runtimes: false } });
            await h.settle();
            expect(release("p-kserve-runtimes").inputs.values.kserve).to.deep.include({ servingruntime: { enabled: false }, llmisvcConfigs: { enabled: true } });
        });

        it("binds to the cluster's own ingress gateway Service when Istio is not installed by the platform", async () => {
            new platform.ServingPlatform("q", { istio: false, llm: { enabled: true, ingressService: "gw.mesh.svc.cluster.local" } });
            await h.settle();
            expect(h.get(GATEWAY, "q-llm-gateway-gateway").inputs.spec.addresses).to.deep.equal([{ type: "Hostname", value: "gw.mesh.svc.cluster.local" }]);
        });

        it("refuses LeaderWorkerSet without LLM serving", () => {
            expect(() => new platform.ServingPlatform("q", { leaderWorkerSet: true })).to.throw("leaderWorkerSet needs llm.enabled");
        });

        it("renders the llmisvc charts with helm v4 Chart in render mode", async () => {
            new platform.ServingPlatform("p", { llm: { enabled: true }, chartResource: "Chart" });
            await h.settle();
            expect(h.all(RELEASE)).to.deep.equal([]);
            expect(h.get(CHART, "p-kserve-llmisvc-resources").inputs.values.kserve.createSharedResources).to.equal(false);
        });
    });

    describe("from stack config: the local stack with llmServing and monitoring on", () => {
        before(async () => {
            await h.setup("local");
            await runProgram(h, "local", {}, { "kserve-platform:llmServing": "true", "kserve-platform:monitoring": "true", "kserve-platform:monitoringPrometheusOperator": "true" });
        });
        after(async () => {
            await h.setup();
        });

        it("installs the LLM path for inference.<domain> and scrapes vLLM and the scheduler in the model namespace", () => {
            expect(h.get(GATEWAY, "platform-llm-gateway-gateway").inputs.spec.listeners[0].hostname).to.equal("inference.example.com");
            expect(release("platform-kserve-llmisvc-resources").inputs.name).to.equal("kserve-llmisvc-resources");
            const monitors = h.resources.filter((r) => r.type === "kubernetes:monitoring.coreos.com/v1:PodMonitor").map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`);
            expect(monitors).to.include.members(["models/kserve-llm-vllm", "models/kserve-llm-scheduler"]);
            // No model asks for KEDA: none installed.
            expect(h.all(RELEASE).map((r) => r.inputs.name)).to.not.include("keda");
        });
    });

    describe("LLM hosts", () => {
        it("every LLM URL's host is inference.<domain>, which the gateway's listener and the *.<domain> certificate cover", () => {
            // kserve v0.20.0 router_discovery.go extractHostnamesForListener: a route without hostnames on a
            // listener with an exact hostname gets that hostname in status.url.
            const domain = "models.example.com";
            const host = platform.llmHost(domain);
            expect(host).to.equal("inference.models.example.com");
            const listener = (platform.llmGatewayManifest({ namespace: "kserve", domain, ingressService: "istio-ingressgateway.istio-system.svc.cluster.local" }).spec.listeners as { hostname: string }[])[0];
            expect(serving.listenerMatches(listener.hostname, host)).to.equal(true);
            expect(serving.certificateCovers(wildcardHost(domain), host)).to.equal(true);
        });
    });

    describe("modelsNeedKeda", () => {
        it("is true only when a model asks for the keda autoscaler class", () => {
            expect(serving.modelsNeedKeda([{ annotations: { "serving.kserve.io/autoscalerClass": "keda" } }])).to.equal(true);
            expect(serving.modelsNeedKeda([{ annotations: { "serving.kserve.io/autoscalerClass": "hpa" } }, {}])).to.equal(false);
        });
    });
});
