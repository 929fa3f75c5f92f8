// Day two: what the next `pulumi up` sends after a config change, once Azure or an operator has
// moved the cluster on. Each expectation names the upstream source it follows.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { aksTestArgs, Harness, upstreamHost } from "./harness";
import type * as clusterModule from "../components/cluster";
import { ValidationError } from "../components/common";
import { loadConfig } from "../config";

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

    it("warns on preview and update when the config asks for what the cluster does not have", async () => {
        // The cluster as last refreshed: three workers of the default size.
        h.compute(({ type, inputs }) => (type === ARO ? { workerProfiles: [{ ...inputs.workerProfiles[0], count: 3 }] } : undefined));
        const warnings: string[] = [];
        const warn = pulumi.log.warn;
        (pulumi.log as { warn: (m: string) => Promise<void> }).warn = (m: string) => {
            warnings.push(m);
            return Promise.resolve();
        };
        try {
            new cluster.AroCluster("kserve-aro", { ...aroArgs, workers: { count: 6 } });
            await h.settle();
        } finally {
            (pulumi.log as { warn: typeof warn }).warn = warn;
        }
        expect(warnings).to.deep.equal([
            'ARO cluster "kserve-aro": not applied, ARO refuses these changes after creation (PropertyChangeNotAllowed):\n' +
                "  aroWorkerCount 3 -> 6: scale the worker MachineSets (oc -n openshift-machine-api scale machineset <name> --replicas=N), one per zone",
        ]);
    });

    it("says how to make each change the update leaves out: MachineSets, OpenShift upgrades, a new cluster", () => {
        const wanted = { version: "4.20.8", workerVmSize: "Standard_D16s_v5", workerCount: 6, masterVmSize: "Standard_D8s_v5", apiVisibility: "Public", ingressVisibility: "Private" } as const;
        expect(aro.aroChangesNotApplied(wanted, { ...wanted })).to.deep.equal([]);
        // Unknown recorded values (a preview of a new cluster) are no change.
        expect(aro.aroChangesNotApplied(wanted, {})).to.deep.equal([]);
        expect(aro.aroChangesNotApplied(wanted, { version: "4.19.20", workerVmSize: "Standard_D8s_v5", workerCount: 3, masterVmSize: "Standard_D8s_v5", apiVisibility: "Private", ingressVisibility: "Private" })).to.deep.equal([
            "aroVersion 4.19.20 -> 4.20.8: upgrade through OpenShift (oc adm upgrade --to=4.20.8), then pulumi refresh; if OpenShift already moved the cluster, set aroVersion to 4.19.20",
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

describe("day two: resizing the AKS system pool", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    let aks: typeof import("../components/cluster/aks");
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
        aks = await import("../components/cluster/aks");
    });
    beforeEach(() => h.reset());

    const CLUSTER = "azure-native:containerservice:ManagedCluster";
    const user = { name: "user", mode: "User", vmSize: "Standard_D8ds_v5", count: 2 };
    /** Runs an AksCluster against the pools Azure reports, and returns the error of its check, if any. */
    async function check(recorded: object[], systemPool: { vmSize: string; count: number }): Promise<string | undefined> {
        h.reset();
        h.compute(({ type }) => (type === CLUSTER ? { agentPoolProfiles: recorded } : undefined));
        const c = new cluster.AksCluster("kserve-prod", aksTestArgs({ systemPool }));
        let error: string | undefined;
        await (c.clusterName as unknown as { promise(): Promise<string> }).promise().catch((e: Error) => (error = e.message));
        await h.settle().catch(() => undefined);
        return error;
    }

    it("keeps the inline pool list out of every update, so no config change can send a pool change", async () => {
        new cluster.AksCluster("kserve-prod", aksTestArgs({ systemPool: { vmSize: "Standard_D4ds_v5", count: 2 } }));
        await h.settle();
        const c = h.get(CLUSTER, "kserve-prod");
        // pulumi-azure-native#2719: pools are added or resized only through per-pool operations.
        expect(c.ignoreChanges).to.include("agentPoolProfiles");
        expect(c.inputs.agentPoolProfiles.map((p: { name: string; mode: string }) => `${p.name}:${p.mode}`)).to.deep.equal(["system:System"]);
    });

    it("accepts the state the documented resize leaves: a System pool named system again, of the new size, after a refresh", async () => {
        // The recorded list after `pulumi refresh` (azure-native Read writes what changed in Azure into
        // the recorded inputs): the pool name the next update sends exists, so AKS sees no new pool.
        expect(await check([{ name: "system", mode: "System", vmSize: "Standard_D8ds_v5", count: 3 }, user], { vmSize: "Standard_D8ds_v5", count: 3 })).to.equal(undefined);
    });

    it("refuses the config change until the cluster has been resized and refreshed", async () => {
        const error = await check([{ name: "system", mode: "System", vmSize: "Standard_D4ds_v5", count: 2 }, user], { vmSize: "Standard_D8ds_v5", count: 2 });
        expect(error).to.match(/^The system pool cannot change through the cluster resource; apply it with the Azure CLI first:\n {2}aksSystemVmSize Standard_D4ds_v5 -> Standard_D8ds_v5: AKS cannot resize a pool; add a temporary System pool/);
        expect(error).to.include("add system again (az aks nodepool add --name system --mode System --node-vm-size Standard_D8ds_v5 --node-count 2");
    });

    it("refuses the state the old advice left (system replaced by a pool of another name) and says how to recover", async () => {
        const error = await check([{ name: "system2", mode: "System", vmSize: "Standard_D8ds_v5", count: 3 }, user], { vmSize: "Standard_D8ds_v5", count: 3 });
        expect(error).to.include(
            'the cluster has no pool named system (System pools: system2), but the cluster resource\'s recorded pool list names it, so the next cluster update would fail ("A new agent pool was introduced"): add a temporary System pool',
        );
        expect(error).to.include("delete system2 (az aks nodepool delete --name system2)");
        expect(aks.systemPoolDrift([], { vmSize: "x", count: 1 })).to.deep.equal([]);
    });
});

describe("day two: the NAT gateway's zone is an explicit choice", () => {
    // azure-native 3.28.0 types/enums/network NatGatewaySkuName has Standard only, and a Standard NAT
    // gateway is zonal (azure-docs nat-gateway.md): no zone-redundant egress to build, so the zone is named.
    const base = { aksOutboundType: "userAssignedNATGateway", azureZones: ["1", "2", "3"] };
    it("accepts a zone of azureZones, refuses others and the key without a NAT gateway", () => {
        expect(aksProblems({ ...base, aksNatGatewayZone: "2" })).to.deep.equal([]);
        expect(aksProblems({ ...base, aksNatGatewayZone: "3", azureZones: ["1", "2"] })).to.deep.equal(['kserve-platform:aksNatGatewayZone: got "3"; must be one of azureZones (1, 2)']);
        expect(aksProblems({ aksNatGatewayZone: "1", azureZones: ["1", "2", "3"] })).to.deep.equal([
            "kserve-platform:aksNatGatewayZone: only applies with aksOutboundType userAssignedNATGateway (got loadBalancer)",
        ]);
    });

    it("puts the NAT gateway in the chosen zone, the first by default, with a zone-redundant public IP", async () => {
        const h = new Harness();
        await h.setup();
        const az = await import("../components/azure");
        for (const [zone, expected] of [[undefined, "1"], ["2", "2"]] as const) {
            h.reset();
            new az.Network("net", { location: "westeurope", addressSpace: "10.40.0.0/16", subnets: { nodes: { cidr: "10.40.0.0/20", natGateway: true } }, natGateway: true, zones: ["1", "2", "3"], natGatewayZone: zone });
            await h.settle();
            expect(h.get("azure-native:network:NatGateway", "net").inputs.zones).to.deep.equal([expected]);
            expect(h.get("azure-native:network:PublicIPAddress", "net-egress").inputs.zones).to.deep.equal(["1", "2", "3"]);
        }
        expect(() => new az.Network("bad", { location: "westeurope", addressSpace: "10.40.0.0/16", subnets: {}, natGateway: true, zones: ["1"], natGatewayZone: "2" })).to.throw(
            'Network "bad" natGatewayZone: got "2"; must be one of zones (1)',
        );
    });
});

describe("day two: two models on one host", () => {
    const model = (name: string, namespace: string, extra: Record<string, unknown> = {}) => ({ name, namespace, spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } }, ...extra });
    const problemsOf = (models: unknown[], extra: Record<string, unknown> = {}): string[] => {
        const raw: Record<string, string> = { models: JSON.stringify(models), domain: "example.com", ...extra };
        try {
            loadConfig({ get: (k) => raw[k] });
            return [];
        } catch (e) {
            return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
        }
    };
    // The hosts a cluster reports, from KServe's and Knative's templates (tests/harness.ts upstreamHost).
    const knative = { domain: { "example.com": "" }, network: { "domain-template": "{{.Name}}-{{.Namespace}}.{{.Domain}}" } };
    const spec = model("x", "y").spec;

    it("refuses a-b in c beside a in b-c, in both modes, naming both models", () => {
        expect(upstreamHost("a-b", "c", spec, "Knative", {}, knative)).to.equal(upstreamHost("a", "b-c", spec, "Knative", {}, knative));
        expect(upstreamHost("a-b", "c", spec, "Standard", {}, knative)).to.equal("a-b-c.example.com");
        expect(upstreamHost("a", "b-c", spec, "Standard", {}, knative)).to.equal("a-b-c.example.com");
        const line =
            'kserve-platform:models[1] "a" name: serves at a-b-c.example.com, the host of kserve-platform:models[0] "a-b" in namespace c; both would answer on one name: rename one of them or move it to another namespace';
        expect(problemsOf([model("a-b", "c"), model("a", "b-c")])).to.deep.equal([line]);
        expect(problemsOf([model("a-b", "c"), model("a", "b-c")], { deploymentMode: "Standard" })).to.deep.equal([line]);
        expect(problemsOf([model("a-b", "c"), model("a", "c-b")])).to.deep.equal([]);
    });

    it("refuses namespace default-x in Knative mode, where KServe drops -default", () => {
        // KServe v0.20.0 ingress_reconciler.go: "a-predictor-default-b-c" loses "-predictor-default".
        expect(upstreamHost("a", "default-b-c", spec, "Knative", {}, knative)).to.equal("a-b-c.example.com");
        expect(upstreamHost("a-b", "c", spec, "Knative", {}, knative)).to.equal("a-b-c.example.com");
        expect(problemsOf([model("a-b", "c"), model("a", "default-b-c")])).to.deep.equal([
            'kserve-platform:models[1] "a" name: serves at a-b-c.example.com, the host of kserve-platform:models[0] "a-b" in namespace c (KServe drops "-default" from Knative hosts, so namespace default-b-c serves as b-c); both would answer on one name: rename one of them or move it to another namespace',
        ]);
        // Standard mode keeps the namespace whole: a-default-b-c.
        expect(upstreamHost("a", "default-b-c", spec, "Standard", {}, knative)).to.equal("a-default-b-c.example.com");
        expect(problemsOf([model("a-b", "c"), model("a", "default-b-c")], { deploymentMode: "Standard" })).to.deep.equal([]);
    });
});

