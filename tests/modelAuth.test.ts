import { expect } from "chai";
import { Gate, Harness, stackConfig } from "./harness";
import { loadStack } from "./stackProblems";
import type * as authModule from "../components/auth";

const RA = "kubernetes:security.istio.io/v1:RequestAuthentication";
const AP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const TENANT = "00000000-0000-0000-0000-0000000071d0";
// Entra ID: v2.0 access tokens carry iss https://login.microsoftonline.com/<tenant>/v2.0 (v1.0 ones
// https://sts.windows.net/<tenant>/), and aud is the API's client id in v2.0 tokens
// (MicrosoftDocs/entra-docs, identity-platform/access-token-claims-reference.md, `aud` and `iss`).
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const JWKS = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const API = "00000000-0000-0000-0000-00000000a9e1";

describe("auth: ModelAuthPolicies", () => {
    const h = new Harness();
    let auth: typeof authModule;
    let namespace: Gate;
    let istio: Gate;

    before(async () => {
        await h.setup();
        auth = await import("../components/auth");
        namespace = new Gate("llm-namespace");
        istio = new Gate("istio");
        new auth.ModelAuthPolicies(
            "model-auth",
            {
                issuer: ISSUER,
                jwksUri: JWKS,
                models: [
                    { name: "llama", namespace: "llm", audiences: [API], claims: { roles: ["LLM.Invoke"] } },
                    { name: "embed", namespace: "llm", audiences: ["api://embeddings"], claims: {} },
                    { name: "iris", namespace: "models", audiences: [API], claims: {} },
                ],
                namespaceDependencies: { llm: namespace },
                after: [istio],
                scrapedPorts: [9091],
            },
        );
        await h.settle();
    });

    it("authenticates tokens of the issuer in each model namespace, with the audiences of its models", () => {
        // Istio security.istio.io/v1 RequestAuthentication: jwtRules[].issuer, jwksUri, audiences; no
        // selector applies it to every workload of the namespace (istio.io, reference/config/security/request_authentication).
        const byName = h.all(RA).sort((a, b) => a.name.localeCompare(b.name));
        expect(byName.map((r) => [r.name, r.inputs.metadata, r.inputs.spec])).to.deep.equal([
            ["model-auth-llm-jwt", { name: "kserve-platform-jwt", namespace: "llm" }, { jwtRules: [{ issuer: ISSUER, jwksUri: JWKS, audiences: [API, "api://embeddings"] }] }],
            ["model-auth-models-jwt", { name: "kserve-platform-jwt", namespace: "models" }, { jwtRules: [{ issuer: ISSUER, jwksUri: JWKS, audiences: [API] }] }],
        ]);
    });

    it("lets in, per model, a valid token with its audience and claims, Knative's and net-istio's probes and plain-text scrapes of 9091", () => {
        const llama = h.get(AP, "model-auth-llm-llama-callers").inputs;
        expect(llama.metadata).to.deep.equal({ name: "kserve-platform-callers-llama", namespace: "llm" });
        // KServe v0.20.0 labels every component's pods serving.kserve.io/inferenceservice=<name>
        // (pkg/constants InferenceServicePodLabelKey; components/predictor.go, explainer.go).
        // Istio AuthorizationPolicy: requestPrincipals are "<iss>/<sub>"; request.auth.audiences and
        // request.auth.claims[...] conditions; source.namespaces needs mTLS (istio.io authorization-policy reference).
        // Knative's system pods call /healthz and /metrics (knative/docs serving/istio-authorization.md).
        expect(llama.spec).to.deep.equal({
            selector: { matchLabels: { "serving.kserve.io/inferenceservice": "llama" } },
            action: "ALLOW",
            rules: [
                {
                    from: [{ source: { requestPrincipals: [`${ISSUER}/*`] } }],
                    when: [
                        { key: "request.auth.audiences", values: [API] },
                        { key: "request.auth.claims[roles]", values: ["LLM.Invoke"] },
                    ],
                },
                { from: [{ source: { namespaces: ["knative-serving"] } }], to: [{ operation: { paths: ["/healthz", "/metrics"] } }] },
                // knative/networking pkg/status/status.go: net-istio probes GET /healthz with K-Network-Probe: probe
                // through the gateway pods, which route it to the revision.
                { from: [{ source: { namespaces: ["istio-system"] } }], to: [{ operation: { paths: ["/healthz"] } }], when: [{ key: "request.headers[K-Network-Probe]", values: ["probe"] }] },
                // A scraper outside the mesh has no identity (plain text): port 9091, GET /metrics only
                // (knative/serving knative-v1.21.3 pkg/networking/constants.go UserQueueMetricsPort).
                { to: [{ operation: { ports: ["9091"], methods: ["GET"], paths: ["/metrics"] } }] },
            ],
        });
        expect(h.get(AP, "model-auth-llm-embed-callers").inputs.spec.rules[0].when).to.deep.equal([{ key: "request.auth.audiences", values: ["api://embeddings"] }]);
        // No rule for the model's own namespace: a transformer's call reaches the predictor through
        // knative-local-gateway (istio-system), with the caller's token it forwards
        // (kserve v0.20.0 python/kserve/kserve/model.py _FORWARDABLE_HEADERS).
        const sources = h.all(AP).flatMap((p) => p.inputs.spec.rules.flatMap((r: { from?: { source: { namespaces?: string[] } }[] }) => r.from?.flatMap((f) => f.source.namespaces ?? []) ?? []));
        expect([...new Set(sources)].sort()).to.deep.equal(["istio-system", "knative-serving"]);
    });

    it("leaves the ingress gateway alone: its readiness port 15021 is a bootstrap listener outside the policy filters", () => {
        // istio 1.27 tools/packaging/common/envoy_bootstrap.json: the status-port listener routes
        // /healthz/ready to the agent with only the router filter; nothing here targets istio-system.
        expect([...h.all(RA), ...h.all(AP)].map((r) => r.inputs.metadata.namespace)).to.not.include("istio-system");
    });

    it("waits for Istio and each namespace, and parents everything to the component", () => {
        const ns = h.resources.find((r) => r.name === "llm-namespace")!;
        const mesh = h.resources.find((r) => r.name === "istio")!;
        const component = h.get("kserve-platform:auth:ModelAuthPolicies", "model-auth");
        for (const r of [h.get(RA, "model-auth-llm-jwt"), h.get(AP, "model-auth-llm-llama-callers")]) {
            expect(r.dependencies).to.deep.equal([mesh.urn, ns.urn]);
            expect(r.parent).to.equal(component.urn);
        }
        expect(h.get(AP, "model-auth-models-iris-callers").dependencies).to.deep.equal([mesh.urn]);
    });
});

