/**
 * The flows of each LLMInferenceService a stack registers: the ingress gateway (which serves the
 * LLM Gateway `kserve/kserve-ingress-gateway`, components/platform/llm.ts) to the scheduler (EPP)
 * and to vLLM, the scheduler to vLLM, the metrics scraper to both, and the callers that must be
 * refused. Each names its upstream source.
 */
import type { Flow, Registrations, Scraper } from "./flows";
import { acceptedToken, gatewayPod, namespaceProxy } from "./flows";
import { Pod, PolicySet, selects, Token } from "./policy";

const source = {
    extProc:
        "istio/istio release-1.31 pilot/pkg/networking/core/route/route.go (a route to an InferencePool calls ext_proc over EnvoyGrpc to the cluster of endpointPickerRef's Service and port) and pilot/pkg/config/kube/gateway/conversion.go; kserve v0.20.0 config/llmisvcconfig/config-llm-scheduler.yaml (endpointPickerRef <name>-epp-service port 9002, container port grpc 9002); kubernetes-sigs/gateway-api-inference-extension v1.5.0 pkg/epp/server/options.go DefaultGrpcPort 9002",
    toVllm:
        "kserve v0.20.0 config/llmisvcconfig/config-llm-scheduler.yaml (InferencePool targetPorts 8000) and config-llm-template.yaml (vllm serve --port 8000), pkg/controller/v1alpha2/llmisvc/router.go (HTTPRoute on the Gateway to the pool, or to <name>-kserve-workload-svc without a scheduler); istio/istio release-1.31 pilot/pkg/config/kube/gateway/inferencepool_collection.go (the pool's shadow Service on the target ports)",
    eppScrape:
        "kubernetes-sigs/gateway-api-inference-extension v1.5.0 pkg/epp/datastore/datastore.go (metrics host <pod IP>:<target port>) and pkg/epp/server/options.go (ModelServerMetricsPath /metrics): the EPP reads each pod's vLLM metrics to pick one",
    vllmMetrics: "kserve v0.20.0 config/llmisvcconfig/config-llm-template.yaml (vLLM serves /metrics on 8000)",
    schedulerMetrics:
        "kserve v0.20.0 config/llmisvcconfig/config-llm-scheduler.yaml (container port metrics 9090) and scheduler.go reconcileSchedulerAuthDelegatorBinding (the EPP checks the scraper's service account token); kubernetes-sigs/gateway-api-inference-extension v1.5.0 pkg/epp/server/options.go MetricsPort 9090, MetricsEndpointAuth",
    envoy: "istio/istio release-1.31 injection-template.yaml (istio-proxy port http-envoy-prom 15090)",
};

/** Container ports of LLM pods by the names their monitors use. */
const llmNamedPorts: Record<string, number> = { metrics: 9090, "http-envoy-prom": 15090 };

/** Labels KServe v0.20.0 puts on an LLM's pods (workload_single_node.go singleNodeLabels, scheduler.go SchedulerLabels); Istio adds the canonical name from app.kubernetes.io/name. */
function llmPods(set: PolicySet, name: string, namespace: string, spec: any): { workload: Pod; scheduler?: Pod } {
    const proxy = namespaceProxy(set, namespace);
    const common = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "llminferenceservice", "service.istio.io/canonical-name": name };
    const workload: Pod = {
        namespace,
        labels: { ...common, "app.kubernetes.io/component": "llminferenceservice-workload", "kserve.io/component": "workload", "llm-d.ai/role": spec.prefill ? "decode" : "both" },
        serviceAccount: spec.template?.serviceAccountName,
        proxy,
    };
    const scheduler = spec.router?.scheduler;
    if (!scheduler) {
        return { workload };
    }
    const excluded = String(scheduler.annotations?.["traffic.sidecar.istio.io/excludeInboundPorts"] ?? "")
        .split(",")
        .filter((p) => p.trim() !== "")
        .map(Number);
    return {
        workload,
        scheduler: {
            namespace,
            labels: { ...common, "app.kubernetes.io/component": "llminferenceservice-router-scheduler" },
            // kserve v0.20.0 scheduler.go expectedSchedulerServiceAccount: kmeta.ChildName(name, "-epp-sa").
            serviceAccount: scheduler.template?.serviceAccountName ?? `${name}-epp-sa`,
            proxy,
            excludeInboundPorts: excluded,
        },
    };
}

/** The service account token a scraper sends where its monitor asks for one (bearerTokenFile or authorization). */
const serviceAccountToken = (scraper: Scraper): Token => ({ iss: "https://kubernetes.default.svc.cluster.local", sub: `system:serviceaccount:${scraper.pod.namespace}:${scraper.pod.serviceAccount ?? "default"}`, aud: ["https://kubernetes.default.svc.cluster.local"] });

