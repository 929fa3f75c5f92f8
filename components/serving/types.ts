/**
 * TypeScript types for KServe's `serving.kserve.io/v1beta1` InferenceService, written from the
 * v0.20.0 CRD with KServe's own field names and nesting, so a spec copied from KServe's docs type-checks.
 * Kubernetes core types (Container, PodSpec fields) come from `@pulumi/kubernetes`, unwrapped to
 * plain values: a spec is validated before anything is registered, which needs known values.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";

type Plain<T> = pulumi.Unwrap<T>;

/** A Kubernetes container. */
export type Container = Plain<k8s.types.input.core.v1.Container>;
/** A Kubernetes toleration. */
export type Toleration = Plain<k8s.types.input.core.v1.Toleration>;
/** A Kubernetes volume. */
export type Volume = Plain<k8s.types.input.core.v1.Volume>;
/** Kubernetes resource requests and limits. */
export type ResourceRequirements = Plain<k8s.types.input.core.v1.ResourceRequirements>;

/** The PodSpec fields KServe inlines into each component; `containers` is optional there. */
export type PodSpecFields = Partial<Plain<k8s.types.input.core.v1.PodSpec>>;

/** Inference protocols KServe knows (`pkg/constants`); `v1` when unset. */
export type ProtocolVersion = "v1" | "v2" | "grpc-v1" | "grpc-v2";
/** Autoscaling metric: `concurrency`/`rps` for Knative's KPA, `cpu`/`memory` for HPA. */
export type ScaleMetric = "cpu" | "memory" | "concurrency" | "rps";
/** How `scaleTarget` is read for HPA/KEDA metrics. */
export type ScaleMetricType = "Utilization" | "Value" | "AverageValue";
/** What the request logger records. */
export type LoggerMode = "all" | "request" | "response";
/** KServe deployment modes, with their v0.17+ names. */
export type DeploymentMode = "Knative" | "Standard";

/** One storage location mounted into the component. */
export interface StorageUri {
    /** Model location, same schemes as `storageUri`. */
    uri: string;
    /** Where it is mounted; KServe's default is `/mnt/models`. */
    mountPath?: string;
}

/** Storage described through the `storage-config` secret instead of a URI. */
export interface ModelStorageSpec {
    /** Key of the storage entry in the `storage-config` secret. */
    key?: string;
    /** Path of the model inside that storage. */
    path?: string;
    /** Overrides of the secret's parameters. */
    parameters?: Record<string, string>;
    /** Path of the model schema inside the storage. */
    schemaPath?: string;
}

/** Model format a ServingRuntime is selected by. */
export interface ModelFormat {
    /** Format name, e.g. `sklearn`, `onnx`, `huggingface`. */
    name: string;
    /** Format version, `major[.minor[.patch]]`. */
    version?: string;
}

/** Confidential-computing settings of a model. */
export interface ConfidentialSpec {
    /** Run the model in a confidential container. */
    enabled?: boolean;
    /** Key-release resource id. */
    resourceId?: string;
}

/** Fields shared by `model` and the legacy framework keys: a container plus the model's storage. */
export interface PredictorExtensionSpec extends Partial<Container> {
    /** Where the model is: `gs://`, `s3://`, `pvc://`, `https://<account>.blob.core.windows.net/...`, `hf://`, `oci://`, ... */
    storageUri?: string;
    /** Runtime image tag to use instead of the runtime's default. */
    runtimeVersion?: string;
    /** Inference protocol the model is served with. */
    protocolVersion?: ProtocolVersion;
    /** Storage through the `storage-config` secret. */
    storage?: ModelStorageSpec;
    /** Confidential-computing settings. */
    confidential?: ConfidentialSpec;
}

/** The recommended predictor implementation: a model format served by a (Cluster)ServingRuntime. */
export interface ModelSpec extends PredictorExtensionSpec {
    /** The model's format; selects the runtime when `runtime` is omitted. */
    modelFormat: ModelFormat;
    /** Name of a ServingRuntime or ClusterServingRuntime; auto-selected by format and protocol when omitted. */
    runtime?: string;
}

