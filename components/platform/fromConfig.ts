// How the stack config becomes the serving platform's arguments (used by KServePlatform).
import { internalLoadBalancerAnnotations } from "../azure/loadBalancer";
import type { KubernetesCluster } from "../cluster";
import type { StackConfig } from "../config";
import { knativePrometheusExport } from "../monitoring/platform";
import { knativeFeatureFlagsForModels } from "../serving/features";
import type { ServingPlatformArgs } from "./servingPlatform";
import { localModelKServeValues } from "./localModelFromConfig";

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
export function servingPlatformArgs(config: StackConfig, { cluster, openshift, gatewaySubnet }: PlatformPlacement): ServingPlatformArgs {
    return {
        domain: config.domain,
        urlScheme: config.urlScheme,
        deploymentMode: config.deploymentMode,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: config.helmTimeoutSeconds,
        certManager: config.installCertManager ? {} : false,
        istio: config.installIstio
            ? {
                  mtlsMode: config.meshMtlsMode,
                  platform: openshift ? "openshift" : "kubernetes",
                  gateway: {
                      serviceType: config.ingressServiceType,
                      serviceAnnotations: config.ingressInternal ? internalLoadBalancerAnnotations(config.ingressPrivateIp, gatewaySubnet) : undefined,
                  },
              }
            : false,
        knative: {
            progressDeadline: config.knativeProgressDeadline,
            registriesSkippingTagResolving: config.registriesSkippingTagResolving,
            sidecarInjection: config.sidecarInjection,
            features: {
                ...knativeFeatureFlagsForModels(config.models, config.deploymentMode),
                ...Object.fromEntries(config.knativeExtraFeatures.map((f) => [f, "enabled" as const])),
            },
            // Knative exports no metrics unless told which protocol to use.
            config: config.monitoring ? { observability: { ...knativePrometheusExport } } : undefined,
        },
        kserve: { runtimes: config.installRuntimes, protectCrds: config.protectCrds, values: { resources: localModelKServeValues(config) } },
    };
}
