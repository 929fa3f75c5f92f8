import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { zoneList } from "../azure/network";
import { assignRole } from "../azure/roles";
import { throwIfProblems } from "../common";
import { checkAksVersion } from "../versionChecks";
import { defaults, fixedNames } from "../defaults";
import { helmInstall, ChartResource } from "../common/helm";
import type { Taint } from "../common/kube";
import { clusterAddonCharts } from "../versions";
import { AutoscalerProfileArgs, autoscalerProfile, ScaleDownMode, scaleDownModeInputs, SpotGpuPoolArgs, spotPool, spotPoolInputs } from "./gpuPools";
import { convertKubeconfig, KubeloginMode } from "./kubeconfig";
import type { KubernetesCluster } from "./types";
import { checkAksUpgrades, type NodeOsUpgradeChannel, type UpgradeChannel } from "./upgrades";

export type { NodeOsUpgradeChannel, UpgradeChannel } from "./upgrades";

/** How nodes reach the internet. */
export type OutboundType = "loadBalancer" | "userAssignedNATGateway" | "userDefinedRouting";

/** Days AKS accepts in a weekly schedule (azure-native `WeekDay`). */
export type WeekDay = "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";

/** A weekly window in which AKS may upgrade the cluster and update node OS images. */
export interface MaintenanceWindow {
    /** Day the window opens. */
    day: WeekDay;
    /** Start, `HH:mm` in `utcOffset`. */
    startTime: string;
    /** Length in hours, 4 to 24. */
    durationHours: number;
    /** Time zone offset, `+HH:mm` or `-HH:mm`. */
    utcOffset: string;
}

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
    /** `Deallocate` keeps removed nodes' OS disks (node image, container images) for faster restarts. Defaults to `Delete`. */
    scaleDownMode?: ScaleDownMode;
    /** Extra node labels (the model cache's agent selects GPU nodes by one). */
    nodeLabels?: Record<string, string>;
}

/** Arguments of {@link AksCluster}. */
export interface AksClusterArgs {
    /** Resource group of the cluster. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** Subnet of the nodes (Azure CNI overlay: pods take addresses from `podCidr`, not from the subnet). */
    nodeSubnetId: pulumi.Input<string>;
    /** Kubernetes version, inside the range of components/versions.ts (the config checks it). Defaults to `defaults.aks.kubernetesVersion`. */
    kubernetesVersion?: string;
    /**
     * `AKSLongTermSupport` keeps a minor supported for a year after community support ends; AKS
     * allows it only on the `Premium` tier. Defaults to `KubernetesOfficial`.
     */
    supportPlan?: "KubernetesOfficial" | "AKSLongTermSupport";
    /**
     * Weekly planned maintenance window for the Kubernetes auto-upgrade and the node OS upgrade
     * schedules. Omitted: AKS applies upgrades whenever they are released.
     */
    maintenance?: MaintenanceWindow;
    /** The system pool, tainted `CriticalAddonsOnly` so workloads stay off it. */
    systemPool?: { vmSize?: string; count?: number };
    /** The user pool, which runs the platform and CPU models. */
    userPool?: Partial<AutoscalingPoolArgs>;
    /** An optional GPU pool, tainted `nvidia.com/gpu=present:NoSchedule`. */
    gpuPool?: GpuPoolArgs;
    /** An optional spot GPU pool (`gpuspot`), tainted like the GPU pool and with AKS's spot taint. */
    spotGpuPool?: SpotGpuPoolArgs;
    /** The cluster autoscaler profile; unset keeps AKS's defaults (see components/cluster/gpuPools.ts). */
    autoscaler?: AutoscalerProfileArgs;
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
    /**
     * Without local accounts: how kubelogin signs in, instead of the interactive device code AKS's
     * kubeconfig asks for. `azurecli` locally, `workloadidentity` in GitHub Actions with OIDC.
     * Defaults to `azurecli`.
     */
    kubeloginMode?: KubeloginMode;
    /**
     * Without local accounts: the kind of principal running Pulumi, which gets AKS RBAC Cluster Admin.
     * Defaults to `User` with `azurecli` and to `ServicePrincipal` with the other login modes.
     */
    deployerPrincipalType?: "User" | "ServicePrincipal";
    /**
     * Without local accounts: the Entra object id of the principal that gets AKS RBAC Cluster Admin.
     * Defaults to whoever runs Pulumi (so a preview by another principal shows it replaced).
     */
    deployerObjectId?: pulumi.Input<string>;
    /** Seconds to wait after each role assignment before using it. Defaults to 300; 0 does not wait. */
    roleAssignmentWaitSeconds?: number;
    /** Availability zones every pool spreads over (`["1", "2", "3"]`). Unset: no zones. */
    zones?: readonly string[];
    /** CIDRs allowed to reach a public API server (`apiServerAccessProfile.authorizedIPRanges`). */
    authorizedIpRanges?: readonly string[];
    /** Microsoft Defender for Containers, reporting to this Log Analytics workspace (unset: one the component creates). */
    defender?: { logAnalyticsWorkspaceId?: pulumi.Input<string> };
    /** The Azure Policy add-on (`addonProfiles.azurepolicy`). */
    azurePolicy?: boolean;
    /** Managed Prometheus and Container Insights; the workspaces come from components/monitoring. */
    monitoring?: AksMonitoringArgs;
}

