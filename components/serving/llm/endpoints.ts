/**
 * Where an LLM answers, from the status KServe v0.20.0's llmisvc controller writes
 * (`pkg/controller/v1alpha2/llmisvc/router.go`, `updateRoutingStatus`):
 * - with a managed route (`router.route`), `status.url` is the gateway URL of the route's path
 *   `/<namespace>/<name>` (an external one when the gateway has one, `preferPathBasedURL`), and
 *   `status.addresses` lists every discovered URL, the gateway's in-cluster Service among them;
 * - without a route, there is no `status.url` and `status.addresses` holds the workload Service,
 *   `http(s)://<name>-kserve-workload-svc.<namespace>.svc.cluster.local`.
 * The route preset (`config/llmisvcconfig/config-llm-router-route.yaml`) forwards
 * `/<namespace>/<name>/v1/completions` and `/v1/chat/completions` through the InferencePool and the
 * rest of `/<namespace>/<name>` (`/v1/models`) to the workload Service, rewritten to `/v1/...`:
 * the OpenAI base URL is `<url>/v1`.
 */
import type { LLMInferenceServiceStatus } from "./types";

/** The OpenAI-compatible paths an LLM serves, relative to its base URL. */
export const openaiPaths = { chatCompletions: "/chat/completions", completions: "/completions", models: "/models" } as const;

/** Where an LLM answers, as the stack output `endpoints` shows it. */
export interface LLMEndpoint {
    /** `status.url`: the route's URL (external when the gateway has an external address). */
    url?: string;
    /** The in-cluster URL: the first cluster-local address of `status.addresses`. */
    internalUrl?: string;
    /** Always `openai`: the OpenAI-compatible API of vLLM. */
    protocol: "openai";
    /** Ready-to-call chat completions URL. */
    predictUrl?: string;
    /** The base URL of OpenAI clients (`base_url`): `<url>/v1`, or the in-cluster one without a route. */
    openaiBaseUrl?: string;
    /** Full URLs of `/v1/chat/completions`, `/v1/completions` and `/v1/models`. */
    paths?: { chatCompletions: string; completions: string; models: string };
    /** The `model` of requests: `spec.model.name`, else the LLMInferenceService's name. */
    model: string;
    /** True when the LLMInferenceService reports condition Ready=True. */
    ready: boolean;
}

const clusterLocal = /\.svc(\.cluster\.local)?$/i;

/** The endpoint of an LLM from the status its LLMInferenceService reports. */
export function toLlmEndpoint(status: LLMInferenceServiceStatus | undefined, model: string): LLMEndpoint {
    const internalUrl = status?.addresses?.map((a) => a.url).find((u): u is string => typeof u === "string" && clusterLocal.test(hostOf(u)));
    const base = status?.url ?? internalUrl;
    const openaiBaseUrl = base ? `${base.replace(/\/+$/, "")}/v1` : undefined;
    const paths = openaiBaseUrl
        ? { chatCompletions: `${openaiBaseUrl}${openaiPaths.chatCompletions}`, completions: `${openaiBaseUrl}${openaiPaths.completions}`, models: `${openaiBaseUrl}${openaiPaths.models}` }
        : undefined;
    return { url: status?.url, internalUrl, protocol: "openai", predictUrl: paths?.chatCompletions, openaiBaseUrl, paths, model, ready: llmReady(status) };
}

/** `IsInternalURL`: a private IP (`net.IP.IsPrivate`) or a cluster-local host name. */
function isInternalHost(host: string): boolean {
    const ip = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
    if (ip) {
        const [a, b] = [Number(ip[1]), Number(ip[2])];
        return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
    }
    return clusterLocal.test(host);
}

function hostOf(url: string): string {
    try {
        return new URL(url).hostname;
    } catch {
        return "";
    }
}

