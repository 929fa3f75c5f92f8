/**
 * What the InferenceService CRD's schema refuses that field names do not show: int-or-string
 * quantities and ports, and the shape of `autoScaling` (unknown and required fields, enums).
 * Split from admission.ts.
 */
import { isRecord, show } from "../common";
import type { Report } from "./admission";

/** Kubernetes' quantity grammar, as the CRD's pattern states it. */
const quantity = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/**
 * The CRD's int-or-string fields: quantities (resources, overhead, sizeLimit, divisor, metric
 * targets, tolerance) must be an integer or a quantity string, and ports/maxSurge/maxUnavailable an
 * integer or a string. A YAML float such as `cpu: 0.1` is refused by the API server.
 */
export function intOrString(value: unknown, path: string, report: Report): void {
    walk(value, path, [], report);
}

function walk(value: unknown, path: string, keys: string[], report: Report): void {
    if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`, [...keys, "[]"], report));
        return;
    }
    if (!isRecord(value)) {
        const [k3, k2, k1] = keys.slice(-3);
        const isQuantity =
            (k3 === "resources" && (k2 === "limits" || k2 === "requests")) ||
            k2 === "overhead" ||
            (k2 === "emptyDir" && k1 === "sizeLimit") ||
            (k2 === "resourceFieldRef" && k1 === "divisor") ||
            (k2 === "target" && (k1 === "value" || k1 === "averageValue")) ||
            ((k2 === "scaleUp" || k2 === "scaleDown") && k1 === "tolerance");
        const isIntOrString = (k2 === "rollingUpdate" && (k1 === "maxSurge" || k1 === "maxUnavailable")) || ((k2 === "httpGet" || k2 === "tcpSocket") && k1 === "port");
        if (!isQuantity && !isIntOrString) {
            return;
        }
        if (typeof value === "number" && !Number.isInteger(value)) {
            report(path, `got ${value}; must be an integer or a string (the API server refuses a decimal number here); quote it: "${value}"`);
        } else if (typeof value === "string" && isQuantity && !quantity.test(value)) {
            report(path, `got ${show(value)}; not a Kubernetes quantity (e.g. "500m", "2", "1Gi")`);
        } else if (value !== undefined && value !== null && typeof value !== "number" && typeof value !== "string") {
            report(path, `got ${show(value)}; must be an integer or a string`);
        }
        return;
    }
    for (const [k, v] of Object.entries(value)) {
        walk(v, `${path}.${k}`, [...keys, k], report);
    }
}

/** A CRD object shape: its fields (a nested shape, a list of one, an enum, or a scalar type) and required ones. */
interface Shape {
    fields: Record<string, Shape | { list: Shape | "string" } | readonly string[] | "string" | "integer" | "quantity">;
    required?: readonly string[];
}

const target: Shape = { fields: { type: ["Utilization", "Value", "AverageValue"], value: "quantity", averageValue: "quantity", averageUtilization: "integer" } };
const scalingRules: Shape = {
    fields: { policies: { list: { fields: { type: "string", value: "integer", periodSeconds: "integer" }, required: ["periodSeconds", "type", "value"] } }, selectPolicy: "string", stabilizationWindowSeconds: "integer", tolerance: "quantity" },
};
/** `autoScaling` as the v0.20.0 CRD declares it (AutoScalingSpec, MetricsSpec and their sources). */
const autoScalingShape: Shape = {
    fields: {
        metrics: {
            list: {
                fields: {
                    type: ["Resource", "External", "PodMetric"],
                    resource: { fields: { name: ["cpu", "memory"], target }, required: ["name", "target"] },
                    external: {
                        fields: {
                            metric: { fields: { backend: ["prometheus", "graphite"], serverAddress: "string", query: "string", namespace: "string" } },
                            authenticationRef: { fields: { authenticationRef: { fields: { name: "string" }, required: ["name"] }, authModes: "string" }, required: ["authenticationRef"] },
                            target,
                        },
                        required: ["metric", "target"],
                    },
                    podmetric: {
                        fields: { metric: { fields: { backend: ["opentelemetry"], serverAddress: "string", metricNames: { list: "string" }, query: "string", operationOverTime: "string" } }, target },
                        required: ["metric", "target"],
                    },
                },
                required: ["type"],
            },
        },
        behavior: { fields: { scaleUp: scalingRules, scaleDown: scalingRules } },
    },
};

/**
 * The CRD's schema of `autoScaling`: unknown fields (the API server would drop them, and a missing
 * required one then fails), required fields and enums. A KEDA `authenticationRef` is
 * `{authenticationRef: {name}, authModes}`.
 */
export function autoScalingFields(value: unknown, path: string, report: Report): void {
    shaped(value, autoScalingShape, path, report);
}

function isEnum(field: Shape["fields"][string]): field is readonly string[] {
    return Array.isArray(field);
}

function shaped(value: unknown, shape: Shape, path: string, report: Report): void {
    if (!isRecord(value)) {
        report(path, `got ${show(value)}; must be an object`);
        return;
    }
    for (const [key, v] of Object.entries(value)) {
        const field = shape.fields[key];
        const at = `${path}.${key}`;
        if (field === undefined) {
            report(at, `is not a field here; allowed: ${Object.keys(shape.fields).join(", ")} (the API server would drop it)`);
        } else if (isEnum(field)) {
            if (!field.includes(v as string)) {
                report(at, `got ${show(v)}; allowed: ${field.join(", ")}`);
            }
        } else if (field === "string" || field === "integer") {
            if (field === "string" ? typeof v !== "string" : !Number.isInteger(v)) {
                report(at, `got ${show(v)}; must be ${field === "string" ? "a string" : "an integer"}`);
            }
        } else if (field === "quantity") {
            // Checked with every other quantity (intOrString).
        } else if ("list" in field) {
            if (!Array.isArray(v)) {
                report(at, `got ${show(v)}; must be a list`);
            } else {
                const item = field.list;
                v.forEach((x, i) => (item === "string" ? typeof x !== "string" && report(`${at}[${i}]`, `got ${show(x)}; must be a string`) : shaped(x, item, `${at}[${i}]`, report)));
            }
        } else {
            shaped(v, field, at, report);
        }
    }
    for (const key of shape.required ?? []) {
        if (value[key] === undefined || value[key] === null) {
            report(`${path}.${key}`, "is required");
        }
    }
}
