/**
 * The cases of KServe v0.20.0's own LLMInferenceService admission tests, transcribed with the
 * verdict each asserts, and the field KServe names (or the fragment of its message):
 * - `unit` cases come from `pkg/apis/serving/v1alpha2/llm_inference_service_validation_test.go`,
 *   which calls the webhook's checks directly; the corpus runs them through the platform's port of
 *   the webhook (components/serving/llm/webhook.ts);
 * - `envtest` cases come from `pkg/controller/v1alpha2/llmisvc/validation_int_test.go`, which
 *   creates the object in a real API server with the CRD and the webhook; the corpus runs them
 *   through the whole admission (schema, CEL rules, webhook).
 * Update-only cases (parallelism size is immutable, deletion bypass) have no create-time equivalent.
 */

export interface LlmWebhookCase {
    /** `TestName/case name` or `Context/It`. */
    test: string;
    /** Which admission the upstream test exercises. */
    scope: "unit" | "envtest";
    verdict: "accepted" | "refused";
    /** Field path the problem must name (refused cases). */
    path?: string;
    /** A fragment of the message (refused cases). */
    expect?: string;
    name?: string;
    annotations?: Record<string, string>;
    spec: Record<string, unknown>;
}

const uri = "hf://meta-llama/Llama-2-7b";
/** `newBaseLLMInferenceServiceV1Alpha2`: name test-llm-isvc, model hf://meta-llama/Llama-2-7b. */
const base = (extra: Record<string, unknown> = {}) => ({ model: { uri }, ...extra });
const hpa = (extra: Record<string, unknown> = {}) => ({ hpa: {}, ...extra });
const keda = (k: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ keda: k, ...extra });
const scaling = (s: Record<string, unknown>) => base({ scaling: s });

const ws = "TestValidateWorkloadScaling";
const unitOk = (test: string, spec: Record<string, unknown>, extra: Partial<LlmWebhookCase> = {}): LlmWebhookCase => ({ test, scope: "unit", verdict: "accepted", spec, ...extra });
const unitNo = (test: string, path: string, expect: string, spec: Record<string, unknown>, extra: Partial<LlmWebhookCase> = {}): LlmWebhookCase => ({
    test,
    scope: "unit",
    verdict: "refused",
    path,
    expect,
    spec,
    ...extra,
});

