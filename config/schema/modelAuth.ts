// Who may call a model. Part of the config schema (config/schema.ts).
import type { ConfigKey } from "./key";

/** Who may call a model. */
export const modelAuthKeys = {
    modelAuth: {
        type: "boolean",
        description:
            "Who may call a model: an Istio RequestAuthentication (JWT) and per-model AuthorizationPolicies in model namespaces that require a valid token with an allowed audience. Needs meshMtlsMode STRICT (model pods in the mesh). A prod stack needs it unless modelAuthWaiver is set.",
        default: false,
    },
    modelAuthTenantId: {
        type: "string",
        description: "Entra ID tenant whose tokens models accept: sets the issuer (https://login.microsoftonline.com/<tenant>/v2.0) and keys when modelAuthIssuer is unset.",
        default: "",
    },
    modelAuthIssuer: {
        type: "string",
        description: "Token issuer (iss) models accept, for an identity provider other than Entra ID; needs modelAuthJwksUri.",
        default: "",
    },
    modelAuthJwksUri: {
        type: "string",
        description: "HTTPS URL of the issuer's signing keys (JWKS). Unset with modelAuthTenantId: Entra ID's keys of the tenant.",
        default: "",
    },
    modelAuthAudiences: {
        type: "array",
        items: "string",
        description: "Token audiences (aud) every model accepts unless its namespace (modelAuthNamespaces) or its entry (auth) says otherwise. Entra v2.0 tokens carry the API's client id.",
        default: [],
    },
    modelAuthNamespaces: {
        type: "array",
        items: "object",
        description: "Per-namespace callers: a list of {namespace, audiences, claims}, claims mapping a claim name to the values one of which the token must carry (e.g. roles: [Model.Invoke]).",
        default: [],
        inSchema: false,
    },
    modelAuthWaiver: {
        type: "string",
        description: "Why a prod stack runs without modelAuth (e.g. another gateway authenticates callers); setting it is the explicit waiver.",
        default: "",
    },
} as const satisfies Record<string, ConfigKey>;
