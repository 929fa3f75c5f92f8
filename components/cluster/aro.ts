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

/**
 * Inputs ARO refuses to change after creation. Azure/ARO-RP `pkg/api/v20231122/openshiftcluster.go`
 * (the API version azure-native 3.28.0 sends) tags only `tags`, `servicePrincipalProfile.clientId`,
 * `clientSecret` and `managedOutboundIps` `mutable:"true"`; `validateDelta`
 * (`openshiftcluster_validatestatic.go`) answers any other change with `PropertyChangeNotAllowed`.
 * Pulumi sends the recorded value of these instead, so a config change can never fail the update;
 * workers scale through MachineSets and upgrades go through OpenShift (docs/operations.md).
 */
export const aroImmutableInputs = ["clusterProfile", "networkProfile", "masterProfile", "workerProfiles", "apiserverProfile", "ingressProfiles"] as const;

/** The ARO settings that can only be made inside OpenShift, or by a new cluster, once it exists. */
export interface AroDay2Settings {
    version: string;
    workerVmSize: string;
    workerCount: number;
    masterVmSize: string;
    apiVisibility: Visibility;
    ingressVisibility: Visibility;
}

/**
 * What differs between the configured settings and the cluster as last recorded (created or
 * refreshed), each with the way to make the change, since the update leaves these inputs out.
 */
export function aroChangesNotApplied(wanted: AroDay2Settings, recorded: Partial<AroDay2Settings>): string[] {
    const notes: string[] = [];
    const differs = <K extends keyof AroDay2Settings>(k: K) => recorded[k] !== undefined && recorded[k] !== wanted[k];
    if (differs("version")) {
        notes.push(
            `aroVersion ${recorded.version} -> ${wanted.version}: upgrade through OpenShift (oc adm upgrade --to=${wanted.version}), then pulumi refresh; if OpenShift already moved the cluster, set aroVersion to ${recorded.version}`,
        );
    }
    if (differs("workerCount")) {
        notes.push(`aroWorkerCount ${recorded.workerCount} -> ${wanted.workerCount}: scale the worker MachineSets (oc -n openshift-machine-api scale machineset <name> --replicas=N), one per zone`);
    }
    if (differs("workerVmSize")) {
        notes.push(`aroWorkerVmSize ${recorded.workerVmSize} -> ${wanted.workerVmSize}: create a MachineSet with the new vmSize in openshift-machine-api, then scale the old ones to 0`);
    }
    if (differs("masterVmSize")) {
        notes.push(`aroMasterVmSize ${recorded.masterVmSize} -> ${wanted.masterVmSize}: control-plane resizing is an ARO support procedure (a support request), not an API change`);
    }
    for (const k of ["apiVisibility", "ingressVisibility"] as const) {
        if (differs(k)) {
            notes.push(`aro${k[0].toUpperCase()}${k.slice(1)} ${recorded[k]} -> ${wanted[k]}: fixed at creation; only a new cluster changes it`);
        }
    }
    return notes;
}

/** Warns, on every preview and update, about configured ARO changes the update leaves out. */
function warnAroDrift(name: string, cluster: redhatopenshift.OpenShiftCluster, wanted: AroDay2Settings): void {
    pulumi
        .all([cluster.clusterProfile, cluster.workerProfiles, cluster.masterProfile, cluster.apiserverProfile, cluster.ingressProfiles])
        .apply(([clusterProfile, workers, master, api, ingress]) => {
            const recorded: Partial<AroDay2Settings> = {
                version: clusterProfile?.version,
                workerVmSize: workers?.[0]?.vmSize,
                workerCount: workers?.[0]?.count,
                masterVmSize: master?.vmSize,
                apiVisibility: api?.visibility as Visibility | undefined,
                ingressVisibility: ingress?.[0]?.visibility as Visibility | undefined,
            };
            const notes = aroChangesNotApplied(wanted, recorded);
            if (notes.length) {
                void pulumi.log.warn(`ARO cluster "${name}": not applied, ARO refuses these changes after creation (PropertyChangeNotAllowed):\n  ${notes.join("\n  ")}`, cluster);
            }
        });
}

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
            // ARO takes no change to these after creation (PropertyChangeNotAllowed, see aroImmutableInputs);
            // a changed value is not sent, and warnAroDrift says how to make it in OpenShift.
            { parent: this, dependsOn: networkRoles, ignoreChanges: [...aroImmutableInputs] },
        );
        warnAroDrift(name, this.cluster, {
            version: args.version,
            workerVmSize: args.workers?.vmSize ?? d.workerVmSize,
            workerCount: args.workers?.count ?? d.workerCount,
            masterVmSize: args.masterVmSize ?? d.masterVmSize,
            apiVisibility: args.apiVisibility ?? "Private",
            ingressVisibility: args.ingressVisibility ?? "Private",
        });
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
