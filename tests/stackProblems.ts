/** Loads a stack file's config (as the CLI would hand it over) with overrides, for config-rule tests. */
import { loadConfig, StackConfig } from "../config";
import { ValidationError } from "../components/common";
import { project, stackConfig } from "./harness";

/** The stack's config with `overrides` (keys without the project prefix; lists and objects as values). */
export function loadStack(stack: string, overrides: Record<string, unknown> = {}): { config?: StackConfig; problems: string[] } {
    const values = stackConfig(stack);
    for (const [key, value] of Object.entries(overrides)) {
        const full = key.includes(":") ? key : `${project}:${key}`;
        if (value === undefined) {
            delete values[full];
        } else {
            values[full] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    try {
        const config = loadConfig(
            { get: (k) => values[`${project}:${k}`] },
            (ns, k) => values[`${ns}:${k}`],
        );
        return { config, problems: [] };
    } catch (e) {
        if (!(e instanceof ValidationError)) {
            throw e;
        }
        return { problems: e.problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`) };
    }
}
