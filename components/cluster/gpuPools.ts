/**
 * GPU economics of an AKS cluster: the cluster autoscaler profile, the scale-down mode of the
 * regular GPU pool, and the spot GPU pool. Pure functions of plain values, checked against the
 * AKS API types of azure-native 3.28.0 (API version 2025-09-01) and the AKS docs
 * (MicrosoftDocs/azure-aks-docs: cluster-autoscaler.md, scale-down-mode.md, spot-node-pool.md).
 */
import type * as containerservice from "@pulumi/azure-native/containerservice";
import type * as azureInputs from "@pulumi/azure-native/types/input";
import type { Problem } from "../common";
import { defaults } from "../defaults";
import type { Taint } from "../common";

/** Cluster autoscaler expanders (azure-native `Expander`). */
export type Expander = "least-waste" | "most-pods" | "priority" | "random";
/** What the autoscaler does with a node it removes (azure-native `ScaleDownMode`). */
export type ScaleDownMode = "Delete" | "Deallocate";
/** What Azure does with an evicted spot node (azure-native `ScaleSetEvictionPolicy`). */
export type SpotEvictionPolicy = "Delete" | "Deallocate";

/**
 * The cluster autoscaler profile (`autoScalerProfile` of the managed cluster). Each field left
 * unset keeps the platform's GPU default ({@link defaults}.gpuEconomics); AKS's own defaults are
 * in its cluster-autoscaler.md table.
 */
export interface AutoscalerProfileArgs {
    /** How long a node must be unneeded before it is removed, whole minutes (`5m`). */
    scaleDownUnneededTime?: string;
    /** How long after a scale-up scale-down evaluation resumes, whole minutes (`10m`). */
    scaleDownDelayAfterAdd?: string;
    /** How long the autoscaler waits for a node to come up, whole minutes (`20m`). */
    maxNodeProvisionTime?: string;
    /** Which pool grows when several could take the pending pods. */
    expander?: Expander;
}

/** The spot GPU pool: same taint and labels as the regular one, plus AKS's spot taint and label. */
export interface SpotGpuPoolArgs {
    /** VM size, e.g. `Standard_NC24ads_A100_v4`. */
    vmSize: string;
    /** Fewest nodes. Defaults to 0. */
    minCount?: number;
    /** Most nodes (mind the subscription's spot quota). Defaults to 2. */
    maxCount?: number;
    /** `Delete` (default) or `Deallocate` (evicted nodes keep counting against quota). */
    evictionPolicy?: SpotEvictionPolicy;
    /** Highest price per hour in US dollars, or -1 (default) for up to the on-demand price. */
    maxPrice?: number;
    /** `Install` (default: the regular GPU pool's choice) or `None` (the NVIDIA GPU operator). */
    driver?: "Install" | "None";
    /** Extra node labels (the model cache's agent selects GPU nodes by one). */
    nodeLabels?: Record<string, string>;
}

