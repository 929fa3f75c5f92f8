/**
 * Checks on the set of keys a stack sets, not their values: the Pulumi CLI checks only the keys
 * Pulumi.yaml declares, so a misspelt `kserve-platform:domian` would otherwise be ignored in
 * silence, and so would a key of another cluster flavour.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../components/common";
import { gpuDependentKeys } from "./gpuKeys";
import { ConfigKey, configKeys, ConfigKeyName, projectName } from "./schema";

/** A cluster flavour (`clusterFlavor`). */
export type ClusterFlavor = "existing" | "aks" | "aro";

/** The names of the stack's `kserve-platform:` keys as the program received them. */
export function projectConfigKeys(): string[] {
    const prefix = `${projectName}:`;
    // allConfig() is PULUMI_CONFIG as the CLI (or pulumi.runtime.setAllConfig in tests) handed it over.
    return Object.keys(pulumi.runtime.allConfig())
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length));
}

/** The stack's config as the program reads it: `pulumi.Config`, plus the names of the keys set. */
export function pulumiConfigSource(): { get(key: string): string | undefined; getSecret(key: string): pulumi.Output<string> | undefined; keys(): string[] } {
    const config = new pulumi.Config(projectName);
    return { get: (k) => config.get(k), getSecret: (k) => config.getSecret(k), keys: projectConfigKeys };
}

/** Edit distance with transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[s.length][t.length];
}

/** The candidate closest to `key`, when it is close enough to be a typo of it. */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
    const limit = Math.max(2, Math.floor(key.length / 4));
    let best: { name: string; distance: number } | undefined;
    for (const name of candidates) {
        const distance = editDistance(key, name);
        if (distance <= limit && (!best || distance < best.distance)) {
            best = { name, distance };
        }
    }
    return best?.name;
}

/** A problem for each key that is not in the schema, with the closest declared key. */
export function unknownKeyProblems(keys: readonly string[]): Problem[] {
    const known = Object.keys(configKeys);
    return keys
        .filter((k) => !known.includes(k))
        .map((k) => {
            const hint = didYouMean(k, known);
            return {
                subject: `${projectName}:${k}`,
                path: "",
                message: `is not a ${projectName} config key${hint ? `; did you mean ${projectName}:${hint}?` : ""} (the program would ignore it; every key is in the README's stack config reference)`,
            };
        });
}

/**
 * The flavours a key applies to, from its name: `aks*` keys configure the AKS cluster the stack
 * creates, `aro*` keys the ARO cluster, `azure*`, `appGateway*` and `dnsZone*` keys the Azure
 * resources both build, `modelStore*` keys the Blob store AKS's workload identity reads, and
 * `kubeconfig`, `kubeContext` and `renderYamlToDirectory` a cluster the stack does not create.
 * `gpuNodeTaint` describes GPU nodes the stack does not build: on AKS the GPU pool's taint is known.
 * Undefined: every flavour.
 */
export function keyFlavours(name: string): readonly ClusterFlavor[] | undefined {
    if (["kubeconfig", "kubeContext", "renderYamlToDirectory"].includes(name)) {
        return ["existing"];
    }
    if (name === "gpuNodeTaint") {
        return ["existing", "aro"];
    }
    // Monitoring keys name their feature, not their flavour: Managed Grafana and action groups work on
    // AKS's managed Prometheus, the Prometheus Operator keys on clusters the stack does not build.
    if (["monitoringGrafana", "monitoringGrafanaAdminObjectIds", "monitoringActionGroupId"].includes(name)) {
        return ["aks"];
    }
    if (["monitoringPrometheusOperator", "monitoringSelectorLabels", "monitoringPrometheusNamespace"].includes(name)) {
        return ["existing"];
    }
    // The private endpoint subnet holds the model store's endpoint, and only AKS has a store.
    if (name === "privateEndpointSubnetCidr") {
        return ["aks"];
    }
    if (name === "monitoringLogRetentionDays") {
        return ["aks", "aro"];
    }
    if (name.startsWith("aks") || name.startsWith("modelStore")) {
        return ["aks"];
    }
    if (name.startsWith("aro")) {
        return ["aro"];
    }
    if (name.startsWith("azure") || name.startsWith("appGateway") || name.startsWith("dnsZone")) {
        return ["aks", "aro"];
    }
    return undefined;
}

/** Keys reported by rules of their own in load.ts (with reasons specific to them), not again here. */
const reportedElsewhere: readonly string[] = [
    "kubeconfig",
    "kubeContext",
    "renderYamlToDirectory",
    "appGateway",
    "modelStoreAccountName",
    // config/monitoring.ts
    "monitoringGrafana",
    "monitoringGrafanaAdminObjectIds",
    "monitoringActionGroupId",
    "monitoringPrometheusOperator",
    "monitoringSelectorLabels",
];

/** Why a key of another flavour does nothing on this one. */
const flavourReasons: Record<ClusterFlavor, string> = {
    existing: "the stack uses a cluster it does not create",
    aks: "the stack creates an AKS cluster and builds its provider from that cluster's credentials",
    aro: "the stack creates an ARO cluster and builds its provider from that cluster's credentials",
};

/** True when the stack sets `name` to something other than its default (the CLI passes defaults too). */
export function isSet(get: (key: string) => string | undefined, name: ConfigKeyName): boolean {
    const key: ConfigKey = configKeys[name];
    const value = get(name);
    if (value === undefined || value === "") {
        return false;
    }
    if (key.sensitive) {
        return true;
    }
    if (Array.isArray(key.default)) {
        try {
            return JSON.stringify(JSON.parse(value)) !== JSON.stringify(key.default);
        } catch {
            return true;
        }
    }
    return value !== String(key.default);
}

