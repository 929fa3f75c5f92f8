// What a `pulumi preview` of each Azure stack asks Azure for, beyond reading state: the invokes the
// program makes in a dry run (mocks in preview mode). On a stack that exists, the cluster's name is
// known during the preview, so the credential invokes are sent then too (pulumi-azure-native's
// Invoke POSTs them whatever the mode). docs/azure.md ("The preview identity") grants exactly these.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { Harness, root, runProgram } from "./harness";

/** The Azure action behind each invoke (Azure REST API reference, and the ARO API's operations). */
export const previewActions: Record<string, string | undefined> = {
    // Decodes the caller's token: no Azure permission.
    "azure-native:authorization:getClientConfig": undefined,
    "azure-native:containerservice:listManagedClusterUserCredentials": "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
    "azure-native:containerservice:listManagedClusterAdminCredentials": "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action",
    "azure-native:redhatopenshift:listOpenShiftClusterAdminCredentials": "Microsoft.RedHatOpenShift/openShiftClusters/listAdminCredentials/action",
};

const secrets: Record<string, Record<string, string>> = {
    aro: { "kserve-platform:aroPullSecret": '{"auths":{}}', "kserve-platform:aroClientSecret": "sp-secret" },
};

/** The invokes of one stack's program in a dry run, as "token {inputs}" lines, once each. */
async function previewCalls(stack: string): Promise<string[]> {
    const h = new Harness();
    await h.setup(stack, true);
    await runProgram(h, stack, secrets[stack] ?? {});
    return [...new Set(h.calls.map((c) => `${c.token} ${JSON.stringify(c.inputs)}`))].sort();
}

describe("previews: what each Azure stack asks Azure for in a dry run", () => {
    const calls: Record<string, string[]> = {};
    before(async function () {
        this.timeout(60000);
        for (const stack of ["dev", "prod", "aro"]) {
            calls[stack] = await previewCalls(stack);
        }
    });

    it("dev lists the admin credentials of its cluster (local accounts on)", () => {
        expect(calls.dev).to.deep.equal([
            "azure-native:authorization:getClientConfig {}",
            'azure-native:containerservice:listManagedClusterAdminCredentials {"resourceGroupName":"rg-kserve-dev","resourceName":"kserve-dev"}',
        ]);
    });

    it("prod lists the Entra (exec) user credentials only, and reads who it runs as", () => {
        expect(calls.prod).to.deep.equal([
            "azure-native:authorization:getClientConfig {}",
            'azure-native:containerservice:listManagedClusterUserCredentials {"format":"exec","resourceGroupName":"rg-kserve-prod","resourceName":"kserve-prod"}',
        ]);
    });

    it("aro lists the OpenShift admin credentials, and reads the subscription it runs in", () => {
        expect(calls.aro).to.deep.equal([
            "azure-native:authorization:getClientConfig {}",
            'azure-native:redhatopenshift:listOpenShiftClusterAdminCredentials {"resourceGroupName":"rg-kserve-aro","resourceName":"kserve-aro"}',
        ]);
    });

    it("docs/azure.md grants the preview identity each action these invokes need, and no write role", () => {
        const doc = fs.readFileSync(path.join(root, "docs", "azure.md"), "utf8");
        const start = doc.indexOf("## The preview identity");
        expect(start, "docs/azure.md has a preview identity section").to.be.greaterThan(0);
        const section = doc.slice(start, doc.indexOf("\n## ", start + 1));
        for (const line of Object.values(calls).flat()) {
            const token = line.split(" ")[0];
            expect(Object.keys(previewActions), token).to.include(token);
            const action = previewActions[token];
            if (action) {
                expect(section, action).to.include(action);
            }
        }
        // azure-aks-docs control-kubeconfig-access.md and manage-azure-rbac.md: the built-in roles.
        for (const role of ["Azure Kubernetes Service Cluster User Role", "Azure Kubernetes Service RBAC Reader", "Reader"]) {
            expect(section, role).to.include(role);
        }
        // Previews change nothing: no role that writes.
        expect(section).to.not.match(/Contributor|Owner|Cluster Admin Role|RBAC Writer|RBAC Admin/);
    });
});
