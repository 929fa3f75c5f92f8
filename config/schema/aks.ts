// Azure and AKS: the resource group, the address plan, the cluster and its node pools, upgrades and access. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import { kubeloginModes } from "../../components/cluster/kubeconfig";
import { versions } from "../../components/versions";
import type { ConfigKey } from "./key";

/** Azure and AKS: the resource group, the address plan, the cluster and its node pools, upgrades and access. */
export const aksKeys = {
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
    aksNatGatewayZone: {
        type: "string",
        description:
            "AKS: with aksOutboundType userAssignedNATGateway, the availability zone of the NAT gateway. A Standard NAT gateway lives in one zone (nat-gateway.md, and azure-native 3.28.0 offers no zone-redundant SKU), so if that zone fails all egress from every node stops while the pools run on in the other zones. Unset: the first of azureZones.",
        default: "",
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
} as const satisfies Record<string, ConfigKey>;
