// The kserve-platform program: read and validate the stack config, wire the components, export
// where each model answers. Everything else lives in components/.
import { ExistingCluster } from "./components/cluster";
import { loadConfig } from "./components/config";
import { ServingPlatform } from "./components/platform";
import { knativeFeatureFlagsForModels, Models } from "./components/serving";

const config = loadConfig();

const cluster = new ExistingCluster("cluster", {
    kubeconfig: config.kubeconfig,
    context: config.kubeContext,
    renderYamlToDirectory: config.renderYamlToDirectory,
    gpuTaint: config.gpuNodeTaint,
});
const providers = [cluster.provider];

const platform = new ServingPlatform(
    "platform",
    {
        domain: config.domain,
        urlScheme: config.urlScheme,
        deploymentMode: config.deploymentMode,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: config.helmTimeoutSeconds,
        certManager: config.installCertManager ? {} : false,
        istio: config.installIstio ? { mtlsMode: config.meshMtlsMode, gateway: { serviceType: config.ingressServiceType } } : false,
        knative: {
            progressDeadline: config.knativeProgressDeadline,
            registriesSkippingTagResolving: config.registriesSkippingTagResolving,
            features: {
                ...knativeFeatureFlagsForModels(config.models, config.deploymentMode),
                ...Object.fromEntries(config.knativeExtraFeatures.map((f) => [f, "enabled" as const])),
            },
        },
        kserve: { runtimes: config.installRuntimes, protectCrds: config.protectCrds },
    },
    { providers },
);

const models = new Models(
    "models",
    {
        models: config.models,
        defaultNamespace: config.modelNamespace,
        platform: platform.modelDependencies,
        deploymentMode: config.deploymentMode,
        readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
        validation: config.modelValidation,
    },
    { providers },
);

/** Where each model answers: `{ url, internalUrl, protocol, predictUrl, ready }` by model name. */
export const endpoints = models.endpoints;
/** The ingress domain of model URLs. */
export const domain = platform.domain;
