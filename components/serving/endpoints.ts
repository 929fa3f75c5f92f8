import type { DeploymentMode, ProtocolVersion } from "./types";

/** Where a model answers, as the stack output `endpoints` shows it. */
export interface ModelEndpoint {
    /** External URL from the InferenceService's `status.url`. */
    url?: string;
    /** In-cluster URL from `status.address.url`. */
    internalUrl?: string;
    /** The protocol the predictor serves. */
    protocol: ProtocolVersion;
    /**
     * Ready-to-call inference endpoint: for `v1` `<url>/v1/models/<name>:predict`, for `v2`
     * `<url>/v2/models/<name>/infer`; for gRPC the `host:port` target (service
     * `inference.GRPCInferenceService` for grpc-v2, TensorFlow's `PredictionService` for grpc-v1).
     */
    predictUrl?: string;
    /** True when the InferenceService reports condition Ready=True. */
    ready: boolean;
}

/** The inference endpoint of a model served at `url` with `protocol`. */
export function predictUrl(url: string | undefined, modelName: string, protocol: ProtocolVersion): string | undefined {
    if (!url) {
        return undefined;
    }
    const base = url.replace(/\/+$/, "");
    switch (protocol) {
        case "v1":
            return `${base}/v1/models/${modelName}:predict`;
        case "v2":
            return `${base}/v2/models/${modelName}/infer`;
        case "grpc-v1":
        case "grpc-v2": {
            const parsed = new URL(base);
            return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
        }
    }
}

/**
 * Knative's `domain-template` (`config-network`) as the platform sets it: one DNS label per model
 * under the domain, which a `*.<domain>` certificate covers. Knative's own default,
 * `{{.Name}}.{{.Namespace}}.{{.Domain}}` (knative.dev/networking `DefaultDomainTemplate`), puts two
 * labels under the domain, which no wildcard certificate covers.
 */
export const knativeDomainTemplate = "{{.Name}}-{{.Namespace}}.{{.Domain}}";

/**
 * The same template in KServe's terms (`ingress.domainTemplate`, used in Standard mode), where the
 * domain is called `IngressDomain` (KServe v0.20.0 `pkg/apis/serving/v1beta1/configmap.go`).
 */
export const kserveDomainTemplate = knativeDomainTemplate.replace("{{.Domain}}", "{{.IngressDomain}}");

/** Renders a Go-template domain template that uses only plain fields (`{{.Name}}`, `{{ .Namespace }}`, ...). */
export function renderDomainTemplate(template: string, values: Readonly<Record<string, string>>): string {
    return template.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (whole, field: string) => {
        const value = values[field];
        if (value === undefined) {
            throw new Error(`domain template ${template} uses ${whole}, which is not one of ${Object.keys(values).join(", ")}`);
        }
        return value;
    });
}

/** What {@link modelHost} needs of a model. */
export interface ModelHostArgs {
    /** Name of the InferenceService. */
    name: string;
    /** Its namespace. */
    namespace: string;
    /** Its spec: a transformer, when there is one, is the entry point; a named predictor changes the service name. */
    spec?: { transformer?: unknown; predictor?: { name?: unknown } };
}

/**
 * The host KServe reports in an InferenceService's `status.url`, computed the way the cluster does
 * it from the templates above.
 *
 * Knative mode: Knative names the route host from `domain-template` with the component's service
 * (`<name>-predictor`, `<name>-<predictorName>-predictor` or `<name>-transformer`), then KServe's
 * ingress reconciler removes the first `-<component>` from it, or `-<component>-default` when the
 * host contains `-default` (KServe v0.20.0 `reconcilers/ingress/ingress_reconciler.go`,
 * `getHostBasedServiceUrl`). Standard mode: KServe renders its own domain template with the
 * InferenceService's name (`kube_ingress_reconciler.go`, `generateIngressHost`).
 */
export function modelHost(model: ModelHostArgs, domain: string, mode: DeploymentMode): string {
    if (mode === "Standard") {
        return renderDomainTemplate(kserveDomainTemplate, { Name: model.name, Namespace: model.namespace, IngressDomain: domain });
    }
    const component = model.spec?.transformer ? "transformer" : "predictor";
    const knativeHost = knativeRouteHost(model, domain);
    return knativeHost.includes("-default") ? knativeHost.replace(`-${component}-default`, "") : knativeHost.replace(`-${component}`, "");
}

/**
 * The host of the Knative Route of a model's entry component (Knative mode), before KServe shortens
 * it: Knative refuses the route when a label of it is longer than 63 characters.
 */
export function knativeRouteHost(model: ModelHostArgs, domain: string): string {
    const component = model.spec?.transformer ? "transformer" : "predictor";
    const predictorName = component === "predictor" && typeof model.spec?.predictor?.name === "string" && model.spec.predictor.name ? `-${model.spec.predictor.name}` : "";
    return renderDomainTemplate(knativeDomainTemplate, { Name: `${model.name}${predictorName}-${component}`, Namespace: model.namespace, Domain: domain });
}

/**
 * Whether a certificate name (`*.example.com` or an exact name) covers `host` for a TLS client: a
 * leading `*` stands for exactly one DNS label (RFC 6125 section 6.4.3); names compare without case.
 */
export function certificateCovers(name: string, host: string): boolean {
    const n = name.toLowerCase();
    const h = host.toLowerCase();
    if (!n.startsWith("*.")) {
        return n === h;
    }
    const dot = h.indexOf(".");
    return dot > 0 && h.slice(dot + 1) === n.slice(2);
}

/**
 * Whether an Application Gateway listener host name matches `host`: there `*` matches any run of
 * host name characters, dots included, and `?` one character (Azure docs,
 * application-gateway/multiple-site-overview.md, "Wildcard host names in listener").
 */
export function listenerMatches(hostName: string, host: string): boolean {
    const pattern = hostName
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\-]/g, "\\$&")
        .replace(/\*/g, "[a-z0-9.-]*")
        .replace(/\?/g, "[a-z0-9.-]");
    return new RegExp(`^${pattern}$`).test(host.toLowerCase());
}
