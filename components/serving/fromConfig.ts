// How the stack config becomes the models' arguments (used by KServePlatform).
import type { ModelStore } from "../azure";
import type { StackConfig } from "../config";
import { defaults, fixedNames } from "../defaults";
import type { ServingPlatform } from "../platform";
import type { ModelsArgs } from "./models";

/** The stack's models, after the platform (and the model store's identity when there is one). */
export function modelsArgs(config: StackConfig, platform: ServingPlatform, store: ModelStore | undefined, openshift: boolean): ModelsArgs {
    return {
        models: config.models,
        defaultNamespace: config.modelNamespace,
        platform: [...platform.modelDependencies, ...(store?.readyForModels ?? [])],
        serviceAccounts: store?.serviceAccounts,
        namespaceLabels: config.sidecarInjection ? { [fixedNames.sidecarInjectionLabel]: "enabled" } : undefined,
        networkPolicy: config.modelNetworkPolicies
            ? { fromNamespaces: [defaults.namespaces.istio, defaults.namespaces.knativeServing], fromNamespaceLabels: { [fixedNames.sidecarInjectionLabel]: "enabled" } }
            : undefined,
        openshift: openshift ? { scc: "nonroot-v2" } : undefined,
        deploymentMode: config.deploymentMode,
        readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
        validation: config.modelValidation,
        graphs: config.graphs,
        runtimes: config.runtimes,
    };
}
