import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { aksTestArgs, Harness, promiseOf } from "./harness";
import type * as clusterModule from "../components/cluster";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const POOL = "azure-native:containerservice:AgentPool";
const MAINTENANCE = "azure-native:containerservice:MaintenanceConfiguration";

/** Settles an output, rejecting when its computation threw (promiseOf never settles then). */
const settled = <T>(o: pulumi.Output<T>): Promise<T> => (o as unknown as { promise(): Promise<T> }).promise();

describe("cluster: AksCluster upgrades, patches and maintenance", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    const make = (extra: Partial<clusterModule.AksClusterArgs> = {}) => new cluster.AksCluster("kserve-prod", aksTestArgs(extra));

    it("sends the support plan, community support by default", async () => {
        make();
        await h.settle();
        expect(h.get(CLUSTER, "kserve-prod").inputs).to.deep.include({ supportPlan: "KubernetesOfficial", kubernetesVersion: "1.35", sku: { name: "Base", tier: "Free" } });
        h.reset();
        make({ kubernetesVersion: "1.34", tier: "Premium", supportPlan: "AKSLongTermSupport" });
        await h.settle();
        expect(h.get(CLUSTER, "kserve-prod").inputs).to.deep.include({ supportPlan: "AKSLongTermSupport", kubernetesVersion: "1.34", sku: { name: "Base", tier: "Premium" } });
    });

    it("refuses, before creating anything, a version AKS or the platform does not support", () => {
        expect(() => make({ kubernetesVersion: "1.34", supportPlan: "AKSLongTermSupport", tier: "Standard" })).to.throw(
            'AksCluster "kserve-prod" is invalid (1 problem):\n' +
                '  - AksCluster "kserve-prod" supportPlan: AKSLongTermSupport needs aksTier Premium (got Standard); AKS enables Long Term Support only on the Premium tier',
        );
        expect(() => make({ kubernetesVersion: "1.37" })).to.throw(
            'AksCluster "kserve-prod" kubernetesVersion: 1.37 is outside Kubernetes 1.33-1.36, the range every pinned component supports',
        );
        expect(h.all(CLUSTER)).to.deep.equal([]);
    });

    it("runs GPU nodes on Ubuntu, which the node OS channels patch", async () => {
        // AKS use-nvidia-gpu.md (Limitations): Azure Linux GPU node pools get no automatic security
        // patches; auto-upgrade-node-os-image.md: Azure Linux does not support SecurityPatch on GPU VMs.
        make({ nodeOsUpgradeChannel: "SecurityPatch", gpuPool: { vmSize: "Standard_NC24ads_A100_v4", minCount: 0, maxCount: 2 } });
        await h.settle();
        expect(h.get(POOL, "kserve-prod-gpu").inputs.osSKU).to.equal("Ubuntu");
        expect(h.get(POOL, "kserve-prod-user").inputs.osSKU).to.equal("AzureLinux");
        expect(h.get(CLUSTER, "kserve-prod").inputs.agentPoolProfiles[0].osSKU).to.equal("AzureLinux");
        expect(h.get(CLUSTER, "kserve-prod").inputs.autoUpgradeProfile).to.deep.equal({ upgradeChannel: "patch", nodeOSUpgradeChannel: "SecurityPatch" });
    });

    it("creates the auto-upgrade and node OS maintenance windows AKS reads by name", async () => {
        const aks = make({ maintenance: { day: "Sunday", startTime: "01:00", durationHours: 4, utcOffset: "+01:00" } });
        await h.settle();
        const window = { durationHours: 4, startTime: "01:00", utcOffset: "+01:00", schedule: { weekly: { dayOfWeek: "Sunday", intervalWeeks: 1 } } };
        // planned-maintenance.md: aksManagedAutoUpgradeSchedule and aksManagedNodeOSUpgradeSchedule.
        for (const configName of ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]) {
            const m = h.get(MAINTENANCE, `kserve-prod-${configName}`);
            expect(m.inputs).to.deep.equal({ resourceGroupName: "rg", resourceName: "kserve-prod", configName, maintenanceWindow: window });
            expect(m.parent).to.equal(h.get("kserve-platform:cluster:AksCluster", "kserve-prod").urn);
        }
        expect(aks.maintenanceConfigurations).to.have.length(2);
        expect(h.all(MAINTENANCE)).to.have.length(2);
    });

    it("creates no maintenance window unless asked", async () => {
        make();
        await h.settle();
        expect(h.all(MAINTENANCE)).to.deep.equal([]);
    });

    it("keeps ignoring the inline pool list, but confirms the system pool matches the config", async () => {
        const aks = make({ systemPool: { vmSize: "Standard_D4ds_v5", count: 3 } });
        expect(await promiseOf(aks.systemPool)).to.deep.equal({ vmSize: "Standard_D4ds_v5", count: 3 });
        expect(await settled(aks.clusterName)).to.equal("kserve-prod");
        await h.settle();
        expect(h.get(CLUSTER, "kserve-prod").ignoreChanges).to.include("agentPoolProfiles");
    });

    it("fails instead of dropping a system pool change Azure cannot apply through the cluster", async () => {
        // The cluster as Azure reports it: created with two D4 nodes. pulumi-azure-native#2719 / #579:
        // pools cannot be added or resized through the ManagedCluster resource.
        h.compute(({ type }) => (type === CLUSTER ? { agentPoolProfiles: [{ name: "system", mode: "System", vmSize: "Standard_D4ds_v5", count: 2 }] } : undefined));
        const aks = make({ systemPool: { vmSize: "Standard_D8ds_v5", count: 3 } });
        let error: Error | undefined;
        await settled(aks.clusterName).catch((e: Error) => (error = e));
        expect(error?.message).to.equal(
            "The system pool cannot change through the cluster resource; apply it with the Azure CLI first:\n" +
                "  aksSystemVmSize Standard_D4ds_v5 -> Standard_D8ds_v5: AKS cannot resize a pool; add a temporary System pool (az aks nodepool add --name systemtmp --mode System --node-count 2 --node-taints CriticalAddonsOnly=true:NoSchedule), delete system (az aks nodepool delete --name system), add system again (az aks nodepool add --name system --mode System --node-vm-size Standard_D8ds_v5 --node-count 3 --os-sku AzureLinux --node-taints CriticalAddonsOnly=true:NoSchedule, with the stack's --zones and --vnet-subnet-id), delete systemtmp, then pulumi refresh (docs/operations.md 1.8)\n" +
                "  aksSystemNodeCount 2 -> 3: run az aks nodepool scale --name system --node-count 3, then pulumi refresh",
        );
        await h.settle().catch(() => undefined);
    });
});
