/**
 * A varied set of InferenceServices covering what the platform must pass through unchanged:
 * predictor forms, transformer, explainer, canary, autoscaling, batcher, logger, GPU, custom
 * containers, several storage URIs, multi-node, and Standard-mode canaries.
 */
import type { InferenceServiceArgs } from "../components/serving";

export const conformanceModels: Record<string, InferenceServiceArgs> = {
    "model-predictor": {
        spec: { predictor: { model: { modelFormat: { name: "sklearn", version: "1" }, protocolVersion: "v2", storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } },
    },
    "legacy-framework": {
        spec: { predictor: { sklearn: { storageUri: "gs://kfserving-examples/models/sklearn/1.0/model", resources: { requests: { cpu: "100m", memory: "256Mi" } } } } },
    },
    "with-transformer": {
        spec: {
            predictor: { model: { modelFormat: { name: "pytorch" }, storageUri: "gs://kfserving-examples/models/torchserve/image_classifier/v1" } },
            transformer: {
                minReplicas: 1,
                containers: [{ name: "kserve-container", image: "kserve/image-transformer:v0.20.0", args: ["--model_name", "mnist"], env: [{ name: "STORAGE_URI", value: "gs://bucket/transformer" }] }],
            },
        },
    },
    "with-explainer": {
        spec: {
            predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } },
            explainer: { art: { type: "SquareAttack", config: { nb_classes: "10" } } },
        },
    },
    "knative-canary": {
        spec: { predictor: { canaryTrafficPercent: 10, model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/2.0/model" } } },
    },
    autoscaling: {
        spec: {
            predictor: {
                minReplicas: 0,
                maxReplicas: 10,
                scaleMetric: "rps",
                scaleTarget: 50,
                containerConcurrency: 8,
                timeout: 120,
                annotations: { "autoscaling.knative.dev/initial-scale": "1" },
                model: { modelFormat: { name: "xgboost" }, storageUri: "gs://kfserving-examples/models/xgboost/iris" },
            },
        },
    },
    batcher: {
        spec: { predictor: { batcher: { maxBatchSize: 32, maxLatency: 500, timeout: 60 }, model: { modelFormat: { name: "tensorflow" }, storageUri: "gs://kfserving-examples/models/tensorflow/flowers" } } },
    },
    logger: {
        spec: {
            predictor: {
                logger: { mode: "all", url: "http://message-dumper.default/", metadataHeaders: ["x-request-id"] },
                model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" },
            },
        },
    },
    gpu: {
        spec: {
            predictor: {
                minReplicas: 1,
                nodeSelector: { "kserve-platform/pool": "gpu" },
                tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
                model: {
                    modelFormat: { name: "huggingface" },
                    protocolVersion: "v2",
                    storageUri: "hf://meta-llama/Llama-3.1-8B-Instruct",
                    args: ["--model_name=llama"],
                    env: [{ name: "HF_TOKEN", valueFrom: { secretKeyRef: { name: "hf-secret", key: "token" } } }],
                    resources: { limits: { cpu: "6", memory: "24Gi", "nvidia.com/gpu": "1" }, requests: { cpu: "6", memory: "24Gi", "nvidia.com/gpu": "1" } },
                },
            },
        },
    },
    "custom-container": {
        spec: {
            predictor: {
                containers: [{ name: "kserve-container", image: "ghcr.io/example/custom-model:1.2.3", ports: [{ containerPort: 8080, protocol: "TCP" }], readinessProbe: { httpGet: { path: "/ready", port: 8080 } } }],
            },
        },
    },
    "multiple-storage-uris": {
        spec: {
            predictor: {
                storageUris: [
                    { uri: "s3://bucket/base-model", mountPath: "/mnt/models/base" },
                    { uri: "https://account.blob.core.windows.net/models/adapter/", mountPath: "/mnt/models/adapter" },
                ],
                model: { modelFormat: { name: "huggingface" }, protocolVersion: "v2" },
            },
        },
    },
    "multi-node": {
        spec: {
            predictor: {
                model: { modelFormat: { name: "huggingface" }, storageUri: "pvc://models-pvc/llama", protocolVersion: "v2" },
                workerSpec: { pipelineParallelSize: 2, tensorParallelSize: 1 },
            },
        },
        annotations: { "serving.kserve.io/autoscalerClass": "none" },
        deploymentMode: "Standard",
    },
    "standard-canary": {
        deploymentMode: "Standard",
        spec: {
            predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } },
            canary: [{ trafficPercent: 20, predictor: { name: "v2", model: { name: "kserve-container", modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/2.0/model" } } }],
        },
    },
};
