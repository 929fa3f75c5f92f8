// Day two: what the next `pulumi up` sends after a config change, once Azure or an operator has
// moved the cluster on. Each expectation names the upstream source it follows.
import { expect } from "chai";
import { Harness } from "./harness";
import type * as clusterModule from "../components/cluster";

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
