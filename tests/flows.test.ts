// The flow check (tests/flows/): what must reach what, decided over the NetworkPolicies, Istio
// PeerAuthentications, RequestAuthentications and AuthorizationPolicies each stack registers. It
// reads tests/snapshots/<stack>.json, which tests/snapshots.test.ts proves equal to what the program
// registers, so no program runs twice. The fixtures tests/flows/fixtures/d3a19cb-*.json keep the
// policies prod and aro rendered at d3a19cb, before the fixes: the check must refuse them.
// tests/flows/fixtures/c466bcf-llm.json keeps the every-feature stack's LLM namespace as c466bcf
// rendered it (the LLM declared, before the LLM traffic fixes of components/stack/llmTraffic.ts).
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { root, stackConfig } from "./harness";
import { snapshotFile, snapshotStacks } from "./registrations";
import { checkFlows, Flow, Registrations, stackFlows, wrongFlows } from "./flows/flows";
import { decide, Hop, Pod, PolicySet } from "./flows/policy";

/** A snapshot's rows as `{type, inputs}`: the type is the last segment of the URN's type chain. */
function snapshotRegistrations(name: string): Registrations {
    const rows = JSON.parse(fs.readFileSync(snapshotFile(name), "utf8")) as { urn: string; inputs: unknown }[];
    return rows.map((r) => ({ type: r.urn.split("::")[2].split("$").pop()!, inputs: r.inputs }));
}

const fixture = (stack: string): Registrations => JSON.parse(fs.readFileSync(path.join(__dirname, "flows", "fixtures", `d3a19cb-${stack}.json`), "utf8"));

function flowsOf(name: string): { set: PolicySet; flows: Flow[] } {
    const { stack } = snapshotStacks[name];
    return stackFlows(snapshotRegistrations(name), { prometheusNamespace: stackConfig(stack)["kserve-platform:monitoringPrometheusNamespace"] });
}

