import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { roleDefinitionId } from "../azure/roles";
import { defaults, fixedNames } from "../defaults";
import { helmInstall, ChartResource } from "../platform";
import type { Taint } from "../serving";
import { clusterAddonCharts } from "../versions";
import type { KubernetesCluster } from "./types";

/** AKS automatic upgrade channels. */
export type UpgradeChannel = "none" | "patch" | "stable" | "rapid" | "node-image";
/** AKS node OS upgrade channels. */
export type NodeOsUpgradeChannel = "None" | "Unmanaged" | "NodeImage" | "SecurityPatch";
/** How nodes reach the internet. */
export type OutboundType = "loadBalancer" | "userAssignedNATGateway" | "userDefinedRouting";

/** An autoscaling node pool. */
export interface AutoscalingPoolArgs {
    /** VM size, e.g. `Standard_D8ds_v5`. */
    vmSize: string;
    /** Fewest nodes. */
    minCount: number;
    /** Most nodes. */
    maxCount: number;
}

/** The GPU node pool. */
export interface GpuPoolArgs extends AutoscalingPoolArgs {
    /** `Install`: AKS installs the NVIDIA driver; `None`: bring the GPU operator. Defaults to `Install`. */
    driver?: "Install" | "None";
}

/** Arguments of {@link AksCluster}. */
export interface AksClusterArgs {
    /** Resource group of the cluster. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** Subnet of the nodes (Azure CNI overlay: pods take addresses from `podCidr`, not from the subnet). */
    nodeSubnetId: pulumi.Input<string>;
    /** Kubernetes version, >= 1.33 (Knative 1.21's floor). Defaults to 1.33. */
    kubernetesVersion?: string;
    /** The system pool, tainted `CriticalAddonsOnly` so workloads stay off it. */
    systemPool?: { vmSize?: string; count?: number };
    /** The user pool, which runs the platform and CPU models. */
    userPool?: Partial<AutoscalingPoolArgs>;
    /** An optional GPU pool, tainted `nvidia.com/gpu=present:NoSchedule`. */
    gpuPool?: GpuPoolArgs;
    /** Pod, service and DNS addresses (overlay). */
    addresses?: { podCidr?: string; serviceCidr?: string; dnsServiceIp?: string };
    /** Egress path. Defaults to `loadBalancer`. */
    outboundType?: OutboundType;
    /** Private API server (reachable only from the VNet and peered networks). */
    privateCluster?: boolean;
    /** Kubernetes upgrade channel. Defaults to `patch`. */
    upgradeChannel?: UpgradeChannel;
    /** Node OS upgrade channel. Defaults to `NodeImage`. */
    nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
    /** Control plane tier. Defaults to `Free`; use `Standard` (SLA) in production. */
    tier?: "Free" | "Standard" | "Premium";
    /** Entra ID groups that administer the cluster (Entra integration with Azure RBAC). */
    adminGroupObjectIds?: string[];
    /**
     * Turn off local accounts; the provider then uses an Entra `exec` kubeconfig, so the machine
     * running Pulumi needs `kubelogin` and an Azure login. Requires `adminGroupObjectIds`.
     */
    disableLocalAccounts?: boolean;
    /** Availability zones every pool spreads over (`["1", "2", "3"]`). Unset: no zones. */
    zones?: readonly string[];
    /** CIDRs allowed to reach a public API server (`apiServerAccessProfile.authorizedIPRanges`). */
    authorizedIpRanges?: readonly string[];
    /** Microsoft Defender for Containers, reporting to this Log Analytics workspace (unset: one the component creates). */
    defender?: { logAnalyticsWorkspaceId?: pulumi.Input<string> };
    /** The Azure Policy add-on (`addonProfiles.azurepolicy`). */
    azurePolicy?: boolean;
}

/**
 * An AKS cluster for model serving: a small system pool tainted `CriticalAddonsOnly`, an
 * autoscaling user pool, an optional GPU pool (with NVIDIA's device plugin), Azure CNI overlay,
 * OIDC issuer and workload identity on, and a Kubernetes provider built from its credentials.
 */
