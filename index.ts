// The kserve-platform program: read and validate the stack config, wire the components, export
// where each model answers. Everything else lives in components/.
import * as pulumi from "@pulumi/pulumi";
import { ModelStore, Network } from "./components/azure";
import { AksCluster, ExistingCluster, KubernetesCluster } from "./components/cluster";
import { loadConfig } from "./components/config";
import { ServingPlatform } from "./components/platform";
import { knativeFeatureFlagsForModels, Models } from "./components/serving";

const config = loadConfig();
const name = `kserve-${pulumi.getStack()}`;

let cluster: KubernetesCluster;
let aks: AksCluster | undefined;
let store: ModelStore | undefined;
if (config.clusterFlavor === "aks" && config.azure && config.aks) {
    const net = new Network(name, {
        location: config.azure.location,
        resourceGroupName: config.azure.resourceGroupName,
        addressSpace: config.azure.vnetCidr,
        subnets: { nodes: { cidr: config.aks.nodeSubnetCidr } },
    });
    aks = new AksCluster(name, {
        resourceGroupName: net.resourceGroupName,
        location: config.azure.location,
        nodeSubnetId: net.subnetIds.nodes,
        kubernetesVersion: config.aks.kubernetesVersion,
        tier: config.aks.tier,
        systemPool: config.aks.systemPool,
        userPool: config.aks.userPool,
        gpuPool: config.aks.gpuPool,
        addresses: { podCidr: config.aks.podCidr, serviceCidr: config.aks.serviceCidr, dnsServiceIp: config.aks.dnsServiceIp },
        upgradeChannel: config.aks.upgradeChannel,
        nodeOsUpgradeChannel: config.aks.nodeOsUpgradeChannel,
        adminGroupObjectIds: config.aks.adminGroupObjectIds,
        disableLocalAccounts: config.aks.disableLocalAccounts,
    });
    cluster = aks;
    if (config.modelStore) {
        store = new ModelStore(`${name}-models`, {
            resourceGroupName: net.resourceGroupName,
            location: config.azure.location,
            accountName: config.modelStore.accountName,
            containerName: config.modelStore.containerName,
            serviceAccountName: config.modelStore.serviceAccountName,
            sku: config.modelStore.sku,
            protect: config.modelStore.protect,
            oidcIssuerUrl: aks.oidcIssuerUrl,
            namespaces: config.modelStore.namespaces,
        });
    }
} else {
    cluster = new ExistingCluster("cluster", {
        kubeconfig: config.kubeconfig,
        context: config.kubeContext,
        renderYamlToDirectory: config.renderYamlToDirectory,
        gpuTaint: config.gpuNodeTaint,
    });
}
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
        platform: [...platform.modelDependencies, ...(store?.readyForModels ?? [])],
        serviceAccounts: store?.serviceAccounts,
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
/** Kubeconfig of the cluster the stack created (secret). */
export const kubeconfig = aks?.kubeconfig;
/** The AKS cluster: name, resource group and OIDC issuer. */
export const aksCluster = aks && { name: aks.clusterName, resourceGroupName: aks.resourceGroupName, oidcIssuerUrl: aks.oidcIssuerUrl };
/** The model store: the URI prefix of models in it and the identity that reads it. */
export const modelStore = store && { uriPrefix: store.uriPrefix, clientId: store.clientId, serviceAccountName: store.ref.serviceAccountName };
