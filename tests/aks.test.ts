import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { azure, Harness, isSecretInput, promiseOf, reveal, aksTestArgs, testNodeSubnetId } from "./harness";
import type * as clusterModule from "../components/cluster";
import type * as azureModule from "../components/azure";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const POOL = "azure-native:containerservice:AgentPool";
const ROLE = "azure-native:authorization:RoleAssignment";
const PROVIDER = "pulumi:providers:kubernetes";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const SUBNET = "azure-native:network:Subnet";

describe("azure: Network", () => {
    const h = new Harness();
    let az: typeof azureModule;
    before(async () => {
        await h.setup();
        az = await import("../components/azure");
    });
    beforeEach(() => h.reset());

    it("creates a resource group, the VNet and its subnets one after another", async () => {
        const net = new az.Network("kserve-dev", {
            location: "westeurope",
            addressSpace: "10.40.0.0/16",
            subnets: { nodes: { cidr: "10.40.0.0/20" }, gateway: { cidr: "10.40.16.0/24", delegation: "Microsoft.Network/applicationGateways" } },
        });
        await promiseOf(net.subnetIds.gateway);
        await h.settle();
        expect(h.get("azure-native:resources:ResourceGroup", "kserve-dev").inputs).to.deep.include({ resourceGroupName: "rg-kserve-dev", location: "westeurope" });
        const vnet = h.get("azure-native:network:VirtualNetwork", "kserve-dev");
        expect(vnet.inputs).to.deep.include({ resourceGroupName: "rg-kserve-dev", virtualNetworkName: "vnet-kserve-dev", addressSpace: { addressPrefixes: ["10.40.0.0/16"] } });
        const nodes = h.get(SUBNET, "kserve-dev-nodes");
        const gateway = h.get(SUBNET, "kserve-dev-gateway");
        expect(nodes.inputs).to.deep.include({ subnetName: "nodes", addressPrefix: "10.40.0.0/20", virtualNetworkName: "vnet-kserve-dev" });
        expect(gateway.inputs.delegations).to.deep.equal([{ name: "applicationGateways", serviceName: "Microsoft.Network/applicationGateways" }]);
        // Azure refuses concurrent subnet changes on one VNet.
        expect(gateway.dependencies).to.include(nodes.urn);
    });

    it("uses an existing resource group when given one", async () => {
        new az.Network("n", { location: "westeurope", resourceGroupName: "rg-platform", addressSpace: "10.40.0.0/16", subnets: { nodes: { cidr: "10.40.0.0/20" } } });
        await h.settle();
        expect(h.all("azure-native:resources:ResourceGroup")).to.deep.equal([]);
        expect(h.get("azure-native:network:VirtualNetwork", "n").inputs.resourceGroupName).to.equal("rg-platform");
    });
});

