/**
 * What the API server checks of an LLMInferenceService before KServe's webhook sees it: the CRD's
 * structural schema and its CEL rules (`x-kubernetes-validations`), from the schema the platform
 * carries (crdSchema.json, derived from KServe v0.20.0's CRD by conformance/llmSchema.ts and proved
 * equal to it by `npm run conformance`). Defaults of the schema are applied first, as the API server
 * does, and the rules are evaluated with a CEL library rather than re-written by hand.
 */
import { parse, ParseResult } from "@marcbachmann/cel-js";
import { isRecord, show } from "../../common";
import carried from "./crdSchema.json";

/** Reports one problem at a field path. */
export type Report = (path: string, message: string) => void;

/** One node of the carried schema. */
interface SchemaNode {
    $ref?: string;
    type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
    properties?: Record<string, SchemaNode>;
    additionalProperties?: SchemaNode | boolean;
    items?: SchemaNode;
    required?: string[];
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
    pattern?: string;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    maxProperties?: number;
    minProperties?: number;
    default?: unknown;
    nullable?: boolean;
    format?: string;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
    "x-kubernetes-int-or-string"?: boolean;
    "x-kubernetes-validations"?: { rule: string; message?: string; messageExpression?: string; fieldPath?: string; reason?: string }[];
}

const schema = carried as unknown as { source: string; spec: SchemaNode; definitions: Record<string, SchemaNode> };

/** Where the carried schema comes from. */
export const llmSchemaSource = schema.source;

const resolve = (node: SchemaNode): SchemaNode => (node.$ref ? schema.definitions[node.$ref] : node);

/**
 * The library accepts `has()` only on a chain of field selections from a variable, so
 * `has(self.matches[0].path)` (a Gateway API HTTPRoute rule) is refused. On the JSON maps the
 * rules see here, `has(e.f)` means `'f' in e` (CEL spec, "has" macro on maps): that form is used
 * where the selection starts from an index.
 */
export function celForLibrary(rule: string): string {
    return rule.replace(/has\(([A-Za-z_][\w.]*\[[^\]()]*\](?:\.[A-Za-z_]\w*|\[[^\]()]*\])*)\.([A-Za-z_]\w*)\)/g, "('$2' in $1)");
}

const compiled = new Map<string, ParseResult>();
function compile(rule: string): ParseResult {
    let fn = compiled.get(rule);
    if (!fn) {
        fn = parse(celForLibrary(rule));
        compiled.set(rule, fn);
    }
    return fn;
}

/** The value with the schema's defaults filled in, as the API server stores it before validating. */
export function withDefaults(value: unknown, node: SchemaNode = schema.spec): unknown {
    const n = resolve(node);
    if (Array.isArray(value)) {
        return n.items ? value.map((v) => withDefaults(v, n.items)) : value;
    }
    if (!isRecord(value)) {
        return value;
    }
    const out: Record<string, unknown> = { ...value };
    if (n.properties) {
        for (const [k, sub] of Object.entries(n.properties)) {
            const s = resolve(sub);
            if (out[k] === undefined && s.default !== undefined) {
                out[k] = JSON.parse(JSON.stringify(s.default));
            }
            if (out[k] !== undefined) {
                out[k] = withDefaults(out[k], sub);
            }
        }
    } else if (isRecord(n.additionalProperties)) {
        for (const k of Object.keys(out)) {
            out[k] = withDefaults(out[k], n.additionalProperties);
        }
    }
    return out;
}

/** CEL sees integers of the schema as int (BigInt here) and everything else as JSON. */
function toCel(value: unknown, node: SchemaNode | undefined): unknown {
    const n = node ? resolve(node) : undefined;
    if (typeof value === "number" && Number.isInteger(value) && (n?.type === "integer" || n?.["x-kubernetes-int-or-string"])) {
        return BigInt(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => toCel(v, n?.items));
    }
    if (isRecord(value)) {
        return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, toCel(v, n?.properties?.[k] ?? (isRecord(n?.additionalProperties) ? n?.additionalProperties : undefined))]),
        );
    }
    return value;
}

function typeOk(value: unknown, n: SchemaNode): boolean {
    if (value === null) {
        return n.nullable === true;
    }
    if (n["x-kubernetes-int-or-string"]) {
        return typeof value === "string" || (typeof value === "number" && Number.isInteger(value));
    }
    switch (n.type) {
        case "object":
            return isRecord(value);
        case "array":
            return Array.isArray(value);
        case "string":
            return typeof value === "string";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number";
        case "boolean":
            return typeof value === "boolean";
        default:
            return true;
    }
}

