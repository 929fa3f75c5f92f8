/**
 * Models that opt in to spot GPU nodes: every GPU component tolerates AKS's spot taint and prefers
 * (never requires) spot nodes, so it runs on spot capacity when there is some and on the regular
 * GPU pool when spot nodes are evicted or not to be had. Pure functions of plain values.
 */
import { isRecord, Problem } from "../common";
import { listComponents, rewriteComponents } from "./components";
import type { ModelDeclaration } from "./modelDeclaration";
import { requestsGpu, tolerates } from "./validate";
import type { Taint } from "../common";

/** The spot nodes, as models see them. */
export interface SpotPlacement {
    /** AKS's spot taint, `kubernetes.azure.com/scalesetpriority=spot:NoSchedule`. */
    taint: Taint;
    /** AKS's spot label, `kubernetes.azure.com/scalesetpriority: spot`. */
    label: { key: string; value: string };
    /** Weight of the preferred node affinity (1-100). */
    weight?: number;
}

/** What the stack offers for a model that asks for spot. */
export interface SpotCapacity {
    /** A spot GPU pool exists. */
    spotPool: boolean;
    /** A regular GPU pool exists, for replicas to fall back to when spot nodes are evicted. */
    regularPool: boolean;
    /** The stack is a production one (`environment: prod`). */
    production: boolean;
}

/** Fewest replicas of the model's predictor (KServe defaults `minReplicas` to 1). */
function predictorMinReplicas(model: ModelDeclaration): number {
    const predictor: unknown = model.spec.predictor;
    const min = isRecord(predictor) ? predictor.minReplicas : undefined;
    return typeof min === "number" ? min : 1;
}

/**
 * Why a model cannot run on spot here: no spot pool, no GPU request, or, in production, a model
 * that must always answer (`minReplicas >= 1`) with no regular GPU pool to fall back to when
 * Azure evicts the spot nodes.
 */
export function spotProblems(model: ModelDeclaration, capacity: SpotCapacity, subject: string, path = "spot"): Problem[] {
    if (!capacity.spotPool) {
        return [{ subject, path, message: "asks for spot GPU nodes, but the stack has no spot GPU pool; set kserve-platform:aksGpuSpotVmSize (or drop spot)" }];
    }
    if (!listComponents(model.spec).some(({ component }) => requestsGpu(component))) {
        return [{ subject, path, message: "asks for spot GPU nodes, but no component requests GPUs (nvidia.com/gpu); spot applies to the GPU pools only" }];
    }
    const min = predictorMinReplicas(model);
    if (capacity.production && min >= 1 && !capacity.regularPool) {
        return [
            {
                subject,
                path,
                message: `a production model with minReplicas ${min} cannot run on spot alone: Azure may evict every spot node at once; add a regular GPU pool (kserve-platform:aksGpuVmSize) to fall back to, or set minReplicas 0`,
            },
        ];
    }
    return [];
}

/**
 * The model with every GPU component tolerating the spot taint and preferring spot nodes; what the
 * user wrote stays (an existing matching toleration is not repeated, their affinity terms are kept).
 */
export function placeOnSpot(model: ModelDeclaration, placement: SpotPlacement): ModelDeclaration {
    const spec = rewriteComponents(model.spec, (component) => {
        if (!requestsGpu(component)) {
            return component;
        }
        const tolerations: unknown[] = Array.isArray(component.tolerations) ? component.tolerations : [];
        const tolerated = tolerations.some((t) => isRecord(t) && tolerates(t, placement.taint));
        const affinity = isRecord(component.affinity) ? component.affinity : {};
        const nodeAffinity = isRecord(affinity.nodeAffinity) ? affinity.nodeAffinity : {};
        const preferred: unknown[] = Array.isArray(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution) ? nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution : [];
        const term = { weight: placement.weight ?? 100, preference: { matchExpressions: [{ key: placement.label.key, operator: "In", values: [placement.label.value] }] } };
        return {
            ...component,
            tolerations: tolerated ? tolerations : [...tolerations, { key: placement.taint.key, operator: "Equal", value: placement.taint.value, effect: placement.taint.effect }],
            affinity: { ...affinity, nodeAffinity: { ...nodeAffinity, preferredDuringSchedulingIgnoredDuringExecution: [...preferred, term] } },
        };
    });
    return spec === model.spec ? model : { ...model, spec: spec as ModelDeclaration["spec"] };
}
