// The kserve-platform program: read and validate the stack config, wire the components, export
// where each model answers. Everything else lives in components/.
import * as pulumi from "@pulumi/pulumi";
import { AppGatewayIngress, appGatewaySubnetRules, internalLoadBalancerAnnotations, ModelStore, Network, nodeSubnetRules, privateEndpointSubnetRules, SubnetArgs } from "./components/azure";
import { ModelAuthPolicies } from "./components/auth";
import { AksCluster, AroCluster, ExistingCluster, KubernetesCluster } from "./components/cluster";
import { loadConfig } from "./components/config";
import { defaults, fixedNames } from "./components/defaults";
import { ServingPlatform } from "./components/platform";
import { knativeFeatureFlagsForModels, Models } from "./components/serving";

const config = loadConfig();
const name = `kserve-${pulumi.getStack()}`;

// The cluster: one the stack does not own, or an Azure one it builds in its own network.
let cluster: KubernetesCluster;
let net: Network | undefined;
let aks: AksCluster | undefined;
let aro: AroCluster | undefined;
/** Subnet the internal gateway load balancer takes its address from. */
let gatewaySubnet: string | undefined;
if (config.azure && (config.aks || config.aro)) {
    const subnets: Record<string, SubnetArgs> = {};
    if (config.aks) {
        subnets.nodes = {
            cidr: config.aks.nodeSubnetCidr,
            natGateway: config.aks.outboundType === "userAssignedNATGateway",
            // Model downloads from the store then stay on Azure's backbone instead of the NAT gateway.
            serviceEndpoints: config.modelStore ? ["Microsoft.Storage"] : undefined,
            securityRules: nodeSubnetRules(!config.ingressInternal),
        };
        gatewaySubnet = "nodes";
    }
    if (config.aro) {
        // ARO pulls its images through the registry service endpoint; its control plane is a private link service.
        subnets.master = { cidr: config.aro.masterSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"], privateLinkServiceNetworkPolicies: "Disabled" };
        subnets.workers = { cidr: config.aro.workerSubnetCidr, serviceEndpoints: ["Microsoft.ContainerRegistry"] };
        gatewaySubnet = "workers";
    }
    if (config.appGateway) {
        subnets.appgateway = { cidr: config.appGateway.subnetCidr, securityRules: appGatewaySubnetRules() };
    }
    if (config.azureBaseline?.privateEndpointSubnetCidr) {
        subnets.endpoints = { cidr: config.azureBaseline.privateEndpointSubnetCidr, securityRules: privateEndpointSubnetRules() };
    }
    net = new Network(name, {
        location: config.azure.location,
        resourceGroupName: config.azure.resourceGroupName,
        addressSpace: config.azure.vnetCidr,
        subnets,
        natGateway: config.aks?.outboundType === "userAssignedNATGateway",
        zones: config.azureBaseline?.zones,
    });
}
if (net && config.azure && config.aks) {
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
        outboundType: config.aks.outboundType,
        privateCluster: config.aks.privateCluster,
        upgradeChannel: config.aks.upgradeChannel,
        nodeOsUpgradeChannel: config.aks.nodeOsUpgradeChannel,
        adminGroupObjectIds: config.aks.adminGroupObjectIds,
        disableLocalAccounts: config.aks.disableLocalAccounts,
        zones: config.azureBaseline?.zones,
        ...config.azureBaseline?.aks,
    });
    cluster = aks;
} else if (net && config.azure && config.aro) {
    aro = new AroCluster(name, {
        resourceGroupName: net.resourceGroupName,
        location: config.azure.location,
        vnetId: net.vnet.id,
        masterSubnetId: net.subnetIds.master,
        workerSubnetId: net.subnetIds.workers,
        domain: config.aro.domain,
        version: config.aro.version,
        pullSecret: config.aro.pullSecret,
        servicePrincipal: { clientId: config.aro.clientId, clientSecret: config.aro.clientSecret, objectId: config.aro.servicePrincipalObjectId },
        resourceProviderObjectId: config.aro.resourceProviderObjectId,
        apiVisibility: config.aro.apiVisibility,
        ingressVisibility: config.aro.ingressVisibility,
        masterVmSize: config.aro.masterVmSize,
        workers: { vmSize: config.aro.workerVmSize, count: config.aro.workerCount },
        addresses: { podCidr: config.aro.podCidr, serviceCidr: config.aro.serviceCidr },
    });
    cluster = aro;
} else {
    cluster = new ExistingCluster("cluster", {
        kubeconfig: config.kubeconfig,
        context: config.kubeContext,
        renderYamlToDirectory: config.renderYamlToDirectory,
    });
}
const providers = [cluster.provider];

