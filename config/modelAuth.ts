/**
 * Who may call a model: the token issuer, and the audiences and claims each model requires, from
 * the stack (`modelAuthAudiences`), the model's namespace (`modelAuthNamespaces`) or the model's own
 * entry (`auth`), the most specific winning. Called from `loadConfig` after the models are read.
 */
import { modelAuthNames } from "../components/defaults";
import { isRecord, show } from "../components/common";
import type { ModelAuthSettings, ModelCallers } from "../components/auth";
import { guid, type Reader } from "./reader";
import type { StackConfig } from "./types";
import { projectName } from "./schema";
import { llmWorkloadSelectors } from "../components/serving/llm";
import { indicesOfKind } from "./modelKinds";

/** Audiences and required claims, as written in a namespace or model entry. */
interface CallerRules {
    audiences?: string[];
    claims?: Record<string, string[]>;
}

/**
 * A keys URL served by a Service in the cluster over plain HTTP, which istiod fetches without TLS
 * (istio/api request_authentication.proto: `jwks_uri` is any URL istiod can reach); a test or
 * development issuer only, so not in prod.
 */
const inClusterHttp = /^http:\/\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\.[a-z0-9]([-a-z0-9]*[a-z0-9])?\.svc\.cluster\.local(:\d+)?\/\S*$/;

/** Claim names Istio's `request.auth.claims[...]` takes (nested claims are written `a][b`, left out here). */
const claimName = /^[A-Za-z0-9_.:/-]+$/;

/** Parses `{audiences, claims}`, recording problems under `subject` at `path`. */
function callerRules(r: Reader, value: unknown, subject: string, path: string, extra: string[] = []): CallerRules | undefined {
    const push = (at: string, message: string) => r.problems.push({ subject, path: at, message });
    if (!isRecord(value)) {
        push(path, `got ${show(value)}; must be {audiences: [...], claims: {name: [values]}}`);
        return undefined;
    }
    for (const key of Object.keys(value)) {
        if (![...extra, "audiences", "claims"].includes(key)) {
            push(`${path}${path ? "." : ""}${key}`, `is not a field here; allowed: ${[...extra, "audiences", "claims"].join(", ")}`);
        }
    }
    const rules: CallerRules = {};
    const at = (field: string) => `${path}${path ? "." : ""}${field}`;
    if (value.audiences !== undefined) {
        if (!Array.isArray(value.audiences) || value.audiences.length === 0 || value.audiences.some((a) => typeof a !== "string" || a === "")) {
            push(at("audiences"), `got ${show(value.audiences)}; must be a non-empty list of audiences (aud values)`);
        } else {
            rules.audiences = value.audiences as string[];
        }
    }
    if (value.claims !== undefined) {
        if (!isRecord(value.claims)) {
            push(at("claims"), `got ${show(value.claims)}; must map claim names to lists of accepted values, e.g. {roles: [Model.Invoke]}`);
        } else {
            rules.claims = {};
            for (const [name, values] of Object.entries(value.claims)) {
                if (!claimName.test(name)) {
                    push(at(`claims.${name}`), "is not a claim name Istio can match (letters, digits, _ . : / -)");
                } else if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "string" || v === "")) {
                    push(at(`claims.${name}`), `got ${show(values)}; must be a non-empty list of accepted values`);
                } else {
                    rules.claims[name] = values as string[];
                }
            }
        }
    }
    return rules;
}