export class AksCluster extends pulumi.ComponentResource implements KubernetesCluster {
    readonly provider: k8s.Provider;
    readonly chartResource: ChartResource = "Release";
    /** Kubeconfig of the cluster, secret. */
    readonly kubeconfig: pulumi.Output<string>;
    readonly gpuTaint?: Taint;
    /** Node selector that lands pods on the GPU pool, when there is one. */
    readonly gpuNodeSelector?: Record<string, string>;
    /** The managed cluster. */
    readonly cluster: containerservice.ManagedCluster;
    /** The control plane's user-assigned identity. */
    readonly identity: managedidentity.UserAssignedIdentity;
    /** The user pool. */
    readonly userPool: containerservice.AgentPool;
    /** The GPU pool, when asked for. */
    readonly gpuPool?: containerservice.AgentPool;
    /** NVIDIA's device plugin, when there is a GPU pool. */
    readonly devicePlugin?: pulumi.Resource;
    /** Name of the cluster. */
    readonly clusterName: pulumi.Output<string>;
    /** Resource group of the cluster. */
    readonly resourceGroupName: pulumi.Output<string>;
    /** OIDC issuer URL, for workload identity federation. */
    readonly oidcIssuerUrl: pulumi.Output<string>;
    /** The Log Analytics workspace created for Defender, when none was given. */
    readonly defenderWorkspace?: operationalinsights.Workspace;

    constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:cluster:AksCluster", name, {}, opts);
        const d = defaults.aks;
        const resourceGroupName = pulumi.output(args.resourceGroupName);
        const gpuTaint = defaults.gpu.taint;

        // The control plane's own identity, with network rights on the node subnet before the
        // cluster exists: AKS needs them at creation with a NAT gateway (userAssignedNATGateway) and
        // later for the internal load balancer of the Istio gateway.
        this.identity = new managedidentity.UserAssignedIdentity(`${name}-control-plane`, { resourceGroupName, location: args.location, resourceName: `id-aks-${name}` }, { parent: this });
        const networkRights = new authorization.RoleAssignment(
            `${name}-subnet-network-contributor`,
            {
                principalId: this.identity.principalId,
                principalType: "ServicePrincipal",
                roleDefinitionId: roleDefinitionId("networkContributor", this),
                scope: args.nodeSubnetId,
            },
            { parent: this },
        );
        const upgradeChannel = args.upgradeChannel ?? d.upgradeChannel;
        const availabilityZones = args.zones?.length ? [...args.zones] : undefined;
        if (args.defender && !args.defender.logAnalyticsWorkspaceId) {
            this.defenderWorkspace = new operationalinsights.Workspace(
                `${name}-defender`,
                { resourceGroupName, location: args.location, workspaceName: `log-${name}-defender`, sku: { name: "PerGB2018" }, retentionInDays: 30 },
                { parent: this },
            );
        }
        const defenderWorkspaceId = args.defender ? (args.defender.logAnalyticsWorkspaceId ?? this.defenderWorkspace?.id) : undefined;

        this.cluster = new containerservice.ManagedCluster(
            name,
            {
                resourceGroupName,
                resourceName: name,
                location: args.location,
                dnsPrefix: name,
                kubernetesVersion: args.kubernetesVersion ?? d.kubernetesVersion,
                identity: { type: "UserAssigned", userAssignedIdentities: [this.identity.id] },
                sku: { name: "Base", tier: args.tier ?? d.tier },
                agentPoolProfiles: [
                    {
                        name: "system",
                        mode: "System",
                        vmSize: args.systemPool?.vmSize ?? d.systemVmSize,
                        count: args.systemPool?.count ?? d.systemNodeCount,
                        osSKU: "AzureLinux",
                        type: "VirtualMachineScaleSets",
                        vnetSubnetID: args.nodeSubnetId,
                        nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
                        availabilityZones,
                    },
                ],
                networkProfile: {
                    networkPlugin: "azure",
                    networkPluginMode: "overlay",
                    networkPolicy: "cilium",
                    networkDataplane: "cilium",
                    podCidr: args.addresses?.podCidr ?? defaults.azureNetwork.podCidr,
                    serviceCidr: args.addresses?.serviceCidr ?? defaults.azureNetwork.serviceCidr,
                    dnsServiceIP: args.addresses?.dnsServiceIp ?? defaults.azureNetwork.dnsServiceIp,
                    loadBalancerSku: "standard",
                    outboundType: args.outboundType ?? d.outboundType,
                },
                oidcIssuerProfile: { enabled: true },
                securityProfile: {
                    workloadIdentity: { enabled: true },
                    defender: defenderWorkspaceId ? { logAnalyticsWorkspaceResourceId: defenderWorkspaceId, securityMonitoring: { enabled: true } } : undefined,
                },
                apiServerAccessProfile: args.privateCluster
                    ? { enablePrivateCluster: true, privateDNSZone: "system", enablePrivateClusterPublicFQDN: false }
                    : args.authorizedIpRanges?.length
                      ? { authorizedIPRanges: [...args.authorizedIpRanges] }
                      : undefined,
                addonProfiles: args.azurePolicy ? { azurepolicy: { enabled: true, config: { version: "v2" } } } : undefined,
                autoUpgradeProfile: { upgradeChannel, nodeOSUpgradeChannel: args.nodeOsUpgradeChannel ?? d.nodeOsUpgradeChannel },
                aadProfile: args.adminGroupObjectIds?.length ? { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds } : undefined,
                disableLocalAccounts: args.disableLocalAccounts ?? false,
            },
            {
                parent: this,
                dependsOn: [networkRights],
                // Pools beyond the system pool are AgentPool resources; the inline list cannot change
                // in place. Channels that move the minor version own kubernetesVersion afterwards:
                // sending the configured one again would read as a downgrade.
                ignoreChanges: ["agentPoolProfiles", ...(upgradeChannel === "stable" || upgradeChannel === "rapid" ? ["kubernetesVersion"] : [])],
            },
        );
        this.clusterName = this.cluster.name;
        this.resourceGroupName = resourceGroupName;
        this.oidcIssuerUrl = this.cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");

