// How the stack's GPU economics settings become AksCluster arguments (used by aksArgs).
import type { StackConfig } from "../config";
import { fixedNames } from "../defaults";
import type { AksClusterArgs } from "./aks";

/** The GPU pool with its scale-down mode, the spot pool and the autoscaler profile; GPU nodes carry the cache agent's label when the cache is on. */
export function gpuClusterArgs(config: StackConfig): Pick<AksClusterArgs, "gpuPool" | "spotGpuPool" | "autoscaler"> {
    const gpu = config.gpu;
    const nodeLabels = gpu?.modelCache ? { [fixedNames.localModelNodeLabel.key]: fixedNames.localModelNodeLabel.value } : undefined;
    const pool = config.aks?.gpuPool;
    return {
        gpuPool: pool && { ...pool, ...(gpu?.scaleDownMode ? { scaleDownMode: gpu.scaleDownMode } : {}), ...(nodeLabels ? { nodeLabels } : {}) },
        spotGpuPool: gpu?.spotPool && { ...gpu.spotPool, ...(nodeLabels ? { nodeLabels } : {}) },
        autoscaler: gpu?.autoscaler,
    };
}
