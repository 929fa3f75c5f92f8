/**
 * Reads and validates the whole stack config at start-up. Every problem (bad keys, bad models) is
 * collected and reported in one error before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems } from "../components/common";
import { defaults } from "../components/defaults";
import type { MtlsMode } from "../components/platform";
import { platformNamespaces } from "../components/serving";
import type { Taint } from "../components/common";
import { dependentKeyProblems, didYouMean, flavourProblems, keyWarnings, pulumiConfigSource, unknownKeyProblems } from "./keys";
import { knativeFeatureRefusal } from "./knativeFeatures";
import { modelNamespaceProblem } from "./namespaces";
import { readMonitoring } from "./monitoring";
import { readAzureBaseline } from "./baseline";
import { readModelAuth } from "./modelAuth";
import { Reader } from "./reader";
import type { ConfigSource, ProviderConfigSource, StackConfig } from "./types";
import { readAks, readAro, readAzure } from "./clusters";
import { readIngress } from "./ingress";
import { checkProductionBaseline } from "./production";
import { readModels, readModelStore } from "./models";
import { readLlmServing } from "./llm";
import { readLlms } from "./llms";
import { ModelKinds } from "./modelKinds";
import { graphAuthProblems, readGraphs, readRuntimes } from "./graphs";
import { readGpuEconomics, spotGpuPoolDeclared } from "./gpu";

// The pieces, for callers that imported them from here.
export * from "./types";
export { Reader } from "./reader";

const pulumiProviderConfig: ProviderConfigSource = (namespace, key) => new pulumi.Config(namespace).get(key);

const dnsName = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const duration = /^\d+(s|m|h)$/;
const taintPattern = /^([A-Za-z0-9./_-]+)(=([A-Za-z0-9._-]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;


/** Parses `key=value:Effect` (or `key:Effect`). */
export function parseTaint(text: string): Taint | undefined {
    const m = taintPattern.exec(text);
    return m ? { key: m[1], value: m[3] || undefined, effect: m[4] } : undefined;
}

/**
 * Reads every key, validates each and the models, and returns the typed config, or throws one
 * `ValidationError` listing every problem.
 */