describe("flows: every stack admits the flows the platform needs and refuses the others", () => {
    it("covers every stack file, and a prod stack with every feature on", () => {
        const files = fs.readdirSync(root).flatMap((f) => /^Pulumi\.([\w-]+)\.yaml$/.exec(f)?.[1] ?? []);
        expect(files.filter((stack) => !Object.values(snapshotStacks).some((s) => s.stack === stack))).to.deep.equal([]);
        expect(snapshotStacks["prod-all-features"]).to.include({ stack: "prod" });
    });

    for (const name of Object.keys(snapshotStacks)) {
        it(`${name}: each flow has the outcome it needs`, () => {
            const { set, flows } = flowsOf(name);
            expect(flows.length, "flows").to.be.greaterThan(0);
            for (const f of flows) {
                expect(f.source, f.name).to.match(/(knative|kserve|istio|kubernetes|Azure|openshift|prometheus)/);
            }
            expect(wrongFlows(checkFlows(set, flows))).to.deep.equal([]);
        });
    }

    it("checks, in prod, the scrapers, Knative's and net-istio's calls, the transformer and the refused callers of each model", () => {
        const names = flowsOf("prod").flows.filter((f) => f.name.startsWith("llm/llama-chat:")).map((f) => `${f.expect}: ${f.name.slice("llm/llama-chat: ".length)}`);
        expect(names).to.deep.equal([
            "admitted: a caller through the ingress gateway",
            "admitted: a caller through the gateway and the activator",
            "admitted: the activator's readiness probe (8012 /healthz)",
            "admitted: the autoscaler's scrape of the queue-proxy (9090 /metrics)",
            "admitted: the net-istio prober through the gateway (8012 /healthz)",
            "admitted: a transformer to its predictor through knative-local-gateway",
            "admitted: the storage initializer to the model store",
            "admitted: the metrics scraper to http-usermetric (9091 /metrics)",
            "admitted: the metrics scraper to http-envoy-prom (15090 /stats/prometheus)",
            "refused: refused: a call from outside without a token",
            "refused: refused: a token of another issuer",
            "refused: refused: a pod of another meshed tenant namespace without a token",
            "refused: refused: another pod of the model's own namespace without a token",
            "refused: refused: a pod of a tenant namespace outside the mesh",
        ]);
    });

    it("checks the Standard-mode transformer of the every-feature stack calling its predictor directly, with the caller's token", () => {
        const { set, flows } = flowsOf("prod-all-features");
        const direct = flows.find((f) => f.name === "risk/fraud-explained: a transformer to its predictor")!;
        expect(direct.hops[0]).to.deep.include({ port: 8080 });
        expect(checkFlows(set, [direct])[0].admitted).to.equal(true);
        // Without the forwarded token the same call is refused: a custom transformer must forward Authorization.
        expect(decide(set, { ...direct.hops[0], token: undefined }).reason).to.match(/kserve-platform-callers-fraud-explained select the workload and none allows/);
    });

    it("checks the scrapes of the platform's own monitors: the gateway's Envoy, Knative's activator and autoscaler under STRICT, KServe's controller", () => {
        const { set, flows } = flowsOf("prod");
        const platform = flows.filter((f) => /^(istio-system|knative-serving|kserve)\//.test(f.name));
        expect(platform.map((f) => f.name)).to.deep.equal([
            "istio-system/istio-ingressgateway: the metrics scraper to http-envoy-prom (15090 /stats/prometheus)",
            "knative-serving/knative-activator: the metrics scraper to metrics (9090 /metrics)",
            "knative-serving/knative-autoscaler: the metrics scraper to metrics (9090 /metrics)",
            "kserve/kserve-controller: the metrics scraper to https (8443 /metrics)",
        ]);
        // The activator's 9090 is reached in plain text only through its port-level PERMISSIVE exception.
        const activator = platform[1].hops[0];
        expect(checkFlows(set, [platform[1]])[0].admitted).to.equal(true);
        expect(decide({ ...set, peerAuthentications: set.peerAuthentications.filter((p) => p.metadata.namespace !== "knative-serving") }, activator).reason).to.match(/STRICT and the caller sends plain text/);
    });

    it("honours a model's traffic.sidecar.istio.io/excludeInboundPorts: such a port meets no Istio policy", () => {
        const regs = snapshotRegistrations("prod").map((r) =>
            r.type.endsWith(":InferenceService") && r.inputs.metadata.name === "resnet50" ? { ...r, inputs: { ...r.inputs, metadata: { ...r.inputs.metadata, annotations: { ...r.inputs.metadata.annotations, "traffic.sidecar.istio.io/excludeInboundPorts": "9091" } } } } : r,
        );
        const { set, flows } = stackFlows(regs);
        const scrape = flows.find((f) => f.name === "vision/resnet50: the metrics scraper to http-usermetric (9091 /metrics)")!;
        expect(decide(set, scrape.hops[0]).reason).to.match(/port 9091 is not captured by the sidecar/);
    });

    it("scrapes from the flavour's Prometheus: ama-metrics on AKS, user-workload monitoring on ARO, the operator's namespace on kind", () => {
        const scraperOf = (name: string) => (flowsOf(name).flows.find((f) => f.name.includes("metrics scraper to http-usermetric"))!.hops[0].from as Pod);
        expect(scraperOf("prod")).to.deep.include({ namespace: "kube-system", labels: { rsName: "ama-metrics" } });
        expect(scraperOf("aro").namespace).to.equal("openshift-user-workload-monitoring");
        expect(scraperOf("kind").namespace).to.equal("monitoring");
    });
});

describe("flows: LLMs (the every-feature stack's qwen-chat, with the scheduler)", () => {
    const { set, flows } = flowsOf("prod-all-features");
    const llm = flows.filter((f) => f.name.startsWith("llm/qwen-chat:"));
    const hopOf = (name: string) => llm.find((f) => f.name === `llm/qwen-chat: ${name}`)!.hops.at(-1)!;

    it("checks the gateway to the EPP and to vLLM, the EPP's and the scraper's metrics reads, and the refused callers", () => {
        expect(llm.map((f) => `${f.expect}: ${f.name.slice("llm/qwen-chat: ".length)}`)).to.deep.equal([
            "admitted: the gateway to the scheduler (ext-proc gRPC 9002)",
            "admitted: a caller through the gateway, the scheduler picking a vLLM pod (8000)",
            "admitted: the scheduler reads vLLM's metrics (8000 /metrics)",
            "admitted: the metrics scraper to the vLLM (15090 /stats/prometheus)",
            "admitted: the metrics scraper to the vLLM (8000 /metrics)",
            "admitted: the metrics scraper to the scheduler (15090 /stats/prometheus)",
            "admitted: the metrics scraper to the scheduler (9090 /metrics)",
            "refused: refused: a call from outside to vLLM without a token",
            "refused: refused: a pod of another meshed tenant namespace reaching vLLM without a token",
            "refused: refused: the scheduler's identity calling vLLM's API without a token",
            "refused: refused: a pod of a tenant namespace outside the mesh reaching vLLM",
        ]);
        expect(wrongFlows(checkFlows(set, llm))).to.deep.equal([]);
        // The EPP is called on its ext-proc gRPC port (kserve v0.20.0 config-llm-scheduler.yaml endpointPickerRef port 9002).
        expect(hopOf("the gateway to the scheduler (ext-proc gRPC 9002)")).to.deep.include({ port: 9002, portName: "grpc" });
        // A meshed tenant is refused by the LLM's ALLOW policy even where the NetworkPolicy lets it in.
        const tenant = hopOf("refused: a pod of another meshed tenant namespace reaching vLLM without a token");
        expect(decide({ ...set, networkPolicies: [] }, tenant).reason).to.match(/kserve-platform-callers-qwen-chat-workload select the workload and none allows/);
    });

    it("lets the EPP read vLLM's /metrics by its service account (<name>-epp-sa), not any other identity of the namespace", () => {
        const epp = hopOf("the scheduler reads vLLM's metrics (8000 /metrics)");
        // Without the plain-text scrape rule (monitoring off), the principal rule alone admits it.
        const noScrape = { ...set, authorizationPolicies: set.authorizationPolicies.map((p) => ({ ...p, spec: { ...p.spec, rules: (p.spec.rules ?? []).filter((r: { from?: unknown }) => r.from !== undefined) } })) };
        expect(decide(noScrape, epp).admitted).to.equal(true);
        expect(decide(noScrape, { ...epp, from: { ...(epp.from as Pod), serviceAccount: "default" } }).admitted).to.equal(false);
    });

    it("keeps the EPP's metrics port out of its sidecar: through it, the scraper's token would meet the namespace's RequestAuthentication (401)", () => {
        const scrape = hopOf("the metrics scraper to the scheduler (9090 /metrics)");
        expect(scrape.token?.iss).to.equal("https://kubernetes.default.svc.cluster.local");
        const captured: Hop = { ...scrape, to: { ...(scrape.to as Pod), excludeInboundPorts: [] } };
        expect(decide(set, captured).reason).to.match(/port 9090 of llm is STRICT and the caller sends plain text/);
        const permissive = { metadata: { name: "epp-metrics", namespace: "llm" }, spec: { selector: { matchLabels: { "app.kubernetes.io/component": "llminferenceservice-router-scheduler" } }, portLevelMtls: { "9090": { mode: "PERMISSIVE" } } } };
        expect(decide({ ...set, peerAuthentications: [...set.peerAuthentications, permissive] }, captured).reason).to.match(/RequestAuthentication: no jwtRule of llm trusts issuer https:\/\/kubernetes.default.svc.cluster.local \(401\)/);
        // The stack adds the annotation to the LLM's scheduler, and nothing else to its spec.
        const rendered = snapshotRegistrations("prod-all-features").find((r) => r.type.endsWith(":LLMInferenceService"))!.inputs.spec;
        expect(rendered.router).to.deep.equal({ route: {}, gateway: {}, scheduler: { annotations: { "traffic.sidecar.istio.io/excludeInboundPorts": "9090" } } });
    });

    it("takes vLLM's 8000 out of STRICT for plain text (GET /metrics only, by the LLM's ALLOW policy): without that exception the scrape is refused", () => {
        const scrape = hopOf("the metrics scraper to the vLLM (8000 /metrics)");
        expect(decide({ ...set, peerAuthentications: set.peerAuthentications.filter((p) => p.metadata.name !== "llm-llm-workloads-metrics") }, scrape).reason).to.match(/port 8000 of llm is STRICT/);
        expect(decide(set, { ...scrape, path: "/v1/models" }).reason).to.match(/none allows this request \(403\)/);
    });
});

describe("flows: the LLM policies as they were at c466bcf fail the check", () => {
    it("the EPP's read of vLLM's metrics is refused by the ALLOW policy; the scrapes of vLLM (8000) and the EPP (9090) by the NetworkPolicy", () => {
        const regs: Registrations = JSON.parse(fs.readFileSync(path.join(__dirname, "flows", "fixtures", "c466bcf-llm.json"), "utf8"));
        const { set, flows } = stackFlows(regs);
        const wrong = wrongFlows(checkFlows(set, flows)).map((w) => w.slice(0, w.indexOf(" [")));
        expect(wrong).to.deep.equal([
            "llm/qwen-chat: the scheduler reads vLLM's metrics (8000 /metrics): expected admitted, got refused (AuthorizationPolicy: llm/kserve-platform-callers-qwen-chat-workload select the workload and none allows this request (403))",
            "llm/qwen-chat: the metrics scraper to the vLLM (8000 /metrics): expected admitted, got refused (NetworkPolicy: llm/allow-gateway-and-mesh isolate llm for Ingress and no rule admits port 8000)",
            "llm/qwen-chat: the metrics scraper to the scheduler (9090 /metrics): expected admitted, got refused (NetworkPolicy: llm/allow-gateway-and-mesh isolate llm for Ingress and no rule admits port 9090)",
        ]);
        // With the NetworkPolicies set aside, STRICT mTLS still refused both plain-text scrapes.
        for (const f of flows.filter((x) => x.name.includes("metrics scraper to the") && !x.name.includes("15090"))) {
            expect(decide({ ...set, networkPolicies: [] }, f.hops[0]).reason, f.name).to.match(/is STRICT and the caller sends plain text/);
        }
    });
});

describe("flows: the policies as they were at d3a19cb fail the check", () => {
    for (const stack of ["prod", "aro"]) {
        it(`${stack}: the scrapes of 9091 and 15090 and net-istio's probe are refused; the model's namespace gets in without a token`, () => {
            const { set, flows } = stackFlows(fixture(stack));
            const wrong = wrongFlows(checkFlows(set, flows));
            const models = fixture(stack).filter((r) => r.type.endsWith(":InferenceService")).map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`);
            const expected = models.flatMap((m) => [
                `${m}: the net-istio prober through the gateway (8012 /healthz): expected admitted, got refused (AuthorizationPolicy`,
                `${m}: the metrics scraper to http-usermetric (9091 /metrics): expected admitted, got refused (NetworkPolicy`,
                `${m}: the metrics scraper to http-envoy-prom (15090 /stats/prometheus): expected admitted, got refused (NetworkPolicy`,
                `${m}: refused: another pod of the model's own namespace without a token: expected refused, got admitted (`,
            ]);
            expect(wrong.map((w) => expected.find((e) => w.startsWith(e)) ?? w)).to.have.members(expected);
        });

        it(`${stack}: with its NetworkPolicies set aside, the plain-text 9091 scrape is still refused by each model's ALLOW policy`, () => {
            const { set, flows } = stackFlows(fixture(stack));
            const scrapes = flows.filter((f) => f.name.includes("http-usermetric"));
            expect(scrapes.length).to.be.greaterThan(0);
            for (const f of scrapes) {
                expect(decide({ ...set, networkPolicies: [] }, f.hops[0]).reason, f.name).to.match(/^AuthorizationPolicy: .*kserve-platform-callers-.* select the workload and none allows this request \(403\)$/);
            }
        });
    }

    it("aro: the KServe controller's ServiceMonitor read a token file, which OpenShift's user-workload Prometheus refuses", () => {
        const monitor = fixture("aro").find((r) => r.type.endsWith(":ServiceMonitor"))!;
        expect(monitor.inputs.spec.endpoints[0].bearerTokenFile).to.equal("/var/run/secrets/kubernetes.io/serviceaccount/token");
    });
});

describe("flows: the evaluator follows the upstream semantics", () => {
    const ns = (labels: Record<string, string> = {}) => labels;
    const model: Pod = { namespace: "m", labels: { app: "model" }, proxy: true };
    const base: PolicySet = { namespaceLabels: { m: ns(), other: ns({ team: "a" }) }, networkPolicies: [], peerAuthentications: [], requestAuthentications: [], authorizationPolicies: [], rootNamespace: "istio-system" };
    const np = (ingress: unknown[], podSelector = {}) => ({ metadata: { name: `np${JSON.stringify(ingress).length}`, namespace: "m" }, spec: { podSelector, policyTypes: ["Ingress"], ingress } });
    const from = (namespace: string, proxy = true, labels: Record<string, string> = { app: "client" }): Pod => ({ namespace, labels, proxy });
    const hop = (h: Partial<Hop>): Hop => ({ from: from("other"), to: model, port: 8012, path: "/", method: "GET", ...h });

    it("NetworkPolicy: a peer with only podSelector is the policy's namespace; namespaceSelector and podSelector in one peer are ANDed; policies add up", () => {
        const samePods = { ...base, networkPolicies: [np([{ from: [{ podSelector: { matchLabels: { app: "client" } } }] }])] };
        expect(decide(samePods, hop({ from: from("m") })).admitted).to.equal(true);
        expect(decide(samePods, hop({})).admitted).to.equal(false);
        const and = { ...base, networkPolicies: [np([{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "other" } } }] }])] };
        expect(decide(and, hop({})).admitted).to.equal(false);
        const additive = { ...and, networkPolicies: [...and.networkPolicies, np([{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }], ports: [{ port: 8012 }] }])] };
        expect(decide(additive, hop({})).admitted).to.equal(true);
        expect(decide(additive, hop({ port: 9091 })).admitted).to.equal(false);
        // A policy selecting other pods does not isolate this one.
        expect(decide({ ...base, networkPolicies: [np([], { matchLabels: { app: "else" } })] }, hop({})).admitted).to.equal(true);
    });

    it("PeerAuthentication: STRICT refuses plain text; a workload policy's port-level mode wins over the mesh's", () => {
        const mesh = { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } };
        const strict = { ...base, peerAuthentications: [mesh] };
        expect(decide(strict, hop({ from: from("other", false) })).reason).to.match(/STRICT and the caller sends plain text/);
        const port = { metadata: { name: "p", namespace: "m" }, spec: { selector: { matchLabels: { app: "model" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9091": { mode: "PERMISSIVE" } } } };
        expect(decide({ ...strict, peerAuthentications: [mesh, port] }, hop({ from: from("other", false), port: 9091 })).admitted).to.equal(true);
        // Ports the sidecar does not capture never meet Istio's policies.
        expect(decide(strict, hop({ from: from("other", false), port: 15090 })).admitted).to.equal(true);
    });

    it("AuthorizationPolicy: once an ALLOW selects the workload the rest is denied; namespaces need mTLS; requestPrincipals need a valid token", () => {
        const iss = "https://idp";
        const ra = { metadata: { name: "jwt", namespace: "m" }, spec: { jwtRules: [{ issuer: iss, jwksUri: "https://idp/keys", audiences: ["api"] }] } };
        const allow = {
            metadata: { name: "a", namespace: "m" },
            spec: { action: "ALLOW", selector: { matchLabels: { app: "model" } }, rules: [{ from: [{ source: { namespaces: ["other"] } }], to: [{ operation: { ports: ["9090"] } }] }, { from: [{ source: { requestPrincipals: [`${iss}/*`] } }] }] },
        };
        const set = { ...base, requestAuthentications: [ra], authorizationPolicies: [allow] };
        expect(decide(set, hop({ port: 9090 })).admitted).to.equal(true);
        expect(decide(set, hop({ port: 9090, from: from("other", false) })).admitted, "plain text carries no namespace").to.equal(false);
        expect(decide(set, hop({})).reason).to.match(/none allows this request \(403\)/);
        expect(decide(set, hop({ token: { iss, sub: "c", aud: ["api"] } })).admitted).to.equal(true);
        expect(decide(set, hop({ token: { iss, sub: "c", aud: ["other"] } })).reason).to.match(/RequestAuthentication: token audience/);
        expect(decide(set, hop({ token: { iss: "https://else", sub: "c", aud: ["api"] } })).reason).to.match(/no jwtRule .* trusts issuer/);
        const empty = { ...base, authorizationPolicies: [{ metadata: { name: "none", namespace: "m" }, spec: {} }] };
        expect(decide(empty, hop({})).admitted, "an ALLOW without rules matches nothing").to.equal(false);
        const deny = { ...set, authorizationPolicies: [allow, { metadata: { name: "d", namespace: "m" }, spec: { action: "DENY", rules: [{ to: [{ operation: { notPorts: ["8012"] } }] }] } }] };
        expect(decide(deny, hop({ port: 9090 })).reason).to.match(/DENY m\/d matches/);
    });

    it("refuses to guess: a field it does not understand throws", () => {
        const odd = { ...base, authorizationPolicies: [{ metadata: { name: "x", namespace: "m" }, spec: { rules: [{ from: [{ source: { ipBlocks: ["10.0.0.0/8"] } }] }] } }] };
        expect(() => decide(odd, hop({}))).to.throw(/ipBlocks is not understood/);
    });
});

describe("monitoring: kube-rbac-proxy's token for the Prometheus Operator comes from a Secret", () => {
    // openshift/cluster-monitoring-operator runs user-workload Prometheus with
    // arbitraryFSAccessThroughSMs deny, which drops endpoints with bearerTokenFile; prometheus-operator
    // v1 SafeAuthorization reads `authorization.credentials` from a Secret in the monitor's namespace.
    // kube-rbac-proxy (kserve v0.20.0 kserve-controller-manager) authorizes `get` on /metrics.
    for (const name of ["aro", "kind"]) {
        it(`${name}: the KServe controller's ServiceMonitor names a service account token Secret whose account may get /metrics`, () => {
            const regs = snapshotRegistrations(name);
            const of = (kind: string) => regs.filter((r) => r.type.endsWith(`:${kind}`)).map((r) => r.inputs);
            const monitor = of("ServiceMonitor").find((m) => m.metadata.name === "kserve-controller")!;
            const endpoint = monitor.spec.endpoints[0];
            expect(endpoint).to.not.have.property("bearerTokenFile");
            expect(endpoint.authorization).to.deep.equal({ type: "Bearer", credentials: { name: "kserve-platform-metrics-reader-token", key: "token" } });
            const secret = of("Secret").find((s) => s.metadata.name === endpoint.authorization.credentials.name)!;
            expect(secret).to.deep.include({ type: "kubernetes.io/service-account-token" });
            expect(secret.metadata).to.deep.include({ namespace: monitor.metadata.namespace, annotations: { "kubernetes.io/service-account.name": "kserve-platform-metrics-reader" } });
            const binding = of("ClusterRoleBinding").find((b) => b.metadata.name === "kserve-platform-metrics-reader")!;
            expect(binding.subjects).to.deep.equal([{ kind: "ServiceAccount", name: "kserve-platform-metrics-reader", namespace: monitor.metadata.namespace }]);
            expect(of("ClusterRole").find((r) => r.metadata.name === binding.roleRef.name)!.rules).to.deep.equal([{ nonResourceURLs: ["/metrics"], verbs: ["get"] }]);
        });
    }
    it("nowhere does a monitor read a token file but on AKS, whose managed Prometheus uses its own", () => {
        for (const name of Object.keys(snapshotStacks)) {
            const files = snapshotRegistrations(name).filter((r) => r.type.endsWith(":ServiceMonitor") && JSON.stringify(r.inputs).includes("bearerTokenFile"));
            expect(files.every((r) => r.type.includes("azmonitoring")), name).to.equal(true);
        }
    });
});
