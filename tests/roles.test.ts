import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Harness } from "./harness";
import type * as azureModule from "../components/azure";

const ROLE = "azure-native:authorization:RoleAssignment";
const WAIT = "pulumi-nodejs:dynamic:Resource";

// Azure accepts a role assignment at once and applies it minutes later (Azure RBAC troubleshooting:
// up to 10 minutes; AKS "Use Azure RBAC for Kubernetes authorization": up to five minutes). What
// needs the role must start after a wait, and only a new assignment should wait.
describe("azure: role assignments and their propagation", () => {
    const h = new Harness();
    let az: typeof azureModule;
    before(async () => {
        await h.setup();
        az = await import("../components/azure");
    });
    beforeEach(() => h.reset());

    it("waits after the assignment: the wait depends on it and carries its id and the seconds", async () => {
        const parent = new Parent("p");
        const role = az.assignRole("reader", { principalId: "id", principalType: "ServicePrincipal", role: "storageBlobDataReader", scope: "/scope" }, parent);
        await h.settle();
        const assignment = h.get(ROLE, "reader");
        const wait = h.get(WAIT, "reader-propagation");
        expect(wait.parent).to.equal(assignment.parent);
        expect(wait.dependencies).to.include(assignment.urn);
        expect(wait.inputs).to.deep.include({ assignmentId: "reader-id", seconds: 300 });
        expect(role.ready).to.be.instanceOf(az.PropagationWait);
    });

    it("does not wait when told not to", async () => {
        const role = az.assignRole("reader", { principalId: "id", principalType: "ServicePrincipal", role: "storageBlobDataReader", scope: "/scope", waitSeconds: 0 }, new Parent("p"));
        await h.settle();
        expect(h.all(WAIT)).to.deep.equal([]);
        expect(role.ready).to.equal(role.assignment);
    });

    it("sleeps on create only, and again when the assignment is replaced", async () => {
        const provider = az.propagationWaitProvider;
        const started = Date.now();
        const created = await provider.create({ assignmentId: "a1", seconds: 0.2 });
        expect(Date.now() - started).to.be.at.least(190);
        expect(created).to.deep.equal({ id: "a1", outs: { assignmentId: "a1", seconds: 0.2 } });
        expect(await provider.diff!("a1", { assignmentId: "a1", seconds: 300 }, { assignmentId: "a1", seconds: 300 })).to.deep.equal({ changes: false, replaces: [] });
        expect(await provider.diff!("a1", { assignmentId: "a1", seconds: 300 }, { assignmentId: "a2", seconds: 300 })).to.deep.equal({ changes: true, replaces: ["assignmentId"] });
        // A changed wait is an update: nothing sleeps.
        expect(await provider.diff!("a1", { assignmentId: "a1", seconds: 300 }, { assignmentId: "a1", seconds: 60 })).to.deep.equal({ changes: true, replaces: [] });
        const t = Date.now();
        expect(await provider.update!("a1", { assignmentId: "a1", seconds: 300 }, { assignmentId: "a1", seconds: 60 })).to.deep.equal({ outs: { assignmentId: "a1", seconds: 60 } });
        expect(Date.now() - t).to.be.below(100);
    });
});

class Parent extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Parent", name);
    }
}
