/**
 * Field names of each InferenceService structure in KServe v0.20.0. The API server prunes unknown
 * fields silently, so a misspelt `minReplica` would vanish; validation uses these lists to catch it.
 * The conformance check (`npm run conformance`) proves each list equal to the CRD's schema.
 */

/** `corev1.Container` fields (inlined into `model`, the framework keys and `art`). */
export const containerFields = [
    "args", "command", "env", "envFrom", "image", "imagePullPolicy", "lifecycle", "livenessProbe", "name",
    "ports", "readinessProbe", "resizePolicy", "resources", "restartPolicy", "restartPolicyRules",
    "securityContext", "startupProbe", "stdin", "stdinOnce", "terminationMessagePath",
    "terminationMessagePolicy", "tty", "volumeDevices", "volumeMounts", "workingDir",
] as const;

/** PodSpec fields KServe inlines into each component. */
export const podSpecFields = [
    "activeDeadlineSeconds", "affinity", "automountServiceAccountToken", "containers", "dnsConfig",
    "dnsPolicy", "enableServiceLinks", "hostAliases", "hostIPC", "hostNetwork", "hostPID", "hostUsers",
    "hostname", "hostnameOverride", "imagePullSecrets", "initContainers", "nodeName", "nodeSelector", "os",
    "overhead", "preemptionPolicy", "priority", "priorityClassName", "readinessGates", "resourceClaims",
    "resources", "restartPolicy", "runtimeClassName", "schedulerName", "schedulingGates", "securityContext",
    "serviceAccount", "serviceAccountName", "setHostnameAsFQDN", "shareProcessNamespace", "subdomain",
    "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumes",
] as const;

/** ComponentExtensionSpec fields. */
export const componentExtensionFields = [
    "annotations", "autoScaling", "batcher", "canaryTrafficPercent", "containerConcurrency",
    "deploymentStrategy", "labels", "logger", "maxReplicas", "minReplicas", "scaleMetric",
    "scaleMetricType", "scaleTarget", "timeout",
] as const;

/** Legacy framework keys of the predictor, each a PredictorExtensionSpec. */
export const frameworkFields = [
    "huggingface", "lightgbm", "onnx", "paddle", "pmml", "pytorch", "sklearn", "tensorflow", "triton", "xgboost",
] as const;

/** Every predictor implementation key (custom `containers` aside). */
export const predictorImplementationFields = [...frameworkFields, "model"] as const;

/** Fields of the predictor beyond PodSpec and ComponentExtensionSpec. */
export const predictorOwnFields = [
    ...predictorImplementationFields, "name", "storageContainerName", "storageUris", "workerSpec",
] as const;

/** PredictorExtensionSpec fields beyond the container's. */
export const predictorExtensionOwnFields = [
    "confidential", "protocolVersion", "runtimeVersion", "storage", "storageUri",
] as const;

/** ModelSpec fields beyond PredictorExtensionSpec. */
export const modelOwnFields = ["modelFormat", "runtime"] as const;

/** ART explainer fields beyond the container's. */
export const artOwnFields = ["config", "runtimeVersion", "storage", "storageUri", "type"] as const;

/** WorkerSpec fields beyond PodSpec. */
export const workerOwnFields = ["ephemeralContainers", "pipelineParallelSize", "tensorParallelSize"] as const;

/** The known fields of every structure validation walks into. */
export const knownFields = {
    spec: ["canary", "explainer", "predictor", "transformer"],
    predictor: [...podSpecFields, ...componentExtensionFields, ...predictorOwnFields],
    transformer: [...podSpecFields, ...componentExtensionFields, "storageUris"],
    explainer: [...podSpecFields, ...componentExtensionFields, "art", "storageUris"],
    predictorExtension: [...containerFields, ...predictorExtensionOwnFields],
    model: [...containerFields, ...predictorExtensionOwnFields, ...modelOwnFields],
    art: [...containerFields, ...artOwnFields],
    workerSpec: [...podSpecFields, ...workerOwnFields],
    canary: ["predictor", "trafficPercent"],
    storageUri: ["mountPath", "uri"],
    modelFormat: ["name", "version"],
    logger: ["batchInterval", "batchSize", "marshallerUrl", "metadataAnnotations", "metadataHeaders", "mode", "storage", "url"],
    batcher: ["maxBatchSize", "maxLatency", "timeout"],
} as const satisfies Record<string, readonly string[]>;

/** Structures whose field lists are checked. */
export type KnownStructure = keyof typeof knownFields;