/** What AKS itself runs for monitoring. */
export interface AksMonitoringArgs {
    /** `azureMonitorProfile.metrics`: the managed Prometheus agent (ama-metrics) and its kube-state-metrics. */
    prometheus: boolean;
    /** kube-state-metrics `metricLabelsAllowlist`, e.g. `pods=[serving.kserve.io/inferenceservice]`. */
    kubeStateMetricsLabels?: string;
    /** Log Analytics workspace of Container Insights (the `omsagent` add-on with Entra auth). */
    containerInsightsWorkspaceId?: pulumi.Input<string>;
}

const systemPoolName = "system";

/** The cluster's add-ons: Azure Policy and Container Insights (`omsagent`); undefined when neither is on. */
function addonProfiles(args: AksClusterArgs): Record<string, azureInputs.containerservice.ManagedClusterAddonProfileArgs> | undefined {
    const addons: Record<string, azureInputs.containerservice.ManagedClusterAddonProfileArgs> = {};
    if (args.azurePolicy) {
        addons.azurepolicy = { enabled: true, config: { version: "v2" } };
    }
    if (args.monitoring?.containerInsightsWorkspaceId) {
        addons.omsagent = { enabled: true, config: { logAnalyticsWorkspaceResourceID: args.monitoring.containerInsightsWorkspaceId, useAADAuth: "true" } };
    }
    return Object.keys(addons).length ? addons : undefined;
}

/**
 * Fails the deployment when the configured system pool differs from the cluster's, instead of
 * silently ignoring the change: Azure cannot apply it through the cluster resource. The recorded
 * profile is what Azure returned at the last create or refresh. The inline pool list stays ignored
 * after creation, so every later cluster update sends the recorded list back: it must only name pools
 * that exist, or AKS answers "A new agent pool was introduced" (pulumi-azure-native#2719). The pool
 * therefore keeps its name `system` through a resize (systemPoolResize), and `pulumi refresh` writes
 * the new size into the recorded list (azure-native's Read applies what changed in Azure to the inputs).
 */
