import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import { certificateCovers, knativeDomainTemplate, kserveDomainTemplate, graphHost, listenerMatches, modelHost, renderDomainTemplate } from "../components/serving";
import { wildcardHost } from "../components/common";
import { llmRouteStatus, llmWorkloadStatus, wildcardHostLabel } from "../components/serving/llm";
import { readyLlmStatus, root, stackConfig, upstreamHost } from "./harness";

// Expected hosts below come from the upstream code, not from modelHost: Knative renders
// config-network's domain-template for the component's Knative Service (`<name>-predictor`,
// KServe v0.20.0 constants.PredictorServiceName), KServe then strips the first "-predictor" (or
// "-predictor-default" when the URL contains "-default") in reconcilers/ingress getHostBasedServiceUrl.
describe("model hosts", () => {
    it("sets the template Knative's config-network.yaml suggests for wildcard certificates, and KServe's own default in Standard mode", () => {
        expect(knativeDomainTemplate).to.equal("{{.Name}}-{{.Namespace}}.{{.Domain}}");
        // kserve-resources chart values: kserve.controller.gateway.domainTemplate '{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}'.
        expect(renderDomainTemplate(kserveDomainTemplate, { Name: "n", Namespace: "ns", IngressDomain: "d.io" })).to.equal(
            renderDomainTemplate("{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}", { Name: "n", Namespace: "ns", IngressDomain: "d.io" }),
        );
        expect(() => renderDomainTemplate("{{.Name}}.{{.Tag}}", { Name: "n" })).to.throw("domain template {{.Name}}.{{.Tag}} uses {{.Tag}}, which is not one of Name");
    });

    it("computes status.url's host as Knative and KServe do", () => {
        const host = (name: string, namespace: string, spec?: object) => modelHost({ name, namespace, spec }, "models.example.com", "Knative");
        // sklearn-iris-predictor-models.models.example.com → strip "-predictor".
        expect(host("sklearn-iris", "models")).to.equal("sklearn-iris-models.models.example.com");
        // sklearn-iris-predictor-default.… contains "-default": "-predictor-default" goes, namespace and all.
        expect(host("sklearn-iris", "default")).to.equal("sklearn-iris.models.example.com");
        // A transformer is the entry point: "-transformer" goes.
        expect(host("t", "llm", { transformer: {}, predictor: {} })).to.equal("t-llm.models.example.com");
        // A named predictor's service is <name>-<predictor>-predictor.
        expect(host("p", "risk", { predictor: { name: "blue" } })).to.equal("p-blue-risk.models.example.com");
        // Standard mode: KServe's own template with the InferenceService's name.
        expect(modelHost({ name: "s", namespace: "default" }, "models.example.com", "Standard")).to.equal("s-default.models.example.com");
    });

    it("agrees with the harness' independent rendering of the upstream rules for the templates the platform installs", () => {
        const knativeConfig = { domain: { "d.example.com": "" }, network: { "domain-template": "{{.Name}}-{{.Namespace}}.{{.Domain}}" } };
        const gateway = { domain: "d.example.com", domainTemplate: "{{.Name}}-{{.Namespace}}.{{.IngressDomain}}" };
        for (const [name, namespace, spec] of [
            ["a", "models", {}],
            ["my-default-model", "x", {}],
            ["b", "default", { transformer: {} }],
            ["c", "ns", { predictor: { name: "green" } }],
        ] as const) {
            for (const mode of ["Knative", "Standard"] as const) {
                expect(modelHost({ name, namespace, spec }, "d.example.com", mode), `${name}/${namespace} ${mode}`).to.equal(upstreamHost(name, namespace, spec, mode, gateway, knativeConfig));
            }
        }
        // With Knative's default template the host has two labels under the domain: no wildcard certificate covers it.
        const twoLabels = upstreamHost("a", "models", {}, "Knative", gateway, { domain: knativeConfig.domain });
        expect(twoLabels).to.equal("a.models.d.example.com");
        expect(certificateCovers("*.d.example.com", twoLabels)).to.equal(false);
    });

    it("matches certificate names one label deep and listener names as Application Gateway does", () => {
        expect(certificateCovers("*.models.example.com", "a-b.models.example.com")).to.equal(true);
        expect(certificateCovers("*.models.example.com", "a.b.models.example.com")).to.equal(false);
        expect(certificateCovers("*.models.example.com", "models.example.com")).to.equal(false);
        expect(certificateCovers("A.Models.Example.com", "a.models.example.com")).to.equal(true);
        // Azure docs (multiple-site-overview): *.contoso.com matches customer1.b2b.contoso.com too.
        expect(listenerMatches("*.contoso.com", "customer1.b2b.contoso.com")).to.equal(true);
        expect(listenerMatches("*.contoso.com", "contoso.com")).to.equal(false);
        expect(listenerMatches("w?.contoso.com", "ww.contoso.com")).to.equal(true);
        expect(listenerMatches("w?.contoso.com", "www.contoso.com")).to.equal(false);
    });

    it("refuses a Knative model whose route host label would pass 63 characters", () => {
        const name = "a".repeat(30);
        const namespace = "n".repeat(25);
        const values: Record<string, string> = { ...stackConfig("local") };
        const entry = (n: string, extra: object = {}) => ({ name: n, namespace, spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } }, ...extra });
        // KServe v0.20.0's defaulter rewrites the legacy `Serverless` to Knative mode, so that model's route is checked too.
        const legacy = "c".repeat(30);
        values["kserve-platform:models"] = JSON.stringify([
            entry(name),
            entry("b".repeat(30), { annotations: { "serving.kserve.io/deploymentMode": "Standard" } }),
            entry(legacy, { annotations: { "serving.kserve.io/deploymentMode": "Serverless" } }),
        ]);
        try {
            loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]);
            expect.fail("no error");
        } catch (e) {
            // Knative: <name>-predictor-<namespace> is 66 characters; Standard mode's <name>-<namespace> (56) is fine.
            expect((e as ValidationError).problems.map((p) => `${p.subject} ${p.path}: ${p.message}`)).to.deep.equal([
                `kserve-platform:models[0] "${name}" name: the Knative route host label "${name}-predictor-${namespace}" (name, component and namespace) has 66 characters; at most 63 are allowed: shorten the name or the namespace`,
                `kserve-platform:models[2] "${legacy}" name: the Knative route host label "${legacy}-predictor-${namespace}" (name, component and namespace) has 66 characters; at most 63 are allowed: shorten the name or the namespace`,
            ]);
        }
    });

    for (const file of fs.readdirSync(root).filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f))) {
        const stack = file.split(".")[1];
        it(`${file}: every model and graph host is covered by the wildcard certificate and the gateway's listeners`, () => {
            const doc = yaml.load(fs.readFileSync(path.join(root, file), "utf8")) as { config?: Record<string, unknown> };
            const secrets = Object.fromEntries(Object.entries(doc.config ?? {}).filter(([, v]) => typeof v === "object" && v !== null && "secure" in v).map(([k]) => [k, "stand-in"]));
            const values = stackConfig(stack, secrets);
            const config = loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]);
            expect(config.models.length, `${file} declares models`).to.be.greaterThan(0);
            const certificate = wildcardHost(config.domain);
            for (const m of config.models) {
                const mode = m.annotations?.["serving.kserve.io/deploymentMode"] === "Standard" ? "Standard" : config.deploymentMode;
                const host = modelHost({ name: m.name, namespace: m.namespace ?? config.modelNamespace, spec: m.spec }, config.domain, mode);
                expect(certificateCovers(certificate, host), `${file} ${m.name}: ${host} under ${certificate}`).to.equal(true);
                if (config.appGateway) {
                    // The listeners' host names, as AppGatewayIngress sets them (tests/appGateway.test.ts checks the rendered gateway).
                    expect(listenerMatches(wildcardHost(config.domain), host), `${file} ${m.name}: listener for ${host}`).to.equal(true);
                }
            }
            // Graphs answer at their router's host, <name>-<namespace>.<domain> (graphHost), the same way.
            for (const g of config.graphs ?? []) {
                const mode = g.annotations?.["serving.kserve.io/deploymentMode"] === "Standard" ? "Standard" : config.deploymentMode;
                const host = graphHost(g.name, g.namespace ?? config.modelNamespace, config.domain, mode);
                expect(certificateCovers(certificate, host), `${file} ${g.name}: ${host} under ${certificate}`).to.equal(true);
                if (config.appGateway) {
                    expect(listenerMatches(wildcardHost(config.domain), host), `${file} ${g.name}: listener for ${host}`).to.equal(true);
                }
            }
        });
    }

    describe("LLM hosts", () => {
        // KServe v0.20.0 llmisvc router_discovery.go: the managed route (no hostnames) takes the
        // listener's host name, a wildcard one as `inference.<domain>` (GATEWAY_API_WILDCARD_HOSTNAME).
        const listener = { name: "http", protocol: "HTTP", port: 80, hostname: wildcardHost("models.example.com") };

        it("gives every LLM the one host inference.<domain> behind a *.<domain> listener, which the wildcard certificate and listeners cover", () => {
            expect(wildcardHostLabel).to.equal("inference");
            const status = llmRouteStatus({ listeners: [listener], addresses: ["20.1.2.3"], service: { name: "kserve-ingress-gateway-istio", namespace: "kserve" } }, "team-a", "opt");
            expect(status.url).to.equal("http://inference.models.example.com/team-a/opt");
            expect(status.addresses!.map((a) => a.url)).to.deep.equal(["http://inference.models.example.com/team-a/opt", "http://kserve-ingress-gateway-istio.kserve.svc.cluster.local/team-a/opt"]);
            const host = new URL(status.url!).hostname;
            expect(certificateCovers(wildcardHost("models.example.com"), host)).to.equal(true);
            expect(listenerMatches(wildcardHost("models.example.com"), host)).to.equal(true);
        });

        it("agrees with the harness' independent rendering of the llmisvc controller's status", () => {
            const gateway = { metadata: { name: "kserve-ingress-gateway", namespace: "kserve" }, spec: { listeners: [listener, { name: "https", protocol: "HTTPS", port: 8443, hostname: "llm.models.example.com" }] } };
            const mine = llmRouteStatus({ listeners: gateway.spec.listeners, addresses: ["20.1.2.3"], service: { name: "kserve-ingress-gateway-istio", namespace: "kserve" } }, "ns", "m");
            const upstream = readyLlmStatus("m", "ns", { router: { route: {} } }, gateway);
            expect(mine.url).to.equal(upstream.url);
            expect(mine.addresses).to.deep.equal(upstream.addresses);
            expect(llmWorkloadStatus("ns", "m").addresses).to.deep.equal((readyLlmStatus("m", "ns", {}) as { addresses: unknown }).addresses);
        });
    });
});
