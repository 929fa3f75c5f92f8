// The structure of an InferenceService: its components (canaries included) and their containers.
import { ComponentKind, Fields, at, frameworkKeys, isRecord, listOf } from "./common";

// ---------------------------------------------------------------------------------------------
// InferenceService structure
// ---------------------------------------------------------------------------------------------

/** One component of an InferenceService and where it sits. */
export interface ComponentAt {
    /** Field path, e.g. `spec.predictor` or `spec.canary[0].predictor`. */
    readonly path: string;
    /** Which component it is. */
    readonly kind: ComponentKind;
    /** True for a Standard-mode canary predictor (`spec.canary[]`), which runs fixed replicas. */
    readonly canary: boolean;
    /** The component spec. */
    readonly spec: Fields;
}

/** The components an InferenceService declares, canary predictors included. */
export function inferenceServiceComponents(props: unknown): ComponentAt[] {
    const spec = at(props, "spec");
    const found: ComponentAt[] = [];
    for (const kind of ["predictor", "transformer", "explainer"] as const) {
        const component = at(spec, kind);
        if (isRecord(component)) {
            found.push({ path: `spec.${kind}`, kind, canary: false, spec: component });
        }
    }
    listOf(at(spec, "canary")).forEach((entry, i) => {
        const predictor = at(entry, "predictor");
        if (isRecord(predictor)) {
            found.push({ path: `spec.canary[${i}].predictor`, kind: "predictor", canary: true, spec: predictor });
        }
    });
    return found;
}

/** Keys of a component that hold an inline container with its own storageUri. */
export function implementationKeys(kind: ComponentKind): readonly string[] {
    switch (kind) {
        case "predictor":
            return ["model", ...frameworkKeys];
        case "explainer":
            return ["art"];
        case "transformer":
            return [];
    }
}

/** A container found in a resource, with its field path. */
export interface ContainerAt {
    /** Field path of the container, e.g. `spec.predictor.containers[0]`. */
    readonly path: string;
    /** The container. */
    readonly container: Fields;
}

/**
 * The predictor's main container: `model`, else the first framework key present, else the
 * `containers[]` entry named `kserve-container`, else the first entry. Undefined when there is none.
 */
export function predictorMainContainer(predictor: unknown, path = "spec.predictor"): ContainerAt | undefined {
    for (const key of ["model", ...frameworkKeys]) {
        const container = at(predictor, key);
        if (isRecord(container)) {
            return { path: `${path}.${key}`, container };
        }
    }
    const containers = listOf(at(predictor, "containers"));
    const named = containers.findIndex((c) => at(c, "name") === "kserve-container");
    const index = named >= 0 ? named : 0;
    const container = containers[index];
    return isRecord(container) ? { path: `${path}.containers[${index}]`, container } : undefined;
}
