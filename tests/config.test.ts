import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { configKeys, knativeConfigFeatures, loadConfig, parseTaint, pulumiYamlConfig, StackConfig } from "../config";
import { ValidationError } from "../components/common";
import { defaults } from "../components/defaults";
import { root, stackConfig } from "./harness";
import { pulumiYaml, readme } from "../scripts/generate";

/** Loads config from plain values, as `pulumi config` would store them (strings; lists as JSON). */
function load(values: Record<string, unknown>): StackConfig {
    const raw = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    return loadConfig({ get: (k) => raw[k] });
}

/** The problems of a config, as "subject path: message" lines. */
function problems(values: Record<string, unknown>): string[] {
    try {
        load(values);
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        expect(e).to.be.instanceOf(pulumi.RunError);
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
    return [];
}

const model = (name: string, extra: Record<string, unknown> = {}) => ({ name, spec: { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://b/m" } } }, ...extra });

describe("config", () => {
    it("applies every default from the one defaults module", () => {
        const c = load({});
        expect(c).to.deep.include({
            clusterFlavor: "existing",
            domain: defaults.domain,
            urlScheme: "http",
            modelNamespace: "models",
            deploymentMode: "Knative",
            installCertManager: true,
            installIstio: true,
            installRuntimes: true,
            protectCrds: false,
            meshMtlsMode: "PERMISSIVE",
            ingressServiceType: "LoadBalancer",
            knativeProgressDeadline: "1200s",
            modelReadyTimeoutSeconds: 1800,
            helmTimeoutSeconds: 600,
            models: [],
        });
        expect(c.registriesSkippingTagResolving).to.deep.equal([...defaults.registriesSkippingTagResolving]);
        // No GPU taint is assumed on a cluster the stack did not build (KServe's GPU samples carry no toleration).
        expect(c.gpuNodeTaint).to.equal(undefined);
        expect(c.modelValidation).to.deep.include({ checkDefaultRuntimes: true, defaultDeploymentMode: "Knative" });
        expect(c.modelValidation.reservedNamespaces).to.have.members(["cert-manager", "istio-system", "knative-operator", "knative-serving", "kserve", "kserve-localmodel-jobs"]);
    });

    it("reads every key it is given", () => {
        const c = load({
            kubeconfig: "/tmp/kubeconfig",
            kubeContext: "kind-kserve",
            domain: "ml.example.org",
            urlScheme: "https",
            installIstio: "false",
            modelReadyTimeoutSeconds: "600",
            storageUriPrefixes: ["myfs://"],
            gpuNodeTaint: "",
            models: [model("iris")],
        });
        expect(c).to.deep.include({ kubeconfig: "/tmp/kubeconfig", kubeContext: "kind-kserve", domain: "ml.example.org", urlScheme: "https", installIstio: false, modelReadyTimeoutSeconds: 600 });
        expect(c.storageUriPrefixes).to.deep.equal(["myfs://"]);
        expect(c.gpuNodeTaint).to.equal(undefined);
        expect(c.models.map((m) => m.name)).to.deep.equal(["iris"]);
    });

    describe("one test per rule, each naming the key and what is allowed", () => {
        const one = (values: Record<string, unknown>, line: string) => expect(problems(values)).to.deep.equal([line]);
        it("clusterFlavor", () => one({ clusterFlavor: "gke" }, 'kserve-platform:clusterFlavor: got "gke"; allowed: existing, aks, aro'));
        it("domain", () => one({ domain: "localhost" }, 'kserve-platform:domain: "localhost" is not a DNS name with at least two labels (e.g. models.example.com)'));
        it("urlScheme", () => one({ urlScheme: "ftp" }, 'kserve-platform:urlScheme: got "ftp"; allowed: http, https'));
        it("deploymentMode", () => one({ deploymentMode: "Serverless" }, 'kserve-platform:deploymentMode: got "Serverless"; allowed: Knative, Standard'));
        it("booleans", () => one({ installIstio: "yes" }, 'kserve-platform:installIstio: got "yes"; must be true or false'));
        it("integers", () => one({ helmTimeoutSeconds: "10" }, 'kserve-platform:helmTimeoutSeconds: got "10"; must be an integer >= 60'));
        it("meshMtlsMode", () => one({ meshMtlsMode: "strict" }, 'kserve-platform:meshMtlsMode: got "strict"; allowed: PERMISSIVE, STRICT, DISABLE'));
        it("ingressServiceType", () => one({ ingressServiceType: "ExternalName" }, 'kserve-platform:ingressServiceType: got "ExternalName"; allowed: LoadBalancer, NodePort, ClusterIP'));
        it("knativeProgressDeadline", () => one({ knativeProgressDeadline: "20 minutes" }, 'kserve-platform:knativeProgressDeadline: got "20 minutes"; must be a duration like 1200s, 20m or 1h'));
        it("gpuNodeTaint", () => one({ gpuNodeTaint: "nvidia.com/gpu" }, 'kserve-platform:gpuNodeTaint: got "nvidia.com/gpu"; must be key=value:Effect (Effect NoSchedule, PreferNoSchedule or NoExecute), or empty'));
        it("list keys must be lists", () => one({ registriesSkippingTagResolving: { a: 1 } }, 'kserve-platform:registriesSkippingTagResolving: got {"a":1}; must be a list'));
        it("list items", () => one({ registriesSkippingTagResolving: ["ok.io", "Not A Host"] }, 'kserve-platform:registriesSkippingTagResolving [1]: got "Not A Host"; must be a registry host such as myregistry.azurecr.io'));
        it("storageUriPrefixes", () => one({ storageUriPrefixes: ["myfs"] }, 'kserve-platform:storageUriPrefixes [0]: got "myfs"; must be a URI prefix ending in :// (e.g. myscheme://)'));
        // Knative Serving knative-v1.21.3 pkg/apis/config/features.go (unchanged since knative-v1.21.1): the keys NewFeaturesConfigFromMap parses.
        it("knativeExtraFeatures", () =>
            one(
                { knativeExtraFeatures: ["kubernetes.podspec-afinity"] },
                `kserve-platform:knativeExtraFeatures [0]: got "kubernetes.podspec-afinity", which is not a flag of Knative Serving 1.21.3's config-features (Knative would ignore it); did you mean kubernetes.podspec-affinity?; allowed: ${knativeConfigFeatures.join(", ")}`,
            ));
        it("models must be a list", () => one({ models: "iris" }, 'kserve-platform:models: is not a list (got "iris"); write it as a YAML list in the stack file'));
        it("model entries must be objects", () => one({ models: ["iris"] }, 'kserve-platform:models[0]: got "iris"; each model is {name, namespace, labels, annotations, spec, spot, auth}'));
        it("model entries have no other fields", () =>
            one({ models: [model("iris", { predictor: {} })] }, 'kserve-platform:models[0] "iris" predictor: is not a model entry field; allowed: name, namespace, labels, annotations, spec, spot, auth (KServe fields go under spec)'));
        it("model names are unique in the stack", () =>
            one({ models: [model("iris"), model("iris", { namespace: "other" })] }, 'kserve-platform:models[1] "iris" name: "iris" is already the name of models[0]; names must be unique in the stack'));
        it("models are validated with the stack's settings", () => {
            const gpu = { name: "llm", spec: { predictor: { model: { modelFormat: { name: "huggingface" }, storageUri: "hf://org/model", resources: { limits: { "nvidia.com/gpu": "1" } } } } } };
            expect(problems({ models: [gpu], gpuNodeTaint: "nvidia.com/gpu=present:NoSchedule" })).to.deep.equal([
                'kserve-platform:models[0] "llm" spec.predictor.tolerations: the component requests GPUs but does not tolerate the GPU node taint nvidia.com/gpu=present:NoSchedule, so it can never be scheduled; add {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}',
            ]);
            expect(problems({ models: [gpu] })).to.deep.equal([]);
        });
        it("models may not use the platform's namespaces", () =>
            one({ models: [model("iris", { namespace: "kserve" })] }, 'kserve-platform:models[0] "iris" namespace: "kserve" belongs to the platform; use a namespace of your own (not cert-manager, istio-system, knative-operator, knative-serving, kserve, kserve-localmodel-jobs)'));
    });

    describe("the aks flavour", () => {
        const aks = (values: Record<string, unknown>, location: string | null = "westeurope") => {
            const raw = Object.fromEntries(Object.entries({ clusterFlavor: "aks", ...values }).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
            try {
                return { config: loadConfig({ get: (k) => raw[k] }, (ns, k) => (ns === "azure-native" && k === "location" ? (location ?? undefined) : undefined)), problems: [] as string[] };
            } catch (e) {
                return { config: undefined, problems: (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`) };
            }
        };
        const one = (values: Record<string, unknown>, line: string) => expect(aks(values).problems).to.deep.equal([line]);

        it("reads the AKS settings with their defaults", () => {
            const { config } = aks({ aksGpuVmSize: "Standard_NC6s_v3" });
            expect(config!.azure).to.deep.equal({ location: "westeurope", resourceGroupName: undefined, vnetCidr: "10.40.0.0/16", roleAssignmentWaitSeconds: 300 });
            expect(config!.aks).to.deep.include({ kubernetesVersion: "1.35", tier: "Free", supportPlan: "KubernetesOfficial", maintenance: undefined, nodeSubnetCidr: "10.40.0.0/20", podCidr: "10.244.0.0/16", serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.10" });
            expect(config!.aks!.systemPool).to.deep.equal({ vmSize: "Standard_D4ds_v5", count: 2 });
            expect(config!.aks!.userPool).to.deep.equal({ vmSize: "Standard_D8ds_v5", minCount: 1, maxCount: 5 });
            expect(config!.aks!.gpuPool).to.deep.equal({ vmSize: "Standard_NC6s_v3", minCount: 0, maxCount: 2, driver: "Install" });
            expect(config!.modelValidation.gpuTaint).to.deep.equal({ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" });
        });
        it("needs a region", () => expect(aks({}, null).problems).to.deep.equal(["azure-native:location: is not set; the Azure flavours need a region (pulumi config set azure-native:location westeurope)"]));
        // Range checks and AKS's calendar: tests/versions.test.ts.
        it("rejects Kubernetes below the platform's range", () =>
            one(
                { aksKubernetesVersion: "1.32" },
                "kserve-platform:aksKubernetesVersion: 1.32 is outside Kubernetes 1.33-1.36, the range every pinned component supports (Knative Serving 1.21: 1.33-any; Istio 1.30: 1.32-1.36; cert-manager 1.21: 1.33-1.36)",
            ));
        it("accepts the GA versions inside the range", () => {
            for (const v of ["1.35", "1.35.4", "1.36"]) {
                // A patch pin needs a channel that leaves patches alone (tests/dayTwo.test.ts).
                expect(aks({ aksKubernetesVersion: v, aksUpgradeChannel: "none" }).problems, v).to.deep.equal([]);
            }
        });
        it("requires a version number", () => one({ aksKubernetesVersion: "latest" }, 'kserve-platform:aksKubernetesVersion: got "latest"; must be major.minor or major.minor.patch, e.g. 1.35'));
        it("keeps a user node for the platform", () => one({ aksUserMinCount: "0" }, 'kserve-platform:aksUserMinCount: got "0"; must be an integer >= 1'));
        it("orders the user pool bounds", () => one({ aksUserMinCount: "4", aksUserMaxCount: "2" }, "kserve-platform:aksUserMinCount: 4 is greater than aksUserMaxCount 2"));
        it("orders the GPU pool bounds", () => one({ aksGpuVmSize: "Standard_NC6s_v3", aksGpuMinCount: "3", aksGpuMaxCount: "1" }, "kserve-platform:aksGpuMinCount: 3 is greater than aksGpuMaxCount 1"));
        it("needs admin groups without local accounts", () =>
            one({ aksDisableLocalAccounts: "true" }, "kserve-platform:aksDisableLocalAccounts: needs aksAdminGroupObjectIds: without local accounts, only Entra ID groups can administer the cluster"));
        it("takes admin groups as object ids", () => one({ aksAdminGroupObjectIds: ["admins"] }, 'kserve-platform:aksAdminGroupObjectIds [0]: got "admins"; must be an Entra ID object id (a GUID)'));
        it("checks CIDRs", () => one({ azureVnetCidr: "10.40.0.1/16" }, 'kserve-platform:azureVnetCidr: got "10.40.0.1/16"; must be an IPv4 range a.b.c.d/n with the address on the range\'s boundary'));
        it("keeps the node subnet inside the VNet", () => one({ aksNodeSubnetCidr: "10.41.0.0/20" }, "kserve-platform:aksNodeSubnetCidr: 10.41.0.0/20 is not inside azureVnetCidr 10.40.0.0/16"));
        it("keeps overlay ranges outside the VNet", () =>
            one({ aksPodCidr: "10.40.128.0/17" }, "kserve-platform:aksPodCidr: 10.40.128.0/17 overlaps azureVnetCidr 10.40.0.0/16; overlay ranges must lie outside the VNet"));
        it("keeps services apart from pods", () => one({ aksServiceCidr: "10.244.0.0/20", aksDnsServiceIp: "10.244.0.10" }, "kserve-platform:aksServiceCidr: 10.244.0.0/20 overlaps aksPodCidr 10.244.0.0/16"));
        it("puts cluster DNS inside the service range", () => one({ aksDnsServiceIp: "10.1.0.10" }, "kserve-platform:aksDnsServiceIp: 10.1.0.10 is not inside aksServiceCidr 10.0.0.0/16"));
        it("has no use for a kubeconfig", () =>
            one({ kubeconfig: "/tmp/k" }, "kserve-platform:kubeconfig: only applies to clusterFlavor existing; the aks flavour builds its own provider from the cluster's credentials"));
        it("checks the storage account name", () =>
            one({ modelStoreAccountName: "Kserve-Models" }, 'kserve-platform:modelStoreAccountName: got "Kserve-Models"; must be 3-24 lower-case letters and digits (a globally unique storage account name)'));
        it("collects the namespaces with models on the store", () => {
            const store = (name: string, namespace: string) => ({ name, namespace, spec: { predictor: { model: { modelFormat: { name: "xgboost" }, storageUri: `https://kservemodels.blob.core.windows.net/models/${name}/` } } } });
            const { config } = aks({ modelStoreAccountName: "kservemodels", models: [store("a", "team-a"), store("b", "team-b"), model("c")] });
            expect(config!.modelStore).to.deep.equal({ accountName: "kservemodels", containerName: "models", serviceAccountName: "kserve-model-reader", sku: "Standard_LRS", protect: true, namespaces: ["team-a", "team-b"] });
        });
    });

    describe("the aro flavour", () => {
        const complete = {
            clusterFlavor: "aro",
            aroVersion: "4.20.8",
            aroDomain: "kserve-aro",
            aroPullSecret: '{"auths":{}}',
            aroClientId: "00000000-0000-0000-0000-00000000c11e",
            aroClientSecret: "s3cret",
            aroServicePrincipalObjectId: "00000000-0000-0000-0000-00000000b0b0",
            aroRpObjectId: "00000000-0000-0000-0000-00000000a2a2",
        };
        const aro = (values: Record<string, unknown>) => {
            const raw = Object.fromEntries(Object.entries({ ...complete, ...values }).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
            try {
                return { config: loadConfig({ get: (k) => (raw[k] === "" ? undefined : raw[k]) }, () => "westeurope"), problems: [] as string[] };
            } catch (e) {
                return { config: undefined, problems: (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`) };
            }
        };

        it("reads the ARO settings, keeping the two secrets secret", async () => {
            const { config } = aro({});
            expect(config!.aro).to.deep.include({ version: "4.20.8", domain: "kserve-aro", apiVisibility: "Private", ingressVisibility: "Private", workerCount: 3 });
            expect(await pulumi.isSecret(config!.aro!.pullSecret)).to.equal(true);
            expect(await pulumi.isSecret(config!.aro!.clientSecret)).to.equal(true);
        });
        it("names every missing key, secrets with how to set them", () =>
            expect(aro({ aroDomain: "", aroPullSecret: "", aroClientSecret: "" }).problems).to.deep.equal([
                "kserve-platform:aroDomain: is required for clusterFlavor aro",
                "kserve-platform:aroPullSecret: is required for clusterFlavor aro; set it with pulumi config set --secret kserve-platform:aroPullSecret",
                "kserve-platform:aroClientSecret: is required for clusterFlavor aro; set it with pulumi config set --secret kserve-platform:aroClientSecret",
            ]));
        it("takes ids as GUIDs", () => expect(aro({ aroRpObjectId: "aro-rp" }).problems).to.deep.equal(['kserve-platform:aroRpObjectId: got "aro-rp"; must be a GUID']));
        it("takes versions as x.y.z", () => expect(aro({ aroVersion: "4.20" }).problems).to.deep.equal(['kserve-platform:aroVersion: got "4.20"; must be x.y.z as az aro get-versions --location <region> lists it']));
        it("keeps the subnets inside the VNet", () =>
            expect(aro({ aroMasterSubnetCidr: "10.50.0.0/23" }).problems).to.deep.equal(["kserve-platform:aroMasterSubnetCidr: 10.50.0.0/23 is not inside azureVnetCidr 10.40.0.0/16"]));
        it("keeps the subnets apart", () =>
            expect(aro({ aroWorkerSubnetCidr: "10.40.32.0/24" }).problems).to.deep.equal(["kserve-platform:aroWorkerSubnetCidr: 10.40.32.0/24 overlaps aroMasterSubnetCidr 10.40.32.0/23"]));
        it("takes the internal gateway address from the worker subnet", () =>
            expect(aro({ ingressInternal: "true", ingressPrivateIp: "10.40.15.250" }).problems).to.deep.equal([
                "kserve-platform:ingressPrivateIp: 10.40.15.250 is not inside aroWorkerSubnetCidr 10.40.36.0/23, where the internal load balancer takes its address",
            ]));
        it("in prod, needs a private API server", () =>
            expect(aro({ environment: "prod", aroApiVisibility: "Public", ingressInternal: "true", meshMtlsMode: "STRICT", modelNetworkPolicies: "true", requireMinReplicas: "true", protectCrds: "true", monitoring: "true", azureZones: ["1", "2"], modelAuthWaiver: "test" }).problems).to.deep.equal([
                "kserve-platform:aroApiVisibility: a prod stack needs a private API server; set Private",
            ]));
    });

    it("keeps the model store to Azure clusters", () =>
        expect(problems({ modelStoreAccountName: "kservemodels" })).to.deep.equal([
            "kserve-platform:modelStoreAccountName: needs an AKS cluster (clusterFlavor aks): the store's identity trusts that cluster's OIDC issuer through workload identity",
        ]));

    it("reports every problem of the stack in one error", () => {
        let error: Error | undefined;
        try {
            load({ domain: "x", urlScheme: "ftp", models: [model("Iris"), { name: "b", spec: { predictor: { minReplicas: -2, model: { modelFormat: { name: "sklearn" } } } } }] });
        } catch (e) {
            error = e as Error;
        }
        expect(error!.message).to.match(/^Stack config is invalid \(4 problems\):/);
        for (const fragment of ["kserve-platform:domain", "kserve-platform:urlScheme", 'kserve-platform:models[0] "Iris" name', 'kserve-platform:models[1] "b" spec.predictor.minReplicas']) {
            expect(error!.message).to.contain(fragment);
        }
    });

    it("parses taints", () => {
        expect(parseTaint("nvidia.com/gpu=present:NoSchedule")).to.deep.equal({ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" });
        expect(parseTaint("sku=gpu:NoExecute")).to.deep.equal({ key: "sku", value: "gpu", effect: "NoExecute" });
        expect(parseTaint("dedicated:PreferNoSchedule")).to.deep.equal({ key: "dedicated", value: undefined, effect: "PreferNoSchedule" });
        expect(parseTaint("nvidia.com/gpu=present")).to.equal(undefined);
    });
});

describe("Pulumi.yaml and the stack files", () => {
    const project = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name: string; runtime: unknown; config: Record<string, unknown> };
    const stacks = fs.readdirSync(root).filter((f) => /^Pulumi\.[a-z]+\.yaml$/.test(f));

    it("is generated from config/schema.ts (npm run gen)", () => {
        expect(project.name).to.equal("kserve-platform");
        expect(project.config).to.deep.equal(JSON.parse(JSON.stringify(pulumiYamlConfig())));
        expect(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")).to.equal(pulumiYaml());
    });

    it("README's config reference is generated from the schema too (npm run gen)", () => {
        const current = fs.readFileSync(path.join(root, "README.md"), "utf8");
        expect(current).to.equal(readme(current));
    });

    it("declares every key but the object-valued models, with a type and a description", () => {
        expect(Object.keys(project.config).sort()).to.deep.equal(Object.keys(configKeys).filter((k) => (configKeys as Record<string, { inSchema?: false }>)[k].inSchema !== false).sort());
        for (const [key, decl] of Object.entries(project.config) as [string, Record<string, unknown>][]) {
            expect(decl.type, key).to.be.oneOf(["string", "boolean", "integer", "array"]);
            expect(decl.description, key).to.be.a("string").and.not.equal("");
        }
    });

    it("gives every key a default, since the Pulumi CLI requires of every stack each declared key without one", () => {
        for (const [key, decl] of Object.entries(project.config) as [string, Record<string, unknown>][]) {
            expect(decl, key).to.have.property("default");
            // A secret key cannot have a plain default (the CLI refuses it), so none is declared secret.
            expect(decl, key).not.to.have.property("secret");
        }
    });

    it("has the local, dev and prod stacks", () => expect(stacks).to.include.members(["Pulumi.local.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]));

    for (const file of stacks) {
        const stack = file.split(".")[1];
        it(`${file} uses only project keys of the declared types, and its config validates`, () => {
            const doc = yaml.load(fs.readFileSync(path.join(root, file), "utf8")) as { config?: Record<string, unknown> };
            for (const [key, value] of Object.entries(doc.config ?? {})) {
                const [namespace, name] = key.split(":");
                if (namespace !== "kserve-platform") {
                    continue;
                }
                expect(configKeys, key).to.have.property(name);
                const decl = project.config[name] as { type: string } | undefined;
                // What the Pulumi CLI checks before running the program.
                if (decl && !(typeof value === "object" && value !== null && "secure" in value)) {
                    const ok = { string: typeof value === "string", boolean: typeof value === "boolean", integer: Number.isInteger(value), array: Array.isArray(value) }[decl.type];
                    expect(ok, `${key} must be a ${decl.type}`).to.equal(true);
                }
            }
            const values = stackConfig(stack, secretStandIns(doc.config ?? {}));
            const c = loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]);
            expect(c.clusterFlavor).to.be.a("string");
        });
    }
});

function secretStandIns(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === "object" && v !== null && "secure" in v).map(([k]) => [k, "stand-in"]));
}