const scalingCases: LlmWebhookCase[] = [
    unitOk(`${ws}/valid: scaling with WVA + HPA`, scaling({ minReplicas: 1, maxReplicas: 5, wva: hpa({ variantCost: "10.0" }) })),
    unitOk(`${ws}/valid: scaling with WVA + KEDA and idleReplicaCount`, scaling({ minReplicas: 2, maxReplicas: 10, wva: keda({ pollingInterval: 30, cooldownPeriod: 60, idleReplicaCount: 1 }, { variantCost: "5.0" }) })),
    unitOk(`${ws}/valid: no scaling configured`, base()),
    unitOk(`${ws}/valid: scaling with only maxReplicas (no minReplicas)`, scaling({ maxReplicas: 5, wva: hpa() })),
    unitOk(`${ws}/valid: variantCost integer format`, scaling({ maxReplicas: 5, wva: hpa({ variantCost: "10" }) })),
    unitOk(`${ws}/valid: variantCost decimal format`, scaling({ maxReplicas: 5, wva: hpa({ variantCost: "0.5" }) })),
    unitOk(`${ws}/valid: HPA with behavior configured`, scaling({ maxReplicas: 5, wva: { hpa: { behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } } } })),
    unitOk(`${ws}/valid: idleReplicaCount=1 minReplicas=2 (minimum valid combo)`, scaling({ minReplicas: 2, maxReplicas: 5, wva: keda({ idleReplicaCount: 1 }) })),
    unitOk(`${ws}/valid: initialCooldownPeriod set`, scaling({ maxReplicas: 5, wva: keda({ initialCooldownPeriod: 120 }) })),
    unitOk(`${ws}/valid: fallback set`, scaling({ maxReplicas: 5, wva: keda({ fallback: { failureThreshold: 3, replicas: 2 } }) })),
    unitOk(`${ws}/valid: restoreToOriginalReplicaCount set in advanced`, scaling({ maxReplicas: 5, wva: keda({ advanced: { restoreToOriginalReplicaCount: true } }) })),
    unitNo(`${ws}/error: scalingModifiers target set`, "spec.scaling.wva.keda.advanced.scalingModifiers", "scalingModifiers must not be set", scaling({ maxReplicas: 5, wva: keda({ advanced: { scalingModifiers: { target: "5" } } }) })),
    unitNo(
        `${ws}/error: scalingModifiers activationTarget set`,
        "spec.scaling.wva.keda.advanced.scalingModifiers",
        "scalingModifiers must not be set",
        scaling({ maxReplicas: 5, wva: keda({ advanced: { scalingModifiers: { activationTarget: "1" } } }) }),
    ),
    unitNo(
        `${ws}/error: scalingModifiers metricType set`,
        "spec.scaling.wva.keda.advanced.scalingModifiers",
        "scalingModifiers must not be set",
        scaling({ maxReplicas: 5, wva: keda({ advanced: { scalingModifiers: { metricType: "AverageValue" } } }) }),
    ),
    unitNo(
        `${ws}/error: both scalingModifiers and hpa name set (2 errors)`,
        "spec.scaling.wva.keda.advanced.horizontalPodAutoscalerConfig.name",
        "horizontalPodAutoscalerConfig.name must not be set",
        scaling({ maxReplicas: 5, wva: keda({ advanced: { scalingModifiers: { formula: "x" }, horizontalPodAutoscalerConfig: { name: "custom-hpa" } } }) }),
    ),
    unitNo(`${ws}/error: replicas and scaling both set`, "spec.scaling", "scaling and replicas are mutually exclusive", base({ replicas: 3, scaling: { maxReplicas: 5, wva: hpa() } })),
    unitNo(`${ws}/error: minReplicas > maxReplicas`, "spec.scaling.minReplicas", "minReplicas (10) cannot exceed maxReplicas (5)", scaling({ minReplicas: 10, maxReplicas: 5, wva: hpa() })),
    unitNo(`${ws}/error: scaling without WVA`, "spec.scaling.wva", "wva is required when scaling is configured", scaling({ maxReplicas: 5 })),
    unitNo(`${ws}/error: WVA with both HPA and KEDA`, "spec.scaling.wva", "hpa and keda are mutually exclusive", scaling({ maxReplicas: 5, wva: { hpa: {}, keda: {} } })),
    unitNo(`${ws}/error: WVA with neither HPA nor KEDA`, "spec.scaling.wva", "either hpa or keda must be specified", scaling({ maxReplicas: 5, wva: {} })),
    unitNo(`${ws}/error: invalid variantCost - alphabetic`, "spec.scaling.wva.variantCost", "variantCost must be a non-negative numeric string", scaling({ maxReplicas: 5, wva: hpa({ variantCost: "abc" }) })),
    unitNo(`${ws}/error: invalid variantCost - negative`, "spec.scaling.wva.variantCost", "variantCost must be a non-negative numeric string", scaling({ maxReplicas: 5, wva: hpa({ variantCost: "-5" }) })),
    unitNo(`${ws}/error: invalid variantCost - multiple dots`, "spec.scaling.wva.variantCost", "variantCost must be a non-negative numeric string", scaling({ maxReplicas: 5, wva: hpa({ variantCost: "1.2.3" }) })),
    unitNo(`${ws}/error: KEDA idleReplicaCount without minReplicas`, "spec.scaling.minReplicas", "minReplicas is required when idleReplicaCount is set", scaling({ maxReplicas: 5, wva: keda({ idleReplicaCount: 1 }) })),
    unitNo(`${ws}/error: KEDA idleReplicaCount >= minReplicas`, "spec.scaling.wva.keda.idleReplicaCount", "idleReplicaCount (3) must be less than minReplicas (2)", scaling({ minReplicas: 2, maxReplicas: 5, wva: keda({ idleReplicaCount: 3 }) })),
    unitNo(`${ws}/error: KEDA idleReplicaCount == minReplicas`, "spec.scaling.wva.keda.idleReplicaCount", "idleReplicaCount (2) must be less than minReplicas (2)", scaling({ minReplicas: 2, maxReplicas: 5, wva: keda({ idleReplicaCount: 2 }) })),
    unitOk(`${ws}/valid: scaling and worker both set with HPA (multi-node autoscaling)`, base({ worker: {}, parallelism: { pipeline: 2 }, scaling: { maxReplicas: 5, wva: hpa() } })),
    unitOk(`${ws}/valid: scaling and worker both set with KEDA (multi-node autoscaling)`, base({ worker: {}, parallelism: { pipeline: 2 }, scaling: { maxReplicas: 5, wva: keda() } })),
    unitOk(`${ws}/valid: worker set with replicas (no scaling) - multi-node with static replicas`, base({ worker: {}, parallelism: { pipeline: 2 }, replicas: 2 })),
];

