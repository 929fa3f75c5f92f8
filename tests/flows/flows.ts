/**
 * The flows the platform needs, and the ones it must refuse, built from what a stack registers:
 * its models (InferenceServices), namespaces, monitors and policies. Each flow names the upstream
 * source of the traffic it describes; {@link checkFlows} runs them through the evaluator.
 */
import { llmFlows } from "./llmFlows";
import { decide, Hop, Pod, PolicySet, policySet, selects, Token } from "./policy";

/** A stack's registrations, as recorded by the harness or kept in a fixture. */
export type Registrations = readonly { type: string; inputs: any }[];

/** Who scrapes the cluster's monitors. */
export interface Scraper {
    pod: Pod;
    /** Where that is written. */
    source: string;
}

/** One flow: a chain of hops that must all be admitted (or, for a refused flow, one that must not be). */
export interface Flow {
    name: string;
    /** The upstream code or documentation the traffic comes from. */
    source: string;
    expect: "admitted" | "refused";
    hops: Hop[];
}

export interface FlowResult {
    flow: Flow;
    admitted: boolean;
    /** The reason of the refusing hop, or of the last hop. */
    reason: string;
}

const kservePodLabel = "serving.kserve.io/inferenceservice";
/** Container ports by the names the monitors use. */
export const namedPorts: Record<string, { port: number; source: string }> = {
    "http-usermetric": { port: 9091, source: "knative/serving knative-v1.21.3 pkg/networking/constants.go UserQueueMetricsPort" },
    "user-port": { port: 8080, source: "kserve v0.20.0 pkg/constants InferenceServiceDefaultHttpPort (Knative's user-port is the container port)" },
    "http-envoy-prom": { port: 15090, source: "istio/istio release-1.31 injection-template.yaml (istio-proxy port http-envoy-prom)" },
    metrics: { port: 9090, source: "knative/serving knative-v1.21.3 config/core/deployments/activator.yaml, autoscaler.yaml (container port metrics 9090)" },
    https: { port: 8443, source: "kserve v0.20.0 charts/kserve-resources (kube-rbac-proxy containerPort https 8443)" },
};

/** Pods of the platform's own monitors, by `<namespace>/<monitor>`: labels and service account of the selected pods. */
const platformPods: Record<string, { labels: Record<string, string>; serviceAccount: string }> = {
    "istio-system/istio-ingressgateway": { labels: { istio: "ingressgateway", app: "istio-ingressgateway" }, serviceAccount: "istio-ingressgateway" },
    "knative-serving/knative-activator": { labels: { app: "activator" }, serviceAccount: "activator" },
    "knative-serving/knative-autoscaler": { labels: { app: "autoscaler" }, serviceAccount: "controller" },
    "kserve/kserve-controller": { labels: { "control-plane": "kserve-controller-manager" }, serviceAccount: "kserve-controller-manager" },
};

/** Knative's ports on a revision pod (knative/serving knative-v1.21.3 pkg/networking/constants.go). */
const queueProxyPort = 8012;
const autoscalingMetricsPort = 9090;

const source = {
    gateway: "knative/serving knative-v1.21.3 (net-istio routes the model's host through istio-ingressgateway to the revision: activator or pods on 8012, pkg/networking/constants.go BackendHTTPPort)",
    activator: "knative/serving knative-v1.21.3 pkg/activator/handler/handler.go (the activator proxies the request, headers included, to a pod's 8012)",
    activatorProbe: "knative/serving knative-v1.21.3 pkg/activator/net/revision_backends.go (GET /healthz on 8012 with K-Network-Probe: queue)",
    autoscaler: "knative/serving knative-v1.21.3 pkg/autoscaler/metrics/stats_scraper.go (GET :9090/metrics on each pod, AutoscalingQueueMetricsPort)",
    prober: "knative/networking (vendored by knative/serving knative-v1.21.3) pkg/status/status.go (net-istio probes each gateway pod with GET /healthz, K-Network-Probe: probe; the gateway routes it to the revision)",
    transformer:
        "kserve v0.20.0 pkg/apis/serving/v1beta1/transformer_custom.go (--predictor_host <name>-predictor.<ns>, in Knative mode a cluster-local host served by knative-local-gateway) and python/kserve/kserve/model.py _FORWARDABLE_HEADERS (authorization is forwarded)",
    storageInitializer:
        "kserve v0.20.0 pkg/webhook/admission/pod/storage_initializer_injector.go (the storage-initializer init container runs as Istio's UID 1337, so its download bypasses the sidecar and only egress NetworkPolicies apply)",
};

