// A platform team's program: the whole serving stack from the kserve-platform package (with
// monitoring and Grafana from its stack config), plus two teams' models, each team in a namespace
// of its own.
import * as pulumi from "@pulumi/pulumi";
import { KServePlatform, ModelDeclaration, Models } from "kserve-platform";
import { kservePlatformArgs, loadConfig } from "kserve-platform/config";

const config = loadConfig();
const team = new pulumi.Config("platform-team");

const stack = new KServePlatform(`team-${pulumi.getStack()}`, kservePlatformArgs(config));

/**
 * A team's models in its namespace, created (and retained on destroy) after the platform, with the
 * stack's deployment mode, readiness timeout and validation rules, like the stack's own models.
 */
function teamModels(name: string, namespace: string, models: ModelDeclaration[]): Models {
    return new Models(
        name,
        {
            models,
            defaultNamespace: namespace,
            platform: stack.platform.modelDependencies,
            deploymentMode: config.deploymentMode,
            readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
            validation: config.modelValidation,
        },
        { providers: [stack.cluster.provider] },
    );
}

const fraud = teamModels("fraud", team.get("fraudNamespace") ?? "fraud", [
    {
        name: "fraud-xgb",
        spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "xgboost" }, storageUri: "gs://kfserving-examples/models/xgboost/iris" } } },
    },
    {
        name: "fraud-sklearn",
        spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "sklearn" }, protocolVersion: "v2", storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } },
    },
]);

const vision = teamModels("vision", team.get("visionNamespace") ?? "vision", [
    {
        name: "resnet",
        spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "pytorch" }, protocolVersion: "v2", storageUri: "gs://kfserving-examples/models/torchserve/image_classifier/v2" } } },
    },
]);

/** Every model's endpoint: the stack's and the teams'. */
export const endpoints = pulumi
    .all([stack.models.endpoints, fraud.endpoints, vision.endpoints])
    .apply(([platformModels, fraudModels, visionModels]) => ({ ...platformModels, ...fraudModels, ...visionModels }));
/** The ingress domain. */
export const domain = stack.platform.domain;
/** Azure Managed Grafana, with the platform's dashboards. */
export const grafanaUrl = stack.monitoringWorkspace?.grafanaUrl;
