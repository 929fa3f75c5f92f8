// GPU requests and tolerations: which components ask for a GPU, and whether they tolerate the
// GPU nodes' taint (KServe's GPU resource names, Kubernetes' ToleratesTaint). Split from validate.ts.
import { isRecord, type Taint } from "../common";
import { predictorImplementationFields } from "./fields";

/** Resource names KServe treats as GPUs by default, and NVIDIA MIG slices. */
const gpuResource = /^(nvidia\.com\/gpu|nvidia\.com\/mig-.+|amd\.com\/gpu|intel\.com\/gpu|habana\.ai\/gaudi)$/;

/** True when the toleration tolerates the taint (Kubernetes' `ToleratesTaint`). */
export function tolerates(toleration: Record<string, unknown>, taint: Taint): boolean {
    const effect = toleration.effect;
    if (effect !== undefined && effect !== "" && effect !== taint.effect) {
        return false;
    }
    const key = toleration.key;
    const operator = toleration.operator ?? "Equal";
    if ((key === undefined || key === "") && operator === "Exists") {
        return true;
    }
    if (key !== taint.key) {
        return false;
    }
    return operator === "Exists" || (operator === "Equal" && (toleration.value ?? "") === (taint.value ?? ""));
}

/** True when any container of the component requests or limits a GPU resource. */
export function requestsGpu(component: Record<string, unknown>): boolean {
    return componentContainers(component).some((c) => {
        const resources = isRecord(c.resources) ? c.resources : {};
        return [resources.limits, resources.requests].some((r) => isRecord(r) && Object.keys(r).some((k) => gpuResource.test(k)));
    });
}

/** The containers of a component: custom `containers` plus the implementation's inline container. */
export function componentContainers(component: Record<string, unknown>): Record<string, unknown>[] {
    const found: Record<string, unknown>[] = [];
    if (Array.isArray(component.containers)) {
        found.push(...component.containers.filter(isRecord));
    }
    for (const key of [...predictorImplementationFields, "art"]) {
        if (isRecord(component[key])) {
            found.push(component[key]);
        }
    }
    return found;
}