const pf = "TestValidateScaling_PrefillWorkload";
const ac = "TestValidateActuatorConsistency";
const prefillCases: LlmWebhookCase[] = [
    unitNo(`${pf}/error on prefill scaling uses correct field path`, "spec.prefill.scaling", "scaling and replicas are mutually exclusive", base({ prefill: { replicas: 3, scaling: { maxReplicas: 5, wva: hpa() } } })),
    unitOk(`${pf}/both decode and prefill with matching HPA backends`, base({ scaling: { minReplicas: 1, maxReplicas: 5, wva: hpa() }, prefill: { scaling: { minReplicas: 2, maxReplicas: 8, wva: hpa() } } })),
    unitOk(`${pf}/both decode and prefill with matching KEDA backends`, base({ scaling: { minReplicas: 1, maxReplicas: 5, wva: keda() }, prefill: { scaling: { minReplicas: 2, maxReplicas: 8, wva: keda({ idleReplicaCount: 1 }) } } })),
    unitNo(`${pf}/scalingModifiers set - rejected`, "spec.scaling.wva.keda.advanced.scalingModifiers", "scalingModifiers must not be set", scaling({ maxReplicas: 5, wva: keda({ advanced: { scalingModifiers: { formula: "wva_desired_replicas" } } }) })),
    unitNo(
        `${pf}/horizontalPodAutoscalerConfig name set - rejected`,
        "spec.scaling.wva.keda.advanced.horizontalPodAutoscalerConfig.name",
        "horizontalPodAutoscalerConfig.name must not be set",
        scaling({ maxReplicas: 5, wva: keda({ advanced: { horizontalPodAutoscalerConfig: { name: "my-hpa" } } }) }),
    ),
    unitOk(`${pf}/keda advanced with only behavior - allowed`, scaling({ maxReplicas: 5, wva: keda({ advanced: { horizontalPodAutoscalerConfig: { behavior: {} } } }) })),
    unitNo(`${pf}/errors on both decode and prefill are reported (decode)`, "spec.scaling.wva", "wva is required", base({ scaling: { maxReplicas: 5 }, prefill: { scaling: { minReplicas: 10, maxReplicas: 5, wva: hpa() } } })),
    unitNo(`${pf}/errors on both decode and prefill are reported (prefill)`, "spec.prefill.scaling.minReplicas", "minReplicas (10) cannot exceed maxReplicas (5)", base({ scaling: { maxReplicas: 5 }, prefill: { scaling: { minReplicas: 10, maxReplicas: 5, wva: hpa() } } })),
    unitOk(`${ac}/valid: decode HPA, no prefill scaling`, base({ scaling: { maxReplicas: 5, wva: hpa() }, prefill: { replicas: 2 } })),
    unitOk(`${ac}/valid: no prefill at all`, scaling({ maxReplicas: 5, wva: hpa() })),
    unitOk(`${ac}/valid: decode scaling only, prefill has no scaling`, base({ scaling: { maxReplicas: 5, wva: keda() }, prefill: { replicas: 3 } })),
    unitOk(`${ac}/valid: prefill scaling only, decode has no scaling`, base({ replicas: 2, prefill: { scaling: { maxReplicas: 5, wva: hpa() } } })),
    unitNo(`${ac}/error: decode HPA, prefill KEDA`, "spec.prefill.scaling.wva", "decode uses hpa but prefill uses keda", base({ scaling: { maxReplicas: 5, wva: hpa() }, prefill: { scaling: { maxReplicas: 5, wva: keda() } } })),
    unitNo(`${ac}/error: decode KEDA, prefill HPA`, "spec.prefill.scaling.wva", "decode uses keda but prefill uses hpa", base({ scaling: { maxReplicas: 5, wva: keda() }, prefill: { scaling: { maxReplicas: 5, wva: hpa() } } })),
];

