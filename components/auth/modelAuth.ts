import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults, modelAuthNames } from "../defaults";
import { apiVersions } from "../versions";

/** Who may call one model. */
export interface ModelCallers {
    /** InferenceService (or InferenceGraph) name. */
    name: string;
    /** What `name` is; the policy selects its pods by KServe's label of that kind. Defaults to InferenceService. */
    kind?: "InferenceService" | "InferenceGraph";
    /** Its namespace. */
    namespace: string;
    /** Token audiences (`aud`) accepted; at least one. */
    audiences: readonly string[];
    /** Claims the token must carry: each claim name maps to values, one of which must be present. */
    claims: Readonly<Record<string, readonly string[]>>;
    /**
     * The pods to guard, one policy each (`suffix` ends the policy's name). Unset: the
     * InferenceService's pods, by KServe's `serving.kserve.io/inferenceservice` label. An LLM's
     * workloads carry labels of their own (see `llmWorkloadSelectors`).
     */
    podSelectors?: readonly { suffix: string; matchLabels: Readonly<Record<string, string>> }[];
    /** Plain-text scrape ports of this model's pods, in place of {@link ModelAuthPoliciesArgs.scrapedPorts} (vLLM's 8000). */
    scrapedPorts?: readonly number[];
    /**
     * mTLS principals (`cluster.local/ns/<ns>/sa/<account>`) that may `GET /metrics` without a token:
     * an LLM's scheduler, which scrapes its vLLM pods to pick one.
     */
    metricsCallers?: readonly string[];
}

/** Arguments of {@link ModelAuthPolicies}. */
/** The validated authentication settings. */
export interface ModelAuthSettings {
    /** Token issuer (`iss`). */
    issuer: string;
    /** Where the issuer's signing keys are. */
    jwksUri: string;
    /** Who may call each model. */
    models: ModelCallers[];
}

export interface ModelAuthPoliciesArgs {
    /** Token issuer (`iss`), e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
    issuer: string;
    /** HTTPS URL of the issuer's signing keys. */
    jwksUri: string;
    /** The models and who may call each. */
    models: readonly ModelCallers[];
    /** Namespace of Knative's activator and autoscaler, which probe and scrape models. Defaults to `knative-serving`. */
    knativeNamespace?: string;
    /**
     * Namespace of the ingress gateways (istio-ingressgateway, knative-local-gateway), through which
     * net-istio's readiness prober reaches the models. Defaults to `istio-system`.
     */
    gatewayNamespace?: string;
    /**
     * Model ports a metrics scraper outside the mesh calls in plain text through the sidecar (the
     * queue-proxy's 9091): `GET /metrics` on them is allowed from anyone. Envoy's 15090 is never
     * captured by the sidecar and needs no rule.
     */
    scrapedPorts?: readonly number[];
    /** Resources every policy comes after: the Istio install that defines their kinds. */
    after?: readonly pulumi.Resource[];
    /** Resources a namespace's policies must come after (the namespace itself), by namespace. */
    namespaceDependencies?: Readonly<Record<string, pulumi.Resource>>;
}

/** Header and value of net-istio's readiness probes (knative/networking pkg/http/header ProbeKey, ProbeValue). */
export const knativeProbeHeader = { name: "K-Network-Probe", value: "probe" } as const;

/**
 * Who may call a model, enforced by the Istio sidecars of the model pods: one `RequestAuthentication`
 * per model namespace (tokens of one issuer, checked against its keys) and one ALLOW
 * `AuthorizationPolicy` per model, selecting the model's pods by KServe's
 * `serving.kserve.io/inferenceservice` label (so its transformer and explainer pods too). Once an
 * ALLOW policy selects a workload, Istio denies what none of its rules matches (istio/api
 * authorization_policy.proto). Let in are:
 * - a valid token with an allowed audience and the required claims, whoever forwards it: the ingress
 *   gateway, the activator (it keeps the headers), or knative-local-gateway carrying a
 *   transformer's call. The predictor sees those calls come from istio-system or knative-serving,
 *   never from the model's namespace, so a transformer is let in only by the caller's token: KServe's
 *   Python transformers forward `Authorization` (kserve v0.20.0 python/kserve/kserve/model.py
 *   `_FORWARDABLE_HEADERS`), and a custom transformer must forward it too;
 * - Knative's system calls without a token: `/healthz` and `/metrics` from `knative-serving` (the
 *   activator's probes, the autoscaler's scrape on 9090), and net-istio's readiness probe (`/healthz`
 *   with `K-Network-Probe: probe`) through the gateways;
 * - `GET /metrics` on the plain-text scrape ports ({@link ModelAuthPoliciesArgs.scrapedPorts}).
 * Nothing is attached to the ingress gateway, so its readiness endpoint (port 15021, a listener
 * outside the policy filters) keeps answering the Application Gateway.
 */
