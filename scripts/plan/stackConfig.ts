/**
 * A stack's config the way the Pulumi CLI hands it to the program: Pulumi.yaml's defaults, then the
 * stack file, with stand-ins for secrets. Shared by `npm run plan` and the test harness.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ConfigKey, configKeys } from "../../config/schema";
import { ClusterFlavor, keyFlavours } from "../../config/keys";
import { project, root } from "./mocks";

/** A stack's config as the Pulumi CLI would hand it to the program, and which values are stand-ins. */
export interface StackValues {
    /** Every key the program receives, `<namespace>:<key>` to its text. */
    values: Record<string, string>;
    /** Keys whose values are secrets (the program reads them as secret outputs). */
    secretKeys: string[];
    /** Secret keys given a stand-in value, because the real one is encrypted or set with `--secret`. */
    standIns: string[];
}

/** Options of {@link readStackConfig}. */
export interface ReadStackOptions {
    /** Values of secret keys; others get stand-ins. */
    secrets?: Record<string, string>;
    /** Directory of `Pulumi.<stack>.yaml` (default: the repository); `Pulumi.yaml` is the repository's. */
    dir?: string;
    /** Give `secure:` values of the stack file stand-ins instead of refusing them (default false). */
    standInForSecure?: boolean;
}

/**
 * Config of a stack as the Pulumi CLI would hand it to the program: Pulumi.yaml's defaults, then
 * the stack file. Sensitive keys (set with `pulumi config set --secret`, not written in stack
 * files) get stand-ins on the stacks whose flavour reads them; the others keep Pulumi.yaml's empty
 * default.
 */
export function readStackConfig(stack: string, options: ReadStackOptions = {}): StackValues {
    const secrets = options.secrets ?? {};
    const projectFile = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
    const stackFile = (yaml.load(fs.readFileSync(path.join(options.dir ?? root, `Pulumi.${stack}.yaml`), "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const values: Record<string, string> = {};
    const standIns: string[] = [];
    const encode = (v: unknown) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
    for (const [key, decl] of Object.entries(projectFile.config)) {
        if (decl.default !== undefined) {
            values[`${project}:${key}`] = encode(decl.default);
        }
    }
    const declared = stackFile.config?.[`${project}:clusterFlavor`];
    const flavour = (typeof declared === "string" ? declared : configKeys.clusterFlavor.default) as ClusterFlavor;
    for (const key of secretKeys()) {
        if (key in secrets || (keyFlavours(key.slice(project.length + 1)) ?? [flavour]).includes(flavour)) {
            values[key] = secrets[key] ?? `stand-in-for-${key}`;
            if (!(key in secrets)) {
                standIns.push(key);
            }
        }
    }
    const secureKeys: string[] = [];
    for (const [key, value] of Object.entries(stackFile.config ?? {})) {
        if (typeof value === "object" && value !== null && "secure" in value) {
            secureKeys.push(key);
            if (key in secrets) {
                values[key] = secrets[key];
            } else if (options.standInForSecure) {
                values[key] = `stand-in-for-${key}`;
                standIns.push(key);
            } else {
                throw new Error(`stack ${stack} has a secret ${key}; give the test a stand-in value`);
            }
        } else {
            values[key] = encode(value);
        }
    }
    return { values, secretKeys: [...new Set([...Object.keys(secrets), ...secretKeys(), ...secureKeys])], standIns: [...new Set(standIns)] };
}

/** Config of a stack as the Pulumi CLI would hand it to the program (see {@link readStackConfig}). */
export function stackConfig(stack: string, secrets: Record<string, string> = {}): Record<string, string> {
    return readStackConfig(stack, { secrets }).values;
}

/** Config keys set with `--secret`. */
export function secretKeys(): string[] {
    return (Object.entries(configKeys) as [string, ConfigKey][]).filter(([, key]) => key.sensitive).map(([name]) => `${project}:${name}`);
}
