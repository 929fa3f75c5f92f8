// Models from code: the platform, a namespace for the models, and one typed InferenceService.
import * as k8s from "@pulumi/kubernetes";
import { ServingPlatform } from "../components/platform";
import { InferenceService } from "../components/serving";

const provider = new k8s.Provider("cluster", { context: "kind-kserve" });
const platform = new ServingPlatform("platform", {}, { providers: [provider] });

// An InferenceService does not create its namespace (the Models component does): create it here,
// retained on destroy like the namespaces Models creates.
const namespace = new k8s.core.v1.Namespace("models", { metadata: { name: "models" } }, { provider, retainOnDelete: true });

// Validated before it is registered, with the checks a model in kserve-platform:models gets.
const iris = new InferenceService(
    "sklearn-iris",
    {
        namespace: "models",
        spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } },
    },
    { provider, dependsOn: [namespace, ...platform.modelDependencies] },
);

export const url = iris.url; // also internalUrl, ready, status, endpoint