const lr = "TestValidateLoRAAdapters";
/** `makeSvc(modelName, lora)`: the service and its model share the name. */
const loraSvc = (modelName: string, lora?: Record<string, unknown>) => ({ name: modelName, spec: { model: { uri: "hf://base-model", name: modelName, ...(lora ? { lora } : {}) } } });
const adapter = (name: string, u: string) => ({ uri: `hf://${u}`, name });
const loraOk = (test: string, modelName: string, lora?: Record<string, unknown>) => unitOk(`${lr}/${test}`, loraSvc(modelName, lora).spec, { name: modelName });
const loraNo = (test: string, path: string, expect: string, modelName: string, lora: Record<string, unknown>) => unitNo(`${lr}/${test}`, path, expect, loraSvc(modelName, lora).spec, { name: modelName });
const loraCases: LlmWebhookCase[] = [
    loraOk("no lora", "base"),
    loraOk("valid single adapter", "base", { adapters: [adapter("adapter-1", "adapter-1")] }),
    loraNo("adapter name missing", "spec.model.lora.adapters[0].name", "adapter name is required", "base", { adapters: [{ uri: "hf://adapter-1" }] }),
    loraNo("adapter name is dot (path traversal)", "spec.model.lora.adapters[0].name", "path traversal", "base", { adapters: [adapter(".", "adapter-dot")] }),
    loraNo("adapter name is dotdot (path traversal)", "spec.model.lora.adapters[0].name", "path traversal", "base", { adapters: [adapter("..", "adapter-dotdot")] }),
    loraNo("duplicate adapter names", "spec.model.lora.adapters[1].name", "duplicate", "base", { adapters: [adapter("dup", "adapter-1"), adapter("dup", "adapter-2")] }),
    loraNo("adapter name same as base model name", "spec.model.lora.adapters[0].name", "adapter name must differ from base model name", "base-model", { adapters: [adapter("base-model", "adapter-1")] }),
    loraNo("maxRank zero is invalid", "spec.model.lora.maxRank", "", "base", { maxRank: 0, adapters: [adapter("adapter-1", "adapter-1")] }),
    loraNo("maxAdapters zero is invalid", "spec.model.lora.maxAdapters", "", "base", { maxAdapters: 0, adapters: [adapter("adapter-1", "adapter-1")] }),
    loraNo("maxCpuAdapters zero is invalid", "spec.model.lora.maxCpuAdapters", "", "base", { maxCpuAdapters: 0, adapters: [adapter("adapter-1", "adapter-1")] }),
    loraOk("all lora params valid", "base", { maxRank: 128, maxAdapters: 4, maxCpuAdapters: 8, adapters: [adapter("adapter-1", "adapter-1"), adapter("adapter-2", "adapter-2")] }),
];