const store =
    net && aks && config.azure && config.modelStore
        ? new ModelStore(`${name}-models`, {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              accountName: config.modelStore.accountName,
              containerName: config.modelStore.containerName,
              serviceAccountName: config.modelStore.serviceAccountName,
              sku: config.modelStore.sku,
              protect: config.modelStore.protect,
              oidcIssuerUrl: aks.oidcIssuerUrl,
              namespaces: config.modelStore.namespaces,
              privateEndpoint: config.azureBaseline?.modelStore?.privateEndpoint ? { subnetId: net.subnetIds.endpoints, vnetId: net.vnet.id } : undefined,
              publicNetworkAccess: config.azureBaseline?.modelStore?.publicNetworkAccess,
          })
        : undefined;

const platform = new ServingPlatform(
    "platform",
    {
        domain: config.domain,
        urlScheme: config.urlScheme,
        deploymentMode: config.deploymentMode,
        chartResource: cluster.chartResource,
        helmTimeoutSeconds: config.helmTimeoutSeconds,
        certManager: config.installCertManager ? {} : false,
        istio: config.installIstio
            ? {
                  mtlsMode: config.meshMtlsMode,
                  platform: aro ? "openshift" : "kubernetes",
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
        },
        kserve: { runtimes: config.installRuntimes, protectCrds: config.protectCrds },
    },
    { providers },
);

const gateway =
    net && config.azure && config.appGateway && config.ingressPrivateIp
        ? new AppGatewayIngress(name, {
              resourceGroupName: net.resourceGroupName,
              location: config.azure.location,
              subnetId: net.subnetIds.appgateway,
              backendIp: config.ingressPrivateIp,
              domain: config.domain,
              certificate: config.appGateway.certificate,
              minCapacity: config.appGateway.minCapacity,
              maxCapacity: config.appGateway.maxCapacity,
              wafMode: config.appGateway.wafMode,
              dnsZone: config.appGateway.dnsZone,
              zones: config.azureBaseline?.zones,
          })
        : undefined;

const models = new Models(
    "models",
    {
        models: config.models,
        defaultNamespace: config.modelNamespace,
        platform: [...platform.modelDependencies, ...(store?.readyForModels ?? [])],
        serviceAccounts: store?.serviceAccounts,
        namespaceLabels: config.sidecarInjection ? { [fixedNames.sidecarInjectionLabel]: "enabled" } : undefined,
        networkPolicy: config.modelNetworkPolicies
            ? { fromNamespaces: [defaults.namespaces.istio, defaults.namespaces.knativeServing], fromNamespaceLabels: { [fixedNames.sidecarInjectionLabel]: "enabled" } }
            : undefined,
        openshift: aro ? { scc: "nonroot-v2" } : undefined,
        deploymentMode: config.deploymentMode,
        readyTimeoutSeconds: config.modelReadyTimeoutSeconds,
        validation: config.modelValidation,
    },
    { providers },
);

// Who may call a model: policies in the model namespaces, after Istio's CRDs and the namespaces.
if (config.modelAuth) {
    new ModelAuthPolicies("model-auth", { ...config.modelAuth, namespaceDependencies: models.namespaces, after: platform.istio ? [platform.istio] : [] }, { providers });
}

/** Where each model answers: `{ url, internalUrl, protocol, predictUrl, ready }` by model name. */
export const endpoints = models.endpoints;
/** The ingress domain of model URLs. */
export const domain = platform.domain;
/** Kubeconfig of the cluster the stack created (secret). */
export const kubeconfig = aks?.kubeconfig ?? aro?.kubeconfig;
/** The AKS cluster: name, resource group and OIDC issuer. */
export const aksCluster = aks && { name: aks.clusterName, resourceGroupName: aks.resourceGroupName, oidcIssuerUrl: aks.oidcIssuerUrl };
/** The ARO cluster: API server and console. */
export const aroCluster = aro && { name: aro.clusterName, apiServerUrl: aro.apiServerUrl, consoleUrl: aro.consoleUrl };
/** The model store: the URI prefix of models in it and the identity that reads it. */
export const modelStore = store && { uriPrefix: store.uriPrefix, clientId: store.clientId, serviceAccountName: store.ref.serviceAccountName };
/** The public door of a private cluster: the Application Gateway's address; point *.<domain> at it. */
export const publicIngress = gateway && { address: gateway.publicIpAddress, hosts: `*.${config.domain}` };
/** Fixed public address of the cluster's egress (NAT gateway), for allow-lists. */
export const egressIp = net?.egressIp;