export function systemPoolDrift(
    recorded: readonly { name?: string; mode?: string; vmSize?: string; count?: number }[] | undefined,
    wanted: { vmSize: string; count: number },
): string[] {
    const actual = recorded?.find((p) => p.name === systemPoolName);
    if (!recorded || recorded.length === 0) {
        return [];
    }
    if (!actual) {
        const others = recorded.filter((p) => p.mode === "System").map((p) => p.name);
        return [
            `the cluster has no pool named ${systemPoolName} (System pools: ${others.join(", ") || "none"}), but the cluster resource's recorded pool list names it, so the next cluster update would fail ("A new agent pool was introduced"): ${systemPoolResize(wanted, others[0] ?? "<pool>")}`,
        ];
    }
    const changes: string[] = [];
    if (actual.vmSize !== undefined && actual.vmSize !== wanted.vmSize) {
        changes.push(`aksSystemVmSize ${actual.vmSize} -> ${wanted.vmSize}: AKS cannot resize a pool; ${systemPoolResize(wanted, systemPoolName)}`);
    }
    if (actual.count !== undefined && actual.count !== wanted.count) {
        changes.push(`aksSystemNodeCount ${actual.count} -> ${wanted.count}: run az aks nodepool scale --name ${systemPoolName} --node-count ${wanted.count}, then pulumi refresh`);
    }
    return changes;
}

/** The Azure CLI steps that replace the system pool and leave one named `system` again (use-system-pools.md, resize-node-pool.md). */
function systemPoolResize(wanted: { vmSize: string; count: number }, current: string): string {
    return (
        `add a temporary System pool (az aks nodepool add --name systemtmp --mode System --node-count 2 --node-taints CriticalAddonsOnly=true:NoSchedule), delete ${current} (az aks nodepool delete --name ${current}), ` +
        `add ${systemPoolName} again (az aks nodepool add --name ${systemPoolName} --mode System --node-vm-size ${wanted.vmSize} --node-count ${wanted.count} --os-sku AzureLinux --node-taints CriticalAddonsOnly=true:NoSchedule, with the stack's --zones and --vnet-subnet-id), ` +
        `delete systemtmp, then pulumi refresh (docs/operations.md 1.8)`
    );
}

