/**
 * KServe v0.20.0 `serving.kserve.io/v1alpha2` LLMInferenceService and LLMInferenceServiceConfig,
 * with the JSON field names of `pkg/apis/serving/v1alpha2/llm_inference_service_types.go`, so a
 * spec copied from KServe's docs type-checks. Kubernetes and Gateway API structures that KServe
 * embeds (PodSpec, HTTPRouteSpec, InferencePoolSpec, KEDA's Fallback and AdvancedConfig) are open
 * records: the API server's schema for them is the CRD's, which admission checks.
 */
import type * as k8s from "@pulumi/kubernetes";

/** `corev1.PodSpec`, as KServe embeds it (`template`, `worker`, the scheduler's `template`). */
export type PodSpec = k8s.types.input.core.v1.PodSpec;

/** `corev1.LocalObjectReference`. */
export interface LocalObjectReference {
    /** Name of the object in the same namespace. */
    name: string;
}

/** LLMInferenceServiceSpec: the model, its workloads, the router and the presets it inherits. */
export interface LLMInferenceServiceSpec extends WorkloadSpec {
    /** The model: URI, served name, LoRA adapters. Optional only in an LLMInferenceServiceConfig. */
    model?: LLMModelSpec;
    /** Storage initializer (`enabled: false` when the model is pre-loaded). */
    storageInitializer?: { enabled?: boolean };
    /** How the service is exposed: Gateway API route and gateway, or Ingress, and the scheduler. */
    router?: RouterSpec;
    /** Prefill workload of disaggregated serving; the top-level workload then serves decode. */
    prefill?: WorkloadSpec;
    /** Distributed tracing (present, even `{}`, turns it on). */
    tracing?: TracingSpec;
    /** LLMInferenceServiceConfigs to inherit from, the last winning; the spec itself wins over all. */
    baseRefs?: LocalObjectReference[];
}

/** WorkloadSpec: one deployment (the main or decode one, or prefill). */
export interface WorkloadSpec {
    /** Static replica count; exclusive with `scaling`. */
    replicas?: number;
    /** Autoscaling through the Workload Variant Autoscaler (HPA or KEDA actuator). */
    scaling?: ScalingSpec;
    /** Tensor, pipeline, data and expert parallelism of the runtime. */
    parallelism?: ParallelismSpec;
    /** Labels added to the pods. */
    labels?: Record<string, string>;
    /** Annotations added to the pods. */
    annotations?: Record<string, string>;
    /** Pod spec of the main (or leader) pod. */
    template?: PodSpec;
    /** Pod spec of the worker pods: its presence makes the workload multi-node (LeaderWorkerSet). */
    worker?: PodSpec;
    /** Multi-tier KV cache CPU offloading. */
    kvCacheOffloading?: KVCacheOffloadingSpec;
}

/** KVCacheOffloadingSpec. */
export interface KVCacheOffloadingSpec {
    /** CPU RAM of the primary tier, a quantity (`10Gi`). */
    cpu: string | number;
    /** `lru` (default) or `arc`. */
    evictionPolicy?: "lru" | "arc";
    /** Secondary tiers, in cascade order. */
    secondary?: { fileSystem?: { emptyDir?: { size: string | number }; pvc?: { spec?: Record<string, unknown>; ref?: { name: string; path?: string } } } }[];
}

/** LLMModelSpec: where the model comes from and the name clients ask for. */
export interface LLMModelSpec {
    /** Model URI (`hf://`, `s3://`, `pvc://`, `oci://`...). */
    uri: string;
    /** The `model` of OpenAI requests; defaults to `metadata.name`. Required for LoRA adapters. */
    name?: string;
    /** LoRA adapters. */
    lora?: LoRASpec;
    /** Confidential serving (encrypted artifacts). */
    confidential?: { enabled: boolean; resourceId?: string };
}

/** LoRASpec. */
export interface LoRASpec {
    /** Adapters, each with a name and a URI. */
    adapters?: LLMModelSpec[];
    /** `--max-lora-rank`. */
    maxRank?: number;
    /** `--max-loras`. */
    maxAdapters?: number;
    /** `--max-cpu-loras`. */
    maxCpuAdapters?: number;
}

