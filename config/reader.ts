/** Reads raw stack config values with their declared types, recording problems instead of throwing. */
import * as pulumi from "@pulumi/pulumi";
import { parseCidr, Problem, show } from "../components/common";
import { modelSubject as servingModelSubject } from "../components/serving";
import { ConfigKey, configKeys, ConfigKeyName, projectName } from "./schema";
import type { ConfigSource } from "./types";

function spec(name: ConfigKeyName): ConfigKey {
    return configKeys[name];
}

/** Reads the raw values with their declared types, recording problems instead of throwing. */
export class Reader {
    readonly problems: Problem[] = [];

    constructor(private readonly source: ConfigSource) {}

    problem(key: string, message: string, path = ""): void {
        this.problems.push({ subject: `${projectName}:${key}`, path, message });
    }

    /** The value as set; an empty string counts as unset for keys of other types than string. */
    private raw(name: ConfigKeyName): string | undefined {
        const value = this.source.get(name);
        return value === "" && spec(name).type !== "string" ? undefined : value;
    }

    /**
     * A string key. Empty means unset for keys whose default is empty, and is kept for keys with a
     * real default (an empty gpuNodeTaint turns the check off).
     */
    string(name: ConfigKeyName): string | undefined {
        const key = spec(name);
        const raw = this.raw(name) ?? (key.default as string);
        const value = raw === "" && key.default === "" ? undefined : raw;
        if (value !== undefined && key.allowed && !key.allowed.includes(value)) {
            this.problem(name, `got "${value}"; allowed: ${key.allowed.join(", ")}`);
        }
        return value;
    }

    /** A string key with a default, so never undefined. */
    required<T extends string>(name: ConfigKeyName): T {
        return (this.string(name) ?? "") as T;
    }

    boolean(name: ConfigKeyName): boolean {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as boolean;
        }
        if (raw !== "true" && raw !== "false") {
            this.problem(name, `got "${raw}"; must be true or false`);
        }
        return raw === "true";
    }

    integer(name: ConfigKeyName, min: number): number {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as number;
        }
        const value = Number(raw);
        if (!Number.isInteger(value) || value < min) {
            this.problem(name, `got "${raw}"; must be an integer >= ${min}`);
        }
        return value;
    }

    /** A JSON list; `undefined` when it is not one (the problem is recorded). */
    list(name: ConfigKeyName): unknown[] | undefined {
        const raw = this.raw(name);
        if (raw === undefined) {
            const fallback = spec(name).default as readonly unknown[] | undefined;
            return fallback ? [...fallback] : [];
        }
        let value: unknown;
        try {
            value = JSON.parse(raw);
        } catch {
            this.problem(name, `is not a list (got ${show(raw)}); write it as a YAML list in the stack file`);
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.problem(name, `got ${show(value)}; must be a list`);
            return undefined;
        }
        return value as unknown[];
    }

    /** A secret key; a problem when it is required and unset. */
    secret(name: ConfigKeyName, requiredFor: string): pulumi.Output<string> {
        const value = this.source.getSecret ? this.source.getSecret(name) : this.source.get(name) === undefined ? undefined : pulumi.secret(this.source.get(name)!);
        if (value === undefined) {
            this.problem(name, `is required for ${requiredFor}; set it with pulumi config set --secret ${projectName}:${name}`);
            return pulumi.secret("");
        }
        return value;
    }

    /** A string key that must be set for a feature. */
    needed(name: ConfigKeyName, requiredFor: string): string {
        const value = this.string(name);
        if (!value) {
            this.problem(name, `is required for ${requiredFor}`);
        }
        return value ?? "";
    }

    strings(name: ConfigKeyName, pattern?: RegExp, what?: string): string[] {
        const list = this.list(name) ?? [];
        list.forEach((item, i) => {
            if (typeof item !== "string" || (pattern && !pattern.test(item))) {
                this.problem(name, `got ${show(item)}; must be ${what ?? "a string"}`, `[${i}]`);
            }
        });
        return list.filter((i): i is string => typeof i === "string");
    }
}

/** An Entra ID object or client id. */
export const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a CIDR key, recording a problem when it is not one. */
export function cidr(r: Reader, key: ConfigKeyName, text: string) {
    const parsed = parseCidr(text);
    if (!parsed) {
        r.problem(key, `got "${text}"; must be an IPv4 range a.b.c.d/n with the address on the range's boundary`);
    }
    return parsed;
}

/** Subject of the problems of model `i`. */
export function modelSubject(list: readonly unknown[], i: number): string {
    return servingModelSubject(`${projectName}:models`, list, i);
}