/** A problem for each key set on a stack whose flavour does not use it. */
export function flavourProblems(get: (key: string) => string | undefined, flavour: ClusterFlavor): Problem[] {
    const problems: Problem[] = [];
    for (const name of Object.keys(configKeys) as ConfigKeyName[]) {
        const flavours = keyFlavours(name);
        if (!flavours || flavours.includes(flavour) || reportedElsewhere.includes(name) || !isSet(get, name)) {
            continue;
        }
        const why =
            name === "gpuNodeTaint" && flavour === "aks"
                ? "on AKS the GPU pool (aksGpuVmSize) carries a taint the stack knows and places GPU models on"
                : `${flavourReasons[flavour]}, so the key would be ignored`;
        problems.push({
            subject: `${projectName}:${name}`,
            path: "",
            message: `only applies to clusterFlavor ${flavours.join(" or ")}, and this stack's is ${flavour}: ${why}; remove it`,
        });
    }
    return problems;
}

/** Keys read only when another key turns their feature on: key → [the switch, what turns it on]. */
const dependentKeys: Partial<Record<ConfigKeyName, [ConfigKeyName, string]>> = {
    aksGpuMinCount: ["aksGpuVmSize", "is set (the GPU pool)"],
    aksGpuMaxCount: ["aksGpuVmSize", "is set (the GPU pool)"],
    aksGpuDriver: ["aksGpuVmSize", "is set (the GPU pool)"],
    appGatewaySubnetCidr: ["appGateway", "is true"],
    appGatewayCertificateKeyVaultId: ["appGateway", "is true"],
    appGatewayCertificateName: ["appGateway", "is true"],
    appGatewayMinCapacity: ["appGateway", "is true"],
    appGatewayMaxCapacity: ["appGateway", "is true"],
    appGatewayWafMode: ["appGateway", "is true"],
    dnsZoneName: ["appGateway", "is true"],
    dnsZoneResourceGroup: ["dnsZoneName", "is set"],
    modelStoreContainer: ["modelStoreAccountName", "is set (the model store)"],
    modelStoreServiceAccount: ["modelStoreAccountName", "is set (the model store)"],
    modelStoreSku: ["modelStoreAccountName", "is set (the model store)"],
    modelStoreProtect: ["modelStoreAccountName", "is set (the model store)"],
    modelStorePublicNetworkAccess: ["modelStoreAccountName", "is set (the model store)"],
    privateEndpointSubnetCidr: ["modelStorePrivateEndpoint", "is true"],
    appGatewayWafMaxRequestBodyKb: ["appGateway", "is true"],
    appGatewayWafRequestBodyInspectKb: ["appGateway", "is true"],
    appGatewayWafFileUploadLimitMb: ["appGateway", "is true"],
    aksMaintenanceDay: ["aksMaintenanceWindow", "is true"],
    aksMaintenanceStartTime: ["aksMaintenanceWindow", "is true"],
    aksMaintenanceDurationHours: ["aksMaintenanceWindow", "is true"],
    aksMaintenanceUtcOffset: ["aksMaintenanceWindow", "is true"],
    aksKubeloginMode: ["aksDisableLocalAccounts", "is true"],
    aksDeployerPrincipalType: ["aksDisableLocalAccounts", "is true"],
    aksDeployerObjectId: ["aksDisableLocalAccounts", "is true"],
    aksDefenderWorkspaceId: ["aksDefender", "is true"],
    monitoringLogRetentionDays: ["monitoring", "is true"],
    alert5xxPercent: ["monitoring", "is true"],
    alertP99LatencyMs: ["monitoring", "is true"],
    alertColdStartSeconds: ["monitoring", "is true"],
    alertModelNotReadyMinutes: ["monitoring", "is true"],
    alertControllerDownMinutes: ["monitoring", "is true"],
    modelAuthTenantId: ["modelAuth", "is true"],
    modelAuthIssuer: ["modelAuth", "is true"],
    modelAuthJwksUri: ["modelAuth", "is true"],
    modelAuthAudiences: ["modelAuth", "is true"],
    ...gpuDependentKeys,
};

/**
 * A problem for each key set while the feature it configures is off (on a stack of the right
 * flavour; keys of another flavour are reported by {@link flavourProblems}).
 */
export function dependentKeyProblems(get: (key: string) => string | undefined, flavour: ClusterFlavor): Problem[] {
    const problems: Problem[] = [];
    for (const [name, [needs, when]] of Object.entries(dependentKeys) as [ConfigKeyName, [ConfigKeyName, string]][]) {
        const flavours = keyFlavours(name);
        if ((flavours && !flavours.includes(flavour)) || !isSet(get, name) || isSet(get, needs)) {
            continue;
        }
        problems.push({ subject: `${projectName}:${name}`, path: "", message: `only applies when ${projectName}:${needs} ${when}; without it the key is ignored` });
    }
    return problems;
}

/** Warnings about keys that work together, but not as one might expect. */
export function keyWarnings(get: (key: string) => string | undefined): Problem[] {
    const warnings: Problem[] = [];
    if (isSet(get, "renderYamlToDirectory")) {
        for (const name of ["kubeconfig", "kubeContext"] as const) {
            if (isSet(get, name)) {
                warnings.push({
                    subject: `${projectName}:${name}`,
                    path: "",
                    message:
                        "is set together with renderYamlToDirectory: manifests are only written to that directory and nothing is applied to the cluster; the Kubernetes provider only asks it whether custom resources are namespaced",
                });
            }
        }
    }
    return warnings;
}
