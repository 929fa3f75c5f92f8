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
}

/** Arguments of {@link ModelAuthPolicies}. */
export interface ModelAuthPoliciesArgs {
    /** Token issuer (`iss`), e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
    issuer: string;
    /** HTTPS URL of the issuer's signing keys. */
    jwksUri: string;
    /** The models and who may call each. */
    models: readonly ModelCallers[];
    /** Namespace of Knative's activator and autoscaler, which probe and scrape models. Defaults to `knative-serving`. */
    knativeNamespace?: string;
    /** Resources every policy comes after: the Istio install that defines their kinds. */
    after?: readonly pulumi.Resource[];
    /** Resources a namespace's policies must come after (the namespace itself), by namespace. */
    namespaceDependencies?: Readonly<Record<string, pulumi.Resource>>;
}

/**
 * Who may call a model, enforced by the Istio sidecars of the model pods: one `RequestAuthentication`
 * per model namespace (tokens of one issuer, checked against its keys) and one ALLOW
 * `AuthorizationPolicy` per model, selecting the model's pods by KServe's
 * `serving.kserve.io/inferenceservice` label. A request is let in when it carries a valid token with
 * an allowed audience and the required claims, or comes from the model's own namespace (a
 * transformer calling its predictor), or is one of Knative's system calls (`/healthz`, `/metrics`
 * from `knative-serving`). Nothing is attached to the ingress gateway, so its readiness endpoint
 * (port 15021, a listener outside the policy filters) keeps answering the Application Gateway.
 */
export class ModelAuthPolicies extends pulumi.ComponentResource {
    /** RequestAuthentications by namespace. */
    readonly requestAuthentications: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
    /** AuthorizationPolicies by model name. */
    readonly authorizationPolicies: Readonly<Record<string, k8s.apiextensions.CustomResource>>;

    constructor(name: string, args: ModelAuthPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:auth:ModelAuthPolicies", name, {}, opts);
        const knative = args.knativeNamespace ?? defaults.namespaces.knativeServing;
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
            authorizationPolicies[model.name] = new k8s.apiextensions.CustomResource(
                `${name}-${model.namespace}-${model.name}-callers`,
                {
                    apiVersion: apiVersions.authorizationPolicy,
                    kind: "AuthorizationPolicy",
                    metadata: { name: `${modelAuthNames.authorizationPolicyPrefix}${model.name}`, namespace: model.namespace },
                    spec: {
                        selector: { matchLabels: { [model.kind === "InferenceGraph" ? modelAuthNames.inferenceGraphPodLabel : modelAuthNames.inferenceServicePodLabel]: model.name } },
                        action: "ALLOW",
                        rules: [
                            // Callers with a valid token of the issuer (`<iss>/<sub>`), straight from the
                            // gateway or through the activator, which keeps the Authorization header.
                            { from: [{ source: { requestPrincipals: [`${args.issuer}/*`] } }], when },
                            // The model's own components: a transformer or explainer calling the predictor
                            // (mTLS identity; it does not forward the caller's token).
                            { from: [{ source: { namespaces: [model.namespace] } }] },
                            // Knative's probes and the autoscaler's scrapes carry no token.
                            { from: [{ source: { namespaces: [knative] } }], to: [{ operation: { paths: [...modelAuthNames.knativeSystemPaths] } }] },
                        ],
                    },
                },
                optsFor(model.namespace),
            );
        }
        this.requestAuthentications = requestAuthentications;
        this.authorizationPolicies = authorizationPolicies;
        this.registerOutputs({});
    }
}