        const pool = (poolName: string, extra: Partial<containerservice.AgentPoolArgs>, p: Partial<AutoscalingPoolArgs>, fallback: AutoscalingPoolArgs) =>
            new containerservice.AgentPool(
                `${name}-${poolName}`,
                {
                    resourceGroupName,
                    resourceName: this.cluster.name,
                    agentPoolName: poolName,
                    mode: "User",
                    vmSize: p.vmSize ?? fallback.vmSize,
                    enableAutoScaling: true,
                    minCount: p.minCount ?? fallback.minCount,
                    maxCount: p.maxCount ?? fallback.maxCount,
                    // Required even with autoscaling (azure-native#2943); the autoscaler owns it afterwards.
                    count: p.minCount ?? fallback.minCount,
                    osSKU: "AzureLinux",
                    type: "VirtualMachineScaleSets",
                    vnetSubnetID: args.nodeSubnetId,
                    availabilityZones,
                    ...extra,
                },
                { parent: this, ignoreChanges: ["count"] },
            );
        this.userPool = pool("user", {}, args.userPool ?? {}, { vmSize: d.userVmSize, minCount: d.userMinCount, maxCount: d.userMaxCount });
        if (args.gpuPool) {
            this.gpuTaint = { ...gpuTaint };
            this.gpuNodeSelector = { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value };
            this.gpuPool = pool(
                "gpu",
                {
                    nodeTaints: [`${gpuTaint.key}=${gpuTaint.value}:${gpuTaint.effect}`],
                    nodeLabels: this.gpuNodeSelector,
                    gpuProfile: { driver: args.gpuPool.driver ?? d.gpuDriver },
                },
                args.gpuPool,
                args.gpuPool,
            );
        }

        const credentials = args.disableLocalAccounts
            ? containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: this.cluster.name, format: "exec" }, { parent: this })
            : containerservice.listManagedClusterAdminCredentialsOutput({ resourceGroupName, resourceName: this.cluster.name }, { parent: this });
        this.kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((k) => Buffer.from(k[0].value, "base64").toString("utf8")));

        this.provider = new k8s.Provider(
            `${name}-k8s`,
            {
                kubeconfig: this.kubeconfig,
                // Rotated credentials change the kubeconfig; only a new cluster should replace the provider.
                clusterIdentifier: this.cluster.id,
                enableServerSideApply: true,
            },
            // The system pool is tainted: nothing of the platform can run before the user pool exists.
            { parent: this, dependsOn: [this.userPool, ...(this.gpuPool ? [this.gpuPool] : [])] },
        );

        if (this.gpuPool) {
            this.devicePlugin = helmInstall(
                `${name}-nvidia-device-plugin`,
                {
                    source: clusterAddonCharts.nvidiaDevicePlugin,
                    releaseName: "nvidia-device-plugin",
                    namespace: "kube-system",
                    values: {
                        tolerations: [
                            { key: "CriticalAddonsOnly", operator: "Exists" },
                            { key: gpuTaint.key, operator: "Exists", effect: gpuTaint.effect },
                        ],
                    },
                },
                { parent: this, provider: this.provider },
            );
        }
        this.registerOutputs({ clusterName: this.clusterName, oidcIssuerUrl: this.oidcIssuerUrl, kubeconfig: this.kubeconfig });
    }
}
