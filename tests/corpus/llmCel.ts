/**
 * Cases for the CEL rules (`x-kubernetes-validations`) of KServe v0.20.0's LLMInferenceService CRD
 * (`config/crd/full/serving.kserve.io_llminferenceservices.yaml`, v1alpha2): for each rule, a spec
 * the API server refuses with the rule's message at the rule's field, and one it admits. The rules
 * come from kubebuilder markers in `pkg/apis/serving/v1alpha2/llm_inference_service_types.go`
 * (WorkloadSpec, ScalingSpec, ActuatorSpec, KEDAScalingSpec) and from the Gateway API HTTPRoute
 * and Inference Extension InferencePool types KServe embeds.
 */
export interface LlmCelCase {
    /** The rule's message (or what the case shows). */
    test: string;
    verdict: "accepted" | "refused";
    /** Field the rule sits on. */
    path?: string;
    /** The rule's message. */
    expect?: string;
    spec: Record<string, unknown>;
}

const model = { uri: "hf://facebook/opt-125m" };
const s = (extra: Record<string, unknown>) => ({ model, ...extra });
const route = (rules: unknown[], extra: Record<string, unknown> = {}) => s({ router: { route: { http: { spec: { rules, ...extra } } }, gateway: {} } });
const svcRef = (port?: number) => ({ kind: "Service", name: "backend", ...(port ? { port } : {}) });
const matchPath = (type: string, value: string) => ({ matches: [{ path: { type, value } }], backendRefs: [svcRef(8000)] });
const mutuallyExclusive = "replicas and scaling are mutually exclusive; use scaling for autoscaled deployments or replicas for static deployments";

