/**
 * What KServe v0.20.0 refuses of an InferenceGraph, every problem at once: the validating webhook
 * (`pkg/apis/serving/v1alpha1/inference_graph_validation.go`: name, `root` node, unique step names,
 * exactly one target per step, Splitter weights present and summing to 100) and the CRD schema
 * (`serving.kserve.io_inferencegraphs.yaml`: `nodes` and `routerType` required, the enums, field
 * types; unknown fields would be pruned silently, so they are refused with a did-you-mean). Beyond
 * KServe, what would only fail at run time: a `serviceName` that is not a model the stack declares
 * in the graph's namespace (the controller looks it up there and requeues forever, controller.go),
 * a `nodeName` that is not a node of the graph (the router fails the request, cmd/router
 * `routeStep`), and a host label over 63 characters (KServe's domain template, `GenerateDomainName`).
 */
import { dns1123Label, isRecord, maxLabelLength, Problem, ProblemList, show } from "../common";
import { namespaceRefusal, platformNamespaces } from "./checks";
import { suggest } from "./suggest";
import type { ProtocolVersion } from "./types";

/** Field names of `InferenceGraphSpec` (CRD v0.20.0). */
export const graphSpecFields = [
    "affinity", "maxReplicas", "minReplicas", "nodeName", "nodeSelector", "nodes", "resources", "routerTimeouts",
    "scaleMetric", "scaleTarget", "serviceAccountName", "timeout", "tolerations",
] as const;
/** Field names of `InferenceRouter`. */
export const graphNodeFields = ["routerType", "steps"] as const;
/** Field names of `InferenceStep` (with the inlined `InferenceTarget`). */
export const graphStepFields = ["condition", "data", "dependency", "mapPredictionsToInstances", "name", "nodeName", "serviceName", "serviceUrl", "weight"] as const;
/** Field names of `routerTimeouts`. */
export const graphRouterTimeoutFields = ["serverIdle", "serverRead", "serverWrite", "serviceClient"] as const;
/** The CRD's enum of `routerType`. */
export const inferenceRouterTypes = ["Sequence", "Splitter", "Ensemble", "Switch"] as const;
/** The CRD's enum of `dependency`. */
export const stepDependencies = ["Soft", "Hard"] as const;
/** The CRD's enum of `scaleMetric`. */
export const graphScaleMetrics = ["cpu", "memory", "concurrency", "rps"] as const;
/** The node requests enter (`GraphRootNodeName`). */
export const graphRootNode = "root";
/** `GraphNameFmt` of the webhook. */
const graphName = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A model a graph step may name. */
export interface GraphTarget {
    /** InferenceService name. */
    name: string;
    /** Its namespace. */
    namespace: string;
    /** The protocol its entry component serves; the router calls steps over HTTP only (v1 or v2). */
    protocol?: ProtocolVersion;
}

/** What a graph is checked against. */
export interface GraphValidationOptions {
    /**
     * The InferenceServices the stack declares: each `serviceName` must be one of them in the graph's
     * namespace. Unset: `serviceName` is not checked (a graph over models deployed elsewhere).
     */
    models?: readonly GraphTarget[];
    /** Namespaces graphs may not use besides the platform's own. */
    reservedNamespaces?: readonly string[];
}

/** The parts of an InferenceGraph that are validated; untyped because they may come from stack config. */
export interface InferenceGraphInput {
    name: unknown;
    namespace?: unknown;
    labels?: unknown;
    annotations?: unknown;
    spec: unknown;
}

