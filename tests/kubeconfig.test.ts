import { expect } from "chai";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { convertKubeconfig, kubeloginArgs } from "../components/cluster/kubeconfig";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import { azure, Harness, isSecretInput, promiseOf, reveal, stackConfig, aksTestArgs } from "./harness";
import type * as clusterModule from "../components/cluster";

const CLUSTER = "azure-native:containerservice:ManagedCluster";
const ROLE = "azure-native:authorization:RoleAssignment";
const WAIT = "pulumi-nodejs:dynamic:Resource";
const PROVIDER = "pulumi:providers:kubernetes";
const serverId = "6dae42f8-4368-4678-94ff-3960e28e3630";
const aks = azure.execKubeconfig("kserve-prod");

/** The exec section of the first user. */
function exec(kubeconfig: string): Record<string, unknown> {
    return (yaml.load(kubeconfig) as { users: { user: { exec: Record<string, unknown> } }[] }).users[0].user.exec;
}

// Expected arguments follow Azure/kubelogin v0.2.19 pkg/internal/converter/convert.go: get-token,
// --login <mode>, --server-id <id>, then per mode: nothing more for azurecli (the tenant comes from
// az login), workloadidentity (AZURE_* variables) and msi (no --client-id given); --client-id,
// --tenant-id and --environment for spn.
describe("kubeconfig: AKS exec credentials without a device code", () => {
    for (const mode of ["azurecli", "workloadidentity", "msi"] as const) {
        it(`switches kubelogin to --login ${mode}, keeping everything else`, () => {
            const converted = convertKubeconfig(aks, mode);
            expect(exec(converted)).to.deep.equal({
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "kubelogin",
                args: ["get-token", "--login", mode, "--server-id", serverId],
                env: null,
                installHint: "kubelogin is not installed",
                provideClusterInfo: false,
            });
            const before = yaml.load(aks) as Record<string, unknown>;
            const after = yaml.load(converted) as Record<string, unknown>;
            for (const key of ["apiVersion", "kind", "clusters", "contexts", "current-context", "preferences"]) {
                expect(after[key], key).to.deep.equal(before[key]);
            }
            expect(converted).not.to.contain("devicecode");
        });
    }

    it("keeps the client, tenant and environment for a service principal", () => {
        expect(exec(convertKubeconfig(aks, "spn")).args).to.deep.equal([
            "get-token",
            "--login",
            "spn",
            "--server-id",
            serverId,
            "--client-id",
            "80faf920-1908-4b52-b5ef-a8e7bedfc67a",
            "--tenant-id",
            "00000000-0000-0000-0000-0000000000aa",
            "--environment",
            "AzurePublicCloud",
        ]);
    });

    it("leaves users that do not run kubelogin alone", () => {
        const mixed = { apiVersion: "v1", kind: "Config", users: [{ name: "admin", user: { "client-certificate-data": "x", "client-key-data": "y" } }] };
        expect(yaml.load(convertKubeconfig(yaml.dump(mixed), "azurecli"))).to.deep.equal(mixed);
    });

    it("refuses arguments without a server id, and text that is not a kubeconfig", () => {
        expect(() => kubeloginArgs(["get-token", "--login", "devicecode"], "azurecli")).to.throw("the kubelogin exec arguments have no --server-id (get-token --login devicecode); cannot convert them to --login azurecli");
        expect(() => kubeloginArgs(["get-token", "--server-id", serverId], "spn")).to.throw("the kubelogin exec arguments have no --client-id, which --login spn needs");
        expect(() => convertKubeconfig("just text", "azurecli")).to.throw("the cluster's credentials are not a kubeconfig with users");
    });
});