/** A model as it runs: its predictor pods, the transformer pods it may get, its mode. */
interface ModelView {
    name: string;
    namespace: string;
    knative: boolean;
    predictor: Pod;
    transformer: Pod;
    /** A token its AuthorizationPolicy accepts, when it has one. */
    token?: Token;
}

/** Namespace labels, including those of namespaces the stack does not create. */
export function namespaceProxy(set: PolicySet, ns: string): boolean {
    const labels = set.namespaceLabels[ns] ?? {};
    return labels["istio-injection"] === "enabled" || labels["istio.io/rev"] !== undefined;
}

/** A token the model's AuthorizationPolicy and its namespace's RequestAuthentication accept. */
export function acceptedToken(set: PolicySet, name: string, namespace: string, podLabels?: Record<string, string>): Token | undefined {
    const ra = set.requestAuthentications.find((r) => r.metadata.namespace === namespace);
    const ap = set.authorizationPolicies.find((p) => p.metadata.namespace === namespace && (podLabels ? p.spec?.selector !== undefined && selects(p.spec.selector, podLabels) : p.spec?.selector?.matchLabels?.[kservePodLabel] === name));
    if (!ra) {
        return undefined;
    }
    const rule = ra.spec.jwtRules[0];
    const tokenRule = (ap?.spec?.rules ?? []).find((r: any) => r.from?.some((f: any) => f.source?.requestPrincipals));
    const claims: Record<string, string[]> = {};
    let aud: string[] = rule.audiences ?? ["any"];
    for (const c of tokenRule?.when ?? []) {
        const claim = /^request\.auth\.claims\[(.+)\]$/.exec(c.key);
        if (claim) {
            claims[claim[1]] = [c.values[0]];
        } else if (c.key === "request.auth.audiences") {
            aud = [c.values[0]];
        }
    }
    return { iss: rule.issuer, sub: "caller", aud, claims };
}

function models(resources: Registrations, set: PolicySet): ModelView[] {
    return resources
        .filter((r) => r.type === "kubernetes:serving.kserve.io/v1beta1:InferenceService")
        .map((r) => {
            const { name, namespace, labels, annotations } = r.inputs.metadata;
            const mode = annotations?.["serving.kserve.io/deploymentMode"] ?? "Knative";
            const proxy = namespaceProxy(set, namespace);
            const base = { ...(labels ?? {}), [kservePodLabel]: name, "service.istio.io/canonical-name": name };
            const sa = r.inputs.spec?.predictor?.serviceAccountName;
            // KServe copies the InferenceService's annotations to its pods; Istio reads this one at injection.
            const excluded = String(annotations?.["traffic.sidecar.istio.io/excludeInboundPorts"] ?? "")
                .split(",")
                .filter((p) => p.trim() !== "")
                .map(Number);
            return {
                name,
                namespace,
                knative: mode === "Knative" || mode === "Serverless",
                predictor: { namespace, labels: { ...base, component: "predictor" }, serviceAccount: sa, proxy, excludeInboundPorts: excluded },
                transformer: { namespace, labels: { ...base, component: "transformer" }, proxy },
                token: acceptedToken(set, name, namespace),
            };
        });
}

export const gatewayPod = (): Pod => ({ namespace: "istio-system", labels: { istio: "ingressgateway", app: "istio-ingressgateway" }, serviceAccount: "istio-ingressgateway", proxy: true });
const knativePod = (set: PolicySet, app: string): Pod => ({ namespace: "knative-serving", labels: { app }, serviceAccount: "controller", proxy: namespaceProxy(set, "knative-serving") });

