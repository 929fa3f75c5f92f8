// The arguments of KServePlatform: what a program writes by hand, or what the config layer
// (config/, `kservePlatformArgs`) derives from stack config.
import type { ModelAuthSettings } from "../auth";
import type { AppGatewaySettings, AzureBaselineSettings, AzureSettings, ModelStoreSettings } from "../azure";
import type { AksSettings, AroSettings, ExistingClusterArgs } from "../cluster";
import type { MonitoringSettings } from "../monitoring";
import type { AutoscalerProfileArgs, ScaleDownMode, SpotGpuPoolArgs } from "../cluster/gpuPools";
import type { ModelCacheEntry } from "../platform/localModel";
import type { GatewayServiceType, MtlsMode } from "../platform";
import type { DeploymentMode, InferenceGraphDeclaration, LLMDeclaration, ModelDeclaration, ModelValidationOptions, RuntimeDeclaration } from "../serving";

/** A cluster the stack does not own: the kubeconfig's, or none at all when only rendering manifests. */
export interface ExistingClusterSettings extends ExistingClusterArgs {
    /** Discriminant: an existing cluster. */
    flavor: "existing";
}

/** An AKS cluster the stack builds in a network of its own. */
export interface AksClusterSettings {
    /** Discriminant: AKS. */
    flavor: "aks";
    /** Region, resource group, address space and role-assignment wait. */
    azure: AzureSettings;
    /** The cluster: version, tier, node pools, upgrades, access. */
    aks: AksSettings;
    /** Zones and the network and access baseline; unset: no zones, no baseline add-ons. */
    baseline?: AzureBaselineSettings;
}

/** An Azure Red Hat OpenShift cluster the stack builds in a network of its own. */
export interface AroClusterSettings {
    /** Discriminant: ARO. */
    flavor: "aro";
    /** Region, resource group, address space and role-assignment wait. */
    azure: AzureSettings;
    /** The cluster: version, domain, service principal, visibility, machines. */
    aro: AroSettings;
    /** Zones and the network baseline; unset: none. */
    baseline?: AzureBaselineSettings;
}

/** Where the platform runs, by flavour. */
export type ClusterSettings = ExistingClusterSettings | AksClusterSettings | AroClusterSettings;

/** What the serving platform installs, and how. */
export interface PlatformSettings {
    /** Ingress domain of model URLs (`<model>-<namespace>.<domain>`). */
    domain: string;
    /** Scheme KServe writes into `status.url`. */
    urlScheme: "http" | "https";
    /** How models run unless they say otherwise. */
    deploymentMode: DeploymentMode;
    /** Install cert-manager (KServe's webhook certificates need it). */
    installCertManager: boolean;
    /** Install Istio and its ingress gateway. */
    installIstio: boolean;
    /** Install KServe's default ClusterServingRuntimes. */
    installRuntimes: boolean;
    /**
     * Install what KServe's LLMInferenceService needs (Gateway API and Inference Extension CRDs,
     * istiod's inference routing, the LLM Gateway, the llmisvc controller and presets) even when no
     * LLM is declared; declaring one turns it on by itself. Unset: only when an LLM is declared.
     */
    llmServing?: boolean;
    /** Protect KServe's CRDs (and so every model) from deletion. */
    protectCrds: boolean;
    /** Mesh-wide Istio mutual TLS mode. */
    meshMtlsMode: MtlsMode;
    /** Model namespaces and knative-serving join the mesh (STRICT mTLS needs it). */
    sidecarInjection: boolean;
    /** Knative's `progress-deadline`, e.g. `1200s`. */
    knativeProgressDeadline: string;
    /** Registries Knative does not resolve tags to digests for. */
    registriesSkippingTagResolving: string[];
    /** Knative feature flags turned on beyond those the models need. */
    knativeExtraFeatures: string[];
    /** How long a Helm release may take to install or upgrade. */
    helmTimeoutSeconds: number;
}