const dra = "TestValidateManagedDRAAnnotations";
const k = {
    deviceClass: "serving.kserve.io/exp-dra-device-class",
    deviceCount: "serving.kserve.io/exp-dra-device-count",
    celSelector: "serving.kserve.io/exp-dra-cel-selector",
    containerName: "serving.kserve.io/exp-dra-container-name",
};
const at = (key: string) => `annotations["${key}"]`;
const draOk = (test: string, annotations?: Record<string, string>) => unitOk(`${dra}/${test}`, base(), { annotations });
const draNo = (test: string, key: string, annotations: Record<string, string>) => unitNo(`${dra}/${test}`, at(key), "", base(), { annotations });
const gpu = "gpu.nvidia.com";
const draCases: LlmWebhookCase[] = [
    draOk("no DRA annotations"),
    draOk("valid: device class only", { [k.deviceClass]: gpu }),
    draOk("valid: device class + device count + cel selectors", { [k.deviceClass]: gpu, [k.deviceCount]: "4", [k.celSelector]: "device.attributes['gpu.nvidia.com']['type'] == 'A100'\ndevice.capacity['gpu.nvidia.com'].memory.compareTo(quantity('40Gi')) >= 0" }),
    draOk("valid: device class with dotted name", { [k.deviceClass]: "mig-3g.40gb" }),
    draNo("invalid: empty device class", k.deviceClass, { [k.deviceClass]: " " }),
    draNo("invalid: device class with uppercase", k.deviceClass, { [k.deviceClass]: "GPU.Nvidia.com" }),
    draNo("invalid: device count without device class", k.deviceClass, { [k.deviceCount]: "2" }),
    draNo("invalid: cel selector without device class", k.deviceClass, { [k.celSelector]: "device.attributes['gpu.nvidia.com']['type'] == 'A100'" }),
    draNo("invalid: device count is non-numeric (the foot-gun the webhook is meant to catch)", k.deviceCount, { [k.deviceClass]: gpu, [k.deviceCount]: "abc" }),
    draNo("invalid: device count is zero", k.deviceCount, { [k.deviceClass]: gpu, [k.deviceCount]: "0" }),
    draNo("invalid: device count is negative", k.deviceCount, { [k.deviceClass]: gpu, [k.deviceCount]: "-1" }),
    draNo("invalid: cel selector annotation set but contains no expressions", k.celSelector, { [k.deviceClass]: gpu, [k.celSelector]: "\n \n" }),
    draNo("invalid: multiple errors are surfaced together (class)", k.deviceClass, { [k.deviceClass]: "BAD CLASS", [k.deviceCount]: "abc" }),
    draNo("invalid: multiple errors are surfaced together (count)", k.deviceCount, { [k.deviceClass]: "BAD CLASS", [k.deviceCount]: "abc" }),
    draNo("invalid: device class with consecutive dots (rejected by IsDNS1123Subdomain)", k.deviceClass, { [k.deviceClass]: "gpu..nvidia.com" }),
    draOk("valid: device class + explicit container name", { [k.deviceClass]: gpu, [k.containerName]: "vllm" }),
    draNo("invalid: container name without device class", k.deviceClass, { [k.containerName]: "vllm" }),
    draNo("invalid: empty container name", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: " " }),
    draNo("invalid: container name with uppercase (not a DNS label)", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "VLLM" }),
    draNo("invalid: container name contains dots (DNS label disallows dots)", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "vllm.main" }),
    draOk("valid: hyphenated container name (normal DNS label)", { [k.deviceClass]: gpu, [k.containerName]: "kserve-container" }),
    draOk("valid: container name with surrounding whitespace is trimmed before validation", { [k.deviceClass]: gpu, [k.containerName]: " vllm " }),
    draNo("invalid: container name with embedded space", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "vllm main" }),
    draNo("invalid: container name with underscore (DNS label disallows underscores)", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "vllm_main" }),
    draNo("invalid: container name with trailing hyphen", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "vllm-" }),
    draNo("invalid: container name longer than 63 characters", k.containerName, { [k.deviceClass]: gpu, [k.containerName]: "a".repeat(64) }),
];

const cf = "TestValidateConfidential";
const confidentialCases: LlmWebhookCase[] = [
    unitOk(`${cf}/nil confidential spec`, base()),
    unitOk(`${cf}/confidential disabled`, { model: { uri, confidential: { enabled: false } } }),
    unitOk(`${cf}/confidential enabled with valid resourceId`, { model: { uri, confidential: { enabled: true, resourceId: "kbs:///default/key/model-key" } } }),
    unitOk(`${cf}/confidential enabled without resourceId`, { model: { uri, confidential: { enabled: true } } }),
    unitOk(`${cf}/confidential enabled with OCI URI warns`, { model: { uri: "oci://registry/model:latest", confidential: { enabled: true } } }),
    unitOk(`${cf}/confidential enabled with PVC URI warns`, { model: { uri: "pvc://my-pvc/model-dir", confidential: { enabled: true } } }),
    unitNo(`${cf}/confidential with malformed resourceId`, "spec.model.confidential.resourceId", "kbs:///<repo>/<type>/<tag>", { model: { uri, confidential: { enabled: true, resourceId: "invalid-id" } } }),
];

