/**
 * Every stack config key the program reads: its type, description, default and allowed values.
 * `Pulumi.yaml`'s `config:` block is this table (a test keeps the two equal), and the README's
 * config reference is written from it. Defaults come from `components/defaults.ts`.
 */
import { defaults } from "../defaults";
import { kubeloginModes } from "../cluster/kubeconfig";
import { versions } from "../versions";
import { gpuConfigKeys } from "./gpuKeys";

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
    /**
     * Value used when the stack does not set the key. Every key has one: the Pulumi CLI treats a
     * declared key without a default as required. `""` means unset.
     */
    readonly default: string | number | boolean | readonly string[];
    /** Allowed values of string keys. */
    readonly allowed?: readonly string[];
    /**
     * Set it with `pulumi config set --secret`. Not declared `secret` in Pulumi.yaml: the CLI would
     * then require it of every stack (a secret key can have no plain default), ARO's or not.
     */
    readonly sensitive?: boolean;
    /** Whether Pulumi.yaml can declare it: Pulumi's schema has no object type, so lists of objects cannot. */
    readonly inSchema?: false;
}

export const projectName = "kserve-platform";

/** The config keys, by name (without the `kserve-platform:` prefix). */
export const configKeys = {
    clusterFlavor: {
        type: "string",
        description:
            "Where the platform runs: `existing` (a cluster reached through a kubeconfig, or render mode), `aks` (an AKS cluster the stack creates) or `aro` (Azure Red Hat OpenShift); the Azure flavours need azure-native:location.",
        default: "existing",
        allowed: ["existing", "aks", "aro"],
    },
    environment: {
        type: "string",
        description: "What the stack is for. `prod` requires the production baseline: private API server, internal gateway, STRICT mTLS, model network policies, minReplicas >= 1, protected CRDs; on AKS also zones, no local accounts, Defender, Azure Policy, a private model store; and model authentication (modelAuth) unless waived.",
        default: "dev",
        allowed: ["local", "dev", "prod"],
    },
    kubeconfig: {
        type: "string",
        description: "Kubeconfig for an `existing` cluster: a file path or the file's content (set it with --secret). Unset: $KUBECONFIG or ~/.kube/config.",
        default: "",
    },
    kubeContext: {
        type: "string",
        description: "Kubeconfig context for an `existing` cluster. Unset: the current context.",
        default: "",
    },
    renderYamlToDirectory: {
        type: "string",
        description: "Write every manifest into this directory instead of applying it (GitOps, or no cluster). Charts are then rendered with helm v4 Chart.",
        default: "",
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
        description: "Mesh-wide Istio mutual TLS mode. STRICT also puts model namespaces and knative-serving in the mesh (sidecar injection).",
        default: defaults.meshMtlsMode,
        allowed: ["PERMISSIVE", "STRICT", "DISABLE"],
    },
    ingressServiceType: {
        type: "string",
        description: "Service type of the Istio ingress gateway (NodePort for kind/minikube without a load balancer).",
        default: "LoadBalancer",
        allowed: ["LoadBalancer", "NodePort", "ClusterIP"],
    },
    ingressInternal: {
        type: "boolean",
        description: "Put the Istio ingress gateway on an internal Azure load balancer (private clusters; the Application Gateway is the public door).",
        default: false,
    },
    ingressPrivateIp: {
        type: "string",
        description: "Fixed private address of the internal gateway load balancer, inside the node subnet (AKS) or worker subnet (ARO).",
        default: "",
    },
    modelNetworkPolicies: {
        type: "boolean",
        description: "NetworkPolicies in model namespaces: ingress only from the gateways, Knative, the mesh and the namespace itself.",
        default: false,
    },
    requireMinReplicas: {
        type: "boolean",
        description: "Models keep minReplicas >= 1 unless annotated kserve-platform.io/allow-scale-to-zero: \"true\" (production).",
        default: false,
    },
    knativeProgressDeadline: {
        type: "string",
        description: "Knative's progress-deadline: how long a model may take to become ready before its revision fails (e.g. 1200s, 30m).",
        default: defaults.knativeProgressDeadline,
    },
    registriesSkippingTagResolving: {
        type: "array",
        items: "string",
        description: "Registries whose image tags Knative does not resolve to digests (private or air-gapped registries). Setting it replaces the list: keep the defaults you still need.",
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
        description:
            "existing/aro: taint of the cluster's GPU nodes (key=value:Effect, e.g. nvidia.com/gpu=present:NoSchedule); models requesting GPUs must tolerate it. Empty: no taint assumed, as KServe's GPU samples assume. AKS uses its GPU pool's taint and adds the toleration.",
        default: "",
    },
    azureResourceGroup: {
        type: "string",
        description: "Azure: an existing resource group to deploy into. Unset: the stack creates rg-kserve-<stack>.",
        default: "",
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
    aksPrivateCluster: {
        type: "boolean",
        description: "AKS: private API server, reachable only from the VNet (pipelines need a runner inside it; docs/private-clusters.md).",
        default: false,
    },
    aksOutboundType: {
        type: "string",
        description: "AKS: egress path; userAssignedNATGateway creates a NAT gateway with a fixed public address.",
        default: defaults.aks.outboundType,
        allowed: ["loadBalancer", "userAssignedNATGateway"],
    },
    aksKubernetesVersion: {
        type: "string",
        description: `AKS: Kubernetes version (major.minor[.patch]) inside ${versions.minKubernetes}-${versions.maxKubernetes}, the range every pinned component supports, and offered by AKS (versions past community support need aksSupportPlan AKSLongTermSupport).`,
        default: defaults.aks.kubernetesVersion,
    },
    aksTier: {
        type: "string",
        description: "AKS: control plane tier (Standard carries the uptime SLA).",
        default: defaults.aks.tier,
        allowed: ["Free", "Standard", "Premium"],
    },
    aksSupportPlan: {
        type: "string",
        description: "AKS: KubernetesOfficial (community support) or AKSLongTermSupport (a further year of fixes; needs aksTier Premium).",
        default: defaults.aks.supportPlan,
        allowed: ["KubernetesOfficial", "AKSLongTermSupport"],
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
        default: "",
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
    aksMaintenanceWindow: {
        type: "boolean",
        description: "AKS: confine automatic Kubernetes upgrades and node OS updates to a weekly planned maintenance window (aksManagedAutoUpgradeSchedule, aksManagedNodeOSUpgradeSchedule).",
        default: false,
    },
    aksMaintenanceDay: {
        type: "string",
        description: "AKS: day the maintenance window opens.",
        default: defaults.aks.maintenance.day,
        allowed: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    },
    aksMaintenanceStartTime: {
        type: "string",
        description: "AKS: start of the maintenance window, HH:mm in aksMaintenanceUtcOffset.",
        default: defaults.aks.maintenance.startTime,
    },
    aksMaintenanceDurationHours: {
        type: "integer",
        description: "AKS: length of the maintenance window, 4 to 24 hours.",
        default: defaults.aks.maintenance.durationHours,
    },
    aksMaintenanceUtcOffset: {
        type: "string",
        description: "AKS: time zone of the maintenance window, +HH:mm or -HH:mm.",
        default: defaults.aks.maintenance.utcOffset,
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
    aksKubeloginMode: {
        type: "string",
        description:
            "AKS: without local accounts, how kubelogin signs Pulumi in, instead of the interactive device code: `azurecli` (az login, or azure/login in GitHub Actions), `workloadidentity` (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), `msi` (the machine's managed identity) or `spn` (AZURE_CLIENT_ID and AZURE_CLIENT_SECRET).",
        default: defaults.aks.kubeloginMode,
        allowed: kubeloginModes,
    },
    aksDeployerPrincipalType: {
        type: "string",
        description:
            "AKS: without local accounts, the kind of principal running Pulumi, which gets Azure Kubernetes Service RBAC Cluster Admin on the cluster. Unset: `User` with aksKubeloginMode azurecli, `ServicePrincipal` otherwise (CI with azure/login as a service principal and azurecli: set ServicePrincipal).",
        default: "",
        allowed: ["User", "ServicePrincipal"],
    },
    aksDeployerObjectId: {
        type: "string",
        description:
            "AKS: without local accounts, the Entra object id of the principal that gets Azure Kubernetes Service RBAC Cluster Admin (the deploy pipeline's identity). Unset: whoever runs Pulumi, so a preview run by another principal shows the assignment replaced.",
        default: "",
    },
    azureRoleAssignmentWaitSeconds: {
        type: "integer",
        description:
            "Azure: seconds to wait after creating a role assignment before what needs it starts (Azure applies assignments minutes after accepting them); only new assignments wait. 0 does not wait.",
        default: defaults.roleAssignmentWaitSeconds,
    },
    appGateway: {
        type: "boolean",
        description: "Azure: expose models through an Application Gateway (WAF v2) in front of the internal Istio gateway.",
        default: false,
    },
    appGatewaySubnetCidr: {
        type: "string",
        description: "Azure: the Application Gateway's own subnet, inside azureVnetCidr.",
        default: defaults.appGateway.subnetCidr,
    },
    appGatewayCertificateKeyVaultId: {
        type: "string",
        description: "Azure: resource id of the Key Vault (RBAC model) holding the TLS certificate for *.<domain>.",
        default: "",
    },
    appGatewayCertificateName: {
        type: "string",
        description: "Azure: name of that certificate in the Key Vault.",
        default: "",
    },
    appGatewayMinCapacity: {
        type: "integer",
        description: "Azure: fewest Application Gateway instances (autoscaling).",
        default: defaults.appGateway.minCapacity,
    },
    appGatewayMaxCapacity: {
        type: "integer",
        description: "Azure: most Application Gateway instances.",
        default: defaults.appGateway.maxCapacity,
    },
    appGatewayWafMode: {
        type: "string",
        description: "Azure: WAF policy mode.",
        default: "Prevention",
        allowed: ["Prevention", "Detection"],
    },
    appGatewayWafMaxRequestBodyKb: {
        type: "integer",
        description:
            "Azure: largest request body (KB, 8-2000) the WAF lets through; 0 turns the WAF's size limit off so JSON tensors of several MB pass (Application Gateway's own 4 GB limit applies) while the first appGatewayWafRequestBodyInspectKb are still inspected.",
        default: defaults.appGateway.wafMaxRequestBodyKb,
    },
    appGatewayWafRequestBodyInspectKb: {
        type: "integer",
        description: "Azure: how much of each request body (KB, 8-2000) the WAF rules inspect; more inspects deeper and costs latency.",
        default: defaults.appGateway.wafRequestBodyInspectKb,
    },
    appGatewayWafFileUploadLimitMb: {
        type: "integer",
        description: "Azure: largest multipart/form-data file upload (MB, 1-4000) the WAF lets through.",
        default: defaults.appGateway.wafFileUploadLimitMb,
    },
    dnsZoneName: {
        type: "string",
        description: "Azure: public DNS zone containing the domain; the wildcard record *.<domain> → the Application Gateway goes there.",
        default: "",
    },
    dnsZoneResourceGroup: {
        type: "string",
        description: "Azure: resource group of dnsZoneName.",
        default: "",
    },
    aroVersion: {
        type: "string",
        description: `ARO: OpenShift version x.y.z, required, from \`az aro get-versions --location <region>\` (no default: Azure withdraws old z-streams); ${versions.minOpenShift} or later, on Kubernetes ${versions.minKubernetes}-${versions.maxKubernetes}.`,
        default: "",
    },
    aroDomain: {
        type: "string",
        description: "ARO: cluster domain, a prefix (→ <prefix>.<region>.aroapp.io) or a custom domain.",
        default: "",
    },
    aroPullSecret: {
        type: "string",
        description: "ARO: Red Hat pull secret JSON (console.redhat.com).",
        sensitive: true,
        default: "",
    },
    aroClientId: {
        type: "string",
        description: "ARO: application (client) id of the cluster's service principal.",
        default: "",
    },
    aroClientSecret: {
        type: "string",
        description: "ARO: client secret of the cluster's service principal.",
        sensitive: true,
        default: "",
    },
    aroServicePrincipalObjectId: {
        type: "string",
        description: "ARO: object id of the cluster's service principal (it gets Network Contributor on the VNet).",
        default: "",
    },
    aroRpObjectId: {
        type: "string",
        description: "ARO: object id of the \"Azure Red Hat OpenShift RP\" service principal in your tenant (az ad sp list --display-name ...).",
        default: "",
    },
    aroApiVisibility: {
        type: "string",
        description: "ARO: API server visibility.",
        default: "Private",
        allowed: ["Private", "Public"],
    },
    aroIngressVisibility: {
        type: "string",
        description: "ARO: default router visibility.",
        default: "Private",
        allowed: ["Private", "Public"],
    },
    aroMasterVmSize: {
        type: "string",
        description: "ARO: control-plane VM size.",
        default: defaults.aro.masterVmSize,
    },
    aroWorkerVmSize: {
        type: "string",
        description: "ARO: worker VM size.",
        default: defaults.aro.workerVmSize,
    },
    aroWorkerCount: {
        type: "integer",
        description: "ARO: workers (at least 3).",
        default: defaults.aro.workerCount,
    },
    aroMasterSubnetCidr: {
        type: "string",
        description: "ARO: control-plane subnet, inside azureVnetCidr.",
        default: defaults.aro.masterSubnetCidr,
    },
    aroWorkerSubnetCidr: {
        type: "string",
        description: "ARO: worker subnet, inside azureVnetCidr.",
        default: defaults.aro.workerSubnetCidr,
    },
    aroPodCidr: {
        type: "string",
        description: "ARO: pod network.",
        default: defaults.aro.podCidr,
    },
    aroServiceCidr: {
        type: "string",
        description: "ARO: service network.",
        default: defaults.aro.serviceCidr,
    },
    modelStoreAccountName: {
        type: "string",
        description: "Azure: storage account for models (3-24 lower-case letters and digits, globally unique). Unset: no model store.",
        default: "",
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
    monitoring: {
        type: "boolean",
        description:
            "Metrics, alerts and dashboards: on AKS managed Prometheus into an Azure Monitor workspace, Container Insights and diagnostic logs into Log Analytics, Prometheus rule groups; on ARO OpenShift user-workload monitoring; on existing clusters the Prometheus Operator (monitoringPrometheusOperator). Required in prod.",
        default: false,
    },
    monitoringPrometheusOperator: {
        type: "boolean",
        description: "Existing clusters: the cluster runs the Prometheus Operator; create monitoring.coreos.com PodMonitors, ServiceMonitors and PrometheusRules for it.",
        default: false,
    },
    monitoringSelectorLabels: {
        type: "array",
        items: "string",
        description: "Existing clusters: labels (key=value) put on the monitors and rules so the Prometheus Operator selects them (kube-prometheus-stack selects release=<its release name>).",
        default: [],
    },
    monitoringGrafana: {
        type: "boolean",
        description: "AKS: an Azure Managed Grafana linked to the Azure Monitor workspace, with the repository's dashboards imported.",
        default: false,
    },
    monitoringGrafanaAdminObjectIds: {
        type: "array",
        items: "string",
        description: "AKS: Entra ID object ids (users or groups) made Grafana Admin of the Managed Grafana.",
        default: [],
    },
    monitoringActionGroupId: {
        type: "string",
        description: "AKS: resource id of the Azure Monitor action group that alerts notify (mail, paging). Unset: alerts fire in the portal only.",
        default: "",
    },
    monitoringLogRetentionDays: {
        type: "integer",
        description: "Azure: days Log Analytics keeps Container Insights and diagnostic logs (30-730).",
        default: defaults.monitoring.logRetentionDays,
    },
    alert5xxPercent: {
        type: "integer",
        description: "Alert when a model answers more than this percentage of requests with 5xx over 5 minutes (1-100).",
        default: defaults.monitoring.alert5xxPercent,
    },
    alertP99LatencyMs: {
        type: "integer",
        description: "Alert when a model's p99 latency over 5 minutes exceeds this many milliseconds.",
        default: defaults.monitoring.alertP99LatencyMs,
    },
    alertColdStartSeconds: {
        type: "integer",
        description: "Knative mode: alert when a revision scaled from zero waits longer than this many seconds for its first pod.",
        default: defaults.monitoring.alertColdStartSeconds,
    },
    alertModelNotReadyMinutes: {
        type: "integer",
        description: "Alert when a model's pods stay pending, failed or in a crash or image-pull loop for this many minutes.",
        default: defaults.monitoring.alertModelNotReadyMinutes,
    },
    alertControllerDownMinutes: {
        type: "integer",
        description: "Alert when a platform controller (KServe, Knative, istiod) has had no available replica for this many minutes.",
        default: defaults.monitoring.alertControllerDownMinutes,
    },
    azureZones: {
        type: "array",
        items: "string",
        description:
            'Azure: availability zones the AKS pools, the Application Gateway and the public IPs spread over, e.g. ["1", "2", "3"] (quoted); the NAT gateway is zonal and goes in the first. Empty: no zones (regions without zones). A prod stack needs at least two.',
        default: defaults.azureZones,
    },
    aksAuthorizedIpRanges: {
        type: "array",
        items: "string",
        description: "AKS: CIDRs allowed to reach a public API server (apiServerAccessProfile.authorizedIPRanges); include where Pulumi runs. Empty: any address. Not for private clusters.",
        default: [],
    },
    aksDefender: {
        type: "boolean",
        description: "AKS: Microsoft Defender for Containers (securityProfile.defender), reporting to aksDefenderWorkspaceId or to a Log Analytics workspace the stack creates. Required in prod.",
        default: false,
    },
    aksDefenderWorkspaceId: {
        type: "string",
        description: "AKS: resource id of the Log Analytics workspace Defender reports to. Unset: the stack creates one.",
        default: "",
    },
    aksAzurePolicy: {
        type: "boolean",
        description: "AKS: the Azure Policy add-on (addonProfiles.azurepolicy), which audits or enforces policy assignments inside the cluster. Required in prod.",
        default: false,
    },
    privateEndpointSubnetCidr: {
        type: "string",
        description: "Azure: subnet of private endpoints (the model store's), inside azureVnetCidr.",
        default: defaults.azureNetwork.privateEndpointSubnetCidr,
    },
    modelStorePrivateEndpoint: {
        type: "boolean",
        description: "Azure: reach the model store through a private endpoint and the privatelink.blob.core.windows.net private DNS zone linked to the VNet. Required in prod.",
        default: false,
    },
    modelStorePublicNetworkAccess: {
        type: "boolean",
        description: "Azure: let the model store's public endpoint accept traffic (uploads from outside the VNet). Must be false in prod, which needs modelStorePrivateEndpoint.",
        default: true,
    },
    modelAuth: {
        type: "boolean",
        description:
            "Who may call a model: an Istio RequestAuthentication (JWT) and per-model AuthorizationPolicies in model namespaces that require a valid token with an allowed audience. Needs meshMtlsMode STRICT (model pods in the mesh). A prod stack needs it unless modelAuthWaiver is set.",
        default: false,
    },
    modelAuthTenantId: {
        type: "string",
        description: "Entra ID tenant whose tokens models accept: sets the issuer (https://login.microsoftonline.com/<tenant>/v2.0) and keys when modelAuthIssuer is unset.",
        default: "",
    },
    modelAuthIssuer: {
        type: "string",
        description: "Token issuer (iss) models accept, for an identity provider other than Entra ID; needs modelAuthJwksUri.",
        default: "",
    },
    modelAuthJwksUri: {
        type: "string",
        description: "HTTPS URL of the issuer's signing keys (JWKS). Unset with modelAuthTenantId: Entra ID's keys of the tenant.",
        default: "",
    },
    modelAuthAudiences: {
        type: "array",
        items: "string",
        description: "Token audiences (aud) every model accepts unless its namespace (modelAuthNamespaces) or its entry (auth) says otherwise. Entra v2.0 tokens carry the API's client id.",
        default: [],
    },
    modelAuthNamespaces: {
        type: "array",
        items: "object",
        description: "Per-namespace callers: a list of {namespace, audiences, claims}, claims mapping a claim name to the values one of which the token must carry (e.g. roles: [Model.Invoke]).",
        default: [],
        inSchema: false,
    },
    modelAuthWaiver: {
        type: "string",
        description: "Why a prod stack runs without modelAuth (e.g. another gateway authenticates callers); setting it is the explicit waiver.",
        default: "",
    },
    models: {
        type: "array",
        items: "object",
        description: "The models: a list of {name, namespace, labels, annotations, spec}, spec being a KServe v1beta1 InferenceServiceSpec.",
        default: [],
        inSchema: false,
    },
    ...gpuConfigKeys,
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
