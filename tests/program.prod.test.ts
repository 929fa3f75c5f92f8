import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { azure, Harness, isSecretInput, promiseOf, Recorded, reveal, runProgram } from "./harness";
import { ValidationError } from "../components/common";
import { modelCacheProdTests } from "./gpuProgram";
import { aroBaselineTests, prodBaselineTests } from "./prodBaseline";
import { aroMonitoringTests, prodMonitoringTests } from "./monitoringProgram";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const release = (h: Harness, releaseName: string): Recorded => h.all(RELEASE).find((r) => r.inputs.name === releaseName)!;

describe("program: prod stack (private AKS behind Application Gateway)", () => {
    const h = new Harness();
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("prod");
        outputs = await runProgram(h, "prod");
    });

    describe("GPU economics", () => modelCacheProdTests(h));

    it("makes the API server private and sends egress through a NAT gateway", () => {
        const c = h.get("azure-native:containerservice:ManagedCluster", "kserve-prod").inputs;
        expect(c.apiServerAccessProfile).to.deep.equal({ enablePrivateCluster: true, privateDNSZone: "system", enablePrivateClusterPublicFQDN: false });
        expect(c.networkProfile.outboundType).to.equal("userAssignedNATGateway");
        expect(c.sku.tier).to.equal("Standard");
        const nat = h.get("azure-native:network:NatGateway", "kserve-prod");
        expect(h.get("azure-native:network:Subnet", "kserve-prod-nodes").inputs.natGateway).to.deep.equal({
            id: `/subscriptions/${azure.subscriptionId}/resourceGroups/rg-kserve-prod/providers/Microsoft.Network/natGateways/${nat.inputs.natGatewayName}`,
        });
    });

    it("patches on a weekly maintenance window, GPU nodes included, with community-supported Kubernetes", () => {
        const c = h.get("azure-native:containerservice:ManagedCluster", "kserve-prod").inputs;
        // 1.36: the model cache's download jobs need MutatingAdmissionPolicy v1 (tests/gpu.config.test.ts).
        expect(c).to.deep.include({ kubernetesVersion: "1.36", supportPlan: "KubernetesOfficial" });
        expect(c.autoUpgradeProfile).to.deep.equal({ upgradeChannel: "patch", nodeOSUpgradeChannel: "SecurityPatch" });
        // SecurityPatch skips Azure Linux GPU nodes (AKS auto-upgrade-node-os-image.md): the GPU pool runs Ubuntu.
        expect(h.get("azure-native:containerservice:AgentPool", "kserve-prod-gpu").inputs.osSKU).to.equal("Ubuntu");
        const windows = h.all("azure-native:containerservice:MaintenanceConfiguration").map((m) => [m.inputs.configName, m.inputs.maintenanceWindow.schedule.weekly.dayOfWeek]);
        expect(windows).to.deep.equal([
            ["aksManagedAutoUpgradeSchedule", "Sunday"],
            ["aksManagedNodeOSUpgradeSchedule", "Sunday"],
        ]);
    });

    it("puts the Istio gateway on an internal load balancer with its fixed address in the node subnet", () => {
        expect(release(h, "istio-ingressgateway").inputs.values.service).to.deep.equal({
            type: "LoadBalancer",
            annotations: {
                "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
                "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.40.15.250",
                "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "nodes",
            },
        });
    });

    it("gives the Application Gateway its own subnet and the internal gateway IP as backend", () => {
        const gw = h.get("azure-native:network:ApplicationGateway", "kserve-prod").inputs;
        const subnet = h.get("azure-native:network:Subnet", "kserve-prod-appgateway");
        expect(subnet.inputs.addressPrefix).to.equal("10.40.16.0/24");
        expect(gw.gatewayIPConfigurations[0].subnet.id).to.equal(`/subscriptions/${azure.subscriptionId}/resourceGroups/rg-kserve-prod/providers/Microsoft.Network/virtualNetworks/vnet-kserve-prod/subnets/appgateway`);
        expect(gw.backendAddressPools[0].backendAddresses).to.deep.equal([{ ipAddress: "10.40.15.250" }]);
        expect(gw.autoscaleConfiguration).to.deep.equal({ minCapacity: 2, maxCapacity: 10 });
        expect(gw.sslCertificates[0].keyVaultSecretId).to.equal("https://kv-models-prod.vault.azure.net/secrets/wildcard-models-example-com");
        expect(h.get("azure-native:network:WebApplicationFirewallPolicy", "kserve-prod").inputs.policySettings.mode).to.equal("Prevention");
        // The prod default lets JSON tensors of several MB through: no WAF body size limit, the first 128 KB inspected.
        expect(h.get("azure-native:network:WebApplicationFirewallPolicy", "kserve-prod").inputs.policySettings).to.deep.include({ requestBodyEnforcement: false, requestBodyInspectLimitInKB: 128 });
        expect(h.get("azure-native:dns:RecordSet", "kserve-prod").inputs).to.deep.include({ zoneName: "example.com", relativeRecordSetName: "*.models", resourceGroupName: "rg-dns" });
    });

    it("runs STRICT mTLS with model namespaces and Knative in the mesh", () => {
        expect(h.get("kubernetes:security.istio.io/v1:PeerAuthentication", "platform-istio-mtls").inputs.spec).to.deep.equal({ mtls: { mode: "STRICT" } });
        const namespaces = Object.fromEntries(h.all(NAMESPACE).map((n) => [n.inputs.metadata.name, n.inputs.metadata.labels]));
        for (const ns of ["llm", "vision", "risk", "knative-serving"]) {
            expect(namespaces[ns], ns).to.deep.equal({ "istio-injection": "enabled" });
        }
        expect(namespaces.kserve).to.equal(undefined);
    });

    it("admits traffic into model namespaces only from the gateways, Knative, the mesh and themselves, and the metrics scraper on the metrics ports", () => {
        const policies = h.all(NETPOL);
        expect(policies.map((p) => p.inputs.metadata.namespace).sort()).to.deep.equal(["llm", "risk", "vision"]);
        for (const p of policies) {
            expect(p.inputs.spec).to.deep.equal({
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [
                    {
                        from: [
                            { podSelector: {} },
                            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } } },
                            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "knative-serving" } } },
                            { namespaceSelector: { matchLabels: { "istio-injection": "enabled" } } },
                        ],
                    },
                    // AKS managed Prometheus scrapes from the ama-metrics Deployment in kube-system, pods
                    // rsName: ama-metrics (Azure/prometheus-collector ama-metrics-deployment.yaml): on the
                    // queue-proxy's 9091 (knative/serving pkg/networking/constants.go) and Envoy's 15090
                    // (istio injection-template.yaml http-envoy-prom) only.
                    {
                        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { rsName: "ama-metrics" } } }],
                        ports: [
                            { protocol: "TCP", port: 9091 },
                            { protocol: "TCP", port: 15090 },
                        ],
                    },
                ],
            });
        }
        // Models start only once their namespace is fenced.
        const llm = h.get(ISVC, "llama-chat");
        expect(llm.dependencies).to.include(policies.find((p) => p.inputs.metadata.namespace === "llm")!.urn);
    });

    it("protects the CRDs and the model store", () => {
        expect(release(h, "kserve-crd").protect).to.equal(true);
        expect(release(h, "kserve-crd").retainOnDelete).to.equal(true);
        expect(h.get("azure-native:storage:StorageAccount", "kserve-prod-models").protect).to.equal(true);
        expect(h.get("azure-native:storage:StorageAccount", "kserve-prod-models").inputs.sku).to.deep.equal({ name: "Standard_ZRS" });
    });

    it("places the GPU models on the GPU pool and binds the store models to its identity", () => {
        for (const name of ["llama-chat", "resnet50"]) {
            const predictor = h.get(ISVC, name).inputs.spec.predictor;
            expect(predictor.tolerations, name).to.deep.equal([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
            expect(predictor.nodeSelector, name).to.deep.equal({ "nvidia.com/gpu.present": "true" });
            expect(predictor.serviceAccountName, name).to.equal("kserve-model-reader");
            expect(predictor.labels, name).to.deep.equal({ "azure.workload.identity/use": "true" });
        }
        expect(h.get("azure-native:containerservice:AgentPool", "kserve-prod-gpu").inputs).to.deep.include({ vmSize: "Standard_NC24ads_A100_v4", minCount: 1, maxCount: 4 });
        const subjects = h.all("azure-native:managedidentity:FederatedIdentityCredential").map((f) => f.inputs.subject);
        // The model cache's download jobs read the store too (tests/gpu.program.test.ts).
        expect(subjects.sort()).to.deep.equal([
            "system:serviceaccount:kserve-localmodel-jobs:kserve-model-reader",
            "system:serviceaccount:llm:kserve-model-reader",
            "system:serviceaccount:risk:kserve-model-reader",
            "system:serviceaccount:vision:kserve-model-reader",
        ]);
    });

    it("exports the public URLs clients call through the gateway", async () => {
        const endpoints: any = await promiseOf(outputs.endpoints);
        expect(endpoints["llama-chat"]).to.deep.equal({
            url: "https://llama-chat-llm.models.example.com",
            internalUrl: "http://llama-chat-predictor.llm.svc.cluster.local",
            protocol: "v2",
            predictUrl: "https://llama-chat-llm.models.example.com/v2/models/llama-chat/infer",
            ready: true,
        });
        expect(endpoints["fraud-xgb"].url).to.equal("https://fraud-xgb-risk.models.example.com");
        expect(await promiseOf(pulumi.output(outputs.publicIngress))).to.deep.equal({ address: azure.publicIp, hosts: "*.models.example.com" });
        expect(await promiseOf(outputs.egressIp)).to.equal(azure.publicIp);
        expect(await pulumi.isSecret(outputs.kubeconfig)).to.equal(true);
    });

    it("sets KServe's scheme to https so status.url is the gateway's URL", () => {
        expect(release(h, "kserve-resources").inputs.values.kserve.controller.gateway).to.deep.equal({ domain: "models.example.com", domainTemplate: "{{.Name}}-{{.Namespace}}.{{.IngressDomain}}", urlScheme: "https" });
    });

    prodBaselineTests(h);

    describe("monitoring", () => prodMonitoringTests(h, () => outputs));
});

