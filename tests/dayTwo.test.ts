// Day two: what the next `pulumi up` sends after a config change, once Azure or an operator has
// moved the cluster on. Each expectation names the upstream source it follows.
import { expect } from "chai";
import { aksTestArgs, Harness } from "./harness";
import type * as clusterModule from "../components/cluster";
import { ValidationError } from "../components/common";
import { loadConfig } from "../components/config";

const ARO = "azure-native:redhatopenshift:OpenShiftCluster";

describe("day two: ARO cluster inputs after creation", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    let aro: typeof import("../components/cluster/aro");
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
        aro = await import("../components/cluster/aro");
    });
    beforeEach(() => h.reset());

    const aroArgs: clusterModule.AroClusterArgs = {
        resourceGroupName: "rg",
        location: "westeurope",
        vnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet",
        masterSubnetId: "master",
        workerSubnetId: "workers",
        domain: "kserve-aro",
        version: "4.20.8",
        pullSecret: "{}",
        servicePrincipal: { clientId: "c", clientSecret: "s", objectId: "o" },
        resourceProviderObjectId: "rp",
        roleAssignmentWaitSeconds: 0,
    };

    it("never sends a change ARO refuses: every input but servicePrincipalProfile and tags is ignored on update", async () => {
        new cluster.AroCluster("kserve-aro", aroArgs);
        await h.settle();
        const r = h.get(ARO, "kserve-aro");
        // Azure/ARO-RP pkg/api/v20231122/openshiftcluster.go (azure-native 3.28.0's API version):
        // only tags, servicePrincipalProfile.clientId/clientSecret and managedOutboundIps carry
        // `mutable:"true"`; validateDelta answers every other change with PropertyChangeNotAllowed.
        expect(r.ignoreChanges).to.have.members(["clusterProfile", "networkProfile", "masterProfile", "workerProfiles", "apiserverProfile", "ingressProfiles"]);
        expect(r.ignoreChanges).to.not.include("servicePrincipalProfile");
        // Every other input the program sends is one of those, the resource's identity, or the mutable profile.
        const sent = Object.keys(r.inputs).filter((k) => !["resourceGroupName", "resourceName", "location", "servicePrincipalProfile"].includes(k));
        expect(sent).to.have.members([...aro.aroImmutableInputs]);
    });

    it("says how to make each change the update leaves out: MachineSets, OpenShift upgrades, a new cluster", () => {
        const wanted = { version: "4.20.8", workerVmSize: "Standard_D16s_v5", workerCount: 6, masterVmSize: "Standard_D8s_v5", apiVisibility: "Public", ingressVisibility: "Private" } as const;
        expect(aro.aroChangesNotApplied(wanted, { ...wanted })).to.deep.equal([]);
        // Unknown recorded values (a preview of a new cluster) are no change.
        expect(aro.aroChangesNotApplied(wanted, {})).to.deep.equal([]);
        expect(aro.aroChangesNotApplied(wanted, { version: "4.19.20", workerVmSize: "Standard_D8s_v5", workerCount: 3, masterVmSize: "Standard_D8s_v5", apiVisibility: "Private", ingressVisibility: "Private" })).to.deep.equal([
            "aroVersion 4.19.20 -> 4.20.8: upgrade through OpenShift (oc adm upgrade --to=4.20.8); ARO reports the new version after a pulumi refresh",
            "aroWorkerCount 3 -> 6: scale the worker MachineSets (oc -n openshift-machine-api scale machineset <name> --replicas=N), one per zone",
            "aroWorkerVmSize Standard_D8s_v5 -> Standard_D16s_v5: create a MachineSet with the new vmSize in openshift-machine-api, then scale the old ones to 0",
            "aroApiVisibility Private -> Public: fixed at creation; only a new cluster changes it",
        ]);
    });
});

/** The problems of an AKS stack config, as "subject path: message" lines. */
function aksProblems(values: Record<string, unknown>): string[] {
    const raw = Object.fromEntries(Object.entries({ clusterFlavor: "aks", ...values }).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    try {
        loadConfig({ get: (k) => raw[k] }, (ns, k) => (ns === "azure-native" && k === "location" ? "westeurope" : undefined));
        return [];
    } catch (e) {
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
}

describe("day two: AKS versions under the upgrade channels", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    // azure-aks-docs auto-upgrade-cluster.md: `patch` keeps the cluster on the newest patch of its
    // minor, so a pinned x.y.z re-sent after AKS patched the cluster reads as a downgrade.
    const pinned =
        "kserve-platform:aksKubernetesVersion: 1.35.4 pins a patch, but aksUpgradeChannel patch moves the cluster to newer 1.35 patches and the next update would send 1.35.4 back (a downgrade AKS refuses); set aksKubernetesVersion to 1.35, or aksUpgradeChannel to none to own the patch yourself";
    it("refuses a patch-pinned version under the patch channel, in the config and from code", () => {
        expect(aksProblems({ aksKubernetesVersion: "1.35.4" })).to.deep.equal([pinned]);
        expect(aksProblems({ aksKubernetesVersion: "1.35.4", aksUpgradeChannel: "patch" })).to.deep.equal([pinned]);
        expect(aksProblems({ aksKubernetesVersion: "1.35" })).to.deep.equal([]);
        expect(aksProblems({ aksKubernetesVersion: "1.35.4", aksUpgradeChannel: "none" })).to.deep.equal([]);
        expect(() => new cluster.AksCluster("kserve-prod", aksTestArgs({ kubernetesVersion: "1.35.4", upgradeChannel: "patch" }))).to.throw(
            'AksCluster "kserve-prod" kubernetesVersion: 1.35.4 pins a patch, but aksUpgradeChannel patch',
        );
        expect(h.all("azure-native:containerservice:ManagedCluster")).to.deep.equal([]);
    });

    it("keeps ignoring the version under the channels that move the minor, and sends it under patch", async () => {
        for (const [channel, ignored] of [["stable", true], ["rapid", true], ["patch", false], ["none", false]] as const) {
            h.reset();
            new cluster.AksCluster("kserve-prod", aksTestArgs({ upgradeChannel: channel }));
            await h.settle();
            expect(h.get("azure-native:containerservice:ManagedCluster", "kserve-prod").ignoreChanges.includes("kubernetesVersion"), channel).to.equal(ignored);
        }
    });

    // azure-aks-docs auto-upgrade-node-os-image.md: with the cluster channel node-image, AKS sets the
    // node OS channel to NodeImage itself.
    it("refuses a node OS channel other than NodeImage with the node-image channel", () => {
        for (const os of ["None", "Unmanaged", "SecurityPatch"]) {
            expect(aksProblems({ aksUpgradeChannel: "node-image", aksNodeOsUpgradeChannel: os }), os).to.deep.equal([
                `kserve-platform:aksNodeOsUpgradeChannel: got ${os}; aksUpgradeChannel node-image makes AKS set the node OS channel to NodeImage; set aksNodeOsUpgradeChannel to NodeImage, or (better) aksUpgradeChannel to patch and keep ${os} for node images`,
            ]);
        }
        expect(aksProblems({ aksUpgradeChannel: "node-image", aksNodeOsUpgradeChannel: "NodeImage" })).to.deep.equal([]);
        expect(() => new cluster.AksCluster("kserve-prod", aksTestArgs({ upgradeChannel: "node-image", nodeOsUpgradeChannel: "SecurityPatch" }))).to.throw(
            'AksCluster "kserve-prod" nodeOsUpgradeChannel: got SecurityPatch; aksUpgradeChannel node-image',
        );
    });
});
