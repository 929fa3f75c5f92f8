/** The typed stack config: what `loadConfig` returns, and where it reads from. */
import type * as pulumi from "@pulumi/pulumi";
import type { AksSettings, AroSettings } from "../components/cluster";
import type { AppGatewaySettings, AzureBaselineSettings, AzureSettings, ModelStoreSettings } from "../components/azure";
import type { ModelAuthSettings } from "../components/auth";
import type { MonitoringSettings } from "../components/monitoring";
import type { Problem } from "../components/common";
import type { MtlsMode, GatewayServiceType } from "../components/platform";
import type { Taint } from "../components/common";
import type { GpuSettings } from "../components/stack/gpu";
import type { DeploymentMode, InferenceGraphDeclaration, LLMDeclaration, ModelDeclaration, ModelValidationOptions, RuntimeDeclaration } from "../components/serving";

// The settings types live with the components that consume them; the config layer re-exports them.
export type { AksSettings, AroSettings, AppGatewaySettings, AzureSettings, ModelStoreSettings };

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
    /** Install LLM serving even without a declared LLM (`llmServing`). */
    llmServing: boolean;
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
    /** The LLMs (`kind: LLMInferenceService` entries) as they will be deployed: GPU workloads placed on the GPU pool. */
    llms: LLMDeclaration[];
    /** InferenceGraphs (`kind: InferenceGraph` entries of `models`). */
    graphs?: InferenceGraphDeclaration[];
    /** ServingRuntimes and ClusterServingRuntimes (`kind: ServingRuntime | ClusterServingRuntime` entries of `models`). */
    runtimes?: RuntimeDeclaration[];
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