describe("program: prod config errors", () => {
    const run = async (overrides: Record<string, string>) => {
        const h = new Harness();
        await h.setup("prod");
        try {
            await runProgram(h, "prod", {}, overrides);
        } catch (e) {
            await h.settle();
            expect(h.resources, "nothing registered").to.deep.equal([]);
            return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
        }
        return [];
    };

    it("refuses a public API server", async () => {
        expect(await run({ "kserve-platform:aksPrivateCluster": "false" })).to.deep.equal(["kserve-platform:aksPrivateCluster: a prod stack needs a private API server; set true"]);
    });

    it("refuses an Application Gateway without a certificate", async () => {
        expect(await run({ "kserve-platform:appGatewayCertificateName": "" })).to.deep.equal([
            "kserve-platform:appGateway: has no TLS certificate; set appGatewayCertificateKeyVaultId and appGatewayCertificateName (a certificate for *.<domain> in a Key Vault)",
        ]);
    });

    it("lists every missing piece of the baseline at once", async () => {
        const problems = await run({
            "kserve-platform:meshMtlsMode": "PERMISSIVE",
            "kserve-platform:modelNetworkPolicies": "false",
            "kserve-platform:protectCrds": "false",
            "kserve-platform:requireMinReplicas": "false",
        });
        expect(problems).to.deep.equal([
            "kserve-platform:meshMtlsMode: a prod stack needs mutual TLS everywhere in the mesh; set STRICT",
            "kserve-platform:modelNetworkPolicies: a prod stack needs network policies around model namespaces; set true",
            "kserve-platform:requireMinReplicas: a prod stack needs models that do not scale to zero unless annotated; set true",
            "kserve-platform:protectCrds: a prod stack needs the KServe CRDs protected (deleting them deletes every InferenceService); set true",
        ]);
    });

    it("keeps production models from scaling to zero unless annotated", async () => {
        const model = (annotations?: Record<string, string>) => [
            { name: "cold", annotations, spec: { predictor: { minReplicas: 0, model: { modelFormat: { name: "sklearn" }, storageUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/cold/", resources: { requests: { cpu: "1" } } } } } },
        ];
        expect(await run({ "kserve-platform:models": JSON.stringify(model()) })).to.deep.equal([
            'kserve-platform:models[0] "cold" spec.predictor.minReplicas: 0 lets a production model scale to zero, so its next request waits for a cold start; keep it >= 1, or annotate the InferenceService kserve-platform.io/allow-scale-to-zero: "true"',
        ]);
        expect(await run({ "kserve-platform:models": JSON.stringify(model({ "kserve-platform.io/allow-scale-to-zero": "true" })) })).to.deep.equal([]);
    });

    it("needs the internal gateway's address inside the node subnet", async () => {
        expect(await run({ "kserve-platform:ingressPrivateIp": "10.40.16.10" })).to.deep.equal([
            "kserve-platform:ingressPrivateIp: 10.40.16.10 is not inside aksNodeSubnetCidr 10.40.0.0/20, where the internal load balancer takes its address",
        ]);
    });

    it("needs https URLs behind the gateway, and a public gateway needs the internal one", async () => {
        expect(await run({ "kserve-platform:urlScheme": "http", "kserve-platform:ingressInternal": "false", "kserve-platform:ingressPrivateIp": "" })).to.have.members([
            "kserve-platform:ingressInternal: a prod stack needs the ingress gateway on an internal load balancer (public traffic goes through the Application Gateway); set true",
            "kserve-platform:appGateway: forwards to the internal Istio gateway: set ingressInternal true and ingressPrivateIp (its fixed address)",
            'kserve-platform:urlScheme: must be "https" behind the Application Gateway, which terminates TLS: status.url and endpoints then show what clients call',
        ]);
    });

    it("keeps the gateway subnet apart from the nodes and the domain inside the DNS zone", async () => {
        expect(await run({ "kserve-platform:appGatewaySubnetCidr": "10.40.8.0/24", "kserve-platform:dnsZoneName": "example.org" })).to.deep.equal([
            "kserve-platform:appGatewaySubnetCidr: 10.40.8.0/24 overlaps aksNodeSubnetCidr 10.40.0.0/20; the gateway needs a subnet of its own",
            "kserve-platform:dnsZoneName: example.org does not contain the domain models.example.com",
        ]);
    });
});

describe("program: aro stack (private Azure Red Hat OpenShift)", () => {
    const h = new Harness();
    const secrets = { "kserve-platform:aroPullSecret": '{"auths":{}}', "kserve-platform:aroClientSecret": "sp-secret" };
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("aro");
        outputs = await runProgram(h, "aro", secrets);
    });

    it("creates a private OpenShift cluster in master and worker subnets", () => {
        const aro = h.get("azure-native:redhatopenshift:OpenShiftCluster", "kserve-aro");
        expect(aro.inputs).to.deep.include({ resourceGroupName: "rg-kserve-aro", resourceName: "kserve-aro", location: "westeurope" });
        expect(aro.inputs.apiserverProfile).to.deep.equal({ visibility: "Private" });
        expect(aro.inputs.ingressProfiles).to.deep.equal([{ name: "default", visibility: "Private" }]);
        expect(reveal(aro.inputs.clusterProfile)).to.deep.include({ domain: "kserve-aro", version: "4.20.8", resourceGroupId: `/subscriptions/${azure.subscriptionId}/resourceGroups/aro-kserve-aro`, fipsValidatedModules: "Disabled" });
        expect(aro.inputs.masterProfile.subnetId).to.match(/subnets\/master$/);
        expect(aro.inputs.workerProfiles[0]).to.deep.include({ name: "worker", count: 3, vmSize: "Standard_D8s_v5", diskSizeGB: 128 });
        expect(aro.inputs.workerProfiles[0].subnetId).to.match(/subnets\/workers$/);
        const master = h.get("azure-native:network:Subnet", "kserve-aro-master").inputs;
        expect(master).to.deep.include({ privateLinkServiceNetworkPolicies: "Disabled", serviceEndpoints: [{ service: "Microsoft.ContainerRegistry" }] });
    });

    it("keeps the pull secret and the client secret secret", () => {
        const aro = h.get("azure-native:redhatopenshift:OpenShiftCluster", "kserve-aro").inputs;
        // A secret inside an object makes the engine keep the whole property secret.
        expect(isSecretInput(aro.clusterProfile)).to.equal(true);
        expect(reveal(aro.clusterProfile).pullSecret).to.equal('{"auths":{}}');
        expect(isSecretInput(aro.servicePrincipalProfile)).to.equal(true);
        expect(reveal(aro.servicePrincipalProfile)).to.deep.equal({ clientId: "00000000-0000-0000-0000-00000000c11e", clientSecret: "sp-secret" });
    });

    it("grants both service principals Network Contributor on the VNet before the cluster", () => {
        const roles = h.all("azure-native:authorization:RoleAssignment").filter((r) => r.name.endsWith("-network-contributor"));
        expect(roles.map((r) => r.inputs.principalId).sort()).to.deep.equal(["00000000-0000-0000-0000-00000000a2a2", "00000000-0000-0000-0000-00000000b0b0"]);
        for (const r of roles) {
            expect(r.inputs.scope).to.equal(`/subscriptions/${azure.subscriptionId}/resourceGroups/rg-kserve-aro/providers/Microsoft.Network/virtualNetworks/vnet-kserve-aro`);
        }
        // ...once they have propagated: the cluster waits for each assignment's PropagationWait.
        const waits = roles.map((r) => h.get("pulumi-nodejs:dynamic:Resource", `${r.name}-propagation`));
        waits.forEach((w, i) => expect(w.dependencies).to.include(roles[i].urn));
        expect(h.get("azure-native:redhatopenshift:OpenShiftCluster", "kserve-aro").dependencies).to.include.members(waits.map((w) => w.urn));
    });

    it("builds the provider from the admin kubeconfig", () => {
        const p = h.get("pulumi:providers:kubernetes", "kserve-aro-k8s");
        expect(reveal(p.inputs.kubeconfig)).to.equal(azure.kubeconfig("kserve-aro"));
        expect(p.inputs.clusterIdentifier).to.match(/openShiftClusters\/kserve-aro$/);
    });

    it("installs Istio for the openshift platform, with Istio CNI", () => {
        for (const name of ["istio-base", "istiod", "istio-cni"]) {
            expect(release(h, name).inputs.values.global, name).to.deep.equal({ platform: "openshift" });
            expect(release(h, name).inputs.values, name).not.to.have.property("profile");
        }
        // The gateway chart reads the top-level key.
        expect(release(h, "istio-ingressgateway").inputs.values.platform).to.equal("openshift");
        expect(release(h, "istio-cni").inputs).to.deep.include({ chart: "cni", namespace: "kube-system", version: "1.30.3" });
        expect(release(h, "istiod").dependencies).to.include(release(h, "istio-cni").urn);
        expect(release(h, "istio-ingressgateway").inputs.values.service.annotations).to.deep.equal({
            "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
            "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.40.37.250",
            "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "workers",
        });
    });

    it("gives model namespaces the nonroot-v2 SCC before their models", () => {
        const bindings = h.all("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding");
        expect(bindings.map((b) => b.inputs.metadata.namespace).sort()).to.deep.equal(["marketing", "models"]);
        for (const b of bindings) {
            expect(b.inputs.roleRef).to.deep.equal({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:openshift:scc:nonroot-v2" });
            expect(b.inputs.subjects).to.deep.equal([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `system:serviceaccounts:${b.inputs.metadata.namespace}` }]);
        }
        const binding = bindings.find((b) => b.inputs.metadata.namespace === "marketing")!;
        expect(h.get(ISVC, "churn-lgbm").dependencies).to.include(binding.urn);
        // Istio CNI's chart creates default/istio-cni itself on OpenShift: no per-namespace attachment.
        expect(h.all("kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition")).to.deep.equal([]);
    });

    it("puts the same Application Gateway in front of the private cluster", async () => {
        const gw = h.get("azure-native:network:ApplicationGateway", "kserve-aro").inputs;
        expect(gw.backendAddressPools[0].backendAddresses).to.deep.equal([{ ipAddress: "10.40.37.250" }]);
        const endpoints: any = await promiseOf(outputs.endpoints);
        expect(endpoints["churn-lgbm"].url).to.equal("https://churn-lgbm-marketing.models.aro.example.com");
        expect(await promiseOf(pulumi.output(outputs.aroCluster))).to.deep.equal({
            name: "kserve-aro",
            apiServerUrl: "https://api.kserve-aro.westeurope.aroapp.io:6443/",
            consoleUrl: "https://console-openshift-console.apps.kserve-aro.westeurope.aroapp.io/",
        });
    });

    it("refuses to run without the secrets or with an OpenShift older than 4.20", async () => {
        const h2 = new Harness();
        await h2.setup("aro");
        let error: unknown;
        try {
            await runProgram(h2, "aro", secrets, { "kserve-platform:aroVersion": "4.18.12" });
        } catch (e) {
            error = e;
        }
        expect((error as ValidationError).problems.map((p) => p.message)).to.deep.equal([
            "4.18.12 is outside OpenShift 4.20-4.23 (Kubernetes 1.33-1.36, the range every pinned component supports: Knative Serving 1.21: 1.33-any; Istio 1.30: 1.32-1.36; cert-manager 1.21: 1.33-1.36)",
        ]);
    });

    aroBaselineTests(h);

    describe("monitoring", () => aroMonitoringTests(h));
});
