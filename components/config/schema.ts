/**
 * Every stack config key the program reads: its type, description, default and allowed values.
 * `Pulumi.yaml`'s `config:` block is this table (a test keeps the two equal), and the README's
 * config reference is written from it. Defaults come from `components/defaults.ts`.
 */
import { defaults } from "../defaults";

/** Types Pulumi's project config schema knows. */
export type ConfigType = "string" | "boolean" | "integer" | "array";

/** Declaration of one config key. */
export interface ConfigKey {
    /** Pulumi schema type; `object` keys (a list of models) are validated here only, see `inSchema`. */
    readonly type: ConfigType;
    /** Item type of arrays. */
    readonly items?: "string" | "object";
    /** What the key does. */
    readonly description: string;
    /** Value used when the stack does not set the key. */
    readonly default?: string | number | boolean | readonly string[];
    /** Allowed values of string keys. */
    readonly allowed?: readonly string[];
    /** Whether Pulumi.yaml can declare it: Pulumi's schema has no object type, so lists of objects cannot. */
    readonly inSchema?: false;
}

export const projectName = "kserve-platform";

/** The config keys, by name (without the `kserve-platform:` prefix). */
export const configKeys = {
    clusterFlavor: {
        type: "string",
        description: "Where the platform runs: `existing` (a cluster reached through a kubeconfig, or render mode) or `aks` (an AKS cluster the stack creates; needs azure-native:location).",
        default: "existing",
        allowed: ["existing", "aks"],
    },
    kubeconfig: {
        type: "string",
        description: "Kubeconfig for an `existing` cluster: a file path or the file's content (set it with --secret). Unset: $KUBECONFIG or ~/.kube/config.",
    },
    kubeContext: {
        type: "string",
        description: "Kubeconfig context for an `existing` cluster. Unset: the current context.",
    },
    renderYamlToDirectory: {
        type: "string",
        description: "Write every manifest into this directory instead of applying it (GitOps, or no cluster). Charts are then rendered with helm v4 Chart.",
    },
    domain: {
        type: "string",
        description: "Ingress domain of model URLs (<model>-<namespace>.<domain>), shared by Knative and KServe.",
        default: defaults.domain,
    },
    urlScheme: {
        type: "string",
        description: "Scheme of model URLs in status.url and the endpoints output.",
        default: defaults.urlScheme,
        allowed: ["http", "https"],
    },
    modelNamespace: {
        type: "string",
        description: "Namespace of models that do not name one.",
        default: defaults.modelNamespace,
    },
    deploymentMode: {
        type: "string",
        description: "Default KServe deployment mode of models (a model's serving.kserve.io/deploymentMode annotation overrides it).",
        default: defaults.deploymentMode,
        allowed: ["Knative", "Standard"],
    },
    installCertManager: {
        type: "boolean",
        description: "Install cert-manager; false when the cluster already runs it.",
        default: true,
    },
    installIstio: {
        type: "boolean",
        description: "Install Istio; false when the cluster already runs it with a gateway labelled istio: ingressgateway.",
        default: true,
    },
    installRuntimes: {
        type: "boolean",
        description: "Install KServe's default ClusterServingRuntimes (and check that each model can use one).",
        default: defaults.installRuntimes,
    },
    protectCrds: {
        type: "boolean",
        description: "Protect the kserve-crd release against deletion (it is always retained on destroy).",
        default: false,
    },
    meshMtlsMode: {
        type: "string",
        description: "Mesh-wide Istio mutual TLS mode.",
        default: defaults.meshMtlsMode,
        allowed: ["PERMISSIVE", "STRICT", "DISABLE"],
    },
    ingressServiceType: {
        type: "string",
        description: "Service type of the Istio ingress gateway (NodePort for kind/minikube without a load balancer).",
        default: "LoadBalancer",
        allowed: ["LoadBalancer", "NodePort", "ClusterIP"],
    },
    knativeProgressDeadline: {
        type: "string",
        description: "Knative's progress-deadline: how long a model may take to become ready before its revision fails (e.g. 1200s, 30m).",
        default: defaults.knativeProgressDeadline,
    },
    registriesSkippingTagResolving: {
        type: "array",
        items: "string",
        description: "Registries whose image tags Knative does not resolve to digests (private or air-gapped registries).",
        default: defaults.registriesSkippingTagResolving,
    },
    knativeExtraFeatures: {
        type: "array",
        items: "string",
        description: "Knative config-features flags to enable beyond those derived from the models.",
        default: [],
    },
    modelReadyTimeoutSeconds: {
        type: "integer",
        description: "How long pulumi up waits for each InferenceService to become Ready.",
        default: defaults.modelReadyTimeoutSeconds,
    },
    helmTimeoutSeconds: {
        type: "integer",
        description: "How long each Helm release may take to install or upgrade.",
        default: defaults.helmTimeoutSeconds,
    },
    storageUriPrefixes: {
        type: "array",
        items: "string",
        description: "storageUri prefixes served by your ClusterStorageContainers, accepted beyond KServe's built-in schemes.",
        default: [],
    },
    gpuNodeTaint: {
        type: "string",
        description: "Taint of the cluster's GPU nodes (key=value:Effect); models requesting GPUs must tolerate it. Empty: no check.",
        default: `${defaults.gpu.taint.key}=${defaults.gpu.taint.value}:${defaults.gpu.taint.effect}`,
    },
    azureResourceGroup: {
        type: "string",
        description: "Azure: an existing resource group to deploy into. Unset: the stack creates rg-kserve-<stack>.",
    },
    azureVnetCidr: {
        type: "string",
        description: "Azure: address space of the virtual network.",
        default: defaults.azureNetwork.vnetCidr,
    },
    aksNodeSubnetCidr: {
        type: "string",
        description: "AKS: subnet of the nodes (and of the gateway's internal load balancer), inside azureVnetCidr.",
        default: defaults.azureNetwork.nodeSubnetCidr,
    },
    aksPodCidr: {
        type: "string",
        description: "AKS: pod addresses (Azure CNI overlay; outside the VNet).",
        default: defaults.azureNetwork.podCidr,
    },
    aksServiceCidr: {
        type: "string",
        description: "AKS: service addresses (outside the VNet and the pod range).",
        default: defaults.azureNetwork.serviceCidr,
    },
    aksDnsServiceIp: {
        type: "string",
        description: "AKS: cluster DNS address, inside aksServiceCidr.",
        default: defaults.azureNetwork.dnsServiceIp,
    },
    aksKubernetesVersion: {
        type: "string",
        description: "AKS: Kubernetes version (major.minor[.patch]); at least 1.33, Knative 1.21's floor.",
        default: defaults.aks.kubernetesVersion,
    },
    aksTier: {
        type: "string",
        description: "AKS: control plane tier (Standard carries the uptime SLA).",
        default: defaults.aks.tier,
        allowed: ["Free", "Standard", "Premium"],
    },
    aksSystemVmSize: {
        type: "string",
        description: "AKS: VM size of the system pool (tainted CriticalAddonsOnly).",
        default: defaults.aks.systemVmSize,
    },
    aksSystemNodeCount: {
        type: "integer",
        description: "AKS: nodes in the system pool.",
        default: defaults.aks.systemNodeCount,
    },
    aksUserVmSize: {
        type: "string",
        description: "AKS: VM size of the user pool, which runs the platform and CPU models.",
        default: defaults.aks.userVmSize,
    },
    aksUserMinCount: {
        type: "integer",
        description: "AKS: fewest nodes of the autoscaling user pool (at least 1: the platform runs there).",
        default: defaults.aks.userMinCount,
    },
    aksUserMaxCount: {
        type: "integer",
        description: "AKS: most nodes of the autoscaling user pool.",
        default: defaults.aks.userMaxCount,
    },
    aksGpuVmSize: {
        type: "string",
        description: "AKS: VM size of the GPU pool (e.g. Standard_NC24ads_A100_v4). Unset: no GPU pool, and models may not request GPUs.",
    },
    aksGpuMinCount: {
        type: "integer",
        description: "AKS: fewest nodes of the GPU pool (0 lets it scale to nothing when no GPU model runs).",
        default: defaults.aks.gpuMinCount,
    },
    aksGpuMaxCount: {
        type: "integer",
        description: "AKS: most nodes of the GPU pool (mind the subscription's GPU quota).",
        default: defaults.aks.gpuMaxCount,
    },
    aksGpuDriver: {
        type: "string",
        description: "AKS: Install lets AKS install the NVIDIA driver on GPU nodes; None leaves it to the NVIDIA GPU operator.",
        default: defaults.aks.gpuDriver,
        allowed: ["Install", "None"],
    },
    aksUpgradeChannel: {
        type: "string",
        description: "AKS: automatic Kubernetes upgrade channel.",
        default: defaults.aks.upgradeChannel,
        allowed: ["none", "patch", "stable", "rapid", "node-image"],
    },
    aksNodeOsUpgradeChannel: {
        type: "string",
        description: "AKS: node OS upgrade channel.",
        default: defaults.aks.nodeOsUpgradeChannel,
        allowed: ["None", "Unmanaged", "NodeImage", "SecurityPatch"],
    },
    aksAdminGroupObjectIds: {
        type: "array",
        items: "string",
        description: "AKS: Entra ID group object ids that administer the cluster (Entra integration with Azure RBAC).",
        default: [],
    },
    aksDisableLocalAccounts: {
        type: "boolean",
        description: "AKS: turn off local accounts; Pulumi then needs kubelogin and an Azure login, and aksAdminGroupObjectIds must be set.",
        default: false,
    },
    modelStoreAccountName: {
        type: "string",
        description: "Azure: storage account for models (3-24 lower-case letters and digits, globally unique). Unset: no model store.",
    },
    modelStoreContainer: {
        type: "string",
        description: "Azure: blob container of the models.",
        default: defaults.modelStore.containerName,
    },
    modelStoreServiceAccount: {
        type: "string",
        description: "Azure: ServiceAccount that models on the store run as (it carries the store's workload identity).",
        default: defaults.modelStore.serviceAccountName,
    },
    modelStoreSku: {
        type: "string",
        description: "Azure: redundancy of the model storage account.",
        default: defaults.modelStore.sku,
        allowed: ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS"],
    },
    modelStoreProtect: {
        type: "boolean",
        description: "Azure: protect the model storage account from deletion (unprotect it to tear the environment down).",
        default: true,
    },
    models: {
        type: "array",
        items: "object",
        description: "The models: a list of {name, namespace, labels, annotations, spec}, spec being a KServe v1beta1 InferenceServiceSpec.",
        default: [],
        inSchema: false,
    },
} as const satisfies Record<string, ConfigKey>;

/** Name of a config key. */
export type ConfigKeyName = keyof typeof configKeys;

/** The `config:` block of Pulumi.yaml that the table above stands for. */
export function pulumiYamlConfig(): Record<string, Record<string, unknown>> {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [name, key] of Object.entries(configKeys) as [string, ConfigKey][]) {
        if (key.inSchema === false) {
            continue;
        }
        block[name] = {
            type: key.type,
            ...(key.items ? { items: { type: key.items } } : {}),
            description: key.allowed ? `${key.description} One of: ${key.allowed.join(", ")}.` : key.description,
            ...(key.default !== undefined ? { default: key.default } : {}),
        };
    }
    return block;
}
