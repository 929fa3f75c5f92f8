/**
 * The admission rules ported from KServe v0.20.0 and Knative Serving (components/serving/admission.ts, admissionAutoscaling.ts, admissionSchema.ts),
 * and the protocol KServe's defaulter and controller give a predictor (components/serving/protocol.ts).
 * Each test names the upstream source of the behaviour it expects.
 */
import { expect } from "chai";
import { effectiveDeploymentMode, ModelValidationOptions, normaliseDeploymentMode, predictorProtocol, validateInferenceService } from "../components/serving";

const sklearn = { modelFormat: { name: "sklearn" }, storageUri: "gs://bucket/model" };

function check(spec: unknown, options: ModelValidationOptions = {}, annotations?: Record<string, string>): string[] {
    return validateInferenceService({ name: "iris", namespace: "models", annotations, spec }, 'model "iris"', options).map((p) => `${p.path}: ${p.message}`);
}

function expectOne(lines: string[], path: string, ...fragments: string[]): void {
    const matching = lines.filter((l) => l.startsWith(`${path}: `));
    expect(matching, `problems: ${JSON.stringify(lines)}`).to.have.length(1);
    for (const f of fragments) {
        expect(matching[0]).to.contain(f);
    }
}

const standard = (autoscalerClass?: string) => ({ "serving.kserve.io/deploymentMode": "Standard", ...(autoscalerClass ? { "serving.kserve.io/autoscalerClass": autoscalerClass } : {}) });

