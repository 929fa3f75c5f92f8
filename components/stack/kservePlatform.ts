import * as pulumi from "@pulumi/pulumi";
import { AppGatewayIngress, ModelStore, Network } from "../azure";
import { ModelAuthPolicies } from "../auth";
import { modelAuthArgs } from "./auth";
import { AksCluster, AroCluster, ExistingCluster, KubernetesCluster } from "../cluster";
import { ServingPlatform } from "../platform";
import { MonitoringWorkspace, PlatformMonitoring } from "../monitoring";
import { ModelCache } from "../platform/localModel";
import { Models } from "../serving";
import type { KServePlatformArgs } from "./args";
import { appGatewayArgs, modelStoreArgs, networkArgs } from "./azure";
import { aksArgs, aroArgs, existingClusterArgs } from "./cluster";
import { monitoringWorkspaceArgs, platformMonitoringArgs } from "./monitoring";
import { servingPlatformArgs } from "./platform";
import { modelsArgs } from "./serving";
import { modelCacheArgs, withModelCache } from "./gpu";
import { throwIfProblems } from "../common";
import { platformArgsProblems } from "./checks";

export type { KServePlatformArgs } from "./args";

/**
 * A whole model-serving stack from typed args (written by hand, or by `kservePlatformArgs` of
 * `kserve-platform/config` from stack config): the cluster (an existing one, or AKS or ARO
 * in their own network), the serving platform on it, the public ingress of a private cluster, the
 * model store and the models. Its Kubernetes children have fixed names (`cluster`, `platform`,
 * `models`): one per stack. Children made before this component existed are aliased to their old
 * place at the stack's root, so existing stacks keep them.
 */
export class KServePlatform extends pulumi.ComponentResource {
    /** The cluster every Kubernetes resource goes to. */
    readonly cluster: KubernetesCluster;
    /** The stack's network (Azure flavours). */
    readonly net?: Network;
    /** The AKS cluster (flavour `aks`). */
    readonly aks?: AksCluster;
    /** The ARO cluster (flavour `aro`). */
    readonly aro?: AroCluster;
    /** The model store (`modelStoreAccountName` set). */
    readonly store?: ModelStore;
    /** cert-manager, Istio, Knative Serving and KServe. */
    readonly platform: ServingPlatform;
    /** The Application Gateway in front of a private cluster (`appGateway` on). */
    readonly gateway?: AppGatewayIngress;
    /** The models. */
    readonly models: Models;
    /** Log Analytics, Azure Monitor and Managed Grafana workspaces (Azure flavours with `monitoring` on). */
    readonly monitoringWorkspace?: MonitoringWorkspace;
    /** Scrape configuration, alert rules and dashboards (`monitoring` on). */
    readonly monitoring?: PlatformMonitoring;
    /** Who may call a model: JWT authentication and authorization policies (`modelAuth` on). */
    readonly modelAuth?: ModelAuthPolicies;
    /** The node-local model cache (`aksModelCache` on). */
    readonly modelCache?: ModelCache;

    constructor(name: string, args: KServePlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        // What only the whole stack can see is refused before anything is registered.
        throwIfProblems(`KServePlatform "${name}"`, platformArgsProblems(args));
        super("kserve-platform:stack:KServePlatform", name, {}, opts);
        // Children used to sit at the stack's root: the alias keeps them (and, through them, theirs).
        const child: pulumi.ComponentResourceOptions = { parent: this, aliases: [{ parent: pulumi.rootStackResource }] };

        // The cluster: one the stack does not own, or an Azure one it builds in its own network.
        const network = networkArgs(args);
        const net = network && new Network(name, network.args, child);
        // Monitoring data goes to workspaces that exist before the cluster that sends it.
        const workspaceSettings = monitoringWorkspaceArgs(args, net);
        const monitoringWorkspace = workspaceSettings && new MonitoringWorkspace(name, workspaceSettings, child);
        const aksSettings = aksArgs(args, net, monitoringWorkspace);
        const aroSettings = aksSettings ? undefined : aroArgs(args, net);
        const aks = aksSettings && new AksCluster(name, aksSettings, child);
        const aro = aroSettings && new AroCluster(name, aroSettings, child);
        const cluster: KubernetesCluster = aks ?? aro ?? new ExistingCluster("cluster", existingClusterArgs(args.cluster), child);
        const providers = [cluster.provider];

        const storeSettings = modelStoreArgs(args, net, aks);
        const store = storeSettings && new ModelStore(`${name}-models`, storeSettings, child);

        const openshift = aro !== undefined;
        const platform = new ServingPlatform("platform", servingPlatformArgs(args, { cluster, openshift, gatewaySubnet: network?.gatewaySubnet }), { ...child, providers });

        const gatewaySettings = appGatewayArgs(args, net);
        const gateway = gatewaySettings && new AppGatewayIngress(name, gatewaySettings, child);

        // The node-local model cache on the GPU nodes, before the models that use it.
        const cacheSettings = modelCacheArgs(args, cluster, platform, store);
        const modelCache = cacheSettings && new ModelCache("model-cache", cacheSettings, { parent: this, providers });
        const models = new Models("models", withModelCache(modelsArgs(args, platform, store, openshift), modelCache, cacheSettings?.jobNamespace), { ...child, providers });

        // Who may call a model: policies in the model namespaces, after Istio's CRDs and the namespaces.
        const modelAuthSettings = modelAuthArgs(args, models.namespaces, platform.istio ? [platform.istio] : []);
        const modelAuth = modelAuthSettings && new ModelAuthPolicies("model-auth", modelAuthSettings, { ...child, providers });

        const monitoringSettings = platformMonitoringArgs(args, { platform, models, workspace: monitoringWorkspace, net, aks, gateway });
        const monitoring = monitoringSettings && new PlatformMonitoring("monitoring", monitoringSettings, { ...child, providers });

        this.cluster = cluster;
        this.net = net;
        this.aks = aks;
        this.aro = aro;
        this.store = store;
        this.platform = platform;
        this.gateway = gateway;
        this.models = models;
        this.monitoringWorkspace = monitoringWorkspace;
        this.monitoring = monitoring;
        this.modelAuth = modelAuth;
        this.modelCache = modelCache;
        this.registerOutputs({ endpoints: models.endpoints, domain: platform.domain });
    }
}