const kv = "TestValidateKVCacheOffloading";
const emptyDir = { fileSystem: { emptyDir: { size: "100Gi" } } };
const kvCases: LlmWebhookCase[] = [
    unitOk(`${kv}/nil spec produces no errors`, base()),
    unitOk(`${kv}/cpu-only (no secondary) produces no errors`, base({ kvCacheOffloading: { cpu: "10Gi" } })),
    unitOk(`${kv}/valid emptyDir secondary tier`, base({ kvCacheOffloading: { cpu: "10Gi", secondary: [emptyDir] } })),
    unitNo(`${kv}/nil fileSystem produces error`, "spec.kvCacheOffloading.secondary[0].fileSystem", "fileSystem must be set", base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{}] } })),
    unitNo(`${kv}/both emptyDir and pvc set produces error`, "spec.kvCacheOffloading.secondary[0].fileSystem", "multiple are set", base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{ fileSystem: { emptyDir: { size: "100Gi" }, pvc: {} } }] } })),
    unitNo(`${kv}/none of emptyDir/pvc set produces error`, "spec.kvCacheOffloading.secondary[0].fileSystem", "exactly one of emptyDir or pvc", base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{ fileSystem: {} }] } })),
    unitNo(`${kv}/pvc with neither spec nor ref produces error`, "spec.kvCacheOffloading.secondary[0].fileSystem.pvc", "exactly one of spec or ref", base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{ fileSystem: { pvc: {} } }] } })),
    unitNo(`${kv}/pvc.ref with empty name produces error`, "spec.kvCacheOffloading.secondary[0].fileSystem.pvc.ref.name", "name is required", base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{ fileSystem: { pvc: { ref: { name: "" } } } }] } })),
    unitNo(
        `${kv}/pvc with both spec and ref produces error`,
        "spec.kvCacheOffloading.secondary[0].fileSystem.pvc",
        "multiple are set",
        base({ kvCacheOffloading: { cpu: "10Gi", secondary: [{ fileSystem: { pvc: { spec: {}, ref: { name: "my-pvc" } } } }] } }),
    ),
    unitNo(`${kv}/prefill kvCacheOffloading is also validated`, "spec.prefill.kvCacheOffloading.cpu", "cpu must be set", base({ kvCacheOffloading: { cpu: "10Gi" }, prefill: { kvCacheOffloading: { secondary: [emptyDir] } } })),
];