/** Who scrapes, from the monitors' API group (and, elsewhere, the Prometheus Operator's namespace). */
export function scraperOf(resources: Registrations, prometheusNamespace = "monitoring"): Scraper | undefined {
    const monitors = resources.filter((r) => /:(PodMonitor|ServiceMonitor)$/.test(r.type));
    if (monitors.length === 0) {
        return undefined;
    }
    if (monitors.some((m) => m.type.includes("azmonitoring.coreos.com"))) {
        return {
            pod: { namespace: "kube-system", labels: { rsName: "ama-metrics" }, serviceAccount: "ama-metrics-serviceaccount", proxy: false },
            source: "Azure/prometheus-collector otelcollector/deploy/addon-chart (Deployment ama-metrics in kube-system, pod label rsName: ama-metrics, scrapes PodMonitors and ServiceMonitors)",
        };
    }
    if (resources.some((r) => /^kubernetes:core\/v1:ConfigMap(Patch)?$/.test(r.type) && r.inputs.metadata?.name === "cluster-monitoring-config")) {
        return {
            pod: { namespace: "openshift-user-workload-monitoring", labels: { "app.kubernetes.io/name": "prometheus", prometheus: "user-workload" }, serviceAccount: "prometheus-user-workload", proxy: false },
            source: "openshift/cluster-monitoring-operator assets/prometheus-user-workload (Prometheus user-workload in openshift-user-workload-monitoring)",
        };
    }
    return {
        pod: { namespace: prometheusNamespace, labels: { "app.kubernetes.io/name": "prometheus" }, serviceAccount: "prometheus", proxy: false },
        source: `prometheus-operator/prometheus-operator (the Prometheus it runs, in ${prometheusNamespace})`,
    };
}

