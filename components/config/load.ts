/**
 * Reads and validates the whole stack config at start-up. Every problem (bad keys, bad models) is
 * collected and reported in one error before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { keyVaultName, wildcardRecordName } from "../azure/appGateway";
import { bindModelsToStore } from "../azure/binding";
import type { NodeOsUpgradeChannel, UpgradeChannel } from "../cluster/aks";
import type { KubeloginMode } from "../cluster/kubeconfig";
import { cidrContains, cidrContainsIp, cidrsOverlap, isRecord, parseCidr, parseIp, Problem, show, throwIfProblems } from "../common";
import { defaults, fixedNames } from "../defaults";
import type { MtlsMode, GatewayServiceType } from "../platform";
import { checkModel, checkModelEntries, DeploymentMode, ModelDeclaration, modelRequestsGpu, ModelValidationOptions, modelSubject as servingModelSubject, placeGpuModels, Taint } from "../serving";
import { dependentKeyProblems, didYouMean, flavourProblems, keyWarnings, pulumiConfigSource, unknownKeyProblems } from "./keys";
import { knativeFeatureRefusal } from "./knativeFeatures";
import { modelNamespaceProblem } from "./namespaces";
import { MonitoringSettings, readMonitoring } from "./monitoring";
import { modelHostProblems } from "./hosts";
import { federatedCredentialProblems, reservedSubnetAddress, WafBodySettings, wafProblems } from "./azureLimits";
import { AzureBaselineSettings, readAzureBaseline } from "./baseline";
import { ModelAuthSettings, readModelAuth } from "./modelAuth";
import { ConfigKey, configKeys, ConfigKeyName, projectName } from "./schema";
import { readAksMaintenance, type AksMaintenanceSettings } from "./maintenance";
import { checkAksVersion, checkOpenShiftVersion, type AksSupportPlan } from "./versions";

/** Azure settings shared by the Azure flavours. */
export interface AzureSettings {
    /** Region, from `azure-native:location`. */
    location: string;
    /** Existing resource group, if any. */
    resourceGroupName?: string;
    vnetCidr: string;
    /** Seconds to wait after creating a role assignment. */
    roleAssignmentWaitSeconds: number;
}

/** AKS settings. */
export interface AksSettings {
    nodeSubnetCidr: string;
    podCidr: string;
    serviceCidr: string;
    dnsServiceIp: string;
    kubernetesVersion: string;
    tier: "Free" | "Standard" | "Premium";
    /** `AKSLongTermSupport` (Premium tier) keeps a minor supported a year past community support. */
    supportPlan: AksSupportPlan;
    /** Planned maintenance windows of the auto-upgrade and node OS schedules; undefined: none. */
    maintenance?: AksMaintenanceSettings;
    systemPool: { vmSize: string; count: number };
    userPool: { vmSize: string; minCount: number; maxCount: number };
    gpuPool?: { vmSize: string; minCount: number; maxCount: number; driver: "Install" | "None" };
    upgradeChannel: UpgradeChannel;
    nodeOsUpgradeChannel: NodeOsUpgradeChannel;
    adminGroupObjectIds: string[];
    disableLocalAccounts: boolean;
    /** kubelogin login mode without local accounts. */
    kubeloginMode: KubeloginMode;
    /** Kind of the principal running Pulumi; undefined: derived from the login mode. */
    deployerPrincipalType?: "User" | "ServicePrincipal";
    privateCluster: boolean;
    outboundType: "loadBalancer" | "userAssignedNATGateway";
}

/** The Application Gateway in front of the internal Istio gateway. */
export interface AppGatewaySettings {
    subnetCidr: string;
    certificate: { keyVaultId: string; secretName: string };
    minCapacity: number;
    maxCapacity: number;
    wafMode: "Prevention" | "Detection";
    dnsZone?: { name: string; resourceGroupName: string };
    /** WAF request body limits. */
    waf: WafBodySettings;
}

/** Azure Red Hat OpenShift settings. */
export interface AroSettings {
    version: string;
    domain: string;
    pullSecret: pulumi.Output<string>;
    clientId: string;
    clientSecret: pulumi.Output<string>;
    servicePrincipalObjectId: string;
    resourceProviderObjectId: string;
    apiVisibility: "Private" | "Public";
    ingressVisibility: "Private" | "Public";
    masterVmSize: string;
    workerVmSize: string;
    workerCount: number;
    masterSubnetCidr: string;
    workerSubnetCidr: string;
    podCidr: string;
    serviceCidr: string;
}

