/**
 * The cases of KServe v0.20.0's webhook tests, transcribed as InferenceService specs with the
 * verdict each test asserts. Source: kserve/kserve@v0.20.0
 * `pkg/apis/serving/v1beta1/inference_service_validation_test.go` (test and case names below).
 *
 * Where a Go test calls one check directly on a struct the API server would refuse first (no
 * container name in a canary model, which the CRD requires), the spec adds what the admission
 * chain needs and says so in `reason`. Update-only tests (`TestDeploymentModeUpdate`,
 * `TestValidatePredictorNameChange`, `TestValidateUpdateDuringDeletion`) have no create-time
 * equivalent: the platform replaces an InferenceService whose mode changes.
 */
import type { ModelValidationOptions } from "../../components/serving/validate";

export interface WebhookCase {
    /** `TestName/case name`. */
    test: string;
    verdict: "accepted" | "refused";
    /** KServe's error message (or why it is accepted). */
    reason: string;
    /** A fragment the platform's problem report must contain. */
    expect?: string;
    name?: string;
    annotations?: Record<string, string>;
    spec: unknown;
    options?: ModelValidationOptions;
}

const tf = { storageUri: "gs://testbucket/testmodel", runtimeVersion: "0.14.0" };
/** `makeTestInferenceService`: a TensorFlow predictor. */
const base = (extra: Record<string, unknown> = {}) => ({ predictor: { tensorflow: tf, ...extra } });
const standard = (autoscalerClass?: string): Record<string, string> => ({
    "serving.kserve.io/deploymentMode": "Standard",
    ...(autoscalerClass ? { "serving.kserve.io/autoscalerClass": autoscalerClass } : {}),
});
const resourceMetric = (name: string, target: Record<string, unknown>) => ({ type: "Resource", resource: { name, target } });
const hpa = "TestAutoscalerClassHPA";
const keda = "TestAutoscalerClassKEDA";
const kedaExt = "TestValidateScalingKedaCompExtension";

const accepted = (test: string, spec: unknown, annotations?: Record<string, string>, reason = "the test expects no error"): WebhookCase => ({ test, verdict: "accepted", reason, spec, annotations });
const refused = (test: string, reason: string, expect: string, spec: unknown, annotations?: Record<string, string>): WebhookCase => ({ test, verdict: "refused", reason, expect, spec, annotations });

