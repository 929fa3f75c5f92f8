/**
 * Which models read from the model store, and what they need to: the store's service account
 * and the pod label the workload identity webhook acts on. Pure functions of plain values, so
 * stack config can apply and validate them before anything is created.
 */
import { isRecord, Problem, show } from "../common";
import { fixedNames } from "../defaults";
import { type ModelStoreRef, storePrefix } from "../azure/storeRef";
import { rewriteComponents } from "./components";
import type { ModelDeclaration } from "./models";

/** Every storage URI of a component: its implementation's `storageUri` and its `storageUris`. */
function storageUris(component: Record<string, unknown>): string[] {
    const uris: string[] = [];
    for (const value of Object.values(component)) {
        if (isRecord(value) && typeof value.storageUri === "string") {
            uris.push(value.storageUri);
        }
    }
    if (Array.isArray(component.storageUris)) {
        uris.push(...component.storageUris.filter(isRecord).map((s) => s.uri).filter((u): u is string => typeof u === "string"));
    }
    return uris;
}

/** The result of binding models to the store. */
export interface StoreBinding {
    /** The models, those on the store with the service account and label set. */
    models: ModelDeclaration[];
    /** Namespaces with models on the store (each needs the service account and a federated credential). */
    namespaces: string[];
    /** Models that cannot be bound. */
    problems: Problem[];
}

/**
 * Gives every component that reads from the store the store's service account and the label
 * `azure.workload.identity/use: "true"`. A component that names another service account cannot
 * get tokens for the store, which is reported as a problem.
 */
export function bindModelsToStore(models: readonly ModelDeclaration[], store: ModelStoreRef, defaultNamespace: string, subject: (i: number) => string): StoreBinding {
    const prefix = storePrefix(store);
    const namespaces = new Set<string>();
    const problems: Problem[] = [];
    const bound = models.map((model, i) => {
        // Entries that are not models yet are reported by the entry checks.
        if (!isRecord(model) || !isRecord(model.spec)) {
            return model;
        }
        const spec = rewriteComponents(model.spec, (component, path) => {
            if (!storageUris(component).some((u) => u.startsWith(prefix))) {
                return component;
            }
            const own = component.serviceAccountName;
            if (own !== undefined && own !== store.serviceAccountName) {
                problems.push({
                    subject: subject(i),
                    path: `${path}.serviceAccountName`,
                    message: `${show(own)} cannot read the model store (${prefix}); remove it, the platform sets "${store.serviceAccountName}"`,
                });
                return component;
            }
            return {
                ...component,
                serviceAccountName: store.serviceAccountName,
                labels: { ...(isRecord(component.labels) ? component.labels : {}), [fixedNames.workloadIdentityLabel]: "true" },
            };
        });
        if (spec === model.spec) {
            return model;
        }
        namespaces.add(model.namespace ?? defaultNamespace);
        return { ...model, spec: spec as ModelDeclaration["spec"] };
    });
    return { models: bound, namespaces: [...namespaces].sort(), problems };
}