export function loadConfig(source: ConfigSource = pulumiConfigSource(), providerConfig: ProviderConfigSource = pulumiProviderConfig): StackConfig {
    const r = new Reader(source);

    const domain = r.required("domain");
    if (!dnsName.test(domain)) {
        r.problem("domain", `"${domain}" is not a DNS name with at least two labels (e.g. models.example.com)`);
    }
    const modelNamespace = r.required("modelNamespace");
    const namespaceProblem = modelNamespaceProblem(modelNamespace);
    if (namespaceProblem) {
        r.problem("modelNamespace", namespaceProblem);
    }
    const progressDeadline = r.required("knativeProgressDeadline");
    if (!duration.test(progressDeadline)) {
        r.problem("knativeProgressDeadline", `got "${progressDeadline}"; must be a duration like 1200s, 20m or 1h`);
    }
    const taintText = r.string("gpuNodeTaint");
    const gpuNodeTaint = taintText ? parseTaint(taintText) : undefined;
    if (taintText && !gpuNodeTaint) {
        r.problem("gpuNodeTaint", `got "${taintText}"; must be key=value:Effect (Effect NoSchedule, PreferNoSchedule or NoExecute), or empty`);
    }
    const knativeExtraFeatures = r.strings("knativeExtraFeatures");
    knativeExtraFeatures.forEach((flag, i) => {
        const refusal = knativeFeatureRefusal(flag, didYouMean);
        if (refusal) {
            r.problem("knativeExtraFeatures", refusal, `[${i}]`);
        }
    });
    const storageUriPrefixes = r.strings("storageUriPrefixes", /^[a-z][a-z0-9+.-]*:\/\//, "a URI prefix ending in :// (e.g. myscheme://)");
    const meshMtlsMode = r.required<MtlsMode>("meshMtlsMode");

    const config: StackConfig = {
        clusterFlavor: r.required("clusterFlavor"),
        kubeconfig: r.string("kubeconfig"),
        kubeContext: r.string("kubeContext"),
        renderYamlToDirectory: r.string("renderYamlToDirectory"),
        domain,
        urlScheme: r.required("urlScheme"),
        modelNamespace,
        deploymentMode: r.required("deploymentMode"),
        installCertManager: r.boolean("installCertManager"),
        installIstio: r.boolean("installIstio"),
        installRuntimes: r.boolean("installRuntimes"),
        protectCrds: r.boolean("protectCrds"),
        llmServing: readLlmServing(r),
        meshMtlsMode,
        ingressServiceType: r.required("ingressServiceType"),
        environment: r.required("environment"),
        ingressInternal: r.boolean("ingressInternal"),
        ingressPrivateIp: r.string("ingressPrivateIp"),
        modelNetworkPolicies: r.boolean("modelNetworkPolicies"),
        requireMinReplicas: r.boolean("requireMinReplicas"),
        // STRICT mTLS only works when the model pods and Knative's own pods are in the mesh.
        sidecarInjection: meshMtlsMode === "STRICT",
        knativeProgressDeadline: progressDeadline,
        registriesSkippingTagResolving: r.strings("registriesSkippingTagResolving", /^[a-z0-9.-]+(:\d+)?$/, "a registry host such as myregistry.azurecr.io"),
        knativeExtraFeatures,
        modelReadyTimeoutSeconds: r.integer("modelReadyTimeoutSeconds", 60),
        helmTimeoutSeconds: r.integer("helmTimeoutSeconds", 60),
        storageUriPrefixes,
        gpuNodeTaint,
        models: [],
        llms: [],
        modelValidation: {},
    };
    // The CLI checks only declared keys: unknown ones and keys of another flavour are reported here.
    r.problems.push(...unknownKeyProblems(source.keys?.() ?? []));
    if (["existing", "aks", "aro"].includes(config.clusterFlavor)) {
        r.problems.push(...flavourProblems((k) => source.get(k), config.clusterFlavor), ...dependentKeyProblems((k) => source.get(k), config.clusterFlavor));
    }
    config.warnings = keyWarnings((k) => source.get(k));
    for (const w of config.warnings) {
        void pulumi.log.warn(`${w.subject}: ${w.message}`);
    }
    if (config.clusterFlavor === "aks" || config.clusterFlavor === "aro") {
        for (const key of ["kubeconfig", "kubeContext", "renderYamlToDirectory"] as const) {
            if (config[key] !== undefined) {
                r.problem(key, `only applies to clusterFlavor existing; the ${config.clusterFlavor} flavour builds its own provider from the cluster's credentials`);
            }
        }
        config.azure = readAzure(r, providerConfig);
    }
    if (config.clusterFlavor === "aks" && config.azure) {
        config.aks = readAks(r, config.azure);
    }
    if (config.clusterFlavor === "aro" && config.azure) {
        config.aro = readAro(r, config.azure);
    }
    readIngress(r, config);
    checkProductionBaseline(r, config);
    config.monitoring = readMonitoring(r, config);
    config.modelStore = readModelStore(r, config.clusterFlavor);

    const gpuPool = config.aks?.gpuPool ?? (spotGpuPoolDeclared(r, config) ? {} : undefined);
    config.modelValidation = {
        defaultDeploymentMode: config.deploymentMode,
        extraStorageUriPrefixes: storageUriPrefixes,
        checkDefaultRuntimes: config.installRuntimes,
        // On AKS the GPU pool's taint is known, and GPU models are placed on it.
        gpuTaint: config.clusterFlavor === "aks" ? (gpuPool ? { ...defaults.gpu.taint } : undefined) : gpuNodeTaint,
        reservedNamespaces: [...platformNamespaces],
        requireMinReplicas: config.requireMinReplicas,
    };
    // One parse of the list: readModels checks the models, readModelAuth reads their `auth` entries.
    const modelList = r.list("models");
    // Entries by kind (modelKinds.ts): runtimes before the models that may name them, graphs after.
    const kinds = new ModelKinds(modelList);
    config.runtimes = readRuntimes(r, config, kinds);
    config.models = readModels(r, config, modelNamespace, modelList);
    config.llms = readLlms(r, config, modelNamespace, modelList);
    config.graphs = readGraphs(r, config, kinds, config.runtimes);
    config.azureBaseline = readAzureBaseline(r, config);
    config.modelAuth = readModelAuth(r, config, modelList ?? []);
    r.problems.push(...graphAuthProblems(config, kinds));
    config.gpu = readGpuEconomics(r, config, modelList ?? []);

    throwIfProblems("Stack config", r.problems);
    return config;
}
