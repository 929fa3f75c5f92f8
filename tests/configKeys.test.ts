import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ClusterFlavor, configKeys, didYouMean, keyFlavours, knativeConfigFeatures, loadConfig, StackConfig } from "../config";
import { ValidationError } from "../components/common";
import { knownKnativeFlags } from "../components/serving";
import { versions } from "../components/versions";
import { stackConfig } from "./harness";

/** Problems as "subject path: message" lines, or [] with the config. */
function run(values: Record<string, string>, keys = true, location = "westeurope"): { config?: StackConfig; problems: string[] } {
    try {
        const source = { get: (k: string) => values[k], ...(keys ? { keys: () => Object.keys(values) } : {}) };
        return { config: loadConfig(source, (ns, k) => (ns === "azure-native" && k === "location" ? location : undefined)), problems: [] };
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return { problems: (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`) };
    }
}

const unknown = (key: string, hint?: string) =>
    `kserve-platform:${key}: is not a kserve-platform config key${hint ? `; did you mean kserve-platform:${hint}?` : ""} (the program would ignore it; every key is in the README's stack config reference)`;

describe("config keys", () => {
    describe("unknown keys (the Pulumi CLI checks only keys Pulumi.yaml declares)", () => {
        it("are errors with the closest declared key", () => {
            expect(run({ domian: "ml.example.org", model: "[]", ingressServiceTyp: "NodePort", ModelNamespace: "team-a", frobnicate: "1" }).problems).to.deep.equal([
                unknown("domian", "domain"),
                unknown("model", "models"),
                unknown("ingressServiceTyp", "ingressServiceType"),
                unknown("ModelNamespace", "modelNamespace"),
                unknown("frobnicate"),
            ]);
        });

        it("are read from every key the program receives, as PULUMI_CONFIG hands them over", () => {
            // The harness feeds config with setAllConfig, which writes the PULUMI_CONFIG the CLI sets.
            pulumi.runtime.setAllConfig({ ...stackConfig("local"), "kserve-platform:domian": "ml.example.org", "other-project:domian": "x" });
            try {
                loadConfig();
                expect.fail("loadConfig accepted kserve-platform:domian");
            } catch (e) {
                expect((e as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`)).to.deep.equal([unknown("domian", "domain")]);
            } finally {
                pulumi.runtime.setAllConfig({});
            }
        });

        it("suggests only what is close", () => {
            expect(didYouMean("domian", Object.keys(configKeys))).to.equal("domain");
            expect(didYouMean("aksGpuVmSise", Object.keys(configKeys))).to.equal("aksGpuVmSize");
            expect(didYouMean("zone", Object.keys(configKeys))).to.equal(undefined);
        });
    });

    describe("keys of another cluster flavour", () => {
        const why = {
            existing: "the stack uses a cluster it does not create, so the key would be ignored",
            aks: "the stack creates an AKS cluster and builds its provider from that cluster's credentials, so the key would be ignored",
            aro: "the stack creates an ARO cluster and builds its provider from that cluster's credentials, so the key would be ignored",
        };
        const line = (key: string, flavours: string, flavour: ClusterFlavor, reason = why[flavour]) =>
            `kserve-platform:${key}: only applies to clusterFlavor ${flavours}, and this stack's is ${flavour}: ${reason}; remove it`;

        it("Azure keys on existing", () => {
            expect(run({ aksGpuVmSize: "Standard_NC24ads_A100_v4", azureVnetCidr: "10.50.0.0/16", aroVersion: "4.20.8", dnsZoneName: "example.com", modelStoreSku: "Standard_ZRS" }).problems).to.deep.equal([
                line("azureVnetCidr", "aks or aro", "existing"),
                line("aksGpuVmSize", "aks", "existing"),
                line("dnsZoneName", "aks or aro", "existing"),
                line("aroVersion", "aro", "existing"),
                line("modelStoreSku", "aks", "existing"),
            ]);
        });

        it("ARO keys on AKS and AKS keys on ARO", () => {
            expect(run({ clusterFlavor: "aks", aroWorkerCount: "4", aroPullSecret: "{}" }).problems).to.deep.equal([line("aroPullSecret", "aro", "aks"), line("aroWorkerCount", "aro", "aks")]);
            const aro = { clusterFlavor: "aro", aroVersion: "4.20.8", aroDomain: "kserve", aroPullSecret: "{}", aroClientId: "00000000-0000-0000-0000-000000000001", aroClientSecret: "s" };
            const ids = { aroServicePrincipalObjectId: "00000000-0000-0000-0000-000000000002", aroRpObjectId: "00000000-0000-0000-0000-000000000003" };
            expect(run({ ...aro, ...ids, aksTier: "Standard" }).problems).to.deep.equal([line("aksTier", "aks", "aro")]);
        });

        it("gpuNodeTaint on AKS, whose GPU pool's taint the stack knows", () => {
            expect(run({ clusterFlavor: "aks", gpuNodeTaint: "sku=gpu:NoSchedule" }).problems).to.deep.equal([
                line("gpuNodeTaint", "existing or aro", "aks", "on AKS the GPU pool (aksGpuVmSize) carries a taint the stack knows and places GPU models on"),
            ]);
        });

        it("counts only values that differ from the default (the CLI passes Pulumi.yaml's defaults)", () => {
            const defaults = Object.fromEntries(
                Object.entries(configKeys)
                    .filter(([name]) => name !== "models")
                    .map(([name, key]) => [name, typeof key.default === "object" ? JSON.stringify(key.default) : String(key.default)]),
            );
            expect(run(defaults).problems).to.deep.equal([]);
        });

        it("classifies every key as the schema describes it", () => {
            // Descriptions start with the flavour: "AKS:", "ARO:", "Azure:" (both Azure flavours).
            for (const [name, key] of Object.entries(configKeys)) {
                const flavours = keyFlavours(name);
                if (key.description.startsWith("AKS:")) {
                    expect(flavours, name).to.deep.equal(["aks"]);
                } else if (key.description.startsWith("ARO:")) {
                    expect(flavours, name).to.deep.equal(["aro"]);
                } else if (key.description.startsWith("Azure:")) {
                    expect(["aks", "aro"], name).to.include.members([...(flavours ?? ["existing"])]);
                } else if (flavours) {
                    expect(flavours, name).to.include("existing");
                }
            }
        });

        it("keys of a feature that is off", () => {
            const off = (key: string, needs: string) => `kserve-platform:${key}: only applies when kserve-platform:${needs}; without it the key is ignored`;
            expect(run({ clusterFlavor: "aks", aksGpuMaxCount: "4", appGatewayWafMode: "Detection", dnsZoneResourceGroup: "rg-dns", modelStoreSku: "Standard_ZRS" }).problems).to.deep.equal([
                off("aksGpuMaxCount", "aksGpuVmSize is set (the GPU pool)"),
                off("appGatewayWafMode", "appGateway is true"),
                off("dnsZoneResourceGroup", "dnsZoneName is set"),
                off("modelStoreSku", "modelStoreAccountName is set (the model store)"),
            ]);
            expect(run({ clusterFlavor: "aks", aksGpuVmSize: "Standard_NC24ads_A100_v4", aksGpuMaxCount: "4", modelStoreAccountName: "kservemodels", modelStoreSku: "Standard_ZRS" }).problems).to.deep.equal([]);
        });

        it("a render directory with a kubeconfig is a warning that says what the kubeconfig is for", () => {
            // pulumi-kubernetes 4.34 ProviderArgs.renderYamlToDirectory: render mode only asks the
            // kubeconfig's cluster whether custom resources are namespaced.
            // loadConfig logs each warning with pulumi.log.warn, which prints to the console when no
            // engine is attached (as here): caught, so the test says it instead of npm test's output.
            const logged: unknown[][] = [];
            const warn = console.warn;
            console.warn = (...args: unknown[]) => logged.push(args);
            let result: ReturnType<typeof run>;
            try {
                result = run({ renderYamlToDirectory: "rendered", kubeconfig: "/tmp/k" });
            } finally {
                console.warn = warn;
            }
            const { config, problems } = result;
            expect(problems).to.deep.equal([]);
            expect(logged).to.deep.equal([
                [
                    "warning: [runtime] kserve-platform:kubeconfig: is set together with renderYamlToDirectory: manifests are only written to that directory and nothing is applied to the cluster; the Kubernetes provider only asks it whether custom resources are namespaced",
                ],
            ]);
            expect(config!.warnings).to.deep.equal([
                {
                    subject: "kserve-platform:kubeconfig",
                    path: "",
                    message:
                        "is set together with renderYamlToDirectory: manifests are only written to that directory and nothing is applied to the cluster; the Kubernetes provider only asks it whether custom resources are namespaced",
                },
            ]);
            expect(run({ renderYamlToDirectory: "rendered" }).config!.warnings).to.deep.equal([]);
        });
    });

    describe("the harness feeds config as the CLI does", () => {
        it("gives secret stand-ins only to the stacks whose flavour reads them", () => {
            expect(stackConfig("dev")["kserve-platform:aroPullSecret"]).to.equal("");
            expect(stackConfig("aro")["kserve-platform:aroPullSecret"]).to.equal("stand-in-for-kserve-platform:aroPullSecret");
        });
    });

    describe("Knative feature flags", () => {
        it("are Knative Serving 1.21.3's config-features keys (bump the list with versions.knativeServing)", () => {
            expect(versions.knativeServing).to.equal("1.21.3");
            expect(knativeConfigFeatures).to.include.members([...knownKnativeFlags]);
            expect(run({ knativeExtraFeatures: JSON.stringify(["kubernetes.podspec-affinity", "multi-container-probing", "secure-pod-defaults"]) }).problems).to.deep.equal([]);
        });
    });
});
