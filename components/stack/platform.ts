// How KServePlatform's args become the serving platform's arguments.
import { internalLoadBalancerAnnotations } from "../azure/loadBalancer";
import type { KubernetesCluster } from "../cluster";
import { knativePrometheusExport } from "../monitoring/platform";
import type { ServingPlatformArgs } from "../platform/servingPlatform";
import { knativeFeatureFlagsForModels } from "../serving/features";
import { knativeFeatureFlagsForGraphs } from "../serving/modelGraphs";
import { modelsNeedKeda } from "../serving/keda";
import { llmPlatformNeeds } from "../serving/llm";
import type { KServePlatformArgs } from "./args";
import { localModelKServeValues } from "./gpu";

/** Where the platform goes: the cluster it installs on, whether that is OpenShift, and the internal gateway's subnet. */
export interface PlatformPlacement {
    /** The cluster. */
    cluster: KubernetesCluster;
    /** True on ARO. */
    openshift: boolean;
    /** Subnet the internal gateway load balancer takes its address from. */
    gatewaySubnet?: string;
}

/** The serving platform of the stack: what to install and how. */
export function servingPlatformArgs(args: KServePlatformArgs, { cluster, openshift, gatewaySubnet }: PlatformPlacement): ServingPlatformArgs {
    const { platform, ingress } = args;
    const llm = llmPlatformNeeds(args.models.llms ?? []);
    return {
        domain: platform.domain,
        urlScheme: platform.urlScheme,
        deploymentMode: platform.deploymentMode,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: platform.helmTimeoutSeconds,
        certManager: platform.installCertManager ? {} : false,
        istio: platform.installIstio
            ? {
                  mtlsMode: platform.meshMtlsMode,
                  platform: openshift ? "openshift" : "kubernetes",
                  gateway: {
                      serviceType: ingress.serviceType,
                      serviceAnnotations: ingress.internal ? internalLoadBalancerAnnotations(ingress.privateIp, gatewaySubnet) : undefined,
                  },
              }
            : false,
        knative: {
            progressDeadline: platform.knativeProgressDeadline,
            registriesSkippingTagResolving: platform.registriesSkippingTagResolving,
            sidecarInjection: platform.sidecarInjection,
            features: {
                ...knativeFeatureFlagsForModels(args.models.models, platform.deploymentMode),
                ...knativeFeatureFlagsForGraphs(args.models.graphs ?? [], platform.deploymentMode),
                ...Object.fromEntries(platform.knativeExtraFeatures.map((f) => [f, "enabled" as const])),
            },
            // Knative exports no metrics unless told which protocol to use.
            config: args.monitoring ? { observability: { ...knativePrometheusExport } } : undefined,
        },
        kserve: { runtimes: platform.installRuntimes, protectCrds: platform.protectCrds, values: { resources: localModelKServeValues(args) } },
        // LLM serving when asked for or when an LLM is declared; LeaderWorkerSet and KEDA when a model needs them.
        ...(platform.llmServing || llm.llm ? { llm: { enabled: true } } : {}),
        ...(llm.leaderWorkerSet ? { leaderWorkerSet: true } : {}),
        ...(modelsNeedKeda(args.models.models) || llm.keda ? { keda: true } : {}),
    };
}