/** The model store, when configured. */
export interface ModelStoreSettings {
    accountName: string;
    containerName: string;
    serviceAccountName: string;
    sku: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS";
    protect: boolean;
    /** Namespaces with models on the store. */
    namespaces: string[];
}

/** The validated stack config, with defaults applied. */
export interface StackConfig {
    clusterFlavor: "existing" | "aks" | "aro";
    environment: "local" | "dev" | "prod";
    kubeconfig?: string;
    kubeContext?: string;
    renderYamlToDirectory?: string;
    domain: string;
    urlScheme: "http" | "https";
    modelNamespace: string;
    deploymentMode: DeploymentMode;
    installCertManager: boolean;
    installIstio: boolean;
    installRuntimes: boolean;
    protectCrds: boolean;
    meshMtlsMode: MtlsMode;
    ingressServiceType: GatewayServiceType;
    ingressInternal: boolean;
    ingressPrivateIp?: string;
    modelNetworkPolicies: boolean;
    requireMinReplicas: boolean;
    /** Model namespaces and knative-serving join the mesh (STRICT mTLS needs it). */
    sidecarInjection: boolean;
    knativeProgressDeadline: string;
    registriesSkippingTagResolving: string[];
    knativeExtraFeatures: string[];
    modelReadyTimeoutSeconds: number;
    helmTimeoutSeconds: number;
    storageUriPrefixes: string[];
    gpuNodeTaint?: Taint;
    /** Azure settings (Azure flavours). */
    azure?: AzureSettings;
    /** AKS settings (flavour `aks`). */
    aks?: AksSettings;
    /** ARO settings (flavour `aro`). */
    aro?: AroSettings;
    /** The Application Gateway, when `appGateway` is on. */
    appGateway?: AppGatewaySettings;
    /** The model store, when `modelStoreAccountName` is set. */
    modelStore?: ModelStoreSettings;
    /** Metrics, alerts and dashboards, when `monitoring` is on. */
    monitoring?: MonitoringSettings;
    /** The models as they will be deployed: GPU models placed on the GPU pool, store models bound to the store. */
    models: ModelDeclaration[];
    /** The options every model was validated with (and InferenceServices re-check with). */
    modelValidation: ModelValidationOptions;
    /** Settings that work, but probably not as meant; logged as warnings. */
    warnings?: Problem[];
    /** Zones and the network and access baseline (Azure flavours). */
    azureBaseline?: AzureBaselineSettings;
    /** Who may call a model, when `modelAuth` is on. */
    modelAuth?: ModelAuthSettings;
}

/** Where config values come from: `pulumi.Config` in a program, anything with `get` in tests. */
export interface ConfigSource {
    get(key: string): string | undefined;
    /** A secret value; defaults to `get` wrapped as a secret. */
    getSecret?(key: string): pulumi.Output<string> | undefined;
    /** Names of the keys the stack sets (without the namespace), to find unknown ones; unset skips that check. */
    keys?(): readonly string[];
}

/** Reads keys of other namespaces (provider config such as `azure-native:location`). */
export type ProviderConfigSource = (namespace: string, key: string) => string | undefined;

const pulumiProviderConfig: ProviderConfigSource = (namespace, key) => new pulumi.Config(namespace).get(key);