/** True when the status carries condition Ready=True. */
export function llmReady(status: LLMInferenceServiceStatus | undefined): boolean {
    return status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** The path prefix KServe's managed route gives an LLM: `/<namespace>/<name>`. */
export function llmRoutePath(namespace: string, name: string): string {
    return `/${namespace}/${name}`;
}

/** What {@link llmRouteStatus} needs of a Gateway listener (`gateway.networking.k8s.io/v1`). */
export interface GatewayListenerLike {
    /** Listener name. */
    name?: string;
    /** Host name the listener accepts (`*.example.com` or exact); unset accepts any. */
    hostname?: string;
    /** `HTTP`, `HTTPS` or `TLS` (others carry no HTTP route). */
    protocol: string;
    /** Port. */
    port: number;
}

/** What {@link llmRouteStatus} needs of the Gateway an LLM route attaches to. */
export interface GatewayLike {
    /** Listeners. */
    listeners: readonly GatewayListenerLike[];
    /** `status.addresses[].value` (load balancer IPs or host names). */
    addresses?: readonly string[];
    /** The Service backing the gateway, `<name>.<namespace>` (Istio names it `<gateway>-<class>`). */
    service?: { name: string; namespace: string };
}

/**
 * KServe's `GATEWAY_API_WILDCARD_HOSTNAME` default: the label put in front of a wildcard listener
 * host (`*.example.com` gives `inference.example.com`; `router_discovery.go`, `wildcardHostname`).
 */
export const wildcardHostLabel = "inference";

const schemeOf = (protocol: string) => (protocol === "HTTP" ? "http" : protocol === "HTTPS" || protocol === "TLS" ? "https" : undefined);
const withPort = (scheme: string, host: string, port: number) => ((scheme === "http" && port !== 80) || (scheme === "https" && port !== 443) ? `${host}:${port}` : host);

/**
 * `status.url` and `status.addresses` of an LLM whose managed HTTPRoute (KServe's route preset,
 * no hostnames) attaches to `gateway`, as `DiscoverURLs`, `combineIntoURLs` and `preferPathBasedURL`
 * compute them (path-based base URLs): per HTTP-capable listener, the route's host (the listener's
 * host name, a wildcard one prefixed with {@link wildcardHostLabel}, else the gateway's addresses),
 * the listener's scheme, its port unless standard, and `/<namespace>/<name>`; then the in-cluster
 * URL through the gateway's Service. Sorted as the controller sorts them; `url` is the first
 * external one.
 */
export function llmRouteStatus(gateway: GatewayLike, namespace: string, name: string): LLMInferenceServiceStatus {
    const path = llmRoutePath(namespace, name);
    const external: string[] = [];
    const internal: string[] = [];
    for (const l of gateway.listeners) {
        const scheme = schemeOf(l.protocol);
        if (!scheme) {
            continue;
        }
        const hosts = l.hostname ? [l.hostname.startsWith("*.") ? `${wildcardHostLabel}.${l.hostname.slice(2)}` : l.hostname] : [...(gateway.addresses ?? [])];
        if (gateway.addresses && gateway.addresses.length > 0) {
            external.push(...[...hosts].sort().map((h) => `${scheme}://${withPort(scheme, h, l.port)}${path}`));
        }
        if (gateway.service) {
            internal.push(`${scheme}://${withPort(scheme, `${gateway.service.name}.${gateway.service.namespace}.svc.cluster.local`, l.port)}${path}`);
        }
    }
    const all = [...new Set([...external, ...internal])].sort();
    const ext = all.filter((u) => !isInternalHost(hostOf(u)));
    return { url: ext[0] ?? all[0], addresses: all.map((url) => ({ url })) };
}

/** `status.addresses` of an LLM without a route: its workload Service (`http` unless KServe's `enableLLMInferenceServiceTLS`). */
export function llmWorkloadStatus(namespace: string, name: string, tls = false): LLMInferenceServiceStatus {
    return { addresses: [{ url: `${tls ? "https" : "http"}://${name}-kserve-workload-svc.${namespace}.svc.cluster.local` }] };
}