describe("cluster: AksCluster", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;

    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    const subnetId = testNodeSubnetId;
    const make = (extra: Partial<clusterModule.AksClusterArgs> = {}) => new cluster.AksCluster("kserve-dev", aksTestArgs(extra));

    it("creates the managed cluster with overlay networking, OIDC issuer, workload identity and a tainted system pool", async () => {
        const aks = make({ kubernetesVersion: "1.35.2", upgradeChannel: "stable", nodeOsUpgradeChannel: "SecurityPatch", tier: "Standard" });
        await promiseOf(aks.oidcIssuerUrl);
        await h.settle();
        const c = h.get(CLUSTER, "kserve-dev").inputs;
        expect(c).to.deep.include({ resourceGroupName: "rg", resourceName: "kserve-dev", location: "westeurope", kubernetesVersion: "1.35.2", dnsPrefix: "kserve-dev", disableLocalAccounts: false });
        expect(c.identity).to.deep.equal({
            type: "UserAssigned",
            userAssignedIdentities: [`/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-kserve-dev`],
        });
        expect(c.sku).to.deep.equal({ name: "Base", tier: "Standard" });
        expect(c.oidcIssuerProfile).to.deep.equal({ enabled: true });
        expect(c.securityProfile).to.deep.equal({ workloadIdentity: { enabled: true } });
        expect(c.autoUpgradeProfile).to.deep.equal({ upgradeChannel: "stable", nodeOSUpgradeChannel: "SecurityPatch" });
        expect(c.networkProfile).to.deep.include({ networkPlugin: "azure", networkPluginMode: "overlay", podCidr: "10.244.0.0/16", serviceCidr: "10.0.0.0/16", dnsServiceIP: "10.0.0.10", outboundType: "loadBalancer" });
        expect(c.agentPoolProfiles).to.have.length(1);
        expect(c.agentPoolProfiles[0]).to.deep.include({ name: "system", mode: "System", vmSize: "Standard_D4ds_v5", count: 2, vnetSubnetID: subnetId, nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"] });
        expect(c.apiServerAccessProfile).to.equal(undefined);
        expect(c.aadProfile).to.equal(undefined);
        expect(await promiseOf(aks.oidcIssuerUrl)).to.equal(azure.oidcIssuer("kserve-dev"));
    });

    it("adds an autoscaling user pool as its own resource", async () => {
        make({ userPool: { vmSize: "Standard_D8ds_v5", minCount: 2, maxCount: 6 } });
        await h.settle();
        const pool = h.get(POOL, "kserve-dev-user");
        expect(pool.inputs).to.deep.include({ resourceGroupName: "rg", resourceName: "kserve-dev", agentPoolName: "user", mode: "User", vmSize: "Standard_D8ds_v5", enableAutoScaling: true, minCount: 2, maxCount: 6, count: 2, vnetSubnetID: subnetId });
        expect(pool.inputs.nodeTaints).to.equal(undefined);
        expect(h.all(POOL)).to.have.length(1);
        expect(h.all(RELEASE)).to.deep.equal([]);
    });

    it("adds a tainted, labelled GPU pool and NVIDIA's device plugin tolerating the taint", async () => {
        const aks = make({ gpuPool: { vmSize: "Standard_NC24ads_A100_v4", minCount: 0, maxCount: 2 } });
        await h.settle();
        const gpu = h.get(POOL, "kserve-dev-gpu");
        expect(gpu.inputs).to.deep.include({ agentPoolName: "gpu", vmSize: "Standard_NC24ads_A100_v4", minCount: 0, maxCount: 2, enableAutoScaling: true, mode: "User" });
        expect(gpu.inputs.nodeTaints).to.deep.equal(["nvidia.com/gpu=present:NoSchedule"]);
        expect(gpu.inputs.nodeLabels).to.deep.equal({ "nvidia.com/gpu.present": "true" });
        expect(gpu.inputs.gpuProfile).to.deep.equal({ driver: "Install" });
        expect(aks.gpuTaint).to.deep.equal({ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" });
        expect(aks.gpuNodeSelector).to.deep.equal({ "nvidia.com/gpu.present": "true" });
        const plugin = h.get(RELEASE, "kserve-dev-nvidia-device-plugin");
        expect(plugin.inputs).to.deep.include({ name: "nvidia-device-plugin", namespace: "kube-system", chart: "nvidia-device-plugin", version: "0.20.0" });
        expect(plugin.inputs.repositoryOpts).to.deep.equal({ repo: "https://nvidia.github.io/k8s-device-plugin" });
        expect(plugin.inputs.values.tolerations).to.deep.include({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
        const provider = h.get(PROVIDER, "kserve-dev-k8s");
        expect(plugin.provider.startsWith(provider.urn)).to.equal(true);
    });

    it("builds the Kubernetes provider from the cluster's admin credentials, with clusterIdentifier, after the pools", async () => {
        const aks = make({ gpuPool: { vmSize: "Standard_NC6s_v3", minCount: 0, maxCount: 1 } });
        await promiseOf(aks.kubeconfig);
        await h.settle();
        const call = h.calls.find((c) => c.token === "azure-native:containerservice:listManagedClusterAdminCredentials");
        expect(call?.inputs).to.deep.equal({ resourceGroupName: "rg", resourceName: "kserve-dev" });
        const provider = h.get(PROVIDER, "kserve-dev-k8s");
        expect(isSecretInput(provider.inputs.kubeconfig)).to.equal(true);
        expect(reveal(provider.inputs.kubeconfig)).to.equal(azure.kubeconfig("kserve-dev"));
        expect(provider.inputs.clusterIdentifier).to.equal(`/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/kserve-dev`);
        expect(provider.dependencies).to.have.members([h.get(POOL, "kserve-dev-user").urn, h.get(POOL, "kserve-dev-gpu").urn, h.get(CLUSTER, "kserve-dev").urn]);
        expect(await pulumi.isSecret(aks.kubeconfig)).to.equal(true);
        expect(await promiseOf(aks.kubeconfig)).to.equal(azure.kubeconfig("kserve-dev"));
    });

    it("uses Entra exec credentials when local accounts are off", async () => {
        make({ adminGroupObjectIds: ["11111111-2222-3333-4444-555555555555"], disableLocalAccounts: true });
        await h.settle();
        const c = h.get(CLUSTER, "kserve-dev").inputs;
        expect(c.disableLocalAccounts).to.equal(true);
        expect(c.aadProfile).to.deep.equal({ managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ["11111111-2222-3333-4444-555555555555"] });
        expect(h.calls.map((x) => x.token)).to.include("azure-native:containerservice:listManagedClusterUserCredentials");
        expect(h.calls.map((x) => x.token)).not.to.include("azure-native:containerservice:listManagedClusterAdminCredentials");
        expect(h.calls.find((x) => x.token === "azure-native:containerservice:listManagedClusterUserCredentials")!.inputs.format).to.equal("exec");
    });

    it("gives the control plane identity network rights on the node subnet before the cluster exists", async () => {
        make();
        await h.settle();
        const role = h.get(ROLE, "kserve-dev-subnet-network-contributor");
        expect(role.inputs).to.deep.equal({
            principalId: "id-aks-kserve-dev-principal-id",
            principalType: "ServicePrincipal",
            roleDefinitionId: `/subscriptions/${azure.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7`,
            scope: subnetId,
        });
        // A NAT gateway egress and the gateway's internal load balancer both need them, applied:
        // the cluster waits for the assignment to propagate (tests/roles.test.ts).
        const wait = h.get("pulumi-nodejs:dynamic:Resource", "kserve-dev-subnet-network-contributor-propagation");
        expect(wait.dependencies).to.include(role.urn);
        expect(h.get(CLUSTER, "kserve-dev").dependencies).to.include(wait.urn);
    });

    it("leaves the Kubernetes version to channels that upgrade minors", async () => {
        make({ upgradeChannel: "patch" });
        await h.settle();
        expect(h.get(CLUSTER, "kserve-dev").ignoreChanges).to.deep.equal(["agentPoolProfiles"]);
        h.reset();
        make({ upgradeChannel: "stable" });
        await h.settle();
        expect(h.get(CLUSTER, "kserve-dev").ignoreChanges).to.deep.equal(["agentPoolProfiles", "kubernetesVersion"]);
    });

    it("makes the API server private on request", async () => {
        make({ privateCluster: true, outboundType: "userAssignedNATGateway" });
        await h.settle();
        const c = h.get(CLUSTER, "kserve-dev").inputs;
        expect(c.apiServerAccessProfile).to.deep.equal({ enablePrivateCluster: true, privateDNSZone: "system", enablePrivateClusterPublicFQDN: false });
        expect(c.networkProfile.outboundType).to.equal("userAssignedNATGateway");
    });
});