const dnsName = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const duration = /^\d+(s|m|h)$/;
const taintPattern = /^([A-Za-z0-9./_-]+)(=([A-Za-z0-9._-]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
const storageAccountName = /^[a-z0-9]{3,24}$/;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function spec(name: ConfigKeyName): ConfigKey {
    return configKeys[name];
}

/** Reads the raw values with their declared types, recording problems instead of throwing. */
export class Reader {
    readonly problems: Problem[] = [];

    constructor(private readonly source: ConfigSource) {}

    problem(key: string, message: string, path = ""): void {
        this.problems.push({ subject: `${projectName}:${key}`, path, message });
    }

    /** The value as set; an empty string counts as unset for keys of other types than string. */
    private raw(name: ConfigKeyName): string | undefined {
        const value = this.source.get(name);
        return value === "" && spec(name).type !== "string" ? undefined : value;
    }

    /**
     * A string key. Empty means unset for keys whose default is empty, and is kept for keys with a
     * real default (an empty gpuNodeTaint turns the check off).
     */
    string(name: ConfigKeyName): string | undefined {
        const key = spec(name);
        const raw = this.raw(name) ?? (key.default as string);
        const value = raw === "" && key.default === "" ? undefined : raw;
        if (value !== undefined && key.allowed && !key.allowed.includes(value)) {
            this.problem(name, `got "${value}"; allowed: ${key.allowed.join(", ")}`);
        }
        return value;
    }

    /** A string key with a default, so never undefined. */
    required<T extends string>(name: ConfigKeyName): T {
        return (this.string(name) ?? "") as T;
    }

    boolean(name: ConfigKeyName): boolean {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as boolean;
        }
        if (raw !== "true" && raw !== "false") {
            this.problem(name, `got "${raw}"; must be true or false`);
        }
        return raw === "true";
    }

    integer(name: ConfigKeyName, min: number): number {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as number;
        }
        const value = Number(raw);
        if (!Number.isInteger(value) || value < min) {
            this.problem(name, `got "${raw}"; must be an integer >= ${min}`);
        }
        return value;
    }

    /** A JSON list; `undefined` when it is not one (the problem is recorded). */
    list(name: ConfigKeyName): unknown[] | undefined {
        const raw = this.raw(name);
        if (raw === undefined) {
            const fallback = spec(name).default as readonly unknown[] | undefined;
            return fallback ? [...fallback] : [];
        }
        let value: unknown;
        try {
            value = JSON.parse(raw);
        } catch {
            this.problem(name, `is not a list (got ${show(raw)}); write it as a YAML list in the stack file`);
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.problem(name, `got ${show(value)}; must be a list`);
            return undefined;
        }
        return value as unknown[];
    }

    /** A secret key; a problem when it is required and unset. */
    secret(name: ConfigKeyName, requiredFor: string): pulumi.Output<string> {
        const value = this.source.getSecret ? this.source.getSecret(name) : this.source.get(name) === undefined ? undefined : pulumi.secret(this.source.get(name)!);
        if (value === undefined) {
            this.problem(name, `is required for ${requiredFor}; set it with pulumi config set --secret ${projectName}:${name}`);
            return pulumi.secret("");
        }
        return value;
    }

    /** A string key that must be set for a feature. */
    needed(name: ConfigKeyName, requiredFor: string): string {
        const value = this.string(name);
        if (!value) {
            this.problem(name, `is required for ${requiredFor}`);
        }
        return value ?? "";
    }

    strings(name: ConfigKeyName, pattern?: RegExp, what?: string): string[] {
        const list = this.list(name) ?? [];
        list.forEach((item, i) => {
            if (typeof item !== "string" || (pattern && !pattern.test(item))) {
                this.problem(name, `got ${show(item)}; must be ${what ?? "a string"}`, `[${i}]`);
            }
        });
        return list.filter((i): i is string => typeof i === "string");
    }
}

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

    const gpuPool = config.aks?.gpuPool;
    config.modelValidation = {
        defaultDeploymentMode: config.deploymentMode,
        extraStorageUriPrefixes: storageUriPrefixes,
        checkDefaultRuntimes: config.installRuntimes,
        // On AKS the GPU pool's taint is known, and GPU models are placed on it.
        gpuTaint: config.clusterFlavor === "aks" ? (gpuPool ? { ...defaults.gpu.taint } : undefined) : gpuNodeTaint,
        reservedNamespaces: Object.values(defaults.namespaces),
        requireMinReplicas: config.requireMinReplicas,
    };
    config.models = readModels(r, config, modelNamespace);
    config.azureBaseline = readAzureBaseline(r, config);
    config.modelAuth = readModelAuth(r, config);

    throwIfProblems("Stack config", r.problems);
    return config;
}

function readAzure(r: Reader, providerConfig: ProviderConfigSource): AzureSettings {
    const location = providerConfig("azure-native", "location");
    if (!location) {
        r.problems.push({ subject: "azure-native:location", path: "", message: "is not set; the Azure flavours need a region (pulumi config set azure-native:location westeurope)" });
    }
    const vnetCidr = r.required("azureVnetCidr");
    cidr(r, "azureVnetCidr", vnetCidr);
    return { location: location ?? "", resourceGroupName: r.string("azureResourceGroup"), vnetCidr, roleAssignmentWaitSeconds: r.integer("azureRoleAssignmentWaitSeconds", 0) };
}

