// The model store. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import type { ConfigKey } from "./key";

/** The model store. */
export const modelStoreKeys = {
    modelStoreAccountName: {
        type: "string",
        description: "Azure: storage account for models (3-24 lower-case letters and digits, globally unique). Unset: no model store.",
        default: "",
    },
    modelStoreContainer: {
        type: "string",
        description: "Azure: blob container of the models.",
        default: defaults.modelStore.containerName,
    },
    modelStoreServiceAccount: {
        type: "string",
        description: "Azure: ServiceAccount that models on the store run as (it carries the store's workload identity).",
        default: defaults.modelStore.serviceAccountName,
    },
    modelStoreSku: {
        type: "string",
        description: "Azure: redundancy of the model storage account.",
        default: defaults.modelStore.sku,
        allowed: ["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS"],
    },
    modelStoreProtect: {
        type: "boolean",
        description: "Azure: protect the model storage account from deletion (unprotect it to tear the environment down).",
        default: true,
    },
} as const satisfies Record<string, ConfigKey>;
