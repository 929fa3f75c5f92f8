/**
 * Derives the LLMInferenceService admission schema the platform carries
 * (components/serving/llm/crdSchema.json) from KServe v0.20.0's published CRD
 * (`config/crd/full/serving.kserve.io_llminferenceservices.yaml`, version v1alpha2): the structural
 * keywords and CEL rules of `spec`, without descriptions, each subtree repeated more than once (the
 * PodSpecs, the HTTPRoute rules) stored once under `definitions` and referenced as `{$ref: name}`.
 *
 * `npx ts-node --transpile-only conformance/llmSchema.ts --write` regenerates the file;
 * conformance/llmCrd.conformance.ts proves the committed file equal to what this derives.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { createHash } from "crypto";
import { referenceDir } from "./reference";

type Node = Record<string, unknown>;

/** Schema keywords the API server acts on when it admits an object (and `default`, which it applies first). */
const structural = new Set([
    "type", "properties", "items", "required", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
    "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties", "x-kubernetes-validations",
    "additionalProperties", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "format", "anyOf", "allOf",
    "oneOf", "default", "nullable", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
]);
/** Keywords whose value is data, not a schema. */
const literal = new Set(["enum", "default", "required", "x-kubernetes-validations", "x-kubernetes-list-map-keys", "type", "pattern", "format"]);

function strip(node: unknown): unknown {
    if (Array.isArray(node)) {
        return node.map(strip);
    }
    if (typeof node !== "object" || node === null) {
        return node;
    }
    const out: Node = {};
    for (const [k, v] of Object.entries(node as Node)) {
        if (k === "properties") {
            out[k] = Object.fromEntries(Object.entries(v as Node).map(([p, s]) => [p, strip(s)]));
        } else if (structural.has(k)) {
            out[k] = literal.has(k) ? v : strip(v);
        }
    }
    return out;
}

/** The carried schema of `spec` from the CRD's text. */
export function deriveLlmSchema(crdText: string, kind = "LLMInferenceService"): { source: string; spec: unknown; definitions: Record<string, unknown> } {
    const crd = yaml.load(crdText) as { spec: { versions: { name: string; schema: { openAPIV3Schema: { properties: Node } } }[] } };
    const version = crd.spec.versions.find((v) => v.name === "v1alpha2");
    if (!version) {
        throw new Error("the CRD has no v1alpha2 version");
    }
    const spec = strip(version.schema.openAPIV3Schema.properties.spec);
    // Subtrees (objects with properties or items) that occur more than once and are large become definitions.
    const counts = new Map<string, number>();
    const key = (n: unknown) => createHash("sha256").update(JSON.stringify(n)).digest("hex").slice(0, 12);
    // Only schema nodes are shared (never a `properties` map itself, whose keys are field names).
    const children = (n: Node): unknown[] => [
        ...Object.values((n.properties as Node | undefined) ?? {}),
        ...["items", "additionalProperties"].map((k) => n[k]).filter((v) => typeof v === "object" && v !== null),
        ...["anyOf", "allOf", "oneOf"].flatMap((k) => (Array.isArray(n[k]) ? (n[k] as unknown[]) : [])),
    ];
    const count = (n: unknown): void => {
        if (typeof n !== "object" || n === null || Array.isArray(n)) {
            return;
        }
        if (JSON.stringify(n).length > 400) {
            counts.set(key(n), (counts.get(key(n)) ?? 0) + 1);
        }
        children(n as Node).forEach(count);
    };
    count(spec);
    const definitions: Record<string, unknown> = {};
    const replace = (n: unknown): unknown => {
        if (typeof n !== "object" || n === null || Array.isArray(n)) {
            return n;
        }
        const inner: Node = {};
        for (const [k, v] of Object.entries(n as Node)) {
            if (k === "properties") {
                inner[k] = Object.fromEntries(Object.entries(v as Node).map(([p, s]) => [p, replace(s)]));
            } else if (k === "items" || k === "additionalProperties") {
                inner[k] = replace(v);
            } else if (k === "anyOf" || k === "allOf" || k === "oneOf") {
                inner[k] = (v as unknown[]).map(replace);
            } else {
                inner[k] = v;
            }
        }
        const h = key(n);
        if ((counts.get(h) ?? 0) > 1) {
            definitions[h] = inner;
            return { $ref: h };
        }
        return inner;
    };
    const root = replace(spec);
    return { source: `kserve/kserve@v0.20.0 config/crd/full/serving.kserve.io_${kind.toLowerCase()}s.yaml, version v1alpha2, .spec`, spec: root, definitions };
}

/** Where the carried schema lives. */
export const carriedSchemaPath = path.join(__dirname, "..", "components", "serving", "llm", "crdSchema.json");

/** The CRD file in the reference directory. */
export function crdPath(kind = "llminferenceservices"): string {
    return path.join(referenceDir(), "crds", `serving.kserve.io_${kind}.yaml`);
}

if (require.main === module && process.argv.includes("--write")) {
    fs.writeFileSync(carriedSchemaPath, `${JSON.stringify(deriveLlmSchema(fs.readFileSync(crdPath(), "utf8")))}\n`);
    process.stdout.write(`wrote ${carriedSchemaPath}\n`);
}