/** Parses a CIDR key, recording a problem when it is not one. */
function cidr(r: Reader, key: ConfigKeyName, text: string) {
    const parsed = parseCidr(text);
    if (!parsed) {
        r.problem(key, `got "${text}"; must be an IPv4 range a.b.c.d/n with the address on the range's boundary`);
    }
    return parsed;
}

function readAks(r: Reader, azure: AzureSettings): AksSettings {
    const version = r.required("aksKubernetesVersion");
    const supportPlan = r.required<AksSupportPlan>("aksSupportPlan");
    for (const p of checkAksVersion(version, r.required("aksTier"), supportPlan)) {
        r.problem(p.key, p.message);
    }

    const settings: AksSettings = {
        nodeSubnetCidr: r.required("aksNodeSubnetCidr"),
        podCidr: r.required("aksPodCidr"),
        serviceCidr: r.required("aksServiceCidr"),
        dnsServiceIp: r.required("aksDnsServiceIp"),
        kubernetesVersion: version,
        tier: r.required("aksTier"),
        supportPlan,
        maintenance: readAksMaintenance(r),
        systemPool: { vmSize: r.required("aksSystemVmSize"), count: r.integer("aksSystemNodeCount", 1) },
        userPool: { vmSize: r.required("aksUserVmSize"), minCount: r.integer("aksUserMinCount", 1), maxCount: r.integer("aksUserMaxCount", 1) },
        upgradeChannel: r.required("aksUpgradeChannel"),
        nodeOsUpgradeChannel: r.required("aksNodeOsUpgradeChannel"),
        adminGroupObjectIds: r.strings("aksAdminGroupObjectIds", guid, "an Entra ID object id (a GUID)"),
        disableLocalAccounts: r.boolean("aksDisableLocalAccounts"),
        kubeloginMode: r.required("aksKubeloginMode"),
        deployerPrincipalType: r.string("aksDeployerPrincipalType") as AksSettings["deployerPrincipalType"],
        privateCluster: r.boolean("aksPrivateCluster"),
        outboundType: r.required("aksOutboundType"),
    };
    if (settings.userPool.minCount > settings.userPool.maxCount) {
        r.problem("aksUserMinCount", `${settings.userPool.minCount} is greater than aksUserMaxCount ${settings.userPool.maxCount}`);
    }
    const gpuVmSize = r.string("aksGpuVmSize");
    if (gpuVmSize) {
        settings.gpuPool = { vmSize: gpuVmSize, minCount: r.integer("aksGpuMinCount", 0), maxCount: r.integer("aksGpuMaxCount", 1), driver: r.required("aksGpuDriver") };
        if (settings.gpuPool.minCount > settings.gpuPool.maxCount) {
            r.problem("aksGpuMinCount", `${settings.gpuPool.minCount} is greater than aksGpuMaxCount ${settings.gpuPool.maxCount}`);
        }
    }
    if (settings.disableLocalAccounts && settings.adminGroupObjectIds.length === 0) {
        r.problem("aksDisableLocalAccounts", "needs aksAdminGroupObjectIds: without local accounts, only Entra ID groups can administer the cluster");
    }

    const vnet = parseCidr(azure.vnetCidr);
    const nodes = cidr(r, "aksNodeSubnetCidr", settings.nodeSubnetCidr);
    const pods = cidr(r, "aksPodCidr", settings.podCidr);
    const services = cidr(r, "aksServiceCidr", settings.serviceCidr);
    const dns = parseIp(settings.dnsServiceIp);
    if (vnet && nodes && !cidrContains(vnet, nodes)) {
        r.problem("aksNodeSubnetCidr", `${settings.nodeSubnetCidr} is not inside azureVnetCidr ${azure.vnetCidr}`);
    }
    for (const [key, range] of [["aksPodCidr", pods], ["aksServiceCidr", services]] as const) {
        if (vnet && range && cidrsOverlap(vnet, range)) {
            r.problem(key, `${settings[key === "aksPodCidr" ? "podCidr" : "serviceCidr"]} overlaps azureVnetCidr ${azure.vnetCidr}; overlay ranges must lie outside the VNet`);
        }
    }
    if (pods && services && cidrsOverlap(pods, services)) {
        r.problem("aksServiceCidr", `${settings.serviceCidr} overlaps aksPodCidr ${settings.podCidr}`);
    }
    if (dns === undefined) {
        r.problem("aksDnsServiceIp", `got "${settings.dnsServiceIp}"; must be an IPv4 address`);
    } else if (services && !cidrContainsIp(services, dns)) {
        r.problem("aksDnsServiceIp", `${settings.dnsServiceIp} is not inside aksServiceCidr ${settings.serviceCidr}`);
    }
    return settings;
}