/** RouterSpec. */
export interface RouterSpec {
    /** Gateway API route (`{}`: a managed HTTPRoute). */
    route?: { http?: { refs?: LocalObjectReference[]; spec?: Record<string, unknown> }; group?: string; weight?: number };
    /** Gateway (`{}`: the default gateway; `refs`: gateways of your own). */
    gateway?: { refs?: { name?: string; namespace?: string; sectionName?: string }[] };
    /** Ingress (`{}`: a managed Ingress); exclusive with route and gateway. */
    ingress?: { refs?: { name?: string; namespace?: string }[] };
    /** The Inference Gateway Extension scheduler (endpoint picker) and its InferencePool. */
    scheduler?: SchedulerSpec;
}

/** SchedulerSpec. */
export interface SchedulerSpec {
    /** InferencePool: inline `spec` or `ref` to an existing one. */
    pool?: { spec?: Record<string, unknown>; ref?: LocalObjectReference };
    /** Labels of the scheduler pod. */
    labels?: Record<string, string>;
    /** Annotations of the scheduler pod. */
    annotations?: Record<string, string>;
    /** Pod spec of the endpoint picker. */
    template?: PodSpec;
    /** EndpointPickerConfig: inline or in a ConfigMap key. */
    config?: { inline?: Record<string, unknown>; ref?: { name: string; key: string; optional?: boolean } };
    /** Replicas of the scheduler. */
    replicas?: number;
}

/** ScalingSpec. */
export interface ScalingSpec {
    /** Floor while triggers are active (default 1). */
    minReplicas?: number;
    /** Ceiling. */
    maxReplicas: number;
    /** Workload Variant Autoscaler settings and its actuator. */
    wva?: WVASpec;
}

/** WVASpec: exactly one actuator, `hpa` or `keda`. */
export interface WVASpec {
    /** Cost per replica, a non-negative decimal string (default "10.0"). */
    variantCost?: string;
    /** HPA actuator (needs a Prometheus Adapter). */
    hpa?: { behavior?: Record<string, unknown> };
    /** KEDA actuator (needs KEDA). */
    keda?: KEDAScalingSpec;
}

/** KEDAScalingSpec. */
export interface KEDAScalingSpec {
    /** Seconds between trigger checks. */
    pollingInterval?: number;
    /** Seconds before scaling back to the minimum. */
    cooldownPeriod?: number;
    /** Seconds after creation before triggers are evaluated. */
    initialCooldownPeriod?: number;
    /** Replicas when no trigger is active; below `minReplicas`. */
    idleReplicaCount?: number;
    /** KEDA Fallback. */
    fallback?: Record<string, unknown>;
    /** KEDA AdvancedConfig. */
    advanced?: Record<string, unknown>;
}

/** TracingSpec. */
export interface TracingSpec {
    /** OTLP endpoint. */
    exporterEndpoint?: string;
    /** Sampler. */
    sampler?: string;
    /** Sampler argument. */
    samplerArg?: string;
    /** Exporter. */
    exporter?: string;
}

/** ParallelismSpec. */
export interface ParallelismSpec {
    /** Tensor parallelism. */
    tensor?: number;
    /** Pipeline parallelism. */
    pipeline?: number;
    /** Data parallelism (with `dataLocal`). */
    data?: number;
    /** Data-local parallelism (with `data`). */
    dataLocal?: number;
    /** Data parallel RPC port. */
    dataRPCPort?: number;
    /** Expert parallelism. */
    expert?: boolean;
}

/** `duckv1.Condition`. */
export interface LLMCondition {
    /** Condition type (`Ready`, `HTTPRoutesReady`, ...). */
    type: string;
    /** `True`, `False` or `Unknown`. */
    status: string;
    /** Machine-readable reason. */
    reason?: string;
    /** Human-readable message. */
    message?: string;
}

/** LLMInferenceServiceStatus, as the llmisvc controller writes it. */
export interface LLMInferenceServiceStatus {
    /** Primary address: an external one when there is one, else the first discovered. */
    url?: string;
    /** Conditions (`Ready` among them). */
    conditions?: LLMCondition[];
    /** Every address, each with the Gateway it came from. */
    addresses?: { url?: string; name?: string; origin?: { group?: string; kind?: string; name?: string; namespace?: string } }[];
    /** Observed generation. */
    observedGeneration?: number;
}