const autoscalingCases: WebhookCase[] = [
    accepted(`${hpa}/Valid HPA CPU metrics with ScaleMetric`, base({ scaleMetric: "cpu", scaleTarget: 80 }), standard("hpa")),
    accepted(`${hpa}/Valid HPA CPU metrics with Autoscaling spec`, base({ autoScaling: { metrics: [resourceMetric("cpu", { averageUtilization: 80 })] } }), standard("hpa")),
    accepted(`${hpa}/Valid HPA Memory metrics with Autoscaling spec`, base({ autoScaling: { metrics: [resourceMetric("memory", { averageValue: "1Gi" })] } }), standard("hpa")),
    refused(`${hpa}/Invalid HPA CPU metrics without resource type`, "metricSpec.Resource is not set for resource metric source type", "autoScaling.metrics[0].resource: is required", base({ autoScaling: { metrics: [{ type: "Resource" }] } }), standard("hpa")),
    refused(`${hpa}/Invalid HPA CPU metrics with wrong metric source`, "invalid HPA metric source type with value [External]", "supports only Resource metrics", base({ autoScaling: { metrics: [{ type: "External" }] } }), standard("hpa")),
    accepted(`${hpa}/Valid HPA CPU metrics with target utilization`, base({ scaleMetric: "cpu", scaleMetricType: "Utilization", scaleTarget: 80 }), standard("hpa")),
    refused(`${hpa}/HPA CPU metrics with invalid target utilization`, "the target utilization percentage should be a [1-100] integer", "from 1 to 100", base({ scaleMetric: "cpu", scaleMetricType: "Utilization", scaleTarget: 120 }), standard("hpa")),
    accepted(`${hpa}/Valid HPA Memory metrics with ScaleMetric`, base({ scaleMetric: "memory", scaleTarget: 10 }), standard("hpa")),
    refused(`${hpa}/Invalid autoscaler class`, "[test] is not a supported autoscaler class type", "allowed: hpa, external, keda, none", base({ scaleMetric: "memory", scaleTarget: 10 }), standard("test")),
    accepted(`${keda}/Valid KEDA CPU metrics with Autoscaling spec`, base({ autoScaling: { metrics: [resourceMetric("cpu", { type: "Utilization", averageUtilization: 80 })] } }), standard("keda")),
    accepted(`${keda}/Valid KEDA Memory metrics with Autoscaling spec`, base({ autoScaling: { metrics: [resourceMetric("memory", { type: "AverageValue", averageValue: "1Gi" })] } }), standard("keda")),
    refused(`${keda}/Invalid KEDA CPU metrics without resource type`, "metricSpec.Resource is not set for resource metric source type", "resource: is required", base({ autoScaling: { metrics: [{ type: "Resource" }] } }), standard("keda")),
    accepted(
        `${keda}/Valid KEDA CPU metrics with external metric source`,
        base({ autoScaling: { metrics: [{ type: "External", external: { metric: { backend: "prometheus", query: "avg(vllm_requests_running)" }, target: { type: "Value", value: "10" } } }] } }),
        standard("keda"),
    ),
    accepted(
        `${keda}/Valid KEDA CPU metrics with pod metric source`,
        base({ autoScaling: { metrics: [{ type: "PodMetric", podmetric: { metric: { backend: "opentelemetry", query: "avg(vllm_requests_running)" }, target: { type: "Value", value: "10" } } }] } }),
        standard("keda"),
    ),
    // validateScalingKedaCompExtension called on component extensions alone; here on a Standard-mode keda predictor.
    accepted(`${kedaExt}/valid cpu`, base({ autoScaling: { metrics: [resourceMetric("cpu", { type: "Utilization", averageUtilization: 80 })] } }), standard("keda")),
    accepted(`${kedaExt}/valid memory`, base({ autoScaling: { metrics: [resourceMetric("memory", { type: "AverageValue", averageValue: "2Gi" })] } }), standard("keda")),
    refused(`${kedaExt}/invalid: ScaleMetric set`, "ScaleMetric is not supported for KEDA", "not supported with the keda autoscaler", base({ scaleMetric: "cpu" }), standard("keda")),
    refused(`${kedaExt}/invalid: missing resource`, "metricSpec.Resource is not set for resource metric source type", "resource: is required", base({ autoScaling: { metrics: [{ type: "Resource" }] } }), standard("keda")),
    refused(`${kedaExt}/invalid: cpu wrong type`, "the cpu target value type should be Utilization", "a cpu target must be Utilization", base({ autoScaling: { metrics: [resourceMetric("cpu", { type: "AverageValue" })] } }), standard("keda")),
    refused(`${kedaExt}/invalid: memory wrong type`, "the memory target value type should be AverageValue or Utilization", "AverageValue or Utilization", base({ autoScaling: { metrics: [resourceMetric("memory", { type: "Value" })] } }), standard("keda")),
    refused(`${kedaExt}/invalid: memory value too low`, "the memory target value should be greater than 1 MiB", "at least 1Mi", base({ autoScaling: { metrics: [resourceMetric("memory", { type: "AverageValue", averageValue: "512Ki" })] } }), standard("keda")),
    refused(`${kedaExt}/invalid: unsupported resource`, "resource type disk is not supported", "allowed: cpu, memory", base({ autoScaling: { metrics: [resourceMetric("disk", { type: "Utilization" })] } }), standard("keda")),
    refused(
        `${kedaExt}/invalid: external metric missing query/value`,
        "the query should not be empty",
        "external.metric.query: must not be empty",
        base({ autoScaling: { metrics: [{ type: "External", external: { metric: { backend: "prometheus", query: "" }, target: { type: "Value" } } }] } }),
        standard("keda"),
    ),
    accepted(`${kedaExt}/valid: external metric`, base({ autoScaling: { metrics: [{ type: "External", external: { metric: { backend: "prometheus", query: "avg(requests)" }, target: { type: "Value", value: "10" } } }] } }), standard("keda")),
    refused(
        `${kedaExt}/invalid: pod metric missing query/value`,
        "the query should not be empty",
        "podmetric.metric.query: must not be empty",
        base({ autoScaling: { metrics: [{ type: "PodMetric", podmetric: { metric: { backend: "opentelemetry", query: "" }, target: { type: "Value" } } }] } }),
        standard("keda"),
    ),
    accepted(`${kedaExt}/valid: pod metric`, base({ autoScaling: { metrics: [{ type: "PodMetric", podmetric: { metric: { backend: "opentelemetry", query: "avg(requests)" }, target: { type: "Value", value: "5" } } }] } }), standard("keda")),
    refused(`${kedaExt}/invalid: unknown metric type`, "unknown KEDA metric type with value [UnknownType]", "KEDA metric types: Resource, External, PodMetric", base({ autoScaling: { metrics: [{ type: "UnknownType" }] } }), standard("keda")),
];

