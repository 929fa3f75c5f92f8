import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as authorization from "@pulumi/azure-native/authorization";
import * as redhatopenshift from "@pulumi/azure-native/redhatopenshift";
import { assignRole } from "../azure/roles";
import { defaults } from "../defaults";
import type { ChartResource } from "../common/helm";
import type { KubernetesCluster } from "./types";

/** Reachability of the API server or the default ingress. */
export type Visibility = "Private" | "Public";

/** Arguments of {@link AroCluster}. */
export interface AroClusterArgs {
    /** Resource group of the cluster resource. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** The VNet; both service principals get Network Contributor on it, as ARO requires. */
    vnetId: pulumi.Input<string>;
    /** Subnet of the control plane (private link service policies off). */
    masterSubnetId: pulumi.Input<string>;
    /** Subnet of the workers. */
    workerSubnetId: pulumi.Input<string>;
    /** Cluster domain: a prefix (→ `<domain>.<region>.aroapp.io`) or a custom domain you delegate. */
    domain: string;
    /** OpenShift version x.y.z, one `az aro get-versions --location <region>` lists today; no default, since Azure withdraws z-streams. The config checks it against components/versions.ts. */
    version: string;
    /** Red Hat pull secret (JSON), secret. */
    pullSecret: pulumi.Input<string>;
    /** The cluster's service principal. */
    servicePrincipal: { clientId: string; clientSecret: pulumi.Input<string>; objectId: string };
    /** Object id of the "Azure Red Hat OpenShift RP" service principal in the tenant. */
    resourceProviderObjectId: string;
    /** API server visibility. Defaults to `Private`. */
    apiVisibility?: Visibility;
    /** Default ingress (router) visibility. Defaults to `Private`. */
    ingressVisibility?: Visibility;
    /** Control-plane VM size. */
    masterVmSize?: string;
    /** Worker VM size, count and disk. */
    workers?: { vmSize?: string; count?: number; diskSizeGb?: number };
    /** Pod and service ranges. */
    addresses?: { podCidr?: string; serviceCidr?: string };
    /** Seconds to wait for the Network Contributor roles to apply before creating the cluster. Defaults to 300; 0 does not wait. */
    roleAssignmentWaitSeconds?: number;
}

/**
 * Azure Red Hat OpenShift: the cluster in its master and worker subnets, the network roles it
 * needs, and a Kubernetes provider from its admin kubeconfig. The platform then runs on it with
 * the OpenShift adaptations (Istio for the `openshift` platform with CNI, SCCs for model namespaces).
 */
export class AroCluster extends pulumi.ComponentResource implements KubernetesCluster {
    readonly provider: k8s.Provider;
    readonly chartResource: ChartResource = "Release";
    /** Admin kubeconfig, secret. */
    readonly kubeconfig: pulumi.Output<string>;
    readonly cluster: redhatopenshift.OpenShiftCluster;
    /** API server URL. */
    readonly apiServerUrl: pulumi.Output<string>;
    /** Web console URL. */
    readonly consoleUrl: pulumi.Output<string>;
    /** Name of the cluster. */
    readonly clusterName: pulumi.Output<string>;

    constructor(name: string, args: AroClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:cluster:AroCluster", name, {}, opts);
        const d = defaults.aro;
        const networkRoles = [
            ["cluster", args.servicePrincipal.objectId],
            ["resource-provider", args.resourceProviderObjectId],
        ].map(
            ([who, principalId]) =>
                // ARO checks both principals' rights on the VNet when it creates the cluster: wait until they apply.
                assignRole(
                    `${name}-${who}-network-contributor`,
                    { principalId, principalType: "ServicePrincipal", role: "networkContributor", scope: args.vnetId, waitSeconds: args.roleAssignmentWaitSeconds },
                    this,
                ).ready,
        );
        const subscriptionId = authorization.getClientConfigOutput({ parent: this }).subscriptionId;

        this.cluster = new redhatopenshift.OpenShiftCluster(
            name,
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: name,
                location: args.location,
                clusterProfile: {
                    domain: args.domain,
                    version: args.version,
                    pullSecret: pulumi.secret(args.pullSecret),
                    // ARO creates and owns this group; it must not exist beforehand.
                    resourceGroupId: pulumi.interpolate`/subscriptions/${subscriptionId}/resourceGroups/aro-${name}`,
                    fipsValidatedModules: "Disabled",
                },
                servicePrincipalProfile: { clientId: args.servicePrincipal.clientId, clientSecret: pulumi.secret(args.servicePrincipal.clientSecret) },
                networkProfile: { podCidr: args.addresses?.podCidr ?? d.podCidr, serviceCidr: args.addresses?.serviceCidr ?? d.serviceCidr },
                masterProfile: { vmSize: args.masterVmSize ?? d.masterVmSize, subnetId: args.masterSubnetId, encryptionAtHost: "Disabled" },
                workerProfiles: [
                    {
                        name: "worker",
                        vmSize: args.workers?.vmSize ?? d.workerVmSize,
                        count: args.workers?.count ?? d.workerCount,
                        diskSizeGB: args.workers?.diskSizeGb ?? d.workerDiskSizeGb,
                        subnetId: args.workerSubnetId,
                    },
                ],
                apiserverProfile: { visibility: args.apiVisibility ?? "Private" },
                ingressProfiles: [{ name: "default", visibility: args.ingressVisibility ?? "Private" }],
            },
            { parent: this, dependsOn: networkRoles },
        );
        this.clusterName = this.cluster.name;
        this.apiServerUrl = this.cluster.apiserverProfile.apply((a) => a?.url ?? "");
        this.consoleUrl = this.cluster.consoleProfile.apply((c) => c?.url ?? "");

        const credentials = redhatopenshift.listOpenShiftClusterAdminCredentialsOutput({ resourceGroupName: args.resourceGroupName, resourceName: this.cluster.name }, { parent: this });
        this.kubeconfig = pulumi.secret(credentials.apply((c) => Buffer.from(c.kubeconfig ?? "", "base64").toString("utf8")));
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, clusterIdentifier: this.cluster.id, enableServerSideApply: true },
            { parent: this },
        );
        this.registerOutputs({ apiServerUrl: this.apiServerUrl, consoleUrl: this.consoleUrl, kubeconfig: this.kubeconfig });
    }
}
