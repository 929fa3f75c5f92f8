/**
 * What a stack registers, in a form that can be written to a file and compared: every resource's
 * type, name, parent, aliases, inputs, dependencies and options, in registration order. A refactor
 * must leave it unchanged (existing stacks see no replacement); a feature changes it on purpose,
 * and the snapshot's diff in the commit shows what the next `pulumi up` would send.
 */
import * as fs from "fs";
import * as path from "path";
import { Harness, isSecretInput, root, runProgram, stackConfig } from "./harness";

/**
 * The prod stack with every feature on at once: its models plus one in Standard mode with a
 * transformer (the transformer-to-predictor path without Knative), beside the Knative ones.
 */
export const prodAllFeatures: Record<string, string> = {
    "kserve-platform:models": JSON.stringify([
        ...(JSON.parse(stackConfig("prod")["kserve-platform:models"]) as unknown[]),
        {
            name: "fraud-explained",
            namespace: "risk",
            annotations: { "serving.kserve.io/deploymentMode": "Standard" },
            spec: {
                predictor: {
                    minReplicas: 2,
                    maxReplicas: 4,
                    model: {
                        modelFormat: { name: "xgboost" },
                        protocolVersion: "v2",
                        storageUri: "https://kserveplatformprodmodels.blob.core.windows.net/models/fraud-xgb/v7/",
                        resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
                    },
                },
                transformer: {
                    minReplicas: 2,
                    maxReplicas: 4,
                    containers: [
                        {
                            name: "kserve-container",
                            image: "kserveplatform.azurecr.io/transformers/fraud-features:1.4.0",
                            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                        },
                    ],
                },
            },
        },
        // An LLM with the scheduler (EPP) beside the InferenceServices: its routes, auth, network
        // policies and scrapes meet the same features (tests/flows.test.ts checks its flows).
        {
            kind: "LLMInferenceService",
            name: "qwen-chat",
            namespace: "llm",
            spec: {
                model: { uri: "hf://Qwen/Qwen2.5-7B-Instruct", name: "Qwen/Qwen2.5-7B-Instruct" },
                replicas: 2,
                router: { route: {}, gateway: {}, scheduler: {} },
                template: {
                    containers: [{ name: "main", resources: { requests: { cpu: "4", memory: "32Gi", "nvidia.com/gpu": "1" }, limits: { cpu: "8", memory: "48Gi", "nvidia.com/gpu": "1" } } }],
                },
            },
        },
    ]),
};

/** The stacks whose registrations are kept, with the stand-ins for their secrets. */
export const snapshotStacks: Record<string, { stack: string; secrets?: Record<string, string>; overrides?: Record<string, string> }> = {
    local: { stack: "local" },
    dev: { stack: "dev" },
    prod: { stack: "prod" },
    aro: { stack: "aro", secrets: { "kserve-platform:aroPullSecret": '{"auths":{}}', "kserve-platform:aroClientSecret": "sp-secret" } },
    render: { stack: "render" },
    kind: { stack: "kind" },
    "prod-all-features": { stack: "prod", overrides: prodAllFeatures },
};

export const snapshotDir = path.join(root, "tests", "snapshots");

/** Secret inputs keep their place but not their value (the stand-ins are the tests' own). */
function normalise(value: unknown): unknown {
    if (isSecretInput(value)) {
        return { secret: normalise((value as { value: unknown }).value) };
    }
    if (Array.isArray(value)) {
        return value.map(normalise);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalise((value as Record<string, unknown>)[k])]));
    }
    return value;
}

/** Registers the stack's program under mocks and returns its registrations as JSON text. */
export async function registrations(h: Harness, name: string): Promise<string> {
    const { stack, secrets, overrides } = snapshotStacks[name];
    await h.setup(stack);
    await runProgram(h, stack, secrets ?? {}, overrides ?? {});
    const rows = h.resources.map((r) => ({
        urn: r.urn,
        parent: r.parent,
        aliases: r.aliases,
        custom: r.custom,
        protect: r.protect || undefined,
        retainOnDelete: r.retainOnDelete || undefined,
        deleteBeforeReplace: r.deleteBeforeReplace || undefined,
        replaceOnChanges: r.replaceOnChanges.length ? r.replaceOnChanges : undefined,
        ignoreChanges: r.ignoreChanges.length ? r.ignoreChanges : undefined,
        provider: r.provider || undefined,
        dependencies: [...r.dependencies].sort(),
        inputs: normalise(r.inputs),
    }));
    return `${JSON.stringify(rows, null, 1)}\n`;
}

export function snapshotFile(name: string): string {
    return path.join(snapshotDir, `${name}.json`);
}

/** `ts-node tests/registrations.ts [stack...]` rewrites the snapshots (`npm run snapshot`). */
if (require.main === module) {
    void (async () => {
        const h = new Harness();
        const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(snapshotStacks);
        fs.mkdirSync(snapshotDir, { recursive: true });
        for (const name of names) {
            fs.writeFileSync(snapshotFile(name), await registrations(h, name));
            console.log(`wrote ${path.relative(root, snapshotFile(name))}`);
        }
    })();
}