/** AKS's name for the pool, and the label and taint AKS puts on spot nodes (spot-node-pool.md). */
export const spotPool = {
    name: "gpuspot",
    label: { key: "kubernetes.azure.com/scalesetpriority", value: "spot" },
    taint: { key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" } satisfies Taint,
} as const;

/** `key=value:Effect`, as AKS writes node taints. */
export function taintText(t: Taint): string {
    return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

const minutes = /^[1-9]\d*m$|^0m$/;

/** Problems of an autoscaler profile: AKS takes these durations in whole minutes only. */
export function autoscalerProfileProblems(args: AutoscalerProfileArgs, subject: string, pathOf: (field: keyof AutoscalerProfileArgs) => string = (f) => f): Problem[] {
    const problems: Problem[] = [];
    for (const field of ["scaleDownUnneededTime", "scaleDownDelayAfterAdd", "maxNodeProvisionTime"] as const) {
        const value = args[field];
        if (value !== undefined && !minutes.test(value)) {
            problems.push({ subject, path: pathOf(field), message: `got "${value}"; AKS takes whole minutes, e.g. 5m (no other unit)` });
        }
    }
    return problems;
}

/** The managed cluster's `autoScalerProfile`: the GPU defaults with the given fields over them. */
export function autoscalerProfile(args: AutoscalerProfileArgs): azureInputs.containerservice.ManagedClusterPropertiesAutoScalerProfileArgs {
    const d = defaults.gpuEconomics;
    return {
        scaleDownUnneededTime: args.scaleDownUnneededTime ?? d.scaleDownUnneededTime,
        scaleDownDelayAfterAdd: args.scaleDownDelayAfterAdd ?? d.scaleDownDelayAfterAdd,
        maxNodeProvisionTime: args.maxNodeProvisionTime ?? d.maxNodeProvisionTime,
        expander: args.expander ?? d.expander,
        // Model downloads land in emptyDir volumes: they must not keep an idle GPU node alive.
        skipNodesWithLocalStorage: "false",
    };
}

/**
 * Inputs of the regular GPU pool for its scale-down mode. `Deallocate` keeps the OS disk (node
 * image, pulled container images) of removed nodes, so a restart skips image pulls; it needs a
 * managed OS disk (scale-down-mode.md, "Limitations": ephemeral OS disks are not supported).
 */
export function scaleDownModeInputs(mode: ScaleDownMode | undefined): Partial<containerservice.AgentPoolArgs> {
    // Unset sends nothing: AKS's default is Delete, and existing pools see no diff.
    if (mode === undefined) {
        return {};
    }
    return mode === "Deallocate" ? { scaleDownMode: mode, osDiskType: "Managed" } : { scaleDownMode: mode };
}

/**
 * Inputs of the spot GPU pool beyond a regular pool's: `scaleSetPriority: Spot`, the eviction
 * policy and price cap, and the spot label and taint next to the GPU ones. AKS adds the spot label
 * and taint itself and reports them in the pool's `nodeLabels` and `nodeTaints` (spot-node-pool.md,
 * `az aks nodepool show`); sending them keeps the next preview free of a diff.
 */
export function spotPoolInputs(args: SpotGpuPoolArgs, gpu: { taint: Taint; nodeLabels: Record<string, string> }): Partial<containerservice.AgentPoolArgs> {
    const d = defaults.gpuEconomics;
    return {
        scaleSetPriority: "Spot",
        scaleSetEvictionPolicy: args.evictionPolicy ?? d.spotEvictionPolicy,
        spotMaxPrice: args.maxPrice ?? d.spotMaxPrice,
        nodeTaints: [taintText(gpu.taint), taintText(spotPool.taint)],
        nodeLabels: { ...gpu.nodeLabels, [spotPool.label.key]: spotPool.label.value },
    };
}

/** Problems of a spot pool: counts, and a price that is -1 or above zero (AgentPool `spotMaxPrice`). */
export function spotPoolProblems(args: SpotGpuPoolArgs, subject: string, pathOf: (field: keyof SpotGpuPoolArgs) => string = (f) => f): Problem[] {
    const problems: Problem[] = [];
    const min = args.minCount ?? defaults.gpuEconomics.spotMinCount;
    const max = args.maxCount ?? defaults.gpuEconomics.spotMaxCount;
    if (min > max) {
        problems.push({ subject, path: pathOf("minCount"), message: `${min} is greater than maxCount ${max}` });
    }
    if (args.maxPrice !== undefined && !(args.maxPrice === -1 || args.maxPrice > 0)) {
        problems.push({ subject, path: pathOf("maxPrice"), message: `got ${args.maxPrice}; must be -1 (up to the on-demand price) or a price above 0 in US dollars per hour` });
    }
    return problems;
}

/** Local NVMe data disks of a VM size: how many, and their total size. */
export interface LocalNvme {
    disks: number;
    totalGiB: number;
}

/**
 * GPU VM sizes with local NVMe data disks (MicrosoftDocs/azure-aks-docs
 * best-practices-storage-nvme.md, "Example GPU VM sizes with NVMe disks"; NC24ads_A100_v4 has one
 * of the NC48ads_A100_v4's two 894 GiB disks, per the Azure NC A100 v4 series table). AKS leaves
 * them unformatted and unmounted; the model cache mounts them (components/platform/localModel.ts).
 * Sizes not listed get the cache on the OS disk.
 */
export const gpuLocalNvme: Readonly<Record<string, LocalNvme>> = {
    Standard_NC24ads_A100_v4: { disks: 1, totalGiB: 894 },
    Standard_NC48ads_A100_v4: { disks: 2, totalGiB: 1788 },
    Standard_NC96ads_A100_v4: { disks: 4, totalGiB: 3576 },
    Standard_ND96isr_H100_v5: { disks: 8, totalGiB: 28610 },
    Standard_ND96isr_H200_v5: { disks: 8, totalGiB: 28610 },
};