describe("KServe admission rules", () => {
    describe("deployment modes", () => {
        // inference_service_defaults.go DefaultInferenceService: RawDeployment -> Standard, Serverless -> Knative.
        it("normalises the legacy names and reads them as the new ones", () => {
            expect(normaliseDeploymentMode({ "serving.kserve.io/deploymentMode": "RawDeployment", team: "a" })).to.deep.equal({ "serving.kserve.io/deploymentMode": "Standard", team: "a" });
            expect(normaliseDeploymentMode({ "serving.kserve.io/deploymentMode": "Serverless" })).to.deep.equal({ "serving.kserve.io/deploymentMode": "Knative" });
            expect(effectiveDeploymentMode({ "serving.kserve.io/deploymentMode": "RawDeployment" })).to.equal("Standard");
        });
    });

    describe("quantities (CRD: x-kubernetes-int-or-string with the quantity pattern)", () => {
        it("refuses a decimal number, which the API server refuses", () =>
            expectOne(check({ predictor: { model: { ...sklearn, resources: { requests: { cpu: 0.1 } } } } }), "spec.predictor.model.resources.requests.cpu", "got 0.1", "integer or a string", 'quote it: "0.1"'));
        it("accepts integers and quantity strings", () => expect(check({ predictor: { model: { ...sklearn, resources: { requests: { cpu: 1, memory: "512Mi" }, limits: { cpu: "1.5" } } } } })).to.deep.equal([]));
        it("refuses a string that is not a quantity", () => expectOne(check({ predictor: { model: { ...sklearn, resources: { limits: { memory: "2 GB" } } } } }), "spec.predictor.model.resources.limits.memory", "not a Kubernetes quantity"));
        it("checks custom containers, overhead and rolling-update bounds", () => {
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x", resources: { limits: { "nvidia.com/gpu": 0.5 } } }] } }), 'spec.predictor.containers[0].resources.limits.nvidia.com/gpu', "got 0.5");
            expectOne(check({ predictor: { model: sklearn, overhead: { cpu: 0.25 } } }), "spec.predictor.overhead.cpu", "got 0.25");
            expectOne(check({ predictor: { model: sklearn, deploymentStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1.5 } } } }, { defaultDeploymentMode: "Standard" }), "spec.predictor.deploymentStrategy.rollingUpdate.maxSurge", "got 1.5");
        });
    });

    describe("container names (Kubernetes: DNS-1123 labels; Knative k8s_validation.go reserves queue-proxy)", () => {
        it("refuses names that are not DNS-1123 labels", () => {
            expectOne(check({ predictor: { containers: [{ name: "Kserve_Container", image: "x" }] } }), "spec.predictor.containers[0].name", "not a DNS-1123 label");
            expectOne(check({ predictor: { model: sklearn, initContainers: [{ name: "init.setup", image: "x" }] } }), "spec.predictor.initContainers[0].name", "not a DNS-1123 label");
        });
        it("keeps queue-proxy to Knative", () => expectOne(check({ predictor: { model: sklearn, containers: [{ name: "queue-proxy", image: "x" }] } }), "spec.predictor.containers[0].name", "reserved by Knative"));
    });

    describe("Knative ports (knative/serving k8s_validation.go validateContainerPorts, validateContainersPorts)", () => {
        const grpc = { predictor: { model: { ...sklearn, protocolVersion: "grpc-v2", ports: [{ name: "grpc-port", containerPort: 8081, protocol: "TCP" }] } } };
        it("allows only empty, h2c and http1 port names in Knative mode", () => expectOne(check(grpc), "spec.predictor.model.ports[0].name", '"grpc-port" is not allowed by Knative', '"h2c"'));
        it("leaves port names alone in Standard mode", () => expect(check(grpc, {}, standard())).to.deep.equal([]));
        it("accepts h2c", () => expect(check({ predictor: { model: { ...sklearn, ports: [{ name: "h2c", containerPort: 8081 }] } } })).to.deep.equal([]));
        it("refuses the queue-proxy's ports and non-TCP protocols", () => {
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x", ports: [{ containerPort: 8012 }] }] } }), "spec.predictor.containers[0].ports[0].containerPort", "reserved by Knative's queue-proxy");
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x", ports: [{ containerPort: 8080, protocol: "UDP" }] }] } }), "spec.predictor.containers[0].ports[0].protocol", "only TCP");
        });
        it("allows one port across the containers of a pod", () =>
            expectOne(
                check({ predictor: { containers: [{ name: "kserve-container", image: "x", ports: [{ containerPort: 8080 }] }, { name: "sidecar", image: "y", ports: [{ containerPort: 9000 }] }] } }),
                "spec.predictor.containers",
                "2 ports",
                "single port",
            ));
    });

    describe("canaries (inference_service_validation.go validateCanarySpecs)", () => {
        const canary = (minReplicas?: number) => ({ trafficPercent: 10, predictor: { name: "v2", ...(minReplicas === undefined ? {} : { minReplicas }), model: { ...sklearn, name: "kserve-container" } } });
        it("refuses a canary minReplicas above the stable predictor's", () =>
            expectOne(check({ predictor: { minReplicas: 2, model: sklearn }, canary: [canary(3)] }, {}, standard()), "spec.canary[0].predictor.minReplicas", "3 exceeds the stable predictor's minReplicas 2"));
        it("compares with the stable default of 1", () => {
            expectOne(check({ predictor: { model: sklearn }, canary: [canary(2)] }, {}, standard()), "spec.canary[0].predictor.minReplicas", "minReplicas 1");
            expect(check({ predictor: { model: sklearn }, canary: [canary(1)] }, {}, standard())).to.deep.equal([]);
        });
        it("needs a stable predictor with a model", () =>
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x" }] }, canary: [canary()] }, {}, standard()), "spec.canary", "needs a stable predictor with a model"));
    });

    describe("autoscaling (inference_service_validation.go validateAutoScalingCompExtension)", () => {
        const tf = { storageUri: "gs://b/m" };
        it("HPA: only cpu and memory, utilization 1..100", () => {
            expectOne(check({ predictor: { tensorflow: tf, scaleMetric: "rps" } }, {}, standard("hpa")), "spec.predictor.scaleMetric", "not an HPA metric");
            expectOne(check({ predictor: { tensorflow: tf, scaleMetric: "cpu", scaleTarget: 120 } }, {}, standard("hpa")), "spec.predictor.scaleTarget", "from 1 to 100");
            expectOne(check({ predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "External" }] } } }, {}, standard("hpa")), "spec.predictor.autoScaling.metrics[0].type", "only Resource");
        });
        it("KEDA: no scaleMetric, typed targets, queries", () => {
            expectOne(check({ predictor: { tensorflow: tf, scaleMetric: "cpu" } }, {}, standard("keda")), "spec.predictor.scaleMetric", "keda");
            expectOne(
                check({ predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "512Ki" } } }] } } }, {}, standard("keda")),
                "spec.predictor.autoScaling.metrics[0].resource.target.averageValue",
                "at least 1Mi",
            );
            expectOne(
                check({ predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } }] } } }, {}, standard("keda")),
                "spec.predictor.autoScaling.metrics[0].resource.target.averageUtilization",
                "is required when the target type is Utilization",
            );
            expectOne(
                check({ predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "External", external: { metric: { query: "q" }, target: { type: "Value" } } }] } } }, {}, standard("keda")),
                "spec.predictor.autoScaling.metrics[0].external.target.value",
                "threshold value must be set",
            );
        });
        // The CRD's AutoScalingSpec: a KEDA authenticationRef is {authenticationRef: {name}, authModes}.
        it("checks autoScaling fields, required fields and enums as the CRD declares them", () => {
            const lines = check(
                { predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "External", external: { metric: { backend: "prometheus", query: "q", authModes: "bearer" }, authenticationRef: { name: "auth" }, target: { type: "Value", value: "1" } } }] } } },
                {},
                standard("keda"),
            );
            expectOne(lines, "spec.predictor.autoScaling.metrics[0].external.metric.authModes", "is not a field here", "backend, serverAddress, query, namespace");
            expectOne(lines, "spec.predictor.autoScaling.metrics[0].external.authenticationRef.name", "is not a field here", "authenticationRef, authModes");
            expectOne(lines, "spec.predictor.autoScaling.metrics[0].external.authenticationRef.authenticationRef", "is required");
            expectOne(check({ predictor: { tensorflow: tf, autoScaling: { metrics: [{ type: "Pods" }] } } }, {}, standard()), "spec.predictor.autoScaling.metrics[0].type", "allowed: Resource, External, PodMetric");
        });
        it("Standard mode without an autoscaler class checks nothing, as upstream", () => expect(check({ predictor: { tensorflow: tf, scaleMetric: "cpu", scaleTarget: 500 } }, {}, standard())).to.deep.equal([]));
    });

    describe("environment (pkg/validation/env_policy.go, validateCollocationStorageURI, CustomPredictor.validateCustomProtocol)", () => {
        it("refuses PYTHONPATH in any container KServe runs", () => {
            expectOne(check({ predictor: { model: { ...sklearn, env: [{ name: "PYTHONPATH", value: "/x" }] } } }), "spec.predictor.model.env[0]", "PYTHONPATH", "security reasons");
            expectOne(check({ predictor: { model: sklearn }, transformer: { containers: [{ name: "t", image: "t", env: [{ name: "PYTHONPATH", value: "/x" }] }] } }), "spec.transformer.containers[0].env[0]", "PYTHONPATH");
        });
        it("refuses STORAGE_URI on a collocated transformer-container", () =>
            expectOne(
                check({ predictor: { model: sklearn, containers: [{ name: "transformer-container", image: "t", env: [{ name: "STORAGE_URI", value: "gs://b/m" }] }] } }),
                "spec.predictor.containers[0].env[0]",
                "STORAGE_URI may not be set in the transformer-container",
            ));
        it("allows only v1 and v2 as a custom predictor's PROTOCOL", () => {
            expectOne(check({ predictor: { containers: [{ name: "kserve-container", image: "x", env: [{ name: "PROTOCOL", value: "grpc-v2" }] }] } }), "spec.predictor.containers[0].env[0].value", '"grpc-v2"', "allowed: v1, v2");
            expect(check({ predictor: { containers: [{ name: "kserve-container", image: "x", env: [{ name: "PROTOCOL", value: "v2" }] }] } })).to.deep.equal([]);
        });
    });

    describe("explainer storage (explainer.go ExplainerExtensionSpec.Validate, component.go validateStorageSpec)", () => {
        const model = { predictor: { model: sklearn } };
        it("allows a storage spec only with s3, hdfs and webhdfs", () => {
            expectOne(check({ ...model, explainer: { art: { type: "SquareAttack", storageUri: "gs://b/e", storage: { key: "k" } } } }), "spec.explainer.art.storageUri", "must start with s3://, hdfs://, webhdfs://");
            expectOne(check({ ...model, explainer: { art: { type: "SquareAttack", storage: { parameters: { type: "gs" } } } } }), "spec.explainer.art.storage.parameters.type", 'got "gs"', "s3, hdfs, webhdfs");
            expect(check({ ...model, explainer: { art: { type: "SquareAttack", storageUri: "s3://b/e", storage: { key: "k" } } } })).to.deep.equal([]);
        });
    });

    describe("multi-node (inference_service_validation.go validateMultiNodeVariables)", () => {
        const hf = (extra: Record<string, unknown> = {}, storageUri = "pvc://models/llama") => ({ modelFormat: { name: "huggingface" }, storageUri, ...extra });
        const none = { "serving.kserve.io/autoscalerClass": "none" };
        it("accepts a pvc:// model with the none autoscaler", () => expect(check({ predictor: { model: hf(), workerSpec: { tensorParallelSize: 2 } } }, {}, none)).to.deep.equal([]));
        it("needs the none autoscaler", () => expectOne(check({ predictor: { model: hf(), workerSpec: {} } }), 'metadata.annotations["serving.kserve.io/autoscalerClass"]', 'needs "none"'));
        it("supports only pvc:// and oci:// storage, and requires it", () => {
            expectOne(check({ predictor: { model: hf({}, "s3://b/m"), workerSpec: {} } }, {}, none), "spec.predictor.model.storageUri", "only pvc:// and oci://");
            expectOne(check({ predictor: { model: { modelFormat: { name: "huggingface" } }, workerSpec: {} } }, {}, none), "spec.predictor.model.storageUri", "is required with a workerSpec");
        });
        it("takes parallel sizes from workerSpec only, and >= 1", () => {
            expectOne(check({ predictor: { model: hf({ env: [{ name: "TENSOR_PARALLEL_SIZE", value: "2" }] }), workerSpec: {} } }, {}, none), "spec.predictor.model.env[0]", "set workerSpec.tensorParallelSize instead");
            expectOne(check({ predictor: { model: hf(), workerSpec: { pipelineParallelSize: 0 } } }, {}, none), "spec.predictor.workerSpec.pipelineParallelSize", "must be >= 1");
        });
        it("allows one worker container and known GPU types", () => {
            expectOne(check({ predictor: { model: hf(), workerSpec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "x" }] } } }, {}, none), "spec.predictor.workerSpec.containers", "only one");
            expectOne(check({ predictor: { model: hf({ resources: { limits: { "example.com/tpu": "1" } } }), workerSpec: {} } }, {}, none), "spec.predictor.model.resources", "example.com/tpu", "serving.kserve.io/gpu-resource-types");
            expectOne(check({ predictor: { model: hf(), workerSpec: {} } }, {}, { ...none, "serving.kserve.io/gpu-resource-types": "tpu" }), 'metadata.annotations["serving.kserve.io/gpu-resource-types"]', "JSON array");
        });
    });

    describe("confidential serving (inference_service_validation.go validateConfidential, pkg/validation/confidential.go)", () => {
        it("requires the storageUri", () => expectOne(check({ predictor: { model: { modelFormat: { name: "sklearn" }, confidential: { enabled: true } } } }), "spec.predictor.model.storageUri", "confidential"));
        it("requires a KBS resource id", () =>
            expectOne(check({ predictor: { model: { ...sklearn, confidential: { enabled: true, resourceId: "key" } } } }), "spec.predictor.model.confidential.resourceId", "kbs:///<repo>/<type>/<tag>"));
        it("ignores a disabled spec", () => expect(check({ predictor: { model: { modelFormat: { name: "sklearn" }, confidential: { enabled: false } } } })).to.deep.equal([]));
    });

    describe("storageUris (validateMultipleStorageURIsSpec)", () => {
        // CRD: storageUris has minItems 1, checked before the webhook's validateMultipleStorageURIsSpec.
        it("refuses an empty list, as the CRD does", () => expectOne(check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [] } }), "spec.predictor.storageUris", "non-empty list"));
        // The CRD's default for mountPath is /mnt/models; an explicit empty one is not absolute.
        it("defaults the mount path as the CRD does, and refuses an empty one", () => {
            expect(check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [{ uri: "s3://b/m" }] } })).to.deep.equal([]);
            expectOne(check({ predictor: { model: { modelFormat: { name: "sklearn" } }, storageUris: [{ uri: "s3://b/m", mountPath: "" }] } }), "spec.predictor.storageUris[0].mountPath", "absolute path");
        });
    });
});