describe("day two: managed Prometheus names Azure accepts", () => {
    it("cuts the data collection endpoint name to 44 characters and the rules' to 64, as Microsoft's template does", async () => {
        // Azure/prometheus-collector AddonArmTemplate/FullAzureMonitorMetricsProfile.json: dceName is
        // substring(MSProm-<region>-<cluster>, 0, min(44, length)); dcrName the same with 64.
        const h = new Harness();
        await h.setup();
        h.compute(({ type, name }) => (type === "azure-native:monitor:AzureMonitorWorkspace" ? { id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Monitor/accounts/amw-${name}` } : undefined));
        const mon = await import("../components/monitoring");
        const cluster = "kserve-platform-production-westeurope-cluster-01"; // 48 characters
        const workspace = new mon.MonitoringWorkspace("w", { resourceGroupName: "rg", location: "westeurope", prometheus: true, logRetentionDays: 30 });
        new mon.AzureMonitoring("m", { resourceGroupName: "rg", location: "westeurope", workspace, aks: { id: "/subscriptions/s/aks", name: cluster } });
        await h.settle();
        const full = `MSProm-westeurope-${cluster}`;
        expect(h.get("azure-native:monitor:DataCollectionEndpoint", "m-prometheus").inputs.dataCollectionEndpointName).to.equal(full.slice(0, 44)).and.to.have.length(44);
        expect(h.get("azure-native:monitor:DataCollectionRule", "m-prometheus").inputs.dataCollectionRuleName).to.equal(full.slice(0, 64)).and.to.have.length(64);
        expect(h.get("azure-native:monitor:DataCollectionRule", "m-container-insights").inputs.dataCollectionRuleName).to.equal(`MSCI-westeurope-${cluster}`);
    });
});
