// How KServePlatform's args become the models' arguments.
import type { ModelStore } from "../azure";
import { defaults, fixedNames } from "../defaults";
import type { ServingPlatform } from "../platform";
import type { ModelsArgs } from "../serving/models";
import type { KServePlatformArgs } from "./args";
import { llmsForMesh } from "./llmTraffic";
import { modelScrapers } from "./scrapers";

/** The stack's models, after the platform (and the model store's identity when there is one). */
export function modelsArgs(args: KServePlatformArgs, platform: ServingPlatform, store: ModelStore | undefined, openshift: boolean): ModelsArgs {
    const { models } = args;
    return {
        models: models.models,
        llms: llmsForMesh(args),
        graphs: models.graphs,
        runtimes: models.runtimes,
        llmPlatform: platform.llmDependencies,
        defaultNamespace: models.defaultNamespace,
        platform: [...platform.modelDependencies, ...(store?.readyForModels ?? [])],
        serviceAccounts: store?.serviceAccounts,
        namespaceLabels: args.platform.sidecarInjection ? { [fixedNames.sidecarInjectionLabel]: "enabled" } : undefined,
        networkPolicy: models.networkPolicies
            ? {
                  // LLM routes enter through the Gateway the platform runs in KServe's namespace.
                  fromNamespaces: [defaults.namespaces.istio, defaults.namespaces.knativeServing, ...((models.llms ?? []).length > 0 ? [defaults.namespaces.kserve] : [])],
                  fromNamespaceLabels: { [fixedNames.sidecarInjectionLabel]: "enabled" },
                  scrapers: modelScrapers(args),
              }
            : undefined,
        openshift: openshift ? { scc: "nonroot-v2" } : undefined,
        deploymentMode: args.platform.deploymentMode,
        readyTimeoutSeconds: models.readyTimeoutSeconds,
        validation: models.validation,
    };
}