function readAro(r: Reader, azure: AzureSettings): AroSettings {
    const requiredFor = "clusterFlavor aro";
    const version = r.needed("aroVersion", requiredFor);
    for (const p of checkOpenShiftVersion(version)) {
        r.problem(p.key, p.message);
    }
    const settings: AroSettings = {
        version,
        domain: r.needed("aroDomain", requiredFor),
        pullSecret: r.secret("aroPullSecret", requiredFor),
        clientId: r.needed("aroClientId", requiredFor),
        clientSecret: r.secret("aroClientSecret", requiredFor),
        servicePrincipalObjectId: r.needed("aroServicePrincipalObjectId", requiredFor),
        resourceProviderObjectId: r.needed("aroRpObjectId", requiredFor),
        apiVisibility: r.required("aroApiVisibility"),
        ingressVisibility: r.required("aroIngressVisibility"),
        masterVmSize: r.required("aroMasterVmSize"),
        workerVmSize: r.required("aroWorkerVmSize"),
        workerCount: r.integer("aroWorkerCount", 3),
        masterSubnetCidr: r.required("aroMasterSubnetCidr"),
        workerSubnetCidr: r.required("aroWorkerSubnetCidr"),
        podCidr: r.required("aroPodCidr"),
        serviceCidr: r.required("aroServiceCidr"),
    };
    for (const key of ["aroClientId", "aroServicePrincipalObjectId", "aroRpObjectId"] as const) {
        const value = r.string(key);
        if (value && !guid.test(value)) {
            r.problem(key, `got "${value}"; must be a GUID`);
        }
    }
    if (settings.domain && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(settings.domain)) {
        r.problem("aroDomain", `got "${settings.domain}"; must be a lower-case DNS name or prefix`);
    }
    const vnet = parseCidr(azure.vnetCidr);
    const master = cidr(r, "aroMasterSubnetCidr", settings.masterSubnetCidr);
    const worker = cidr(r, "aroWorkerSubnetCidr", settings.workerSubnetCidr);
    for (const [key, range, text] of [["aroMasterSubnetCidr", master, settings.masterSubnetCidr], ["aroWorkerSubnetCidr", worker, settings.workerSubnetCidr]] as const) {
        if (vnet && range && !cidrContains(vnet, range)) {
            r.problem(key, `${text} is not inside azureVnetCidr ${azure.vnetCidr}`);
        }
    }
    if (master && worker && cidrsOverlap(master, worker)) {
        r.problem("aroWorkerSubnetCidr", `${settings.workerSubnetCidr} overlaps aroMasterSubnetCidr ${settings.masterSubnetCidr}`);
    }
    cidr(r, "aroPodCidr", settings.podCidr);
    cidr(r, "aroServiceCidr", settings.serviceCidr);
    return settings;
}

/** The subnet the internal gateway address must come from. */
function gatewaySubnet(config: StackConfig): { key: ConfigKeyName; cidr: string } | undefined {
    if (config.aks) {
        return { key: "aksNodeSubnetCidr", cidr: config.aks.nodeSubnetCidr };
    }
    if (config.aro) {
        return { key: "aroWorkerSubnetCidr", cidr: config.aro.workerSubnetCidr };
    }
    return undefined;
}