export const llmCelCases: LlmCelCase[] = [
    // WorkloadSpec
    { test: "WorkloadSpec: replicas and scaling are mutually exclusive", verdict: "refused", path: "spec", expect: mutuallyExclusive, spec: s({ replicas: 2, scaling: { maxReplicas: 3, wva: { hpa: {} } } }) },
    { test: "WorkloadSpec (prefill): replicas and scaling are mutually exclusive", verdict: "refused", path: "spec.prefill", expect: mutuallyExclusive, spec: s({ prefill: { replicas: 2, scaling: { maxReplicas: 3, wva: { hpa: {} } } } }) },
    { test: "WorkloadSpec: replicas alone", verdict: "accepted", spec: s({ replicas: 2 }) },
    // ScalingSpec
    { test: "ScalingSpec: wva is required", verdict: "refused", path: "spec.scaling", expect: "wva is required when scaling is configured; it provides the autoscaling mechanism", spec: s({ scaling: { maxReplicas: 3 } }) },
    { test: "ScalingSpec: minReplicas cannot exceed maxReplicas", verdict: "refused", path: "spec.scaling", expect: "minReplicas cannot exceed maxReplicas", spec: s({ scaling: { minReplicas: 4, maxReplicas: 3, wva: { hpa: {} } } }) },
    {
        test: "ScalingSpec: minReplicas is required when idleReplicaCount is set",
        verdict: "refused",
        path: "spec.scaling",
        // The API server defaults minReplicas to 1 before the rules run, so the idle < min rule fires instead.
        expect: "idleReplicaCount must be less than minReplicas; idleReplicaCount defines the replica floor when no triggers are active",
        spec: s({ scaling: { maxReplicas: 3, wva: { keda: { idleReplicaCount: 1 } } } }),
    },
    { test: "ScalingSpec: idleReplicaCount must be less than minReplicas", verdict: "refused", path: "spec.scaling", expect: "idleReplicaCount must be less than minReplicas", spec: s({ scaling: { minReplicas: 2, maxReplicas: 3, wva: { keda: { idleReplicaCount: 2 } } } }) },
    { test: "ScalingSpec: idleReplicaCount below minReplicas", verdict: "accepted", spec: s({ scaling: { minReplicas: 2, maxReplicas: 3, wva: { keda: { idleReplicaCount: 1 } } } }) },
    // ActuatorSpec
    { test: "ActuatorSpec: hpa and keda are mutually exclusive", verdict: "refused", path: "spec.scaling.wva", expect: "hpa and keda are mutually exclusive; choose one actuator backend", spec: s({ scaling: { maxReplicas: 3, wva: { hpa: {}, keda: {} } } }) },
    { test: "ActuatorSpec: either hpa or keda", verdict: "refused", path: "spec.scaling.wva", expect: "either hpa or keda must be specified as the actuator backend", spec: s({ scaling: { maxReplicas: 3, wva: { variantCost: "1" } } }) },
    // KEDAScalingSpec
    {
        test: "KEDAScalingSpec: scalingModifiers must not be set",
        verdict: "refused",
        path: "spec.scaling.wva.keda",
        expect: "scalingModifiers must not be set; WVA controls the scaling metric formula and logic",
        spec: s({ scaling: { maxReplicas: 3, wva: { keda: { advanced: { scalingModifiers: { formula: "x", target: "", activationTarget: "", metricType: "Value" } } } } } }),
    },
    {
        // The rule reads self.advanced.scalingModifiers.formula without has(): with `advanced` set and
        // scalingModifiers (or one of its fields) absent, CEL fails with "no such key", and the API
        // server refuses the object. KServe's Go unit test of the webhook alone accepts it.
        test: "KEDAScalingSpec: advanced without scalingModifiers cannot be evaluated",
        verdict: "refused",
        path: "spec.scaling.wva.keda",
        expect: "scalingModifiers must not be set",
        spec: s({ scaling: { maxReplicas: 3, wva: { keda: { advanced: { restoreToOriginalReplicaCount: true } } } } }),
    },
    { test: "KEDAScalingSpec: no advanced", verdict: "accepted", spec: s({ scaling: { maxReplicas: 3, wva: { keda: { pollingInterval: 15 } } } }) },
    // Gateway API HTTPRoute, inline in router.route.http.spec
    { test: "HTTPRoute: path value must start with '/'", verdict: "refused", path: "spec.router.route.http.spec.rules[0].matches[0].path", expect: "value must be an absolute path and start with '/'", spec: route([matchPath("PathPrefix", "v1")]) },
    { test: "HTTPRoute: path must not contain '//'", verdict: "refused", path: "spec.router.route.http.spec.rules[0].matches[0].path", expect: "must not contain '//'", spec: route([matchPath("Exact", "/v1//models")]) },
    { test: "HTTPRoute: a valid path", verdict: "accepted", spec: route([matchPath("PathPrefix", "/v1")]) },
    { test: "HTTPRoute: Service backendRef needs a port", verdict: "refused", path: "spec.router.route.http.spec.rules[0].backendRefs[0]", expect: "Must have port for Service reference", spec: route([{ backendRefs: [svcRef()] }]) },
    {
        test: "HTTPRoute: backendRequest timeout cannot be longer than request timeout",
        verdict: "refused",
        path: "spec.router.route.http.spec.rules[0].timeouts",
        expect: "backendRequest timeout cannot be longer than request timeout",
        spec: route([{ backendRefs: [svcRef(8000)], timeouts: { request: "10s", backendRequest: "20s" } }]),
    },
    { test: "HTTPRoute: timeouts 0s (no limit, as KServe's route preset sets them)", verdict: "accepted", spec: route([{ backendRefs: [svcRef(8000)], timeouts: { request: "0s", backendRequest: "0s" } }]) },
    {
        test: "HTTPRoute: RequestRedirect filter must not be used together with backendRefs",
        verdict: "refused",
        path: "spec.router.route.http.spec.rules[0]",
        expect: "RequestRedirect filter must not be used together with backendRefs",
        spec: route([{ backendRefs: [svcRef(8000)], filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https" } }] }]),
    },
    {
        test: "HTTPRoute filter: urlRewrite must be specified for URLRewrite",
        verdict: "refused",
        path: "spec.router.route.http.spec.rules[0].filters[0]",
        expect: "filter.urlRewrite must be specified for URLRewrite filter.type",
        spec: route([{ backendRefs: [svcRef(8000)], filters: [{ type: "URLRewrite" }] }]),
    },
    // Inference Extension InferencePool, inline in router.scheduler.pool.spec
    {
        test: "InferencePool: target port numbers must be unique",
        verdict: "refused",
        path: "spec.router.scheduler.pool.spec.targetPorts",
        expect: "port number must be unique",
        spec: s({ router: { scheduler: { pool: { spec: { selector: { matchLabels: { app: "x" } }, targetPorts: [{ number: 8000 }, { number: 8000 }], endpointPickerRef: { name: "epp", port: { number: 9002 } } } } } } }),
    },
    {
        test: "InferencePool: endpointPickerRef to a Service needs a port",
        verdict: "refused",
        path: "spec.router.scheduler.pool.spec.endpointPickerRef",
        expect: "port is required when kind is 'Service' or unspecified",
        spec: s({ router: { scheduler: { pool: { spec: { selector: { matchLabels: { app: "x" } }, targetPorts: [{ number: 8000 }], endpointPickerRef: { name: "epp" } } } } } }),
    },
    {
        test: "InferencePool: a valid inline pool",
        verdict: "accepted",
        spec: s({ router: { scheduler: { pool: { spec: { selector: { matchLabels: { app: "x" } }, targetPorts: [{ number: 8000 }], endpointPickerRef: { name: "epp", port: { number: 9002 } } } } } } }),
    },
];