// validation_int_test.go: objects created in an API server running the CRD and the webhook.
const opt = "hf://facebook/opt-125m";
const env = (test: string, verdict: "accepted" | "refused", spec: Record<string, unknown>, path?: string, expect?: string): LlmWebhookCase => ({ test, scope: "envtest", verdict, spec, path, expect });
const rule = (path: string, backend: string, port: number, extra: Record<string, unknown> = {}) => ({
    matches: [{ path: { type: "PathPrefix", value: path } }],
    backendRefs: [{ kind: "Service", name: backend, port, weight: 1 }],
    ...extra,
});
const parentRef = (name: string, namespace: string) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name, namespace });
const ns = "test-ns";
const cross = "LLMInferenceService webhook validation/cross-field constraints validation";
const par = "LLMInferenceService webhook validation/parallelism constraints validation";
const api = "LLMInferenceService API validation";
const envtestCases: LlmWebhookCase[] = [
    env(
        `${cross}/should reject LLMInferenceService with both refs and spec in HTTPRoute`,
        "refused",
        { model: { uri: opt }, router: { route: { http: { refs: [{ name: "test-route" }], spec: { rules: [rule("/test", "test-service", 80)] } } } } },
        "spec.router.route.http",
        "cannot use both custom HTTPRoute refs",
    ),
    env(
        `${cross}/should reject LLMInferenceService with user-defined routes and managed gateway`,
        "refused",
        { model: { uri: opt }, router: { route: { http: { refs: [{ name: "test-route" }] } }, gateway: {} } },
        "spec.router.route.http.refs",
        "cannot be used with a managed gateway",
    ),
    env(`${cross}/should accept LLMInferenceService with custom gateway refs and managed route spec without parentRefs`, "accepted", {
        model: { uri: opt },
        router: { gateway: { refs: [{ name: "test-gateway", namespace: ns }] }, route: { http: { spec: { rules: [rule("/test", "custom-backend", 8080)] } } } },
    }),
    env(`${cross}/should accept but warn when managed route spec has consistent parentRefs with gateway refs`, "accepted", {
        model: { uri: opt },
        router: {
            gateway: { refs: [{ name: "test-gateway", namespace: ns }] },
            route: { http: { spec: { parentRefs: [parentRef("test-gateway", ns)], rules: [rule("/test", "custom-backend", 8080, { timeouts: { backendRequest: "30s", request: "60s" } })] } } },
        },
    }),
    env(
        `${cross}/should reject LLMInferenceService with conflicting parentRefs and gateway refs`,
        "refused",
        {
            model: { uri: opt },
            router: { gateway: { refs: [{ name: "test-gateway", namespace: ns }] }, route: { http: { spec: { parentRefs: [parentRef("different-gateway", ns)], rules: [rule("/test", "custom-backend", 8080)] } } } },
        },
        "spec.router.route.http.spec",
        "conflict",
    ),
    env(`${par}/should reject LLMInferenceService with both pipeline and data parallelism`, "refused", { model: { uri: opt }, parallelism: { pipeline: 2, data: 2, dataLocal: 1 } }, "spec.parallelism", "cannot set both pipeline parallelism and data parallelism"),
    env(`${par}/should reject LLMInferenceService with data parallelism but missing dataLocal`, "refused", { model: { uri: opt }, parallelism: { data: 2 } }, "spec.parallelism.dataLocal", "dataLocal must be set when data is set"),
    env(`${par}/should reject LLMInferenceService with dataLocal parallelism but missing data`, "refused", { model: { uri: opt }, parallelism: { dataLocal: 2 } }, "spec.parallelism.data", "data must be set when dataLocal is set"),
    env(`${par}/should reject LLMInferenceService with worker but no parallelism configuration`, "refused", { model: { uri: opt }, worker: {} }, "spec.worker", "when worker is specified, parallelism must be configured"),
    env(
        `${par}/should reject LLMInferenceService with prefill having both pipeline and data parallelism`,
        "refused",
        { model: { uri: opt }, prefill: { parallelism: { pipeline: 2, data: 2, dataLocal: 1 } } },
        "spec.prefill.parallelism",
        "cannot set both pipeline parallelism and data parallelism",
    ),
    env(`${par}/should reject LLMInferenceService with prefill worker but no parallelism configuration`, "refused", { model: { uri: opt }, prefill: { worker: {} } }, "spec.prefill.worker", "when worker is specified"),
    env(`${par}/should accept LLMInferenceService with valid pipeline parallelism`, "accepted", { model: { uri: opt }, parallelism: { pipeline: 2 }, worker: {} }),
    env(`${par}/should accept LLMInferenceService with valid data parallelism`, "accepted", { model: { uri: opt }, parallelism: { data: 4, dataLocal: 2 }, worker: {} }),
    env(`${par}/should accept LLMInferenceService with valid prefill parallelism configuration`, "accepted", { model: { uri: opt }, prefill: { parallelism: { pipeline: 2 }, worker: {} } }),
    env(`${par}/should accept LLMInferenceService without parallelism configuration`, "accepted", { model: { uri: opt } }),
    env(`${api}/scheduler config validation/should reject LLMInferenceService with scheduler config having neither inline nor ref`, "refused", { model: { uri: opt }, router: { scheduler: { config: {} } } }, "spec.router.scheduler.config", "either inline or ref is required"),
    env(
        `${api}/scheduler config validation/should reject LLMInferenceService with scheduler config having both inline and ref`,
        "refused",
        { model: { uri: opt }, router: { scheduler: { config: { inline: { key: "value" }, ref: { name: "test-config", key: "config" } } } } },
        "spec.router.scheduler.config",
        "both inline and ref are set",
    ),
    env(`${api}/scheduler config validation/should reject LLMInferenceService with empty inline scheduler config`, "refused", { model: { uri: opt }, router: { scheduler: { config: { inline: {} } } } }, "spec.router.scheduler.config.inline", "inline configuration is invalid"),
    env(`${api}/scheduler config validation/should reject LLMInferenceService with ref scheduler config having empty name`, "refused", { model: { uri: opt }, router: { scheduler: { config: { ref: { name: "", key: "config" } } } } }, "spec.router.scheduler.config.ref.name", "name is empty"),
    env(`${api}/scheduler config validation/should accept LLMInferenceService with valid inline scheduler config`, "accepted", { model: { uri: opt }, router: { scheduler: { config: { inline: { schedulingStrategy: "round-robin" } } } } }),
    env(`${api}/scheduler config validation/should accept LLMInferenceService with valid ref scheduler config`, "accepted", { model: { uri: opt }, router: { scheduler: { config: { ref: { name: "scheduler-config", key: "config.yaml" } } } } }),
    env(`${api}/scheduler config validation/should accept LLMInferenceService without scheduler config`, "accepted", { model: { uri: opt }, router: { scheduler: {} } }),
    env(`${api}/scheduler replicas validation/should reject LLMInferenceService with zero scheduler replicas`, "refused", { model: { uri: opt }, router: { scheduler: { replicas: 0 } } }, "spec.router.scheduler.replicas", "scheduler replicas must be greater than zero"),
    env(`${api}/scheduler replicas validation/should reject LLMInferenceService with negative scheduler replicas`, "refused", { model: { uri: opt }, router: { scheduler: { replicas: -1 } } }, "spec.router.scheduler.replicas", "scheduler replicas must be greater than zero"),
    env(`${api}/scheduler replicas validation/should accept LLMInferenceService with positive scheduler replicas`, "accepted", { model: { uri: opt }, router: { scheduler: { replicas: 3 } } }),
    env(`${api}/scheduler replicas validation/should accept LLMInferenceService with scheduler replicas of 1`, "accepted", { model: { uri: opt }, router: { scheduler: { replicas: 1 } } }),
    env(`${api}/Integer value validation/should reject LLMInferenceService with negative workload replicas`, "refused", { model: { uri: opt }, replicas: -1 }, "spec.replicas", "at least 0"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with negative tensor parallelism`, "refused", { model: { uri: opt }, parallelism: { tensor: -1 } }, "spec.parallelism.tensor", "at least 1"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with negative pipeline parallelism`, "refused", { model: { uri: opt }, parallelism: { pipeline: -1 } }, "spec.parallelism.pipeline", "at least 1"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with negative data parallelism`, "refused", { model: { uri: opt }, parallelism: { data: -1, dataLocal: 1 } }, "spec.parallelism.data", "at least 1"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with zero dataLocal parallelism`, "refused", { model: { uri: opt }, parallelism: { data: 1, dataLocal: 0 } }, "spec.parallelism.dataLocal", "at least 1"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with zero data parallelism RPC Port`, "refused", { model: { uri: opt }, parallelism: { dataRPCPort: 0 } }, "spec.parallelism.dataRPCPort", "at least 1"),
    env(`${api}/Integer value validation/should reject LLMInferenceService with too large data parallelism RPC Port`, "refused", { model: { uri: opt }, parallelism: { dataRPCPort: 65536 } }, "spec.parallelism.dataRPCPort", "at most 65535"),
];

/** Every case. */
export const llmWebhookCases: LlmWebhookCase[] = [...scalingCases, ...prefillCases, ...loraCases, ...draCases, ...confidentialCases, ...kvCases, ...envtestCases];

/** `LLMInferenceServiceConfig webhook validation` (validation_int_test.go): configs. */
export const llmConfigWebhookCases: { test: string; verdict: "accepted" | "refused"; path?: string; expect?: string; spec: Record<string, unknown> }[] = [
    { test: "LLMInferenceServiceConfig webhook validation/should reject LLMInferenceServiceConfig with zero scheduler replicas", verdict: "refused", path: "spec.router.scheduler.replicas", expect: "greater than zero", spec: { router: { scheduler: { replicas: 0 } } } },
    { test: "LLMInferenceServiceConfig webhook validation/should reject LLMInferenceServiceConfig with negative scheduler replicas", verdict: "refused", path: "spec.router.scheduler.replicas", expect: "greater than zero", spec: { router: { scheduler: { replicas: -1 } } } },
    { test: "LLMInferenceServiceConfig webhook validation/should accept LLMInferenceServiceConfig with positive scheduler replicas", verdict: "accepted", spec: { router: { scheduler: { replicas: 2 } } } },
    { test: "llm_inference_service_config_validation.go validate: baseRefs is not permitted", verdict: "refused", path: "spec.baseRefs", expect: "baseRefs is not a permitted field", spec: { baseRefs: [{ name: "other" }] } },
];