function readIngress(r: Reader, config: StackConfig): void {
    const ip = config.ingressPrivateIp;
    if (ip !== undefined) {
        const parsed = parseIp(ip);
        const subnet = gatewaySubnet(config);
        const range = subnet && parseCidr(subnet.cidr);
        if (parsed === undefined) {
            r.problem("ingressPrivateIp", `got "${ip}"; must be an IPv4 address`);
        } else if (range && !cidrContainsIp(range, parsed)) {
            r.problem("ingressPrivateIp", `${ip} is not inside ${subnet.key} ${subnet.cidr}, where the internal load balancer takes its address`);
        } else if (subnet) {
            const reserved = reservedSubnetAddress("ingressPrivateIp", ip, subnet.key, subnet.cidr);
            r.problems.push(...(reserved ? [reserved] : []));
        }
        if (!config.ingressInternal) {
            r.problem("ingressPrivateIp", "only applies to an internal gateway; set kserve-platform:ingressInternal true");
        }
    }
    if (!r.boolean("appGateway")) {
        return;
    }
    if (config.clusterFlavor === "existing" || !config.azure) {
        r.problem("appGateway", "needs an Azure cluster (clusterFlavor aks or aro): the gateway lives in the cluster's VNet");
        return;
    }
    const keyVaultId = r.string("appGatewayCertificateKeyVaultId");
    const secretName = r.string("appGatewayCertificateName");
    if (!keyVaultId || !secretName) {
        r.problem("appGateway", "has no TLS certificate; set appGatewayCertificateKeyVaultId and appGatewayCertificateName (a certificate for *.<domain> in a Key Vault)");
    } else if (!keyVaultName(keyVaultId)) {
        r.problem("appGatewayCertificateKeyVaultId", `got "${keyVaultId}"; must be a Key Vault resource id /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>`);
    }
    if (!config.ingressInternal || ip === undefined) {
        r.problem("appGateway", "forwards to the internal Istio gateway: set ingressInternal true and ingressPrivateIp (its fixed address)");
    }
    if (config.urlScheme !== "https") {
        r.problem("urlScheme", 'must be "https" behind the Application Gateway, which terminates TLS: status.url and endpoints then show what clients call');
    }
    const subnetCidr = r.required("appGatewaySubnetCidr");
    const subnet = cidr(r, "appGatewaySubnetCidr", subnetCidr);
    const vnet = parseCidr(config.azure.vnetCidr);
    const nodes = gatewaySubnet(config);
    const nodeRange = nodes && parseCidr(nodes.cidr);
    if (subnet && vnet && !cidrContains(vnet, subnet)) {
        r.problem("appGatewaySubnetCidr", `${subnetCidr} is not inside azureVnetCidr ${config.azure.vnetCidr}`);
    } else if (subnet && nodeRange && cidrsOverlap(subnet, nodeRange)) {
        r.problem("appGatewaySubnetCidr", `${subnetCidr} overlaps ${nodes.key} ${nodes.cidr}; the gateway needs a subnet of its own`);
    }
    const minCapacity = r.integer("appGatewayMinCapacity", 0);
    const maxCapacity = r.integer("appGatewayMaxCapacity", 2);
    if (minCapacity > maxCapacity) {
        r.problem("appGatewayMinCapacity", `${minCapacity} is greater than appGatewayMaxCapacity ${maxCapacity}`);
    }
    let dnsZone: AppGatewaySettings["dnsZone"];
    const zoneName = r.string("dnsZoneName");
    if (zoneName) {
        dnsZone = { name: zoneName, resourceGroupName: r.needed("dnsZoneResourceGroup", "dnsZoneName") };
        if (!wildcardRecordName(config.domain, zoneName)) {
            r.problem("dnsZoneName", `${zoneName} does not contain the domain ${config.domain}`);
        }
    }
    config.appGateway = {
        subnetCidr,
        certificate: { keyVaultId: keyVaultId ?? "", secretName: secretName ?? "" },
        minCapacity,
        maxCapacity,
        wafMode: r.required("appGatewayWafMode"),
        dnsZone,
        waf: {
            maxRequestBodyKb: r.integer("appGatewayWafMaxRequestBodyKb", 0),
            requestBodyInspectKb: r.integer("appGatewayWafRequestBodyInspectKb", 0),
            fileUploadLimitMb: r.integer("appGatewayWafFileUploadLimitMb", 0),
        },
    };
    r.problems.push(...wafProblems(config.appGateway.waf));
}