/** Every problem of the InferenceGraph; an empty list means KServe (and the router) would take it. */
export function validateInferenceGraph(input: InferenceGraphInput, subject: string, options: GraphValidationOptions = {}): Problem[] {
    const p = new ProblemList(subject);
    const name = input.name;
    if (typeof name !== "string" || !graphName.test(name)) {
        p.add("name", `got ${show(name)}; an InferenceGraph name is lower-case letters, digits and '-', starting with a letter and ending with a letter or digit (KServe's GraphNameFmt [a-z]([-a-z0-9]*[a-z0-9])?)`);
    }
    const namespace = input.namespace;
    if (typeof namespace !== "string" || !dns1123Label.test(namespace) || namespace.length > maxLabelLength) {
        p.add("namespace", `got ${show(namespace)}; must be a DNS-1123 label of at most ${maxLabelLength} characters`);
    } else {
        const refusal = namespaceRefusal(namespace, [...new Set([...platformNamespaces, ...(options.reservedNamespaces ?? [])])]);
        if (refusal) {
            p.add("namespace", refusal);
        }
        if (typeof name === "string" && graphName.test(name) && `${name}-${namespace}`.length > maxLabelLength) {
            p.add("name", `the host label "${name}-${namespace}" (name and namespace) has ${name.length + namespace.length + 1} characters; at most ${maxLabelLength} are allowed: shorten the name or the namespace`);
        }
    }
    stringMap(p, input.labels, "labels");
    stringMap(p, input.annotations, "annotations");
    const spec = input.spec;
    if (!isRecord(spec)) {
        p.add("spec", `got ${show(spec)}; must be an InferenceGraphSpec {nodes: {root: {routerType, steps}}}`);
        return p.problems;
    }
    unknownFields(p, spec, "spec", graphSpecFields, "InferenceGraphSpec");
    for (const field of ["minReplicas", "maxReplicas", "scaleTarget", "timeout"] as const) {
        integer(p, spec[field], `spec.${field}`, 0);
    }
    if (typeof spec.minReplicas === "number" && typeof spec.maxReplicas === "number" && spec.maxReplicas > 0 && spec.maxReplicas < spec.minReplicas) {
        p.add("spec.maxReplicas", `${spec.maxReplicas} is below minReplicas ${spec.minReplicas}`);
    }
    oneOf(p, spec.scaleMetric, "spec.scaleMetric", graphScaleMetrics);
    for (const field of ["nodeName", "serviceAccountName"] as const) {
        if (spec[field] !== undefined && typeof spec[field] !== "string") {
            p.add(`spec.${field}`, `got ${show(spec[field])}; must be a string`);
        }
    }
    stringMap(p, spec.nodeSelector, "spec.nodeSelector");
    for (const field of ["resources", "affinity"] as const) {
        if (spec[field] !== undefined && !isRecord(spec[field])) {
            p.add(`spec.${field}`, `got ${show(spec[field])}; must be an object`);
        }
    }
    if (spec.tolerations !== undefined && (!Array.isArray(spec.tolerations) || !spec.tolerations.every(isRecord))) {
        p.add("spec.tolerations", `got ${show(spec.tolerations)}; must be a list of tolerations`);
    }
    if (spec.routerTimeouts !== undefined) {
        if (!isRecord(spec.routerTimeouts)) {
            p.add("spec.routerTimeouts", `got ${show(spec.routerTimeouts)}; must be {${graphRouterTimeoutFields.join(", ")}} in seconds`);
        } else {
            unknownFields(p, spec.routerTimeouts, "spec.routerTimeouts", graphRouterTimeoutFields, "InfereceGraphRouterTimeouts");
            for (const field of graphRouterTimeoutFields) {
                integer(p, spec.routerTimeouts[field], `spec.routerTimeouts.${field}`, 0);
            }
        }
    }
    nodes(p, spec.nodes, typeof namespace === "string" ? namespace : undefined, options);
    return p.problems;
}

