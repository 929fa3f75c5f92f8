// Combinations of AKS version and upgrade channels that break a later `pulumi up`, refused before
// anything is sent. Shared by AksCluster (used from code) and the stack config.

/** AKS automatic upgrade channels. */
export type UpgradeChannel = "none" | "patch" | "stable" | "rapid" | "node-image";
/** AKS node OS upgrade channels. */
export type NodeOsUpgradeChannel = "None" | "Unmanaged" | "NodeImage" | "SecurityPatch";

/** One refused combination, by the stack key that has to change. */
export interface UpgradeProblem {
    key: "aksKubernetesVersion" | "aksNodeOsUpgradeChannel";
    message: string;
}

/**
 * - `patch` with a patch-pinned version (x.y.z): AKS moves the cluster to the newest patch of the
 *   minor (auto-upgrade-cluster.md), and the next update sends the old x.y.z again, which AKS refuses
 *   as a downgrade. The minor alone (x.y) is what the channel keeps current.
 * - `node-image`: AKS sets the node OS channel to `NodeImage` with it (auto-upgrade-node-os-image.md,
 *   "Interactions"), so another node OS channel would be re-sent against the cluster's on every update.
 */
export function checkAksUpgrades(version: string, upgradeChannel: UpgradeChannel, nodeOsUpgradeChannel: NodeOsUpgradeChannel): UpgradeProblem[] {
    const problems: UpgradeProblem[] = [];
    const patchPinned = /^(\d+)\.(\d+)\.\d+$/.exec(version);
    if (patchPinned && upgradeChannel === "patch") {
        const minor = `${patchPinned[1]}.${patchPinned[2]}`;
        problems.push({
            key: "aksKubernetesVersion",
            message: `${version} pins a patch, but aksUpgradeChannel patch moves the cluster to newer ${minor} patches and the next update would send ${version} back (a downgrade AKS refuses); set aksKubernetesVersion to ${minor}, or aksUpgradeChannel to none to own the patch yourself`,
        });
    }
    if (upgradeChannel === "node-image" && nodeOsUpgradeChannel !== "NodeImage") {
        problems.push({
            key: "aksNodeOsUpgradeChannel",
            message: `got ${nodeOsUpgradeChannel}; aksUpgradeChannel node-image makes AKS set the node OS channel to NodeImage; set aksNodeOsUpgradeChannel to NodeImage, or (better) aksUpgradeChannel to patch and keep ${nodeOsUpgradeChannel} for node images`,
        });
    }
    return problems;
}