/** The known name closest to `key` (same letters ignoring case, or at most two edits away). */
function closest(key: string, known: readonly string[]): string | undefined {
    const distance = (a: string, b: string): number => {
        const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
        for (let j = 1; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (let i = 1; i <= a.length; i++) {
            for (let j = 1; j <= b.length; j++) {
                d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            }
        }
        return d[a.length][b.length];
    };
    return known.find((k) => k.toLowerCase() === key.toLowerCase()) ?? known.find((k) => distance(k, key) <= 2);
}

const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Checks `value` against a schema node and its CEL rules, reporting every problem. `path` is the
 * field path of `value` (`spec`). Unknown fields are refused (the API server would prune them
 * silently, so a misspelt field would vanish), with the closest known name.
 */
export function checkSchema(value: unknown, path: string, report: Report, node: SchemaNode = schema.spec, skip: readonly string[] = []): void {
    const n = resolve(node);
    if (!typeOk(value, n)) {
        const expected = n["x-kubernetes-int-or-string"] ? "an integer or a string" : n.type === "object" ? "an object" : n.type === "array" ? "a list" : `a${n.type === "integer" ? "n" : ""} ${n.type}`;
        report(path, `got ${show(value)}; must be ${expected}`);
        return;
    }
    if (value === null) {
        return;
    }
    let ok = true;
    const fail = (p: string, m: string) => {
        ok = false;
        report(p, m);
    };
    if (n.enum && !n.enum.some((e) => e === value)) {
        fail(path, `got ${show(value)}; allowed: ${n.enum.map((e) => show(e)).join(", ")}`);
    }
    if (typeof value === "number") {
        if (n.minimum !== undefined && value < n.minimum) {
            fail(path, `got ${value}; must be at least ${n.minimum}`);
        }
        if (n.maximum !== undefined && value > n.maximum) {
            fail(path, `got ${value}; must be at most ${n.maximum}`);
        }
    }
    if (typeof value === "string" && n.type === "string") {
        if (n.minLength !== undefined && value.length < n.minLength) {
            fail(path, `got ${show(value)}; must be at least ${n.minLength} characters`);
        }
        if (n.maxLength !== undefined && value.length > n.maxLength) {
            fail(path, `got ${value.length} characters; at most ${n.maxLength} allowed`);
        }
        if (n.pattern !== undefined && !new RegExp(n.pattern, "u").test(value)) {
            fail(path, `got ${show(value)}; must match ${n.pattern}`);
        }
    }
    if (Array.isArray(value)) {
        if (n.minItems !== undefined && value.length < n.minItems) {
            fail(path, `has ${value.length} items; at least ${n.minItems} required`);
        }
        if (n.maxItems !== undefined && value.length > n.maxItems) {
            fail(path, `has ${value.length} items; at most ${n.maxItems} allowed`);
        }
        if (n.items) {
            value.forEach((v, i) => checkSchema(v, join(path, i), (p, m) => fail(p, m), n.items));
        }
    }
    if (isRecord(value)) {
        const keys = Object.keys(value);
        if (n.maxProperties !== undefined && keys.length > n.maxProperties) {
            fail(path, `has ${keys.length} entries; at most ${n.maxProperties} allowed`);
        }
        if (n.minProperties !== undefined && keys.length < n.minProperties) {
            fail(path, `has ${keys.length} entries; at least ${n.minProperties} required`);
        }
        for (const r of n.required ?? []) {
            if (value[r] === undefined) {
                fail(join(path, r), "is required");
            }
        }
        if (n.properties) {
            const known = Object.keys(n.properties);
            for (const k of keys) {
                if (skip.includes(k) || value[k] === undefined) {
                    continue;
                }
                const sub = n.properties[k];
                if (sub) {
                    checkSchema(value[k], join(path, k), (p, m) => fail(p, m), sub);
                } else if (!n["x-kubernetes-preserve-unknown-fields"]) {
                    const hint = closest(k, known);
                    fail(join(path, k), `is not a field of ${path || "this object"}${hint ? `; did you mean ${hint}?` : ""} (known: ${known.join(", ")})`);
                }
            }
        } else if (isRecord(n.additionalProperties)) {
            for (const k of keys) {
                checkSchema(value[k], join(path, k), (p, m) => fail(p, m), n.additionalProperties);
            }
        }
    }
    // The API server evaluates a node's rules only when its own schema holds.
    if (ok && n["x-kubernetes-validations"]) {
        const self = toCel(value, n);
        for (const v of n["x-kubernetes-validations"]) {
            if (v.rule.includes("oldSelf")) {
                continue; // transition rules: checked on update only
            }
            const where = v.fieldPath ? `${path}${v.fieldPath}` : path;
            try {
                if (compile(v.rule)({ self }) !== true) {
                    report(where, v.message ?? `failed rule: ${v.rule}`);
                }
            } catch (e) {
                // The API server refuses an object whose rule cannot be evaluated (a missing key, say).
                report(where, `${v.message ?? v.rule} (CEL rule ${v.rule} could not be evaluated: ${(e as Error).message.split("\n")[0]})`);
            }
        }
    }
}

/** The carried schema of `spec` (for tests and the conformance check). */
export function carriedLlmSchema(): { source: string; spec: unknown; definitions: Record<string, unknown> } {
    return schema;
}
