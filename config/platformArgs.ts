// The validated stack config as KServePlatform's typed args: the one place the config layer
// meets the stack component.
import type { ClusterSettings, KServePlatformArgs } from "../components/stack";
import type { StackConfig } from "./types";

/** The cluster of the stack's flavour. */
function clusterSettings(config: StackConfig): ClusterSettings {
    if (config.clusterFlavor === "aks" && config.azure && config.aks) {
        return { flavor: "aks", azure: config.azure, aks: config.aks, baseline: config.azureBaseline };
    }
    if (config.clusterFlavor === "aro" && config.azure && config.aro) {
        return { flavor: "aro", azure: config.azure, aro: config.aro, baseline: config.azureBaseline };
    }
    return { flavor: "existing", kubeconfig: config.kubeconfig, context: config.kubeContext, renderYamlToDirectory: config.renderYamlToDirectory };
}

/** KServePlatform's args from the stack config `loadConfig` returned. */
export function kservePlatformArgs(config: StackConfig): KServePlatformArgs {
    return {
        environment: config.environment,
        cluster: clusterSettings(config),
        platform: {
            domain: config.domain,
            urlScheme: config.urlScheme,
            deploymentMode: config.deploymentMode,
            installCertManager: config.installCertManager,
            installIstio: config.installIstio,
            installRuntimes: config.installRuntimes,
            llmServing: config.llmServing,
            protectCrds: config.protectCrds,
            meshMtlsMode: config.meshMtlsMode,
            sidecarInjection: config.sidecarInjection,
            knativeProgressDeadline: config.knativeProgressDeadline,
            registriesSkippingTagResolving: config.registriesSkippingTagResolving,
            knativeExtraFeatures: config.knativeExtraFeatures,
            helmTimeoutSeconds: config.helmTimeoutSeconds,
        },
        ingress: {
            serviceType: config.ingressServiceType,
            internal: config.ingressInternal,
            privateIp: config.ingressPrivateIp,
            appGateway: config.appGateway,
        },
        store: config.modelStore,
        models: {
            models: config.models,
            llms: config.llms,
            graphs: config.graphs,
            runtimes: config.runtimes,
            defaultNamespace: config.modelNamespace,
            networkPolicies: config.modelNetworkPolicies,
            readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
            validation: config.modelValidation,
        },
        monitoring: config.monitoring,
        auth: config.modelAuth,
        gpu: config.gpu,
    };
}
