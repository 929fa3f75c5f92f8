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