describe("cluster: AksCluster without local accounts", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    const make = (extra: Partial<clusterModule.AksClusterArgs> = {}) =>
        new cluster.AksCluster("kserve-dev", aksTestArgs({ adminGroupObjectIds: ["11111111-2222-3333-4444-555555555555"], ...extra }));

    it("gives the provider a secret kubeconfig that logs in without a person", async () => {
        const c = make({ disableLocalAccounts: true, kubeloginMode: "workloadidentity" });
        await promiseOf(c.kubeconfig);
        await h.settle();
        expect(await pulumi.isSecret(c.kubeconfig)).to.equal(true);
        const provider = h.get(PROVIDER, "kserve-dev-k8s");
        expect(isSecretInput(provider.inputs.kubeconfig)).to.equal(true);
        expect(exec(reveal(provider.inputs.kubeconfig)).args).to.deep.equal(["get-token", "--login", "workloadidentity", "--server-id", serverId]);
    });

    it("defaults to the Azure CLI's login", async () => {
        const c = make({ disableLocalAccounts: true });
        expect(exec(await promiseOf(c.kubeconfig)).args).to.deep.equal(["get-token", "--login", "azurecli", "--server-id", serverId]);
    });

    it("gives the deployer AKS RBAC Cluster Admin on the cluster, applied before any Kubernetes resource", async () => {
        make({ disableLocalAccounts: true });
        await h.settle();
        const role = h.get(ROLE, "kserve-dev-deployer-cluster-admin");
        const clusterId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/kserve-dev`;
        // b1ff04bb-…: "Azure Kubernetes Service RBAC Cluster Admin" (Azure built-in roles); the principal is
        // whoever runs Pulumi (getClientConfig objectId): a person with the Azure CLI's login by default.
        expect(role.inputs).to.deep.equal({
            principalId: "pulumi-object",
            principalType: "User",
            roleDefinitionId: `/subscriptions/${azure.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b`,
            scope: clusterId,
        });
        expect(role.dependencies).to.include(h.get(CLUSTER, "kserve-dev").urn);
        const wait = h.get(WAIT, "kserve-dev-deployer-cluster-admin-propagation");
        expect(wait.dependencies).to.include(role.urn);
        expect(h.get(PROVIDER, "kserve-dev-k8s").dependencies).to.include(wait.urn);
    });

    it("takes the deployer for a service principal with the CI login modes, or as configured", async () => {
        make({ disableLocalAccounts: true, kubeloginMode: "workloadidentity" });
        await h.settle();
        expect(h.get(ROLE, "kserve-dev-deployer-cluster-admin").inputs.principalType).to.equal("ServicePrincipal");
        h.reset();
        make({ disableLocalAccounts: true, deployerPrincipalType: "ServicePrincipal" });
        await h.settle();
        expect(h.get(ROLE, "kserve-dev-deployer-cluster-admin").inputs.principalType).to.equal("ServicePrincipal");
    });

    it("assigns nothing to the deployer while local accounts are on (the admin kubeconfig needs no role)", async () => {
        make();
        await h.settle();
        expect(h.all(ROLE).map((r) => r.name)).to.deep.equal(["kserve-dev-subnet-network-contributor"]);
    });
});

describe("config: kubelogin login mode", () => {
    const load = (overrides: Record<string, string>) => {
        const values: Record<string, string> = { ...stackConfig("dev"), ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [`kserve-platform:${k}`, v])) };
        return loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]);
    };

    // The login keys apply only without local accounts, which need an admin group.
    const withoutLocalAccounts = { aksDisableLocalAccounts: "true", aksAdminGroupObjectIds: '["00000000-0000-0000-0000-00000000a0a0"]' };

    it("refuses the login keys while local accounts are on (they would be ignored)", () => {
        try {
            load({ aksKubeloginMode: "workloadidentity", aksDeployerObjectId: "00000000-0000-0000-0000-00000000d0d0" });
            expect.fail("no error");
        } catch (e) {
            expect((e as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`)).to.deep.equal([
                "kserve-platform:aksKubeloginMode: only applies when kserve-platform:aksDisableLocalAccounts is true; without it the key is ignored",
                "kserve-platform:aksDeployerObjectId: only applies when kserve-platform:aksDisableLocalAccounts is true; without it the key is ignored",
            ]);
        }
    });

    it("takes the deployer's object id as a GUID", () => {
        expect(load({ ...withoutLocalAccounts, aksDeployerObjectId: "00000000-0000-0000-0000-00000000d0d0" }).aks!.deployerObjectId).to.equal("00000000-0000-0000-0000-00000000d0d0");
        try {
            load({ ...withoutLocalAccounts, aksDeployerObjectId: "deployer" });
            expect.fail("no error");
        } catch (e) {
            expect((e as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`)).to.deep.equal(['kserve-platform:aksDeployerObjectId: got "deployer"; must be an Entra ID object id (a GUID)']);
        }
    });

    it("reads the mode and the deployer's kind, defaulting to the Azure CLI", () => {
        expect(load({}).aks).to.deep.include({ kubeloginMode: "azurecli", deployerPrincipalType: undefined });
        expect(load({ ...withoutLocalAccounts, aksKubeloginMode: "workloadidentity", aksDeployerPrincipalType: "ServicePrincipal" }).aks).to.deep.include({
            kubeloginMode: "workloadidentity",
            deployerPrincipalType: "ServicePrincipal",
        });
    });

    it("refuses the interactive modes and unknown kinds", () => {
        try {
            load({ ...withoutLocalAccounts, aksKubeloginMode: "devicecode", aksDeployerPrincipalType: "Group" });
            expect.fail("no error");
        } catch (e) {
            expect((e as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`)).to.deep.equal([
                'kserve-platform:aksKubeloginMode: got "devicecode"; allowed: azurecli, workloadidentity, msi, spn',
                'kserve-platform:aksDeployerPrincipalType: got "Group"; allowed: User, ServicePrincipal',
            ]);
        }
    });
});