/** Request logger: sends requests and/or responses as CloudEvents. */
export interface LoggerSpec {
    /** Sink URL. */
    url?: string;
    /** What to log. */
    mode?: LoggerMode;
    /** Request headers copied into the events. */
    metadataHeaders?: string[];
    /** InferenceService annotations copied into the events. */
    metadataAnnotations?: string[];
    /** Blob storage sink instead of a URL. */
    storage?: { key?: string; path?: string; parameters?: Record<string, string>; serviceAccountName?: string };
    /** Marshaller service URL. */
    marshallerUrl?: string;
    /** Events per batch. */
    batchSize?: number;
    /** Longest wait before a partial batch is sent (duration). */
    batchInterval?: string;
}

/** Server-side request batching (KServe's batcher sidecar). */
export interface Batcher {
    /** Largest batch. */
    maxBatchSize?: number;
    /** Longest wait, in milliseconds, before a partial batch is sent. */
    maxLatency?: number;
    /** Timeout of a batch, in seconds. */
    timeout?: number;
}

/** HPA/KEDA metric source. */
export interface AutoScalingMetric {
    /** Metric source type. */
    type?: "Resource" | "External" | "PodMetric";
    /** Resource metric (cpu, memory). */
    resource?: { name?: string; target?: Record<string, unknown> };
    /** External metric (KEDA). */
    external?: { metric?: Record<string, unknown>; target?: Record<string, unknown>; authenticationRef?: Record<string, unknown> };
    /** Pod metric (KEDA OpenTelemetry). */
    podmetric?: { metric?: Record<string, unknown>; target?: Record<string, unknown> };
}

/** HPA/KEDA autoscaling of a Standard-mode component. */
export interface AutoScalingSpec {
    /** Metrics to scale on. */
    metrics?: AutoScalingMetric[];
    /** HPA scaling behaviour. */
    behavior?: Record<string, unknown>;
}

/** Scaling, rollout, logging and batching settings shared by predictor, transformer and explainer. */
export interface ComponentExtensionSpec {
    /** Fewest replicas; `0` enables scale to zero (Knative mode). KServe's default is 1. */
    minReplicas?: number;
    /** Most replicas; `0` means no limit. */
    maxReplicas?: number;
    /** Target value of `scaleMetric` per replica. */
    scaleTarget?: number;
    /** Metric to scale on. */
    scaleMetric?: ScaleMetric;
    /** How `scaleTarget` is read. */
    scaleMetricType?: ScaleMetricType;
    /** HPA/KEDA settings (Standard mode). */
    autoScaling?: AutoScalingSpec;
    /** Knative hard limit of concurrent requests per replica; `0` means no limit. */
    containerConcurrency?: number;
    /** Request timeout in seconds. */
    timeout?: number;
    /** Share of traffic, 0..100, sent to the latest revision while the previous one keeps the rest (Knative canary). */
    canaryTrafficPercent?: number;
    /** Request/response logging. */
    logger?: LoggerSpec;
    /** Server-side batching. */
    batcher?: Batcher;
    /** Labels added to the component's pods. */
    labels?: Record<string, string>;
    /** Annotations added to the component's pods. */
    annotations?: Record<string, string>;
    /** Deployment strategy (Standard mode only). */
    deploymentStrategy?: Record<string, unknown>;
}

/** Multi-node (pipeline/tensor parallel) worker pods. */
export interface WorkerSpec extends PodSpecFields {
    /** Pipeline-parallel size. */
    pipelineParallelSize?: number;
    /** Tensor-parallel size. */
    tensorParallelSize?: number;
}