/** Reads the `modelAuth*` keys and the models' `auth` entries; undefined when authentication is off. */
export function readModelAuth(r: Reader, config: StackConfig, modelList: readonly unknown[]): ModelAuthSettings | undefined {
    const on = r.boolean("modelAuth");
    const waiver = r.string("modelAuthWaiver");
    const namespacesKey = `${projectName}:modelAuthNamespaces`;
    const namespaceList = r.list("modelAuthNamespaces") ?? [];
    // The raw entries (`kserve-platform:models` as loadConfig parsed it), for their `auth` fields.
    const modelAuthEntries = modelList.map((m, i) => ({ i, auth: isRecord(m) ? m.auth : undefined, name: isRecord(m) && typeof m.name === "string" ? m.name : undefined }));

    if (!on) {
        if (config.environment === "prod" && !waiver) {
            r.problem(
                "modelAuth",
                "a prod stack needs model endpoints that only callers with a valid token reach; set true (with modelAuthTenantId or modelAuthIssuer), or say why not in kserve-platform:modelAuthWaiver",
            );
        }
        if (namespaceList.length) {
            r.problem("modelAuthNamespaces", "only applies with kserve-platform:modelAuth true");
        }
        for (const { i, auth, name } of modelAuthEntries) {
            if (auth !== undefined) {
                r.problems.push({ subject: `${projectName}:models[${i}]${name ? ` "${name}"` : ""}`, path: "auth", message: "only applies with kserve-platform:modelAuth true" });
            }
        }
        return undefined;
    }
    if (waiver) {
        r.problem("modelAuthWaiver", "waives model authentication, but modelAuth is true; unset one of them");
    }
    // A prod stack is already told to set STRICT.
    if (config.meshMtlsMode !== "STRICT" && config.environment !== "prod") {
        // The policies act in the model pods' sidecars, which this platform injects with STRICT mTLS only.
        r.problem("modelAuth", "needs the model pods in the mesh, where the policies are enforced: set kserve-platform:meshMtlsMode STRICT");
    }

    const tenant = r.string("modelAuthTenantId");
    let issuer = r.string("modelAuthIssuer");
    let jwksUri = r.string("modelAuthJwksUri");
    if (tenant && !guid.test(tenant)) {
        r.problem("modelAuthTenantId", `got "${tenant}"; must be an Entra ID tenant id (a GUID)`);
    }
    if (!issuer && tenant) {
        issuer = modelAuthNames.entraIssuer(tenant);
        jwksUri = jwksUri ?? modelAuthNames.entraJwksUri(tenant);
    }
    if (!issuer) {
        r.problem("modelAuth", "needs a token issuer: set kserve-platform:modelAuthTenantId (Entra ID) or modelAuthIssuer and modelAuthJwksUri");
    } else if (!jwksUri) {
        r.problem("modelAuthJwksUri", `is required with modelAuthIssuer ${issuer}: the URL of the issuer's signing keys`);
    } else if (!/^https:\/\/[^\s/]+\/\S*$/.test(jwksUri) && !(config.environment !== "prod" && inClusterHttp.test(jwksUri))) {
        r.problem("modelAuthJwksUri", `got "${jwksUri}"; must be an https:// URL${config.environment === "prod" ? "" : " (or http:// to a Service in the cluster, <name>.<namespace>.svc.cluster.local, outside prod)"}`);
    }

    const stackAudiences = r.strings("modelAuthAudiences", /^\S+$/, "an audience (aud value) without spaces");
    const byNamespace = new Map<string, CallerRules>();
    namespaceList.forEach((entry, i) => {
        const rules = callerRules(r, entry, namespacesKey, `[${i}]`, ["namespace"]);
        const namespace = isRecord(entry) ? entry.namespace : undefined;
        if (typeof namespace !== "string" || namespace === "") {
            r.problems.push({ subject: namespacesKey, path: `[${i}].namespace`, message: "is required: the namespace these rules apply to" });
        } else if (byNamespace.has(namespace)) {
            r.problems.push({ subject: namespacesKey, path: `[${i}].namespace`, message: `"${namespace}" is listed twice` });
        } else if (rules) {
            byNamespace.set(namespace, rules);
        }
    });

    const models: ModelCallers[] = [];
    // InferenceServices and LLMs, each with its index in the list as written.
    const isvcIndex = indicesOfKind(modelList, "InferenceService");
    const llmIndex = indicesOfKind(modelList, "LLMInferenceService");
    const declared = [
        ...config.models.map((model, k) => ({ model, i: isvcIndex[k], podSelectors: undefined })),
        ...config.llms.map((model, k) => ({ model, i: llmIndex[k], podSelectors: llmWorkloadSelectors(model.name) })),
    ];
    declared.forEach(({ model, i, podSelectors }) => {
        const subject = `${projectName}:models[${i}] "${model.name}"`;
        const raw = modelAuthEntries[i]?.auth;
        const own = raw === undefined ? {} : (callerRules(r, raw, subject, "auth") ?? {});
        const namespace = model.namespace ?? config.modelNamespace;
        const inNamespace = byNamespace.get(namespace) ?? {};
        const audiences = own.audiences ?? inNamespace.audiences ?? stackAudiences;
        if (audiences.length === 0) {
            r.problems.push({
                subject,
                path: "auth.audiences",
                message: `has no allowed audience, so any token of the issuer would do; set kserve-platform:modelAuthAudiences, audiences for namespace ${namespace} in modelAuthNamespaces, or auth.audiences on the model`,
            });
        }
        models.push({ name: model.name, namespace, audiences, claims: own.claims ?? inNamespace.claims ?? {}, ...(podSelectors ? { podSelectors } : {}) });
    });
    return { issuer: issuer ?? "", jwksUri: jwksUri ?? "", models };
}
