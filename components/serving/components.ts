/**
 * The components of an InferenceService spec, for rewrites that apply to each of them: the
 * predictor, transformer and explainer, and the predictor of each Standard-mode canary.
 */
import { isRecord } from "../common";

/** A component with where it sits in the spec (`spec.predictor`, `spec.canary[0].predictor`). */
export interface ComponentAt {
    path: string;
    component: Record<string, unknown>;
}

/** Every component of the spec. */
export function listComponents(spec: unknown): ComponentAt[] {
    if (!isRecord(spec)) {
        return [];
    }
    const found: ComponentAt[] = [];
    for (const key of ["predictor", "transformer", "explainer"]) {
        if (isRecord(spec[key])) {
            found.push({ path: `spec.${key}`, component: spec[key] });
        }
    }
    if (Array.isArray(spec.canary)) {
        spec.canary.forEach((c, i) => {
            if (isRecord(c) && isRecord(c.predictor)) {
                found.push({ path: `spec.canary[${i}].predictor`, component: c.predictor });
            }
        });
    }
    return found;
}

/**
 * The spec with `rewrite` applied to every component; returns the spec itself when no component
 * changed (rewrite returns the component it was given), so untouched models stay identical.
 */
export function rewriteComponents(spec: unknown, rewrite: (component: Record<string, unknown>, path: string) => Record<string, unknown>): unknown {
    if (!isRecord(spec)) {
        return spec;
    }
    let out: Record<string, unknown> | undefined;
    for (const key of ["predictor", "transformer", "explainer"]) {
        const component = spec[key];
        if (isRecord(component)) {
            const next = rewrite(component, `spec.${key}`);
            if (next !== component) {
                out ??= { ...spec };
                out[key] = next;
            }
        }
    }
    if (Array.isArray(spec.canary)) {
        const canaries = (spec.canary as unknown[]).map((c, i) => {
            if (!isRecord(c) || !isRecord(c.predictor)) {
                return c;
            }
            const next = rewrite(c.predictor, `spec.canary[${i}].predictor`);
            return next === c.predictor ? c : { ...c, predictor: next };
        });
        if (canaries.some((c, i) => c !== (spec.canary as unknown[])[i])) {
            out ??= { ...spec };
            out.canary = canaries;
        }
    }
    return out ?? spec;
}
