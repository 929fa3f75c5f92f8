// A platform team's program: the whole serving stack from the kserve-platform package, plus the
// fraud team's two models in a namespace of their own.
import * as pulumi from "@pulumi/pulumi";
import { KServePlatform, ModelDeclaration, Models } from "kserve-platform";
import { kservePlatformArgs, loadConfig } from "kserve-platform/config";

const config = loadConfig();
const team = new pulumi.Config("platform-team");
const fraudNamespace = team.get("fraudNamespace") ?? "fraud";

const stack = new KServePlatform(`team-${pulumi.getStack()}`, kservePlatformArgs(config));

const fraudModels: ModelDeclaration[] = [
    {
        name: "fraud-xgb",
        spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "xgboost" }, storageUri: "gs://kfserving-examples/models/xgboost/iris" } } },
    },
    {
        name: "fraud-sklearn",
        spec: { predictor: { minReplicas: 1, model: { modelFormat: { name: "sklearn" }, protocolVersion: "v2", storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } },
    },
];

// The team's namespace is created (and retained on destroy) by its Models, after the platform,
// and validated against the same runtimes and rules as the stack's own models.
const fraud = new Models(
    "fraud",
    {
        models: fraudModels,
        defaultNamespace: fraudNamespace,
        platform: stack.platform.modelDependencies,
        deploymentMode: config.deploymentMode,
        readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
        validation: config.modelValidation,
    },
    { providers: [stack.cluster.provider] },
);

/** Every model's endpoint: the stack's and the team's. */
export const endpoints = pulumi.all([stack.models.endpoints, fraud.endpoints]).apply(([platformModels, teamModels]) => ({ ...platformModels, ...teamModels }));
/** The ingress domain. */
export const domain = stack.platform.domain;