export class ModelAuthPolicies extends pulumi.ComponentResource {
    /** RequestAuthentications by namespace. */
    readonly requestAuthentications: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
    /** AuthorizationPolicies by model name (an LLM's by `<name>/<workload>`). */
    readonly authorizationPolicies: Readonly<Record<string, k8s.apiextensions.CustomResource>>;

    constructor(name: string, args: ModelAuthPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:auth:ModelAuthPolicies", name, {}, opts);
        const knative = args.knativeNamespace ?? defaults.namespaces.knativeServing;
        const gateways = args.gatewayNamespace ?? defaults.namespaces.istio;
        const scrapedPorts = [...new Set(args.scrapedPorts ?? [])].sort((a, b) => a - b).map(String);
        const optsFor = (namespace: string): pulumi.CustomResourceOptions => {
            const dependency = args.namespaceDependencies?.[namespace];
            return { parent: this, dependsOn: [...(args.after ?? []), ...(dependency ? [dependency] : [])] };
        };

        const requestAuthentications: Record<string, k8s.apiextensions.CustomResource> = {};
        for (const namespace of new Set(args.models.map((m) => m.namespace))) {
            const audiences = [...new Set(args.models.filter((m) => m.namespace === namespace).flatMap((m) => m.audiences))];
            requestAuthentications[namespace] = new k8s.apiextensions.CustomResource(
                `${name}-${namespace}-jwt`,
                {
                    apiVersion: apiVersions.requestAuthentication,
                    kind: "RequestAuthentication",
                    metadata: { name: modelAuthNames.requestAuthentication, namespace },
                    // No selector: every workload of the namespace. A request without a token passes
                    // authentication; the AuthorizationPolicy then decides. An invalid token is refused (401).
                    spec: { jwtRules: [{ issuer: args.issuer, jwksUri: args.jwksUri, audiences }] },
                },
                optsFor(namespace),
            );
        }

        const authorizationPolicies: Record<string, k8s.apiextensions.CustomResource> = {};
        for (const model of args.models) {
            const when = [
                { key: "request.auth.audiences", values: [...model.audiences] },
                ...Object.entries(model.claims).map(([claim, values]) => ({ key: `request.auth.claims[${claim}]`, values: [...values] })),
            ];
            const podLabel = model.kind === "InferenceGraph" ? modelAuthNames.inferenceGraphPodLabel : modelAuthNames.inferenceServicePodLabel;
            const selectors = model.podSelectors ?? [{ suffix: "", matchLabels: { [podLabel]: model.name } }];
            const ports = model.scrapedPorts ? [...new Set(model.scrapedPorts)].sort((a, b) => a - b).map(String) : scrapedPorts;
            const metricsCallers = [...(model.metricsCallers ?? [])];
            for (const { suffix, matchLabels } of selectors) {
                const tail = suffix ? `-${suffix}` : "";
                authorizationPolicies[`${model.name}${suffix ? `/${suffix}` : ""}`] = new k8s.apiextensions.CustomResource(
                    `${name}-${model.namespace}-${model.name}-callers${tail}`,
                    {
                        apiVersion: apiVersions.authorizationPolicy,
                        kind: "AuthorizationPolicy",
                        metadata: { name: `${modelAuthNames.authorizationPolicyPrefix}${model.name}${tail}`, namespace: model.namespace },
                        spec: {
                            selector: { matchLabels: { ...matchLabels } },
                            action: "ALLOW",
                            rules: [
                                // Callers with a valid token of the issuer (`<iss>/<sub>`), straight from the
                                // gateway or through the activator, which keeps the Authorization header.
                                { from: [{ source: { requestPrincipals: [`${args.issuer}/*`] } }], when },
                                // Knative's probes and the autoscaler's scrapes carry no token.
                                { from: [{ source: { namespaces: [knative] } }], to: [{ operation: { paths: [...modelAuthNames.knativeSystemPaths] } }] },
                                // net-istio's readiness probe, routed by the gateway to the revision (knative/networking pkg/status/status.go).
                                {
                                    from: [{ source: { namespaces: [gateways] } }],
                                    to: [{ operation: { paths: ["/healthz"] } }],
                                    when: [{ key: `request.headers[${knativeProbeHeader.name}]`, values: [knativeProbeHeader.value] }],
                                },
                                // A scraper outside the mesh: plain text, no identity, metrics only.
                                ...(ports.length ? [{ to: [{ operation: { ports, methods: ["GET"], paths: ["/metrics"] } }] }] : []),
                                // In-mesh metrics readers (an LLM's scheduler), by identity.
                                ...(metricsCallers.length ? [{ from: [{ source: { principals: metricsCallers } }], to: [{ operation: { methods: ["GET"], paths: ["/metrics"] } }] }] : []),
                            ],
                        },
                    },
                    optsFor(model.namespace),
                );
            }
        }
        this.requestAuthentications = requestAuthentications;
        this.authorizationPolicies = authorizationPolicies;
        this.registerOutputs({});
    }
}
