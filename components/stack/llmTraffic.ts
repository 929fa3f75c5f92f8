/**
 * What LLMs add to the traffic policies of a stack with sidecars, monitoring and model auth, so the
 * LLM path's own calls get through (tests/flows.test.ts proves each one):
 * - the scheduler (EPP) reads every vLLM pod's `/metrics` on the pool's target port to pick one
 *   (gateway-api-inference-extension v1.5.0 pkg/epp/datastore/datastore.go: metrics host
 *   `<pod IP>:<target port>`, pkg/epp/server/options.go: path `/metrics`), from its own service
 *   account, without a token;
 * - the metrics scraper reads vLLM's `:8000/metrics` in plain text, and the scheduler's `metrics`
 *   port (9090) with its service account token, which the namespace's RequestAuthentication would
 *   refuse as a token of an unknown issuer; the scheduler checks that token itself (TokenReview), so
 *   its metrics port is kept out of the sidecar.
 */
import type { ModelCallers } from "../auth/modelAuth";
import { llmPorts } from "../monitoring/llm";
import type { LLMDeclaration } from "../serving/llm/models";
import type { KServePlatformArgs } from "./args";

/** The scheduler's `metrics` container port (kserve v0.20.0 config/llmisvcconfig/config-llm-scheduler.yaml; GIE v1.5.0 options.go MetricsPort 9090). */
export const schedulerMetricsPort = 9090;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The LLM's `spec.router.scheduler`, when it declares one. */
function schedulerOf(llm: LLMDeclaration): Record<string, unknown> | undefined {
    const router = (llm.spec as Record<string, unknown>).router;
    return isRecord(router) && isRecord(router.scheduler) ? router.scheduler : undefined;
}

/**
 * The scheduler's service account: its template's `serviceAccountName`, else `<name>-epp-sa`
 * (kserve v0.20.0 pkg/controller/v1alpha2/llmisvc/scheduler.go expectedSchedulerServiceAccount,
 * `kmeta.ChildName(name, "-epp-sa")`); `*` where ChildName would hash a name too long for 63
 * characters. Undefined without a scheduler.
 */
export function schedulerServiceAccount(llm: LLMDeclaration): string | undefined {
    const scheduler = schedulerOf(llm);
    if (!scheduler) {
        return undefined;
    }
    const template = isRecord(scheduler.template) ? scheduler.template : {};
    if (typeof template.serviceAccountName === "string" && template.serviceAccountName !== "") {
        return template.serviceAccountName;
    }
    const name = `${llm.name}-epp-sa`;
    return name.length <= 63 ? name : "*";
}

const llmsOf = (args: KServePlatformArgs): LLMDeclaration[] => args.models.llms ?? [];

/** The namespaces of the declared LLMs. */
export function llmNamespaces(args: KServePlatformArgs): string[] {
    return [...new Set(llmsOf(args).map((l) => l.namespace ?? args.models.defaultNamespace))].sort();
}

/** Ports of LLM pods the metrics scraper reads: vLLM's API port and the scheduler's metrics port; none without LLMs. */
export function llmScrapedPorts(args: KServePlatformArgs): number[] {
    return args.monitoring && llmsOf(args).length > 0 ? [llmPorts.vllm, schedulerMetricsPort] : [];
}

/**
 * The LLMs as the cluster gets them: with sidecars and monitoring, each scheduler pod carries
 * `traffic.sidecar.istio.io/excludeInboundPorts: "9090"` (KServe copies `router.scheduler.annotations`
 * to the pod template, scheduler.go propagateSchedulerMetadata; Istio reads the annotation at
 * injection), added to any value the LLM sets.
 */
export function llmsForMesh(args: KServePlatformArgs): LLMDeclaration[] | undefined {
    const llms = args.models.llms;
    if (!llms || !args.platform.sidecarInjection || !args.monitoring) {
        return llms;
    }
    const key = "traffic.sidecar.istio.io/excludeInboundPorts";
    return llms.map((llm) => {
        const scheduler = schedulerOf(llm);
        if (!scheduler) {
            return llm;
        }
        const annotations = isRecord(scheduler.annotations) ? (scheduler.annotations as Record<string, string>) : {};
        const ports = String(annotations[key] ?? "")
            .split(",")
            .map((p) => p.trim())
            .filter((p) => p !== "");
        if (ports.includes(String(schedulerMetricsPort))) {
            return llm;
        }
        const spec = llm.spec as Record<string, unknown>;
        const router = spec.router as Record<string, unknown>;
        const merged = { ...scheduler, annotations: { ...annotations, [key]: [...ports, String(schedulerMetricsPort)].join(",") } };
        return { ...llm, spec: { ...spec, router: { ...router, scheduler: merged } } };
    });
}

/**
 * The callers of each model, with what an LLM's policies add: GET /metrics on vLLM's port in plain
 * text when monitoring is on, and from the scheduler's identity when it has one.
 */
export function llmAuthModels(args: KServePlatformArgs, models: readonly ModelCallers[]): ModelCallers[] {
    const defaultNamespace = args.models.defaultNamespace;
    return models.map((m) => {
        const llm = llmsOf(args).find((l) => l.name === m.name && (l.namespace ?? defaultNamespace) === m.namespace);
        if (!llm) {
            return m;
        }
        const account = schedulerServiceAccount(llm);
        return {
            ...m,
            ...(args.monitoring ? { scrapedPorts: [llmPorts.vllm] } : {}),
            ...(account ? { metricsCallers: [`cluster.local/ns/${m.namespace}/sa/${account}`] } : {}),
        };
    });
}
