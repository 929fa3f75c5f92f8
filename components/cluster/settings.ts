// The cluster settings a stack gives KServePlatform (and the config layer reads from stack config).
import type * as pulumi from "@pulumi/pulumi";
import type { AksSupportPlan } from "../versionChecks";
import type { MaintenanceWindow, NodeOsUpgradeChannel, UpgradeChannel } from "./aks";
import type { KubeloginMode } from "./kubeconfig";

/** AKS settings. */
export interface AksSettings {
    /** Subnet of the nodes, inside the VNet. */
    nodeSubnetCidr: string;
    /** Pod range (Azure CNI overlay), outside the VNet. */
    podCidr: string;
    /** Service range, outside the VNet and the pod range. */
    serviceCidr: string;
    /** Cluster DNS address, inside `serviceCidr`. */
    dnsServiceIp: string;
    /** Kubernetes version (`major.minor` or a patch), checked against the pinned components and AKS support. */
    kubernetesVersion: string;
    /** AKS pricing tier (`Standard` or `Premium` for the uptime SLA). */
    tier: "Free" | "Standard" | "Premium";
    /** `AKSLongTermSupport` (Premium tier) keeps a minor supported a year past community support. */
    supportPlan: AksSupportPlan;
    /** Planned maintenance windows of the auto-upgrade and node OS schedules; undefined: none. */
    maintenance?: MaintenanceWindow;
    /** The tainted system pool. */
    systemPool: { vmSize: string; count: number };
    /** The autoscaling pool models run on. */
    userPool: { vmSize: string; minCount: number; maxCount: number };
    /** The autoscaling GPU pool; unset: none. */
    gpuPool?: { vmSize: string; minCount: number; maxCount: number; driver: "Install" | "None" };
    /** Kubernetes auto-upgrade channel. */
    upgradeChannel: UpgradeChannel;
    /** Node OS upgrade channel. */
    nodeOsUpgradeChannel: NodeOsUpgradeChannel;
    /** Entra ID groups that get cluster admin. */
    adminGroupObjectIds: string[];
    /** Turn off local accounts: every login goes through Entra ID. */
    disableLocalAccounts: boolean;
    /** kubelogin login mode without local accounts. */
    kubeloginMode: KubeloginMode;
    /** Kind of the principal running Pulumi; undefined: derived from the login mode. */
    deployerPrincipalType?: "User" | "ServicePrincipal";
    /** Object id of the principal that gets cluster admin; unset: whoever runs Pulumi. */
    deployerObjectId?: string;
    /** Private API server (reached from inside the VNet). */
    privateCluster: boolean;
    /** Egress: the load balancer, or a NAT gateway with a fixed address. */
    outboundType: "loadBalancer" | "userAssignedNATGateway";
    /** Zone of the NAT gateway (userAssignedNATGateway with zones); unset: the first zone. */
    natGatewayZone?: string;
}

/** Azure Red Hat OpenShift settings. */
export interface AroSettings {
    /** OpenShift version. */
    version: string;
    /** Cluster domain (a label, or a DNS name you own). */
    domain: string;
    /** Red Hat pull secret (secret). */
    pullSecret: pulumi.Output<string>;
    /** Client id of the cluster's service principal. */
    clientId: string;
    /** Client secret of the cluster's service principal (secret). */
    clientSecret: pulumi.Output<string>;
    /** Object id of the cluster's service principal (gets Network Contributor on the VNet). */
    servicePrincipalObjectId: string;
    /** Object id of the Azure Red Hat OpenShift resource provider's principal in the tenant. */
    resourceProviderObjectId: string;
    /** Visibility of the API server. */
    apiVisibility: "Private" | "Public";
    /** Visibility of the default ingress. */
    ingressVisibility: "Private" | "Public";
    /** VM size of the control plane. */
    masterVmSize: string;
    /** VM size of the workers. */
    workerVmSize: string;
    /** Number of workers. */
    workerCount: number;
    /** Subnet of the control plane, inside the VNet. */
    masterSubnetCidr: string;
    /** Subnet of the workers, inside the VNet. */
    workerSubnetCidr: string;
    /** Pod range, outside the VNet. */
    podCidr: string;
    /** Service range, outside the VNet and the pod range. */
    serviceCidr: string;
}
