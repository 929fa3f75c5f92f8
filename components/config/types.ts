/** The typed stack config: what `loadConfig` returns, and where it reads from. */
import type * as pulumi from "@pulumi/pulumi";
import type { NodeOsUpgradeChannel, UpgradeChannel } from "../cluster/aks";
import type { KubeloginMode } from "../cluster/kubeconfig";
import type { Problem } from "../common";
import type { MtlsMode, GatewayServiceType } from "../platform";
import type { DeploymentMode, ModelDeclaration, ModelValidationOptions, Taint } from "../serving";
import type { MonitoringSettings } from "./monitoring";
import type { WafBodySettings } from "./azureLimits";
import type { AzureBaselineSettings } from "./baseline";
import type { ModelAuthSettings } from "./modelAuth";
import type { GpuSettings } from "./gpu";
import type { AksMaintenanceSettings } from "./maintenance";
import type { AksSupportPlan } from "./versions";

/** Azure settings shared by the Azure flavours. */
export interface AzureSettings {
    /** Region, from `azure-native:location`. */
    location: string;
    /** Existing resource group, if any. */
    resourceGroupName?: string;
    vnetCidr: string;
    /** Seconds to wait after creating a role assignment. */
    roleAssignmentWaitSeconds: number;
}

/** AKS settings. */
export interface AksSettings {
    nodeSubnetCidr: string;
    podCidr: string;
    serviceCidr: string;
    dnsServiceIp: string;
    kubernetesVersion: string;
    tier: "Free" | "Standard" | "Premium";
    /** `AKSLongTermSupport` (Premium tier) keeps a minor supported a year past community support. */
    supportPlan: AksSupportPlan;
    /** Planned maintenance windows of the auto-upgrade and node OS schedules; undefined: none. */
    maintenance?: AksMaintenanceSettings;
    systemPool: { vmSize: string; count: number };
    userPool: { vmSize: string; minCount: number; maxCount: number };
    gpuPool?: { vmSize: string; minCount: number; maxCount: number; driver: "Install" | "None" };
    upgradeChannel: UpgradeChannel;
    nodeOsUpgradeChannel: NodeOsUpgradeChannel;
    adminGroupObjectIds: string[];
    disableLocalAccounts: boolean;
    /** kubelogin login mode without local accounts. */
    kubeloginMode: KubeloginMode;
    /** Kind of the principal running Pulumi; undefined: derived from the login mode. */
    deployerPrincipalType?: "User" | "ServicePrincipal";
    /** Object id of the principal that gets cluster admin; unset: whoever runs Pulumi. */
    deployerObjectId?: string;
    privateCluster: boolean;
    outboundType: "loadBalancer" | "userAssignedNATGateway";
}

/** The Application Gateway in front of the internal Istio gateway. */
export interface AppGatewaySettings {
    subnetCidr: string;
    certificate: { keyVaultId: string; secretName: string };
    minCapacity: number;
    maxCapacity: number;
    wafMode: "Prevention" | "Detection";
    dnsZone?: { name: string; resourceGroupName: string };
    /** WAF request body limits. */
    waf: WafBodySettings;
}

/** Azure Red Hat OpenShift settings. */
export interface AroSettings {
    version: string;
    domain: string;
    pullSecret: pulumi.Output<string>;
    clientId: string;
    clientSecret: pulumi.Output<string>;
    servicePrincipalObjectId: string;
    resourceProviderObjectId: string;
    apiVisibility: "Private" | "Public";
    ingressVisibility: "Private" | "Public";
    masterVmSize: string;
    workerVmSize: string;
    workerCount: number;
    masterSubnetCidr: string;
    workerSubnetCidr: string;
    podCidr: string;
    serviceCidr: string;
}

/** The model store, when configured. */
export interface ModelStoreSettings {
    accountName: string;
    containerName: string;
    serviceAccountName: string;
    sku: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS";
    protect: boolean;
    /** Namespaces with models on the store. */
    namespaces: string[];
}

/** The validated stack config, with defaults applied. */
export interface StackConfig {
    clusterFlavor: "existing" | "aks" | "aro";
    environment: "local" | "dev" | "prod";
    kubeconfig?: string;
    kubeContext?: string;
    renderYamlToDirectory?: string;
    domain: string;
    urlScheme: "http" | "https";
    modelNamespace: string;
    deploymentMode: DeploymentMode;
    installCertManager: boolean;
    installIstio: boolean;
    installRuntimes: boolean;
    protectCrds: boolean;
    meshMtlsMode: MtlsMode;
    ingressServiceType: GatewayServiceType;
    ingressInternal: boolean;
    ingressPrivateIp?: string;
    modelNetworkPolicies: boolean;
    requireMinReplicas: boolean;
    /** Model namespaces and knative-serving join the mesh (STRICT mTLS needs it). */
    sidecarInjection: boolean;
    knativeProgressDeadline: string;
    registriesSkippingTagResolving: string[];
    knativeExtraFeatures: string[];
    modelReadyTimeoutSeconds: number;
    helmTimeoutSeconds: number;
    storageUriPrefixes: string[];
    gpuNodeTaint?: Taint;
    /** Azure settings (Azure flavours). */
    azure?: AzureSettings;
    /** AKS settings (flavour `aks`). */
    aks?: AksSettings;
    /** ARO settings (flavour `aro`). */
    aro?: AroSettings;
    /** The Application Gateway, when `appGateway` is on. */
    appGateway?: AppGatewaySettings;
    /** The model store, when `modelStoreAccountName` is set. */
    modelStore?: ModelStoreSettings;
    /** Metrics, alerts and dashboards, when `monitoring` is on. */
    monitoring?: MonitoringSettings;
    /** The models as they will be deployed: GPU models placed on the GPU pool, store models bound to the store. */
    models: ModelDeclaration[];
    /** The options every model was validated with (and InferenceServices re-check with). */
    modelValidation: ModelValidationOptions;
    /** Settings that work, but probably not as meant; logged as warnings. */
    warnings?: Problem[];
    /** Zones and the network and access baseline (Azure flavours). */
    azureBaseline?: AzureBaselineSettings;
    /** Who may call a model, when `modelAuth` is on. */
    modelAuth?: ModelAuthSettings;
    /** Spot GPU pool, GPU scale-down, autoscaler profile and model cache (flavour `aks`). */
    gpu?: GpuSettings;
}

/** Where config values come from: `pulumi.Config` in a program, anything with `get` in tests. */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** A secret value; defaults to `get` wrapped as a secret. */
    getSecret?(key: string): pulumi.Output<string> | undefined;
    /** Names of the keys the stack sets (without the namespace), to find unknown ones; unset skips that check. */
    keys?(): readonly string[];
}

/** Reads keys of other namespaces (provider config such as `azure-native:location`). */
export type ProviderConfigSource = (namespace: string, key: string) => string | undefined;