function nodes(p: ProblemList, value: unknown, namespace: string | undefined, options: GraphValidationOptions): void {
    if (value === undefined) {
        p.add("spec.nodes", `is required: the graph's nodes by name, one of them "${graphRootNode}"`);
        return;
    }
    if (!isRecord(value)) {
        p.add("spec.nodes", `got ${show(value)}; must map node names to {routerType, steps}`);
        return;
    }
    const names = Object.keys(value);
    if (!names.includes(graphRootNode)) {
        const hint = suggest(graphRootNode, names);
        p.add("spec.nodes", `has no node "${graphRootNode}" (got ${names.length ? names.join(", ") : "none"}); requests enter the graph at node "${graphRootNode}"${hint ? `; did you mean to name "${hint}" root?` : ""}`);
    }
    const models = options.models;
    const inNamespace = models?.filter((m) => m.namespace === namespace).map((m) => m.name) ?? [];
    for (const [nodeName, node] of Object.entries(value)) {
        const at = `spec.nodes.${nodeName}`;
        if (!isRecord(node)) {
            p.add(at, `got ${show(node)}; must be {routerType, steps}`);
            continue;
        }
        unknownFields(p, node, at, graphNodeFields, "InferenceRouter");
        if (node.routerType === undefined) {
            p.add(`${at}.routerType`, `is required; one of ${inferenceRouterTypes.join(", ")}`);
        } else {
            oneOf(p, node.routerType, `${at}.routerType`, inferenceRouterTypes);
        }
        if (node.steps === undefined) {
            continue;
        }
        if (!Array.isArray(node.steps)) {
            p.add(`${at}.steps`, `got ${show(node.steps)}; must be a list of steps`);
            continue;
        }
        const stepNames = new Map<string, number>();
        let weights = 0;
        let weighted = true;
        node.steps.forEach((step: unknown, i: number) => {
            const path = `${at}.steps[${i}]`;
            if (!isRecord(step)) {
                p.add(path, `got ${show(step)}; must be a step {serviceName | nodeName | serviceUrl, ...}`);
                weighted = false;
                return;
            }
            unknownFields(p, step, path, graphStepFields, "InferenceStep");
            for (const field of ["name", "nodeName", "serviceName", "serviceUrl", "data", "condition"] as const) {
                if (step[field] !== undefined && typeof step[field] !== "string") {
                    p.add(`${path}.${field}`, `got ${show(step[field])}; must be a string`);
                }
            }
            if (step.mapPredictionsToInstances !== undefined && typeof step.mapPredictionsToInstances !== "boolean") {
                p.add(`${path}.mapPredictionsToInstances`, `got ${show(step.mapPredictionsToInstances)}; must be true or false`);
            }
            oneOf(p, step.dependency, `${path}.dependency`, stepDependencies);
            integer(p, step.weight, `${path}.weight`);
            if (typeof step.name === "string" && step.name !== "") {
                const first = stepNames.get(step.name);
                if (first !== undefined) {
                    p.add(`${path}.name`, `"${step.name}" is already the name of steps[${first}]; step names are unique within a node`);
                } else {
                    stepNames.set(step.name, i);
                }
            }
            const targets = (["nodeName", "serviceName", "serviceUrl"] as const).filter((t) => typeof step[t] === "string" && step[t] !== "");
            if (targets.length === 0) {
                p.add(path, "names no target; set exactly one of nodeName, serviceName, serviceUrl");
            } else if (targets.length > 1) {
                p.add(path, `sets ${targets.join(" and ")}; set exactly one of nodeName, serviceName, serviceUrl`);
            } else if (targets[0] === "nodeName" && !names.includes(step.nodeName as string)) {
                const hint = suggest(step.nodeName as string, names);
                p.add(`${path}.nodeName`, `"${String(step.nodeName)}" is not a node of the graph${hint ? `; did you mean "${hint}"?` : ""} (nodes: ${names.join(", ")})`);
            } else if (targets[0] === "serviceName" && models && namespace !== undefined && !inNamespace.includes(step.serviceName as string)) {
                const target = step.serviceName as string;
                const elsewhere = models.filter((m) => m.name === target).map((m) => m.namespace);
                const hint = suggest(target, inNamespace);
                p.add(
                    `${path}.serviceName`,
                    elsewhere.length
                        ? `"${target}" is a model of namespace ${elsewhere.join(", ")}, but KServe resolves serviceName in the graph's namespace ${namespace}; put the graph there, or call the model by serviceUrl`
                        : `"${target}" is not a model of the stack in namespace ${namespace}${hint ? `; did you mean "${hint}"?` : ""} (models there: ${inNamespace.join(", ") || "none"})`,
                );
            }
            const target = targets[0] === "serviceName" ? models?.find((m) => m.name === step.serviceName && m.namespace === namespace) : undefined;
            if (target?.protocol === "grpc-v1" || target?.protocol === "grpc-v2") {
                // The controller gives the router the model's HTTP address with a v1 or v2 predict path (GetPredictorEndpoint, utils.go).
                p.add(`${path}.serviceName`, `"${target.name}" serves ${target.protocol}, but the graph's router calls its steps over HTTP with the v1 or v2 protocol; serve the model over v1 or v2`);
            }
            if (step.weight === undefined) {
                weighted = false;
                if (node.routerType === "Splitter") {
                    p.add(`${path}.weight`, "is required in a Splitter node: each step's share of the traffic, summing to 100");
                }
            } else if (typeof step.weight === "number") {
                weights += step.weight;
            }
        });
        if (node.routerType === "Splitter" && weighted && weights !== 100) {
            p.add(`${at}.steps`, `the weights sum to ${weights}; a Splitter node's weights sum to 100`);
        }
    }
}

function unknownFields(p: ProblemList, value: Record<string, unknown>, path: string, known: readonly string[], structure: string): void {
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
            const guess = suggest(key, known);
            p.add(`${path}.${key}`, `is not a field of KServe v1alpha1 ${structure}${guess ? `; did you mean "${guess}"?` : ""} (the API server would drop it silently); allowed: ${known.join(", ")}`);
        }
    }
}

function oneOf(p: ProblemList, value: unknown, path: string, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value as string)) {
        const hint = typeof value === "string" ? suggest(value, allowed) : undefined;
        p.add(path, `got ${show(value)}${hint ? `; did you mean "${hint}"?` : ""}; allowed: ${allowed.join(", ")}`);
    }
}

function integer(p: ProblemList, value: unknown, path: string, min?: number): void {
    if (value === undefined) {
        return;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
        p.add(path, `got ${show(value)}; must be an integer`);
    } else if (min !== undefined && value < min) {
        p.add(path, `got ${value}; must be at least ${min}`);
    }
}

function stringMap(p: ProblemList, value: unknown, path: string): void {
    if (value !== undefined && (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string"))) {
        p.add(path, `got ${show(value)}; must map names to strings`);
    }
}