/** Throws {@link systemPoolDrift}'s findings; otherwise passes the wanted pool through. */
function refuseSystemPoolDrift(cluster: containerservice.ManagedCluster, wanted: { vmSize: string; count: number }): pulumi.Output<{ vmSize: string; count: number }> {
    return cluster.agentPoolProfiles.apply((profiles) => {
        const changes = systemPoolDrift(profiles, wanted);
        if (changes.length) {
            throw new Error(`The system pool cannot change through the cluster resource; apply it with the Azure CLI first:\n  ${changes.join("\n  ")}`);
        }
        return wanted;
    });
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
    /** The spot GPU pool, when asked for. */
    readonly spotGpuPool?: containerservice.AgentPool;
    /** The system pool, once checked against the cluster's (the deployment fails when they differ). */
    readonly systemPool: pulumi.Output<{ vmSize: string; count: number }>;
    /** Planned maintenance configurations (auto-upgrade, node OS), when a window is set. */
    readonly maintenanceConfigurations: containerservice.MaintenanceConfiguration[] = [];
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
        // The stack config runs the same check; this covers the component used from code.
        const versionProblems = [
            ...checkAksVersion(args.kubernetesVersion ?? d.kubernetesVersion, args.tier ?? d.tier, args.supportPlan ?? d.supportPlan),
            ...checkAksUpgrades(args.kubernetesVersion ?? d.kubernetesVersion, args.upgradeChannel ?? d.upgradeChannel, args.nodeOsUpgradeChannel ?? d.nodeOsUpgradeChannel),
        ];
        const argName: Record<string, string> = { aksSupportPlan: "supportPlan", aksKubernetesVersion: "kubernetesVersion", aksNodeOsUpgradeChannel: "nodeOsUpgradeChannel" };
        throwIfProblems(
            `AksCluster "${name}"`,
            versionProblems.map((p) => ({ subject: `AksCluster "${name}"`, path: argName[p.key], message: p.message })),
        );
        const resourceGroupName = pulumi.output(args.resourceGroupName);
        const gpuTaint = defaults.gpu.taint;

        // The control plane's own identity, with network rights on the node subnet before the
        // cluster exists: AKS needs them at creation with a NAT gateway (userAssignedNATGateway) and
        // later for the internal load balancer of the Istio gateway.
        this.identity = new managedidentity.UserAssignedIdentity(`${name}-control-plane`, { resourceGroupName, location: args.location, resourceName: `id-aks-${name}` }, { parent: this });
        const networkRights = assignRole(
            `${name}-subnet-network-contributor`,
            { principalId: this.identity.principalId, principalType: "ServicePrincipal", role: "networkContributor", scope: args.nodeSubnetId, waitSeconds: args.roleAssignmentWaitSeconds },
            this,
        );
        const upgradeChannel = args.upgradeChannel ?? d.upgradeChannel;
        const systemPool = { vmSize: args.systemPool?.vmSize ?? d.systemVmSize, count: args.systemPool?.count ?? d.systemNodeCount };
        const availabilityZones = zoneList(args.zones);
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
                supportPlan: args.supportPlan ?? d.supportPlan,
                agentPoolProfiles: [
                    {
                        name: systemPoolName,
                        mode: "System",
                        vmSize: systemPool.vmSize,
                        count: systemPool.count,
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
                autoUpgradeProfile: { upgradeChannel, nodeOSUpgradeChannel: args.nodeOsUpgradeChannel ?? d.nodeOsUpgradeChannel },
                aadProfile: args.adminGroupObjectIds?.length ? { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds } : undefined,
                disableLocalAccounts: args.disableLocalAccounts ?? false,
                azureMonitorProfile: args.monitoring?.prometheus
                    ? { metrics: { enabled: true, kubeStateMetrics: { metricLabelsAllowlist: args.monitoring.kubeStateMetricsLabels ?? "", metricAnnotationsAllowList: "" } } }
                    : undefined,
                addonProfiles: addonProfiles(args),
                autoScalerProfile: args.autoscaler ? autoscalerProfile(args.autoscaler) : undefined,
            },
            {
                parent: this,
                dependsOn: [networkRights.ready],
                // Pools beyond the system pool are AgentPool resources, and Azure refuses pool changes
                // through the cluster (no new pools, no new VM size): the inline list is ignored after
                // creation, and refuseSystemPoolDrift below stops a changed config instead of dropping it.
                // Channels that move the minor version own kubernetesVersion afterwards: sending the
                // configured one again would read as a downgrade.
                ignoreChanges: ["agentPoolProfiles", ...(upgradeChannel === "stable" || upgradeChannel === "rapid" ? ["kubernetesVersion"] : [])],
            },
        );
        this.systemPool = refuseSystemPoolDrift(this.cluster, systemPool);
        // Through the name, the check is part of the component's outputs and fails the deployment.
        this.clusterName = pulumi.all([this.cluster.name, this.systemPool]).apply(([n]) => n);
        this.resourceGroupName = resourceGroupName;
        this.oidcIssuerUrl = this.cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");

        if (args.maintenance) {
            const w = args.maintenance;
            const window = { durationHours: w.durationHours, startTime: w.startTime, utcOffset: w.utcOffset, schedule: { weekly: { dayOfWeek: w.day, intervalWeeks: 1 } } };
            // AKS reads these two names as the windows of the auto-upgrade and node OS channels (planned-maintenance.md).
            for (const configName of ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]) {
                this.maintenanceConfigurations.push(
                    new containerservice.MaintenanceConfiguration(`${name}-${configName}`, { resourceGroupName, resourceName: this.cluster.name, configName, maintenanceWindow: window }, { parent: this }),
                );
            }
        }

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
                    // Azure Linux GPU nodes get no automatic security patches (use-nvidia-gpu.md; the
                    // SecurityPatch channel skips them, auto-upgrade-node-os-image.md): Ubuntu does.
                    osSKU: d.gpuOsSku,
                    nodeTaints: [`${gpuTaint.key}=${gpuTaint.value}:${gpuTaint.effect}`],
                    nodeLabels: { ...args.gpuPool.nodeLabels, ...this.gpuNodeSelector },
                    gpuProfile: { driver: args.gpuPool.driver ?? d.gpuDriver },
                    ...scaleDownModeInputs(args.gpuPool.scaleDownMode),
                },
                args.gpuPool,
                args.gpuPool,
            );
        }
        if (args.spotGpuPool) {
            const spot = args.spotGpuPool;
            const e = defaults.gpuEconomics;
            this.gpuTaint = { ...gpuTaint };
            this.gpuNodeSelector = { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value };
            this.spotGpuPool = pool(
                spotPool.name,
                {
                    osSKU: d.gpuOsSku,
                    gpuProfile: { driver: spot.driver ?? args.gpuPool?.driver ?? d.gpuDriver },
                    ...spotPoolInputs(spot, { taint: gpuTaint, nodeLabels: { ...spot.nodeLabels, ...this.gpuNodeSelector } }),
                },
                { vmSize: spot.vmSize, minCount: spot.minCount ?? e.spotMinCount, maxCount: spot.maxCount ?? e.spotMaxCount },
                { vmSize: spot.vmSize, minCount: e.spotMinCount, maxCount: e.spotMaxCount },
            );
        }

        const credentials = args.disableLocalAccounts
            ? containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: this.cluster.name, format: "exec" }, { parent: this })
            : containerservice.listManagedClusterAdminCredentialsOutput({ resourceGroupName, resourceName: this.cluster.name }, { parent: this });
        const kubeloginMode = args.kubeloginMode ?? d.kubeloginMode;
        this.kubeconfig = pulumi.secret(
            credentials.kubeconfigs.apply((k) => {
                const text = Buffer.from(k[0].value, "base64").toString("utf8");
                // The exec kubeconfig logs in with a device code, which needs a person: switch to a mode that does not.
                return args.disableLocalAccounts ? convertKubeconfig(text, kubeloginMode) : text;
            }),
        );
        // Without local accounts the deployer reaches the cluster through Azure RBAC: it needs a
        // role that can install the platform (CRDs, cluster roles, webhooks), applied before the
        // first Kubernetes resource.
        const deployerAccess = args.disableLocalAccounts
            ? assignRole(
                  `${name}-deployer-cluster-admin`,
                  {
                      principalId: args.deployerObjectId ?? authorization.getClientConfigOutput({ parent: this }).objectId,
                      principalType: args.deployerPrincipalType ?? (kubeloginMode === "azurecli" ? "User" : "ServicePrincipal"),
                      role: "aksRbacClusterAdmin",
                      scope: this.cluster.id,
                      waitSeconds: args.roleAssignmentWaitSeconds,
                  },
                  this,
              )
            : undefined;

        this.provider = new k8s.Provider(
            `${name}-k8s`,
            {
                kubeconfig: this.kubeconfig,
                // Rotated credentials change the kubeconfig; only a new cluster should replace the provider.
                clusterIdentifier: this.cluster.id,
                enableServerSideApply: true,
            },
            // The system pool is tainted: nothing of the platform can run before the user pool exists.
            { parent: this, dependsOn: [this.userPool, ...(this.gpuPool ? [this.gpuPool] : []), ...(this.spotGpuPool ? [this.spotGpuPool] : []), ...(deployerAccess ? [deployerAccess.ready] : [])] },
        );

        if (this.gpuPool || this.spotGpuPool) {
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
                            // The spot GPU nodes need the device plugin too.
                            ...(this.spotGpuPool ? [{ key: spotPool.taint.key, operator: "Exists", effect: spotPool.taint.effect }] : []),
                        ],
                    },
                },
                { parent: this, provider: this.provider },
            );
        }
        this.registerOutputs({ clusterName: this.clusterName, oidcIssuerUrl: this.oidcIssuerUrl, kubeconfig: this.kubeconfig });
    }
}