const structureCases: WebhookCase[] = [
    refused("TestInvalidNameInSKLearnPredictor", "the 'name' field is not allowed in standard predictor", "spec.predictor.sklearn.name: is not allowed", { predictor: { sklearn: { name: "invalid-name", image: "dummy-image", storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } }),
    refused("TestRejectMultipleModelSpecs", "exactly one of [...] must be specified in PredictorSpec", "2 implementations", { predictor: { tensorflow: tf, xgboost: {} } }),
    refused("TestCustomizeDeploymentStrategyUnsupportedForServerless", "customizing deploymentStrategy is only supported for raw deployment mode", "only supported in Standard mode", base({ serviceAccountName: "test", deploymentStrategy: { type: "Recreate" } })),
    accepted("TestModelSpecAndCustomOverridesIsValid", base({ serviceAccountName: "test" })),
    refused("TestRejectModelSpecMissing", "exactly one of [...] must be specified in PredictorSpec", "has no implementation", { predictor: {} }),
    refused("TestBadParallelismValues", "parallelism cannot be less than 0", "containerConcurrency: got -1", base({ containerConcurrency: -1 })),
    refused("TestBadReplicaValues/predictor minReplicas -1", "'MinReplicas' cannot be less than 0", "minReplicas: got -1", base({ minReplicas: -1 })),
    refused("TestBadReplicaValues/predictor maxReplicas -1", "'MaxReplicas' cannot be less than 0", "maxReplicas: got -1", base({ minReplicas: 1, maxReplicas: -1 })),
    refused("TestBadReplicaValues/predictor minReplicas > maxReplicas", "'MinReplicas' cannot be greater than MaxReplicas", "greater than maxReplicas", base({ minReplicas: 2, maxReplicas: 1 })),
    refused("TestBadReplicaValues/transformer minReplicas -1", "'MinReplicas' cannot be less than 0", "spec.transformer.minReplicas: got -1", { ...base({ minReplicas: 0, maxReplicas: 0 }), transformer: { containers: [{ image: "some-image" }], minReplicas: -1 } }),
    refused("TestBadReplicaValues/transformer maxReplicas -1", "'MaxReplicas' cannot be less than 0", "spec.transformer.maxReplicas: got -1", { ...base({ minReplicas: 0 }), transformer: { containers: [{ image: "some-image" }], minReplicas: 1, maxReplicas: -1 } }),
    refused("TestBadReplicaValues/transformer minReplicas > maxReplicas", "'MinReplicas' cannot be greater than MaxReplicas", "greater than maxReplicas", { ...base({ minReplicas: 0 }), transformer: { containers: [{ image: "some-image" }], minReplicas: 2, maxReplicas: 1 } }),
    refused("TestBadReplicaValues/explainer minReplicas -1", "'MinReplicas' cannot be less than 0", "spec.explainer.minReplicas: got -1", { ...base({ minReplicas: 0 }), explainer: { art: { storageUri: "gs://testbucket/testmodel" }, minReplicas: -1 } }),
    refused("TestBadReplicaValues/explainer maxReplicas -1", "'MaxReplicas' cannot be less than 0", "spec.explainer.maxReplicas: got -1", { ...base({ minReplicas: 0 }), explainer: { art: { storageUri: "gs://testbucket/testmodel" }, minReplicas: 1, maxReplicas: -1 } }),
    refused("TestBadReplicaValues/explainer minReplicas > maxReplicas", "'MinReplicas' cannot be greater than MaxReplicas", "greater than maxReplicas", { ...base({ minReplicas: 0 }), explainer: { art: { storageUri: "gs://testbucket/testmodel" }, minReplicas: 2, maxReplicas: 1 } }),
    accepted("TestCustomOK/named kserve-container", { predictor: { containers: [{ name: "kserve-container", image: "some-image" }] } }),
    accepted("TestCustomOK/unnamed container", { predictor: { containers: [{ image: "some-image" }] } }, undefined, "accepted: the defaulter names the only container kserve-container"),
    refused("TestRejectBadTransformer", "exactly one of [PodSpec] must be specified in TransformerSpec", "spec.transformer: has no implementation", { ...base(), transformer: {} }),
    refused("TestRejectBadExplainer", "exactly one of [ART, PodSpec] must be specified in ExplainerSpec", "spec.explainer: has no implementation", { ...base(), explainer: {} }),
    accepted("TestGoodExplainer", { ...base(), explainer: { art: { storageUri: "gs://testbucket/testmodel" } } }),
    { ...accepted("TestGoodName", base()), name: "abc-123" },
    { ...refused("TestRejectBadNameStartWithNumber", "a InferenceService name must consist of lower case alphanumeric characters or '-', and must start with alphabetical character", "DNS-1035", base()), name: "1abcde" },
    { ...refused("TestRejectBadNameIncludeDot", "a InferenceService name must consist of lower case alphanumeric characters or '-'", "DNS-1035", base()), name: "abc.de" },
    refused(
        "TestValidateTwoPredictorImplementationCollocation",
        "exactly one of [...] must be specified in PredictorSpec (model and a kserve-container)",
        "2 implementations (model, containers)",
        { predictor: { model: { modelFormat: { name: "huggingface" }, storageUri: "gs://testbucket/testmodel" }, containers: [{ name: "kserve-container", image: "test/predictor:latest" }, { name: "transformer-container", image: "test/transformer:latest" }] } },
    ),
];

const storageEnv = { name: "STORAGE_URI", value: "gs://test/model" };
const collocation = "TestValidateCollocationStorageURI";
const collocationCases: WebhookCase[] = [
    refused(`${collocation}/Collocation with transformer has storage uri specified`, "storage uri should not be specified in transformer container", "STORAGE_URI may not be set in the transformer-container", {
        predictor: { containers: [{ name: "kserve-container", image: "test/predictor:latest", env: [storageEnv] }, { name: "transformer-container", image: "test/transformer:latest", env: [storageEnv] }] },
    }),
    accepted(`${collocation}/Collocation with no storage uri specified`, { predictor: { containers: [{ name: "kserve-container", image: "test/predictor:latest" }, { name: "transformer-container", image: "test/transformer:latest" }] } }),
    accepted(`${collocation}/Collocation with predictor has storage uri specified`, {
        predictor: { containers: [{ name: "kserve-container", image: "test/predictor:latest", env: [storageEnv] }, { name: "transformer-container", image: "test/transformer:latest" }] },
    }),
    accepted(`${collocation}/Predictor with no collocation`, base()),
    accepted(`${collocation}/Custom predictor with no collocation`, { predictor: { containers: [{ name: "kserve-container", image: "test/predictor:latest", env: [storageEnv] }] } }),
];

const multiNode = "TestValidateMultiNodeVariables";
const none = { "serving.kserve.io/autoscalerClass": "none" };
const hfModel = (extra: Record<string, unknown> = {}, storageUri = "pvc://test") => ({ modelFormat: { name: "huggingface" }, storageUri, ...extra });
const unknownGpu = { resources: { limits: { "unknownGPU.com/gpu": "1" }, requests: { "unknownGPU.com/gpu": "1" } } };
const multiNodeCases: WebhookCase[] = [
    refused(`${multiNode}/When TENSOR_PARALLEL_SIZE set as an environment variable, it should return an error`, "setting TENSOR_PARALLEL_SIZE in environment variables is not allowed", "TENSOR_PARALLEL_SIZE may not be set", { predictor: { model: hfModel({ env: [{ name: "TENSOR_PARALLEL_SIZE", value: "2" }] }), workerSpec: {} } }, none),
    refused(`${multiNode}/When PIPELINE_PARALLEL_SIZE set as an environment variable, it should return an error`, "setting PIPELINE_PARALLEL_SIZE in environment variables is not allowed", "PIPELINE_PARALLEL_SIZE may not be set", { predictor: { model: hfModel({ env: [{ name: "PIPELINE_PARALLEL_SIZE", value: "3" }] }), workerSpec: {} } }, none),
    refused(`${multiNode}/When workerSpec.TensorParallelSize set less than 1, it should return error`, "WorkerSpec.TensorParallelSize cannot be less than 1(0)", "workerSpec.tensorParallelSize: got 0", { predictor: { model: hfModel(), workerSpec: { tensorParallelSize: 0 } } }, none),
    refused(`${multiNode}/When WorkerSpec.PipelineParallelSize set less than 1, it should return error`, "WorkerSpec.PipelineParallelSize cannot be less than 1(0)", "workerSpec.pipelineParallelSize: got 0", { predictor: { model: hfModel(), workerSpec: { pipelineParallelSize: 0 } } }, none),
    refused(`${multiNode}/When unknownGPUResource set in Predictor.Model, it should return error`, "Unknown GPU resource type", "does not know as a GPU type", { predictor: { model: hfModel(unknownGpu), workerSpec: {} } }, none),
    refused(`${multiNode}/When unknownGPUResource set in Predictor.WorkerSpec, it should return error`, "Unknown GPU resource type", "does not know as a GPU type", { predictor: { model: hfModel(), workerSpec: { containers: [{ name: "worker-container", ...unknownGpu }] } } }, none),
    accepted(`${multiNode}/When customGPUResourceTypes set to annotations, unknownGPUResource in Predictor.Model do not return an error and function correctly`, { predictor: { model: hfModel(unknownGpu), workerSpec: {} } }, { ...none, "serving.kserve.io/gpu-resource-types": '["unknownGPU.com/gpu"]' }),
    accepted(
        `${multiNode}/When customGPUResourceTypes set to annotations, unknownGPUResource in Predictor.WorkerSpec do not return an error and function correctly`,
        { predictor: { model: hfModel(), workerSpec: { containers: [{ name: "worker-container", ...unknownGpu }] } } },
        { ...none, "serving.kserve.io/gpu-resource-types": '["unknownGPU.com/gpu"]' },
    ),
    refused(`${multiNode}/When unsupported storageURI set, it should return error`, "Multinode only supports 'pvc' and 'oci' Storage Protocol(s3)", "only pvc:// and oci://", { predictor: { model: hfModel({}, "s3://test"), workerSpec: {} } }, none),
    accepted(`${multiNode}/When using OCI storageURI set, validation should succeed`, { predictor: { model: hfModel({}, "oci://test"), workerSpec: {} } }, none),
    refused(`${multiNode}/When none autoscaler is not set, then it should return error`, "Multinode only supports 'none' autoscaler(hpa)", 'needs "none"', { predictor: { model: hfModel(), workerSpec: {} } }, { "serving.kserve.io/autoscalerClass": "hpa" }),
    refused(
        `${multiNode}/When multiple containers set in WorkerSpec, it should return error`,
        "setting multiple containers in workerSpec is not allowed",
        "a multi-node worker may have only one",
        { predictor: { model: hfModel(), workerSpec: { containers: [{ name: "worker-container1", image: "worker" }, { name: "worker-container2", image: "worker" }] } } },
        none,
    ),
];

// TestValidateStorageUriSpec / TestValidateStorageUri check storageUris lists; here on a predictor with a model without storageUri.
const uris = (storageUris: unknown[]) => ({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris } });
const storageCases: WebhookCase[] = [
    accepted("TestValidateStorageUriSpec/ValidStorageUriSpec", uris([{ uri: "gs://bucket/model", mountPath: "/mnt/models" }])),
    refused("TestValidateStorageUriSpec/ValidStorageUriSpecWithRootPath", "storage path cannot be empty", 'other than "/"', uris([{ uri: "s3://bucket/model", mountPath: "/" }])),
    refused("TestValidateStorageUriSpec/EmptyUri", "storage URI cannot be empty", "uri: is required", uris([{ uri: "", mountPath: "/mnt/models" }])),
    refused("TestValidateStorageUriSpec/RelativePath", "storage path must be absolute: mnt/models", "absolute path", uris([{ uri: "gs://bucket/model", mountPath: "mnt/models" }])),
    // The function accepts an empty list, but the CRD (storageUris minItems: 1) refuses it before the webhook runs.
    refused("TestValidateStorageUri/EmptyList", "accepted by validateMultipleStorageURIsSpec; refused first by the CRD's minItems: 1", "must be a non-empty list", uris([])),
    accepted("TestValidateStorageUri/SingleValidStorageUri", uris([{ uri: "gs://bucket/model1", mountPath: "/mnt/models" }])),
    accepted("TestValidateStorageUri/MultipleValidStorageUrisWithCommonParent", uris([{ uri: "gs://bucket/model1", mountPath: "/mnt/models/model1" }, { uri: "s3://bucket/model2", mountPath: "/mnt/models/model2" }])),
    refused("TestValidateStorageUri/MultipleStorageUrisWithoutCommonParent", "storage paths must have a common parent directory", "share no parent directory", uris([{ uri: "gs://bucket/model1", mountPath: "/mnt/models" }, { uri: "s3://bucket/model2", mountPath: "/opt/models" }])),
    refused("TestValidateStorageUri/InvalidStorageUriInList", "storage URI cannot be empty", "uri: is required", uris([{ uri: "gs://bucket/model1", mountPath: "/mnt/models" }, { uri: "", mountPath: "/mnt/models/model2" }])),
    refused("TestValidateStorageUri/RelativePathInList", "storage path must be absolute: mnt/models/model2", "absolute path", uris([{ uri: "gs://bucket/model1", mountPath: "/mnt/models" }, { uri: "s3://bucket/model2", mountPath: "mnt/models/model2" }])),
];

