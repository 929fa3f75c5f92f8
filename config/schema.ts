/**
 * Every stack config key the program reads: its type, description, default and allowed values.
 * `Pulumi.yaml`'s `config:` block is this table (a test keeps the two equal), and the README's
 * config reference is written from it; each family of keys is declared in config/schema/.
 * Defaults come from `components/defaults.ts`.
 */
import { aksKeys } from "./schema/aks";
import { appGatewayKeys } from "./schema/appGateway";
import { aroKeys } from "./schema/aro";
import { baselineKeys } from "./schema/baseline";
import type { ConfigKey } from "./schema/key";
import { modelAuthKeys } from "./schema/modelAuth";
import { modelStoreKeys } from "./schema/modelStore";
import { monitoringKeys } from "./schema/monitoring";
import { platformKeys } from "./schema/platform";
import { gpuConfigKeys } from "./gpuKeys";

export type { ConfigKey, ConfigType } from "./schema/key";

export const projectName = "kserve-platform";

/** The config keys, by name (without the `kserve-platform:` prefix). */
export const configKeys = {
    ...platformKeys,
    ...aksKeys,
    ...appGatewayKeys,
    ...aroKeys,
    ...modelStoreKeys,
    ...monitoringKeys,
    ...baselineKeys,
    ...modelAuthKeys,
    models: {
        type: "array",
        items: "object",
        description: "The models: a list of {name, namespace, labels, annotations, spec}, spec being a KServe v1beta1 InferenceServiceSpec; with kind: LLMInferenceService, spec is a KServe v1alpha2 LLMInferenceServiceSpec (README, Serving an LLM); entries with kind InferenceGraph, ServingRuntime or ClusterServingRuntime declare those instead (README \"Graphs and custom runtimes\").",
        default: [],
        inSchema: false,
    },
    ...gpuConfigKeys,
} as const satisfies Record<string, ConfigKey>;

/** Name of a config key. */
export type ConfigKeyName = keyof typeof configKeys;

/** The `config:` block of Pulumi.yaml that the table above stands for. */
export function pulumiYamlConfig(): Record<string, Record<string, unknown>> {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [name, key] of Object.entries(configKeys) as [string, ConfigKey][]) {
        if (key.inSchema === false) {
            continue;
        }
        block[name] = {
            type: key.type,
            ...(key.items ? { items: { type: key.items } } : {}),
            description: key.allowed ? `${key.description} One of: ${key.allowed.join(", ")}.` : key.description,
            ...(key.default !== undefined ? { default: key.default } : {}),

        };
    }
    return block;
}