/** The flows of a stack. `prometheusNamespace`: where the Prometheus Operator's Prometheus runs, on existing clusters. */
export function stackFlows(resources: Registrations, opts: { prometheusNamespace?: string; modelStoreIp?: string } = {}): { set: PolicySet; flows: Flow[] } {
    const set = policySet(resources);
    const flows: Flow[] = [];
    const gw = gatewayPod();
    const scraper = scraperOf(resources, opts.prometheusNamespace);
    const monitors = resources.filter((r) => r.type.endsWith(":PodMonitor")).map((r) => r.inputs);
    for (const m of models(resources, set)) {
        const id = `${m.namespace}/${m.name}`;
        const servingPort = m.knative ? queueProxyPort : 8080;
        const predict = { path: `/v1/models/${m.name}:predict`, method: "POST" };
        const guarded = set.requestAuthentications.some((r) => r.metadata.namespace === m.namespace);
        const isolated = set.networkPolicies.some((p) => p.metadata.namespace === m.namespace);
        const token = m.token;
        flows.push({ name: `${id}: a caller through the ingress gateway`, source: source.gateway, expect: "admitted", hops: [{ from: gw, to: m.predictor, port: servingPort, ...predict, token }] });
        if (m.knative) {
            const activator = knativePod(set, "activator");
            flows.push(
                {
                    name: `${id}: a caller through the gateway and the activator`,
                    source: source.activator,
                    expect: "admitted",
                    hops: [
                        { from: gw, to: activator, port: queueProxyPort, ...predict, token },
                        { from: activator, to: m.predictor, port: queueProxyPort, ...predict, token },
                    ],
                },
                { name: `${id}: the activator's readiness probe (8012 /healthz)`, source: source.activatorProbe, expect: "admitted", hops: [{ from: activator, to: m.predictor, port: queueProxyPort, path: "/healthz", method: "GET", headers: { "K-Network-Probe": "queue" } }] },
                { name: `${id}: the autoscaler's scrape of the queue-proxy (9090 /metrics)`, source: source.autoscaler, expect: "admitted", hops: [{ from: knativePod(set, "autoscaler"), to: m.predictor, port: autoscalingMetricsPort, path: "/metrics", method: "GET" }] },
                { name: `${id}: the net-istio prober through the gateway (8012 /healthz)`, source: source.prober, expect: "admitted", hops: [{ from: gw, to: m.predictor, port: queueProxyPort, path: "/healthz", method: "GET", headers: { "K-Network-Probe": "probe" } }] },
                {
                    name: `${id}: a transformer to its predictor through knative-local-gateway`,
                    source: source.transformer,
                    expect: "admitted",
                    hops: [
                        { from: m.transformer, to: gw, port: 8081, ...predict, token },
                        { from: gw, to: m.predictor, port: queueProxyPort, ...predict, token },
                    ],
                },
            );
        } else {
            flows.push({ name: `${id}: a transformer to its predictor`, source: source.transformer, expect: "admitted", hops: [{ from: m.transformer, to: m.predictor, port: 8080, ...predict, token }] });
        }
        flows.push({
            name: `${id}: the storage initializer to the model store`,
            source: source.storageInitializer,
            expect: "admitted",
            hops: [{ from: { ...m.predictor, proxy: false }, to: { external: true, ip: opts.modelStoreIp ?? "10.40.17.4", port: 443 } }],
        });
        // Every endpoint of every PodMonitor that selects the model's pods.
        for (const monitor of monitors.filter((p) => p.metadata.namespace === m.namespace && selects(p.spec.selector, m.predictor.labels))) {
            for (const e of monitor.spec.podMetricsEndpoints) {
                const port = namedPorts[e.port];
                if (!port) {
                    throw new Error(`PodMonitor ${monitor.metadata.name}: port ${e.port} has no known number`);
                }
                flows.push({
                    name: `${id}: the metrics scraper to ${e.port} (${port.port} ${e.path})`,
                    source: `${scraper!.source}; ${port.source}`,
                    expect: "admitted",
                    hops: [{ from: scraper!.pod, to: m.predictor, port: port.port, portName: e.port, path: e.path, method: "GET" }],
                });
            }
        }
        if (guarded) {
            flows.push(
                { name: `${id}: refused: a call from outside without a token`, source: "istio/api request_authentication.proto (no token: authorization decides) and the model's ALLOW policy", expect: "refused", hops: [{ from: gw, to: m.predictor, port: servingPort, ...predict }] },
                {
                    name: `${id}: refused: a token of another issuer`,
                    source: "istio/api request_authentication.proto (an invalid token is refused)",
                    expect: "refused",
                    hops: [{ from: gw, to: m.predictor, port: servingPort, ...predict, token: { iss: "https://issuer.example.org", sub: "x", aud: token?.aud ?? [] } }],
                },
                {
                    name: `${id}: refused: a pod of another meshed tenant namespace without a token`,
                    source: "istio/api authorization_policy.proto (ALLOW: what matches no rule is denied)",
                    expect: "refused",
                    hops: [{ from: { namespace: "tenant-meshed", labels: { app: "client" }, proxy: true }, to: m.predictor, port: servingPort, ...predict }],
                },
                {
                    name: `${id}: refused: another pod of the model's own namespace without a token`,
                    source: "istio/api authorization_policy.proto (ALLOW: what matches no rule is denied)",
                    expect: "refused",
                    hops: [{ from: { namespace: m.namespace, labels: { app: "client" }, proxy: m.predictor.proxy }, to: m.predictor, port: servingPort, ...predict }],
                },
            );
        }
        if (isolated) {
            flows.push({
                name: `${id}: refused: a pod of a tenant namespace outside the mesh`,
                source: "kubernetes/website network-policies.md (an isolated pod admits only what a rule allows)",
                expect: "refused",
                hops: [{ from: { namespace: "tenant-b", labels: { app: "client" }, proxy: false }, to: m.predictor, port: servingPort, ...predict, token }],
            });
        }
    }
    flows.push(...llmFlows(resources, set, scraper));
    // The platform's own monitors: the scraper reaches the Istio gateway, Knative's activator and
    // autoscaler, and KServe's controller (kube-rbac-proxy; no sidecar in kserve).
    for (const r of resources.filter((x) => /:(PodMonitor|ServiceMonitor)$/.test(x.type))) {
        const monitor = r.inputs;
        const pod = platformPods[`${monitor.metadata.namespace}/${monitor.metadata.name}`];
        if (!pod) {
            continue;
        }
        const to: Pod = { namespace: monitor.metadata.namespace, ...pod, proxy: monitor.metadata.namespace === "istio-system" || namespaceProxy(set, monitor.metadata.namespace) };
        for (const e of monitor.spec.podMetricsEndpoints ?? monitor.spec.endpoints) {
            const port = namedPorts[e.port];
            flows.push({
                name: `${monitor.metadata.namespace}/${monitor.metadata.name}: the metrics scraper to ${e.port} (${port.port} ${e.path})`,
                source: `${scraper!.source}; ${port.source}`,
                expect: "admitted",
                hops: [{ from: scraper!.pod, to, port: port.port, portName: e.port, path: e.path, method: "GET" }],
            });
        }
    }
    return { set, flows };
}

/** Every flow's outcome. */
export function checkFlows(set: PolicySet, flows: readonly Flow[]): FlowResult[] {
    return flows.map((flow) => {
        let reason = "";
        for (const hop of flow.hops) {
            const d = decide(set, hop);
            reason = d.reason;
            if (!d.admitted) {
                return { flow, admitted: false, reason };
            }
        }
        return { flow, admitted: true, reason };
    });
}

/** The flows whose outcome is not the expected one, as readable lines. */
export function wrongFlows(results: readonly FlowResult[]): string[] {
    return results.filter((r) => (r.flow.expect === "admitted") !== r.admitted).map((r) => `${r.flow.name}: expected ${r.flow.expect}, got ${r.admitted ? "admitted" : "refused"} (${r.reason}) [${r.flow.source}]`);
}