const blocked = "TestValidateBlockedEnvVars";
const pythonPath = (value: string) => [{ name: "PYTHONPATH", value }];
const sk = { modelFormat: { name: "sklearn" }, storageUri: "gs://bucket/model" };
const blockedCases: WebhookCase[] = [
    refused(`${blocked}/PYTHONPATH in predictor model env should be rejected`, 'setting PYTHONPATH in container "" is not allowed for security reasons', "PYTHONPATH", { predictor: { model: { ...sk, env: pythonPath("/custom") } } }),
    refused(`${blocked}/PYTHONPATH in predictor custom container should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "PYTHONPATH", { predictor: { containers: [{ name: "kserve-container", image: "x", env: pythonPath("/injected") }] } }),
    refused(`${blocked}/PYTHONPATH in workerSpec container should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "workerSpec.containers[0].env[0]", {
        predictor: { model: { ...sk, storageUri: "pvc://test" }, workerSpec: { containers: [{ name: "worker", env: pythonPath("/bad") }] } },
    }),
    refused(`${blocked}/PYTHONPATH in transformer container should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "spec.transformer.containers[0].env[0]", { predictor: { model: sk }, transformer: { containers: [{ name: "transformer", env: pythonPath("/evil") }] } }),
    accepted(`${blocked}/allowed env vars should pass`, { predictor: { model: { ...sk, env: [{ name: "MODEL_NAME", value: "my-model" }] } } }),
    refused(`${blocked}/PYTHONPATH in explainer ART container should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "spec.explainer.art.env[0]", { predictor: { model: sk }, explainer: { art: { env: pythonPath("/injected") } } }),
    refused(`${blocked}/PYTHONPATH in predictor initContainer should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "spec.predictor.initContainers[0].env[0]", { predictor: { model: sk, initContainers: [{ name: "init-setup", env: pythonPath("/injected") }] } }),
    refused(`${blocked}/PYTHONPATH in workerSpec initContainer should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "workerSpec.initContainers[0].env[0]", {
        predictor: { model: { ...sk, storageUri: "pvc://test" }, workerSpec: { initContainers: [{ name: "init-worker", env: pythonPath("/injected") }] } },
    }),
    refused(`${blocked}/PYTHONPATH in explainer initContainer should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "spec.explainer.initContainers[0].env[0]", {
        predictor: { model: sk },
        explainer: { art: {}, initContainers: [{ name: "init-explainer", env: pythonPath("/evil") }] },
    }),
    refused(`${blocked}/PYTHONPATH in transformer initContainer should be rejected`, "setting PYTHONPATH ... is not allowed for security reasons", "spec.transformer.initContainers[0].env[0]", {
        predictor: { model: sk },
        transformer: { containers: [{ name: "transformer" }], initContainers: [{ name: "init-transform", env: pythonPath("/evil") }] },
    }),
    accepted(`${blocked}/no env vars should pass`, { predictor: { model: sk } }),
];

const conf = "TestValidateConfidential";
const confModel = (storageUri: string | undefined, confidential?: Record<string, unknown>) => ({ predictor: { model: { modelFormat: { name: "sklearn" }, ...(storageUri ? { storageUri } : {}), ...(confidential ? { confidential } : {}) } } });
const confidentialCases: WebhookCase[] = [
    accepted(`${conf}/confidential nil`, confModel("s3://bucket/model")),
    accepted(`${conf}/confidential disabled`, confModel("s3://bucket/model", { enabled: false })),
    accepted(`${conf}/confidential enabled with storageUri and resourceId`, confModel("s3://bucket/model", { enabled: true, resourceId: "kbs:///default/key/model-key" })),
    accepted(`${conf}/confidential enabled with storageUri no resourceId`, confModel("s3://bucket/model", { enabled: true })),
    refused(`${conf}/confidential enabled without storageUri`, "confidential model serving requires storageUri to be set", "is required for confidential model serving", confModel(undefined, { enabled: true })),
    accepted(`${conf}/confidential enabled with OCI URI warns`, confModel("oci://registry/model:latest", { enabled: true }), undefined, "accepted with a warning (no effect with OCI URIs)"),
    accepted(`${conf}/confidential enabled with PVC URI warns`, confModel("pvc://my-pvc/model-dir", { enabled: true }), undefined, "accepted with a warning (no effect with PVC URIs)"),
    refused(`${conf}/confidential with malformed resourceId`, "must be in the format kbs:///<repo>/<type>/<tag>", "kbs:///<repo>/<type>/<tag>", confModel("s3://bucket/model", { enabled: true, resourceId: "invalid-resource-id" })),
];

// TestValidateCanarySpecs; canary models carry the container name the CRD requires in canary predictors.
const canaryTest = "TestValidateCanarySpecs";
const canaryModel = (uri: string) => ({ modelFormat: { name: "sklearn" }, name: "kserve-container", storageUri: uri });
const canary = (name: string, trafficPercent: number, extra: Record<string, unknown> = {}) => ({ trafficPercent, predictor: { name, model: canaryModel(`gs://test/model-${name}`), ...extra } });
const withCanaries = (canaries: unknown[], stable: Record<string, unknown> = { minReplicas: 4, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://test/model-v1" } }) => ({ predictor: stable, ...(canaries.length ? { canary: canaries } : {}) });
const defaultStable = { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://test/model-v1" } };
const canaryCases: WebhookCase[] = [
    accepted(`${canaryTest}/No canaries passes validation`, withCanaries([]), standard()),
    accepted(`${canaryTest}/Single valid canary`, withCanaries([canary("v2", 10)]), standard()),
    accepted(`${canaryTest}/Multiple valid canaries`, withCanaries([canary("v2", 25), canary("v3", 25)]), standard()),
    accepted(`${canaryTest}/Traffic sum = 100 accepted`, withCanaries([canary("v2", 50), canary("v3", 50)]), standard()),
    accepted(`${canaryTest}/Traffic percent = 0 accepted (dark launch)`, withCanaries([canary("v2", 0)]), standard()),
    refused(`${canaryTest}/Canary rejected in Knative mode`, "canary is only supported in Standard deployment mode", "only supported in Standard mode", withCanaries([canary("v2", 10)], defaultStable)),
    refused(`${canaryTest}/Missing predictor.name rejected`, "canary[0] predictor.name is required", "predictor.name: is required", withCanaries([{ trafficPercent: 10, predictor: { model: canaryModel("gs://test/v2") } }]), standard()),
    refused(`${canaryTest}/Duplicate predictor.name rejected`, 'canary predictor.name "v2" is duplicated', "already used by another canary", withCanaries([canary("v2", 10), canary("v2", 20)]), standard()),
    refused(`${canaryTest}/Canary name conflicts with stable name rejected`, "conflicts with stable predictor name", "already used by the stable predictor", withCanaries([canary("stable", 10)], { name: "stable", minReplicas: 4, ...defaultStable }), standard()),
    refused(`${canaryTest}/Traffic sum > 100 rejected`, "sum of canary trafficPercent values (110) must be <= 100", "add up to 110", withCanaries([canary("v2", 60), canary("v3", 50)]), standard()),
    refused(`${canaryTest}/Canary with maxReplicas rejected`, 'canary "v2" must not set maxReplicas', "fixed replicas", withCanaries([canary("v2", 10, { maxReplicas: 5 })]), standard()),
    accepted(`${canaryTest}/Canary minReplicas equal to stable accepted`, withCanaries([canary("v2", 10, { minReplicas: 4 })]), standard()),
    refused(`${canaryTest}/Canary minReplicas exceeds stable rejected`, 'canary "v2" minReplicas (5) must not exceed stable predictor minReplicas (4)', "exceeds the stable predictor's minReplicas 4", withCanaries([canary("v2", 10, { minReplicas: 5 })]), standard()),
    accepted(`${canaryTest}/Canary minReplicas equal to default stable accepted`, withCanaries([canary("v2", 10, { minReplicas: 1 })], defaultStable), standard()),
    refused(`${canaryTest}/Canary minReplicas exceeds default stable rejected`, "must not exceed stable predictor minReplicas (1)", "exceeds the stable predictor's minReplicas 1", withCanaries([canary("v2", 10, { minReplicas: 2 })], defaultStable), standard()),
    accepted(`${canaryTest}/Canary minReplicas accepted when nil (derived from traffic)`, withCanaries([canary("v2", 10)], defaultStable), standard()),
    refused(`${canaryTest}/Canary with workerSpec rejected`, 'canary "v2" must not set workerSpec', "workerSpec: is not allowed", withCanaries([canary("v2", 10, { workerSpec: {} })]), standard()),
    refused(
        `${canaryTest}/Canary rejected when stable uses custom container (no model)`,
        "canary requires a stable predictor with a model",
        "needs a stable predictor with a model",
        withCanaries([canary("v2", 10)], { containers: [{ name: "kserve-container", image: "custom-server:latest" }] }),
        standard(),
    ),
];

/** Every transcribed case. */
export const webhookCases: readonly WebhookCase[] = [
    ...autoscalingCases,
    ...structureCases,
    ...collocationCases,
    ...multiNodeCases,
    ...storageCases,
    ...blockedCases,
    ...confidentialCases,
    ...canaryCases,
];