/** The model entries of a stack file, as written. */
const stackModels = (stack: string): Record<string, unknown>[] => JSON.parse(stackConfig(stack)["kserve-platform:models"]);

describe("config: who may call a model", () => {
    const prodAuth = () => loadStack("prod").config!.modelAuth!;

    it("defaults to Entra ID's v2.0 issuer and keys of the tenant, and applies model > namespace > stack rules", () => {
        const auth = prodAuth();
        expect(auth.issuer).to.equal(ISSUER);
        expect(auth.jwksUri).to.equal(JWKS);
        expect(auth.models).to.deep.equal([
            { name: "llama-chat", namespace: "llm", audiences: [API], claims: { roles: ["LLM.Invoke"] } },
            { name: "resnet50", namespace: "vision", audiences: [API], claims: {} },
            { name: "fraud-xgb", namespace: "risk", audiences: [API], claims: { azp: ["00000000-0000-0000-0000-0000000faa11"] } },
        ]);
    });
    it("takes another issuer with its keys", () => {
        const { config } = loadStack("prod", { modelAuthTenantId: "", modelAuthIssuer: "https://idp.example.com", modelAuthJwksUri: "https://idp.example.com/keys" });
        expect(config!.modelAuth).to.deep.include({ issuer: "https://idp.example.com", jwksUri: "https://idp.example.com/keys" });
    });
    it("is on in the ARO stack too", () => expect(loadStack("aro").config!.modelAuth!.models.map((m) => m.name)).to.deep.equal(["sklearn-iris", "churn-lgbm"]));
    it("is off on local and dev", () => {
        expect(loadStack("local").config!.modelAuth).to.equal(undefined);
        expect(loadStack("dev").config!.modelAuth).to.equal(undefined);
    });

    const one = (overrides: Record<string, unknown>, line: string, stack = "prod") => expect(loadStack(stack, overrides).problems).to.deep.equal([line]);
    it("refuses prod without it", () =>
        one(
            { modelAuth: "false", modelAuthNamespaces: undefined, modelAuthTenantId: "", modelAuthAudiences: [], models: [] },
            "kserve-platform:modelAuth: a prod stack needs model endpoints that only callers with a valid token reach; set true (with modelAuthTenantId or modelAuthIssuer), or say why not in kserve-platform:modelAuthWaiver",
        ));
    it("takes an explicit waiver in prod", () => expect(loadStack("prod", { modelAuth: "false", modelAuthNamespaces: undefined, modelAuthTenantId: "", modelAuthAudiences: [], models: [], modelAuthWaiver: "APIM authenticates" }).problems).to.deep.equal([]));
    it("refuses a waiver beside modelAuth true", () => one({ modelAuthWaiver: "x" }, "kserve-platform:modelAuthWaiver: waives model authentication, but modelAuth is true; unset one of them"));
    it("needs an issuer", () => one({ modelAuthTenantId: "" }, "kserve-platform:modelAuth: needs a token issuer: set kserve-platform:modelAuthTenantId (Entra ID) or modelAuthIssuer and modelAuthJwksUri"));
    it("takes the tenant as a GUID", () => one({ modelAuthTenantId: "contoso" }, 'kserve-platform:modelAuthTenantId: got "contoso"; must be an Entra ID tenant id (a GUID)'));
    it("needs the keys of another issuer", () =>
        one({ modelAuthTenantId: "", modelAuthIssuer: "https://idp.example.com" }, "kserve-platform:modelAuthJwksUri: is required with modelAuthIssuer https://idp.example.com: the URL of the issuer's signing keys"));
    it("fetches keys over https only", () => one({ modelAuthJwksUri: "http://keys" }, 'kserve-platform:modelAuthJwksUri: got "http://keys"; must be an https:// URL'));
    it("takes keys over http from a Service in the cluster outside prod (the kind stack's own issuer), never in prod", () => {
        // istiod fetches jwksUri itself, with or without TLS (istio/api request_authentication.proto jwks_uri).
        expect(loadStack("kind").config!.modelAuth).to.deep.include({ issuer: "https://e2e.kserve-platform.test", jwksUri: "http://jwks.jwks.svc.cluster.local/jwks.json" });
        expect(loadStack("kind", { modelAuthJwksUri: "http://keys.example.com/jwks.json" }).problems).to.deep.equal([
            'kserve-platform:modelAuthJwksUri: got "http://keys.example.com/jwks.json"; must be an https:// URL (or http:// to a Service in the cluster, <name>.<namespace>.svc.cluster.local, outside prod)',
        ]);
        one({ modelAuthJwksUri: "http://jwks.jwks.svc.cluster.local/jwks.json" }, 'kserve-platform:modelAuthJwksUri: got "http://jwks.jwks.svc.cluster.local/jwks.json"; must be an https:// URL');
    });
    it("needs an audience for every model", () =>
        expect(loadStack("prod", { modelAuthAudiences: [] }).problems).to.deep.equal(
            [
                ["1", "resnet50", "vision"],
                ["2", "fraud-xgb", "risk"],
            ].map(
                ([i, name, ns]) =>
                    `kserve-platform:models[${i}] "${name}" auth.audiences: has no allowed audience, so any token of the issuer would do; set kserve-platform:modelAuthAudiences, audiences for namespace ${ns} in modelAuthNamespaces, or auth.audiences on the model`,
            ),
        ));
    it("needs the model pods in the mesh", () =>
        expect(loadStack("dev", { modelAuth: "true", modelAuthTenantId: TENANT, modelAuthAudiences: [API] }).problems).to.deep.equal([
            "kserve-platform:modelAuth: needs the model pods in the mesh, where the policies are enforced: set kserve-platform:meshMtlsMode STRICT",
        ]));
    it("checks namespace entries", () =>
        expect(loadStack("prod", { modelAuthNamespaces: [{ namespace: "llm", audiences: [], claims: { roles: "LLM.Invoke" }, scopes: [] }, { audiences: [API] }] }).problems).to.deep.equal([
            "kserve-platform:modelAuthNamespaces [0].scopes: is not a field here; allowed: namespace, audiences, claims",
            'kserve-platform:modelAuthNamespaces [0].audiences: got []; must be a non-empty list of audiences (aud values)',
            'kserve-platform:modelAuthNamespaces [0].claims.roles: got "LLM.Invoke"; must be a non-empty list of accepted values',
            "kserve-platform:modelAuthNamespaces [1].namespace: is required: the namespace these rules apply to",
        ]));
    it("checks a model's auth entry", () => {
        const models = stackModels("prod").map((m, i) => (i === 0 ? { ...m, auth: { claims: { "bad claim": ["x"] }, roles: [] } } : m));
        expect(loadStack("prod", { models }).problems).to.deep.equal([
            'kserve-platform:models[0] "llama-chat" auth.roles: is not a field here; allowed: audiences, claims',
            'kserve-platform:models[0] "llama-chat" auth.claims.bad claim: is not a claim name Istio can match (letters, digits, _ . : / -)',
        ]);
    });
    it("keeps auth entries to stacks with modelAuth on", () => {
        const models = stackModels("dev").map((m, i) => (i === 0 ? { ...m, auth: { audiences: [API] } } : m));
        expect(loadStack("dev", { models, modelAuthNamespaces: [{ namespace: "models", audiences: [API] }] }).problems).to.deep.equal([
            "kserve-platform:modelAuthNamespaces: only applies with kserve-platform:modelAuth true",
            'kserve-platform:models[0] "sklearn-iris" auth: only applies with kserve-platform:modelAuth true',
        ]);
    });
});