/** `environment: prod` requires the hardening a production stack must not run without, all reported at once. */
function checkProductionBaseline(r: Reader, config: StackConfig): void {
    if (config.environment !== "prod") {
        return;
    }
    const needs = (key: ConfigKeyName, ok: boolean, what: string) => {
        if (!ok) {
            r.problem(key, `a prod stack needs ${what}`);
        }
    };
    if (config.aks) {
        needs("aksPrivateCluster", config.aks.privateCluster, "a private API server; set true");
    }
    if (config.aro) {
        needs("aroApiVisibility", config.aro.apiVisibility === "Private", "a private API server; set Private");
    }
    needs("ingressInternal", config.ingressInternal, "the ingress gateway on an internal load balancer (public traffic goes through the Application Gateway); set true");
    needs("meshMtlsMode", config.meshMtlsMode === "STRICT", "mutual TLS everywhere in the mesh; set STRICT");
    needs("modelNetworkPolicies", config.modelNetworkPolicies, "network policies around model namespaces; set true");
    needs("requireMinReplicas", config.requireMinReplicas, "models that do not scale to zero unless annotated; set true");
    needs("protectCrds", config.protectCrds, "the KServe CRDs protected (deleting them deletes every InferenceService); set true");
}

function readModelStore(r: Reader, flavor: StackConfig["clusterFlavor"]): ModelStoreSettings | undefined {
    const accountName = r.string("modelStoreAccountName");
    if (!accountName) {
        return undefined;
    }
    if (!storageAccountName.test(accountName)) {
        r.problem("modelStoreAccountName", `got "${accountName}"; must be 3-24 lower-case letters and digits (a globally unique storage account name)`);
    }
    if (flavor !== "aks") {
        r.problem("modelStoreAccountName", "needs an AKS cluster (clusterFlavor aks): the store's identity trusts that cluster's OIDC issuer through workload identity");
    }
    const serviceAccountName = r.required("modelStoreServiceAccount");
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(serviceAccountName)) {
        r.problem("modelStoreServiceAccount", `got "${serviceAccountName}"; must be a DNS-1123 subdomain`);
    }
    return {
        accountName,
        containerName: r.required("modelStoreContainer"),
        serviceAccountName,
        sku: r.required("modelStoreSku"),
        protect: r.boolean("modelStoreProtect"),
        namespaces: [],
    };
}

/** Subject of the problems of model `i`. */
function modelSubject(list: unknown[], i: number): string {
    return servingModelSubject(`${projectName}:models`, list, i);
}

/**
 * Reads the models, applies what the cluster does to them (GPU placement, the model store), and
 * validates the result: what is validated is what will be deployed.
 */
function readModels(r: Reader, config: StackConfig, defaultNamespace: string): ModelDeclaration[] {
    const list = r.list("models");
    if (list === undefined) {
        return [];
    }
    // `auth` (who may call the model) is the stack's, not the model's: readModelAuth reads it, and
    // the models go on without it, checked exactly as models from code are.
    const entries = list.map((e) => (isRecord(e) && "auth" in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== "auth")) : e));
    r.problems.push(...checkModelEntries(list, (i) => modelSubject(list, i), ["auth"]));
    let models = entries as ModelDeclaration[];
    if (config.clusterFlavor === "aks") {
        const gpuPool = config.aks?.gpuPool;
        if (gpuPool) {
            models = placeGpuModels(models, { taint: { ...defaults.gpu.taint }, nodeSelector: { [fixedNames.gpuNodeLabel.key]: fixedNames.gpuNodeLabel.value } });
        } else {
            models.forEach((m, i) => {
                if (modelRequestsGpu(m)) {
                    r.problems.push({ subject: modelSubject(list, i), path: "spec", message: "requests GPUs, but the stack has no GPU pool; set kserve-platform:aksGpuVmSize (or drop the GPU request)" });
                }
            });
        }
    }
    if (config.modelStore) {
        const binding = bindModelsToStore(models, config.modelStore, defaultNamespace, (i) => modelSubject(list, i));
        r.problems.push(...binding.problems);
        models = binding.models;
        config.modelStore.namespaces = binding.namespaces;
        r.problems.push(...federatedCredentialProblems(binding.namespaces));
    }
    r.problems.push(...modelHostProblems(models, config.domain, defaultNamespace, config.deploymentMode));
    models.forEach((m, i) => {
        if (!isRecord(list[i])) {
            return;
        }
        r.problems.push(
            ...checkModel({ name: m.name, namespace: m.namespace ?? defaultNamespace, labels: m.labels, annotations: m.annotations, spec: m.spec }, modelSubject(list, i), config.modelValidation),
        );
    });
    return models;
}