/** The Istio ingress gateway, and the Application Gateway in front of a private one. */
export interface IngressSettings {
    /** Service type of the Istio ingress gateway. */
    serviceType: GatewayServiceType;
    /** Put the gateway on an internal Azure load balancer. */
    internal: boolean;
    /** Fixed private address of the internal load balancer (and the Application Gateway's backend). */
    privateIp?: string;
    /** The public Application Gateway in front of the internal gateway (Azure flavours, `privateIp` set). */
    appGateway?: AppGatewaySettings;
}

/** The stack's models and how they are deployed. */
export interface ModelsSettings {
    /** The models, already bound to the store and placed on GPU nodes where that applies. */
    models: ModelDeclaration[];
    /**
     * The LLMs (KServe LLMInferenceServices), placed on GPU nodes where that applies. Declaring one
     * installs LLM serving; a `worker` adds LeaderWorkerSet, KEDA scaling adds KEDA. Unset: none.
     */
    llms?: LLMDeclaration[];
    /** InferenceGraphs over the models: created after the models they call, deleted before them. Unset: none. */
    graphs?: InferenceGraphDeclaration[];
    /** ServingRuntimes and ClusterServingRuntimes the models may name: created before the models. Unset: none. */
    runtimes?: RuntimeDeclaration[];
    /** Namespace of models that name none. */
    defaultNamespace: string;
    /** NetworkPolicies that let only the mesh and Knative reach model pods. */
    networkPolicies: boolean;
    /** How long `pulumi up` waits for a model to become Ready. */
    readyTimeoutSeconds: number;
    /** The options every model is validated with. */
    validation: ModelValidationOptions;
}

/** The node-local model cache. */
export interface ModelCacheSettings {
    /** Host directory of the cache on each GPU node. */
    hostPath: string;
    /** Most space the cache takes on each node. */
    storageLimit: string;
    /** Local NVMe disks of the GPU VM size(s), mounted at `hostPath`; undefined: the OS disk. */
    nvme?: { disks: number };
    /** Namespace of KServe's download jobs. */
    jobNamespace: string;
    /** The caches. */
    caches: ModelCacheEntry[];
}

/** GPU economics (AKS): the spot pool, scale-down, the autoscaler profile and the model cache. */
export interface GpuSettings {
    /** The spot GPU pool; unset: none. */
    spotPool?: SpotGpuPoolArgs;
    /** Scale-down mode of the regular GPU pool; undefined: AKS's default. */
    scaleDownMode?: ScaleDownMode;
    /** The cluster autoscaler profile; unset: AKS's defaults. */
    autoscaler?: AutoscalerProfileArgs;
    /** The node-local model cache on the GPU nodes; unset: none. */
    modelCache?: ModelCacheSettings;
}

/** Arguments of {@link KServePlatform}. */
export interface KServePlatformArgs {
    /** The stack's environment. The config layer holds `prod` to the production baseline; the components do not read it. */
    environment: "local" | "dev" | "prod";
    /** The cluster: an existing one, or AKS or ARO built in the stack's own network. */
    cluster: ClusterSettings;
    /** cert-manager, Istio, Knative Serving and KServe. */
    platform: PlatformSettings;
    /** The ingress gateway and, for a private cluster, its public Application Gateway. */
    ingress: IngressSettings;
    /** The model store (AKS only: it needs the cluster's OIDC issuer). */
    store?: ModelStoreSettings;
    /** The models. */
    models: ModelsSettings;
    /** Metrics, alerts and dashboards; unset: none. */
    monitoring?: MonitoringSettings;
    /** Who may call a model (Istio JWT policies); unset: anyone who reaches it. */
    auth?: ModelAuthSettings;
    /** AKS: spot GPU pool, GPU scale-down, autoscaler profile and the node-local model cache; unset: none. */
    gpu?: GpuSettings;
}