/** The predictor: exactly one of `model`, a legacy framework key, or custom `containers`. */
export interface PredictorSpec extends PodSpecFields, ComponentExtensionSpec {
    /** Variant name (v0.20); required for Standard-mode canary predictors. */
    name?: string;
    /** Model served by a ServingRuntime (recommended). */
    model?: ModelSpec;
    /** Legacy: scikit-learn. */
    sklearn?: PredictorExtensionSpec;
    /** Legacy: XGBoost. */
    xgboost?: PredictorExtensionSpec;
    /** Legacy: TensorFlow Serving. */
    tensorflow?: PredictorExtensionSpec;
    /** Legacy: TorchServe. */
    pytorch?: PredictorExtensionSpec;
    /** Legacy: Triton. */
    triton?: PredictorExtensionSpec;
    /** Legacy: ONNX (served by Triton). */
    onnx?: PredictorExtensionSpec;
    /** Legacy: Hugging Face. */
    huggingface?: PredictorExtensionSpec;
    /** Legacy: PMML. */
    pmml?: PredictorExtensionSpec;
    /** Legacy: LightGBM. */
    lightgbm?: PredictorExtensionSpec;
    /** Legacy: PaddlePaddle. */
    paddle?: PredictorExtensionSpec;
    /** Several storage locations mounted into the predictor. */
    storageUris?: StorageUri[];
    /** ClusterStorageContainer to use for the storage URIs. */
    storageContainerName?: string;
    /** Multi-node workers. */
    workerSpec?: WorkerSpec;
}

/** A transformer: custom containers in front of the predictor. */
export interface TransformerSpec extends PodSpecFields, ComponentExtensionSpec {
    /** Storage locations mounted into the transformer. */
    storageUris?: StorageUri[];
}

/** The built-in ART explainer. */
export interface ArtExplainerSpec extends Partial<Container> {
    /** Explainer algorithm, e.g. `SquareAttack`. */
    type?: string;
    /** Explainer location. */
    storageUri?: string;
    /** Explainer image tag. */
    runtimeVersion?: string;
    /** Explainer parameters. */
    config?: Record<string, string>;
    /** Storage through the `storage-config` secret. */
    storage?: ModelStorageSpec;
}

/** An explainer: the built-in `art`, or custom containers. */
export interface ExplainerSpec extends PodSpecFields, ComponentExtensionSpec {
    /** The ART explainer. */
    art?: ArtExplainerSpec;
    /** Storage locations mounted into the explainer. */
    storageUris?: StorageUri[];
}

/** A Standard-mode canary predictor with a fixed traffic share (KServe v0.20). */
export interface CanarySpec {
    /** The canary predictor; `name` is required. */
    predictor: PredictorSpec;
    /** Share of traffic, 0..100. */
    trafficPercent: number;
}

/** `spec` of an InferenceService. */
export interface InferenceServiceSpec {
    /** The model server; required. */
    predictor: PredictorSpec;
    /** Pre/post-processing in front of the predictor. */
    transformer?: TransformerSpec;
    /** Explanations of the predictor's answers. */
    explainer?: ExplainerSpec;
    /** Standard-mode canary predictors. */
    canary?: CanarySpec[];
}

/** A Knative-style status condition. */
export interface Condition {
    /** Condition type, e.g. `Ready`, `PredictorReady`. */
    type: string;
    /** `True`, `False` or `Unknown`. */
    status: string;
    /** Machine-readable reason. */
    reason?: string;
    /** Human-readable message. */
    message?: string;
    /** Severity (`Error`, `Warning`, `Info`). */
    severity?: string;
    /** When the status last changed. */
    lastTransitionTime?: string;
}

/** `status` of an InferenceService, as the controller reports it. */
export interface InferenceServiceStatus {
    /** External URL (`http[s]://<name>-<namespace>.<domain>` by default). */
    url?: string;
    /** In-cluster address. */
    address?: { url?: string };
    /** Conditions; `Ready` is the aggregate. */
    conditions?: Condition[];
    /** Per-component status (predictor, transformer, explainer). */
    components?: Record<string, { url?: string; restUrl?: string; grpcUrl?: string; latestReadyRevision?: string; traffic?: unknown[] }>;
    /** Model loading state. */
    modelStatus?: Record<string, unknown>;
    /** Deployment mode recorded at creation. */
    deploymentMode?: string;
    /** Generation the status describes. */
    observedGeneration?: number;
}