/** Every LLM's flows. */
export function llmFlows(resources: Registrations, set: PolicySet, scraper: Scraper | undefined): Flow[] {
    const flows: Flow[] = [];
    const gw = gatewayPod();
    const monitors = resources.filter((r) => r.type.endsWith(":PodMonitor")).map((r) => r.inputs);
    for (const r of resources.filter((x) => x.type === "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceService")) {
        const { name, namespace } = r.inputs.metadata;
        const id = `${namespace}/${name}`;
        const { workload, scheduler } = llmPods(set, name, namespace, r.inputs.spec);
        const token = acceptedToken(set, name, namespace, workload.labels);
        const chat = { path: "/v1/chat/completions", method: "POST" };
        const guarded = set.requestAuthentications.some((x) => x.metadata.namespace === namespace);
        const isolated = set.networkPolicies.some((p) => p.metadata.namespace === namespace);
        const toVllm = { from: gw, to: workload, port: 8000, ...chat, token };
        if (scheduler) {
            const extProc = { from: gw, to: scheduler, port: 9002, portName: "grpc", path: "/envoy.service.ext_proc.v3.ExternalProcessor/Process", method: "POST" };
            flows.push(
                { name: `${id}: the gateway to the scheduler (ext-proc gRPC 9002)`, source: source.extProc, expect: "admitted", hops: [extProc] },
                { name: `${id}: a caller through the gateway, the scheduler picking a vLLM pod (8000)`, source: `${source.extProc}; ${source.toVllm}`, expect: "admitted", hops: [extProc, toVllm] },
                { name: `${id}: the scheduler reads vLLM's metrics (8000 /metrics)`, source: source.eppScrape, expect: "admitted", hops: [{ from: scheduler, to: workload, port: 8000, path: "/metrics", method: "GET" }] },
            );
        } else {
            flows.push({ name: `${id}: a caller through the gateway to vLLM (8000)`, source: source.toVllm, expect: "admitted", hops: [toVllm] });
        }
        // Every endpoint of every PodMonitor of the namespace that selects one of the LLM's pods.
        for (const [role, pod] of [["vLLM", workload], ["scheduler", scheduler]] as const) {
            for (const monitor of pod ? monitors.filter((m) => m.metadata.namespace === namespace && selects(m.spec.selector, pod.labels)) : []) {
                for (const e of monitor.spec.podMetricsEndpoints) {
                    const port: number | undefined = e.targetPort ?? llmNamedPorts[e.port];
                    if (port === undefined) {
                        throw new Error(`PodMonitor ${monitor.metadata.name}: port ${e.port} has no known number`);
                    }
                    const withToken = e.bearerTokenFile !== undefined || e.authorization !== undefined;
                    const why = port === 15090 ? source.envoy : role === "vLLM" ? source.vllmMetrics : source.schedulerMetrics;
                    flows.push({
                        name: `${id}: the metrics scraper to the ${role} (${port} ${e.path})`,
                        source: `${scraper!.source}; ${why}`,
                        expect: "admitted",
                        hops: [{ from: scraper!.pod, to: pod!, port, ...(e.port ? { portName: e.port } : {}), path: e.path, method: "GET", ...(withToken ? { token: serviceAccountToken(scraper!) } : {}) }],
                    });
                }
            }
        }
        if (guarded) {
            flows.push(
                { name: `${id}: refused: a call from outside to vLLM without a token`, source: "istio/api request_authentication.proto (no token: authorization decides) and the LLM workload's ALLOW policy", expect: "refused", hops: [{ ...toVllm, token: undefined }] },
                {
                    name: `${id}: refused: a pod of another meshed tenant namespace reaching vLLM without a token`,
                    source: "istio/api authorization_policy.proto (ALLOW: what matches no rule is denied)",
                    expect: "refused",
                    hops: [{ from: { namespace: "tenant-meshed", labels: { app: "client" }, proxy: true }, to: workload, port: 8000, ...chat }],
                },
            );
            if (scheduler) {
                flows.push({
                    name: `${id}: refused: the scheduler's identity calling vLLM's API without a token`,
                    source: "istio/api authorization_policy.proto (the scheduler is let in for GET /metrics only)",
                    expect: "refused",
                    hops: [{ from: scheduler, to: workload, port: 8000, ...chat }],
                });
            }
        }
        if (isolated) {
            flows.push({
                name: `${id}: refused: a pod of a tenant namespace outside the mesh reaching vLLM`,
                source: "kubernetes/website network-policies.md (an isolated pod admits only what a rule allows)",
                expect: "refused",
                hops: [{ from: { namespace: "tenant-b", labels: { app: "client" }, proxy: false }, to: workload, port: 8000, ...chat, token }],
            });
        }
    }
    return flows;
}