describe("protocol defaults", () => {
    // inference_service_defaults.go setPredictorModelDefaults / assign<Framework>Runtime; components/predictor.go reconcileModel.
    it("gives modelFormat triton and vLLM v2", () => {
        expect(predictorProtocol({ model: { modelFormat: { name: "triton" } } })).to.equal("v2");
        expect(predictorProtocol({ model: { modelFormat: { name: "vLLM" } } })).to.equal("v2");
    });
    it("gives the legacy triton, onnx and huggingface keys v2, the others v1", () => {
        expect(predictorProtocol({ onnx: {} })).to.equal("v2");
        expect(predictorProtocol({ huggingface: {} })).to.equal("v2");
        expect(predictorProtocol({ sklearn: {} })).to.equal("v1");
    });
    it("takes a named runtime's default (SetRuntimeDefaults, then its first protocol)", () => {
        expect(predictorProtocol({ model: { modelFormat: { name: "sklearn" }, runtime: "kserve-mlserver" } })).to.equal("v2");
        expect(predictorProtocol({ model: { modelFormat: { name: "pytorch" }, runtime: "kserve-torchserve" } })).to.equal("v1");
        expect(predictorProtocol({ model: { modelFormat: { name: "huggingface" }, runtime: "kserve-huggingfaceserver" } })).to.equal("v1");
        expect(predictorProtocol({ model: { modelFormat: { name: "pytorch" }, runtime: "kserve-tritonserver" } })).to.equal("v2");
    });
    it("keeps an explicit protocolVersion and reads PROTOCOL of custom containers", () => {
        expect(predictorProtocol({ model: { modelFormat: { name: "triton" }, protocolVersion: "grpc-v2" } })).to.equal("grpc-v2");
        expect(predictorProtocol({ containers: [{ name: "kserve-container", env: [{ name: "PROTOCOL", value: "v2" }] }] })).to.equal("v2");
        expect(predictorProtocol({ containers: [{ name: "kserve-container" }, { name: "transformer-container", env: [{ name: "PROTOCOL", value: "v2" }] }] })).to.equal("v2");
    });
    it("accepts a named runtime without protocolVersion whatever protocols it lists", () => {
        expect(check({ predictor: { model: { ...sklearn, runtime: "kserve-mlserver" } } }, { checkDefaultRuntimes: true })).to.deep.equal([]);
        expect(check({ predictor: { model: { modelFormat: { name: "triton" }, storageUri: "gs://b/m" } } }, { checkDefaultRuntimes: true })).to.deep.equal([]);
        expectOne(check({ predictor: { model: { ...sklearn, runtime: "kserve-mlserver", protocolVersion: "v1" } } }, { checkDefaultRuntimes: true }), "spec.predictor.model.runtime", "does not serve");
    });
});
