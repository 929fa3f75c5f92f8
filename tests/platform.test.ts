import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Gate, Harness, kubernetesCharts, Recorded } from "./harness";
import { charts, versions } from "../components/versions";
import { mergeValues } from "../components/common";
import type * as platformModule from "../components/platform";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART = "kubernetes:helm.sh/v4:Chart";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const KNATIVE = "kubernetes:operator.knative.dev/v1beta1:KnativeServing";
const PEER_AUTH = "kubernetes:security.istio.io/v1:PeerAuthentication";
const INGRESS_CLASS = "kubernetes:networking.k8s.io/v1:IngressClass";

/** A stand-in for another install a component waits for. */
function gate(name: string): pulumi.CustomResource {
    return new Gate(name);
}

describe("platform components", () => {
    const h = new Harness();
    let platform: typeof platformModule;

    before(async () => {
        await h.setup();
        platform = await import("../components/platform");
    });
    beforeEach(() => h.reset());

    const release = (name: string): Recorded => h.get(RELEASE, name);
    const parentOf = (r: Recorded) => h.byUrn(r.parent);

    describe("CertManager", () => {
        it("installs the jetstack chart with its CRDs (kept on uninstall) into its namespace", async () => {
            new platform.CertManager("cm", { values: { replicaCount: 2 } });
            await h.settle();
            const r = release("cm");
            expect(r.inputs).to.deep.include({ name: "cert-manager", namespace: "cert-manager", chart: "cert-manager", version: "v1.21.1", timeout: 600, cleanupOnFail: true });
            expect(r.inputs.repositoryOpts).to.deep.equal({ repo: "https://charts.jetstack.io" });
            expect(r.inputs.values).to.deep.equal({ crds: { enabled: true, keep: true }, replicaCount: 2 });
            const ns = h.get(NAMESPACE, "cm-ns");
            expect(ns.inputs.metadata.name).to.equal("cert-manager");
            expect(r.dependencies).to.deep.equal([ns.urn]);
            expect(parentOf(r).type).to.equal("kserve-platform:platform:CertManager");
            expect(parentOf(ns).type).to.equal("kserve-platform:platform:CertManager");
        });
    });

    describe("Istio", () => {
        it("installs base, istiod and the gateway named istio-ingressgateway, in that order", async () => {
            new platform.Istio("istio");
            await h.settle();
            const base = release("istio-base");
            const istiod = release("istio-istiod");
            const gw = release("istio-gateway");
            for (const [r, chart] of [[base, "base"], [istiod, "istiod"], [gw, "gateway"]] as const) {
                expect(r.inputs.chart).to.equal(chart);
                expect(r.inputs.version).to.equal("1.30.3");
                expect(r.inputs.namespace).to.equal("istio-system");
                expect(r.inputs.repositoryOpts.repo).to.equal("https://istio-release.storage.googleapis.com/charts");
                expect(parentOf(r).type).to.equal("kserve-platform:platform:Istio");
            }
            expect(base.inputs.name).to.equal("istio-base");
            expect(base.inputs.values).to.deep.equal({ defaultRevision: "default" });
            expect(istiod.inputs.name).to.equal("istiod");
            // The istiod chart's values are flat.
            expect(istiod.inputs.values).to.deep.equal({ podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" } });
            // Knative's gateways select istio: ingressgateway, which the chart derives from this name.
            expect(gw.inputs.name).to.equal("istio-ingressgateway");
            expect(base.dependencies).to.deep.equal([h.get(NAMESPACE, "istio-ns").urn]);
            expect(istiod.dependencies).to.deep.equal([base.urn]);
            expect(gw.dependencies).to.deep.equal([istiod.urn]);
        });

        it("configures the gateway service and the mesh-wide mTLS mode", async () => {
            new platform.Istio("istio", {
                mtlsMode: "STRICT",
                gateway: { serviceType: "LoadBalancer", serviceAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }, minReplicas: 2, maxReplicas: 4 },
            });
            await h.settle();
            expect(release("istio-gateway").inputs.values).to.deep.equal({
                service: { type: "LoadBalancer", annotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } },
                podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" },
                autoscaling: { minReplicas: 2, maxReplicas: 4 },
            });
            const pa = h.get(PEER_AUTH, "istio-mtls");
            expect(pa.inputs.metadata).to.deep.equal({ name: "default", namespace: "istio-system" });
            expect(pa.inputs.spec).to.deep.equal({ mtls: { mode: "STRICT" } });
            expect(pa.dependencies).to.deep.equal([release("istio-istiod").urn]);
        });

        it("defaults to PERMISSIVE mTLS and creates the istio IngressClass", async () => {
            new platform.Istio("istio");
            await h.settle();
            expect(h.get(PEER_AUTH, "istio-mtls").inputs.spec.mtls.mode).to.equal("PERMISSIVE");
            expect(h.get(INGRESS_CLASS, "istio-ingress-class").inputs).to.deep.include({ metadata: { name: "istio" }, spec: { controller: "istio.io/ingress-controller" } });
        });
    });

    describe("KnativeServing", () => {
        it("installs the operator from its release archive, then a KnativeServing CR awaited until Ready", async () => {
            const istio = gate("istio");
            new platform.KnativeServing("kn", { domain: "ml.example.org", istio, features: { "kubernetes.podspec-tolerations": "enabled" } });
            await h.settle();
            const op = release("kn-operator");
            expect(op.inputs).to.deep.include({ name: "knative-operator", namespace: "knative-operator", chart: charts.knativeOperator.chart });
            expect(op.inputs.chart).to.equal("https://github.com/knative/operator/releases/download/knative-v1.21.4/knative-operator-v1.21.4.tgz");
            expect(op.inputs.version).to.equal(undefined);
            const cr = h.get(KNATIVE, "kn-serving");
            expect(cr.inputs.metadata).to.deep.equal({
                name: "knative-serving",
                namespace: "knative-serving",
                annotations: { "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "600" },
            });
            expect(cr.inputs.spec).to.deep.equal({
                version: "1.21.3",
                config: {
                    domain: { "ml.example.org": "" },
                    // One label per model: knative.dev/networking config-network.yaml suggests this template for wildcard certificates.
                    network: { "domain-template": "{{.Name}}-{{.Namespace}}.{{.Domain}}" },
                    deployment: { "progress-deadline": "1200s", "registries-skipping-tag-resolving": "kind.local,ko.local,dev.local,nvcr.io,index.docker.io" },
                    features: { "kubernetes.podspec-tolerations": "enabled" },
                },
            });
            expect(cr.dependencies).to.have.members([op.urn, h.get(NAMESPACE, "kn-serving-ns").urn, h.get("test:index:Gate", "istio").urn]);
        });

        it("merges extra Knative config over the platform's", async () => {
            new platform.KnativeServing("kn", { progressDeadline: "45m", config: { autoscaler: { "scale-to-zero-pod-retention-period": "5m" }, deployment: { "queue-sidecar-cpu-request": "50m" } } });
            await h.settle();
            expect(h.get(KNATIVE, "kn-serving").inputs.spec.config).to.deep.equal({
                domain: { "example.com": "" },
                network: { "domain-template": "{{.Name}}-{{.Namespace}}.{{.Domain}}" },
                deployment: { "progress-deadline": "45m", "registries-skipping-tag-resolving": "kind.local,ko.local,dev.local,nvcr.io,index.docker.io", "queue-sidecar-cpu-request": "50m" },
                autoscaler: { "scale-to-zero-pod-retention-period": "5m" },
            });
        });
    });

    describe("KServe", () => {
        it("retains the CRD release and installs the controller after cert-manager, the CRDs and Knative, then the runtimes", async () => {
            const certManager = gate("cert-manager");
            const knative = gate("knative");
            new platform.KServe("ks", { domain: "ml.example.org", urlScheme: "https", certManager, knativeServing: knative });
            await h.settle();
            const crd = release("ks-crd");
            const resources = release("ks-resources");
            const runtimes = release("ks-runtimes");
            expect(crd.inputs).to.deep.include({ name: "kserve-crd", namespace: "kserve", chart: "oci://ghcr.io/kserve/charts/kserve-crd", version: "v0.20.0" });
            expect(crd.retainOnDelete).to.equal(true);
            expect(crd.protect).to.equal(false);
            expect(resources.inputs).to.deep.include({ name: "kserve-resources", chart: "oci://ghcr.io/kserve/charts/kserve-resources", version: "v0.20.0" });
            expect(resources.inputs.values).to.deep.equal({
                kserve: { version: "v0.20.0", controller: { deploymentMode: "Knative", gateway: { domain: "ml.example.org", domainTemplate: "{{.Name}}-{{.Namespace}}.{{.IngressDomain}}", urlScheme: "https" } } },
            });
            expect(resources.dependencies).to.have.members([crd.urn, h.get("test:index:Gate", "cert-manager").urn, h.get("test:index:Gate", "knative").urn]);
            expect(runtimes.inputs).to.deep.include({ name: "kserve-runtime-configs", chart: "oci://ghcr.io/kserve/charts/kserve-runtime-configs", version: versions.kserve });
            expect(runtimes.inputs.values).to.deep.equal({ kserve: { version: "v0.20.0", servingruntime: { enabled: true }, llmisvcConfigs: { enabled: false } } });
            expect(runtimes.dependencies).to.deep.equal([resources.urn]);
            const ns = h.get(NAMESPACE, "ks-ns");
            expect(ns.retainOnDelete).to.equal(true);
            expect(crd.dependencies).to.deep.equal([ns.urn]);
        });

        it("protects the CRD release on request", async () => {
            new platform.KServe("ks", { protectCrds: true });
            await h.settle();
            expect(release("ks-crd").protect).to.equal(true);
            expect(release("ks-crd").retainOnDelete).to.equal(true);
        });

        it("without runtimes, models wait for the controller", async () => {
            const ks = new platform.KServe("ks", { runtimes: false });
            await h.settle();
            expect(h.all(RELEASE).map((r) => r.name)).to.have.members(["ks-crd", "ks-resources"]);
            expect(await new Promise((resolve) => ks.readyForModels[0].urn.apply(resolve))).to.equal(release("ks-resources").urn);
        });
    });

    describe("ServingPlatform", () => {
        it("wires only real dependencies, so cert-manager, Istio, the operator and the CRDs install in parallel", async () => {
            new platform.ServingPlatform("p", { domain: "ml.example.org" });
            await h.settle();
            const cm = release("p-cert-manager");
            const base = release("p-istio-base");
            const op = release("p-knative-operator");
            const crd = release("p-kserve-crd");
            for (const first of [cm, base, op, crd]) {
                const deps = first.dependencies.map((u) => h.byUrn(u).type);
                expect(deps, first.name).to.deep.equal([NAMESPACE]);
            }
            const knative = h.get(KNATIVE, "p-knative-serving");
            expect(h.transitiveDependencies(knative)).to.include(release("p-istio-gateway").urn);
            const resources = release("p-kserve-resources");
            expect(resources.dependencies).to.include.members([crd.urn, cm.urn, knative.urn]);
        });

        it("gives Knative and KServe the same domain and takes the scheme to KServe", async () => {
            new platform.ServingPlatform("p", { domain: "ml.example.org", urlScheme: "https" });
            await h.settle();
            expect(h.get(KNATIVE, "p-knative-serving").inputs.spec.config.domain).to.deep.equal({ "ml.example.org": "" });
            expect(release("p-kserve-resources").inputs.values.kserve.controller.gateway).to.deep.equal({ domain: "ml.example.org", domainTemplate: "{{.Name}}-{{.Namespace}}.{{.IngressDomain}}", urlScheme: "https" });
        });

        it("leaves out cert-manager and Istio that the cluster already runs", async () => {
            const p = new platform.ServingPlatform("p", { certManager: false, istio: false });
            await h.settle();
            expect(p.certManager).to.equal(undefined);
            expect(p.istio).to.equal(undefined);
            expect(h.all(RELEASE).map((r) => r.inputs.name)).to.have.members(["knative-operator", "kserve-crd", "kserve-resources", "kserve-runtime-configs"]);
            expect(release("p-kserve-resources").dependencies.map((u) => h.byUrn(u).name)).to.have.members(["p-kserve-crd", "p-knative-serving"]);
        });

        it("nests each component under the platform", async () => {
            new platform.ServingPlatform("p");
            await h.settle();
            const root = h.get("kserve-platform:platform:ServingPlatform", "p");
            for (const type of ["CertManager", "Istio", "KnativeServing", "KServe"]) {
                expect(h.all(`kserve-platform:platform:${type}`)[0].parent, type).to.equal(root.urn);
            }
        });

        it("renders charts with helm v4 Chart (which supports render mode) when asked", async () => {
            new platform.ServingPlatform("p", { chartResource: "Chart" });
            await h.settle();
            expect(h.all(RELEASE)).to.deep.equal([]);
            const rendered = h.all(CHART);
            expect(rendered).to.have.length(kubernetesCharts.length);
            const gw = h.get(CHART, "p-istio-gateway");
            expect(gw.inputs).to.deep.include({ name: "istio-ingressgateway", namespace: "istio-system", chart: "gateway", version: "1.30.3", includeHooks: true });
            expect(h.get(CHART, "p-kserve-crd").retainOnDelete).to.equal(true);
        });

        it("exposes the installs models must follow", async () => {
            const p = new platform.ServingPlatform("p");
            await h.settle();
            const urns = await Promise.all(p.modelDependencies.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
            expect(urns).to.deep.equal([release("p-kserve-runtimes").urn]);
        });
    });

    describe("mergeValues", () => {
        it("merges maps recursively and lets lists and scalars replace", () => {
            expect(mergeValues({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: 3 }, d: 2 })).to.deep.equal({ a: { b: 1, c: [2], e: 3 }, d: 2 });
        });
    });
});
