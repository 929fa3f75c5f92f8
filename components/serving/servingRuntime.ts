/**
 * Custom runtimes: KServe's `ServingRuntime` (namespaced) and `ClusterServingRuntime`
 * (`serving.kserve.io/v1alpha1`, KServe v0.20.0 `pkg/apis/serving/v1alpha1/servingruntime_types.go`),
 * typed, checked as KServe's CRD and runtime webhook check them
 * (`pkg/webhook/admission/servingruntime/servingruntime_webhook.go`), and turned into the facts
 * model validation selects runtimes with, so a model naming one is admitted as KServe admits it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { dns1123Label, isRecord, maxLabelLength, Problem, ProblemList, show, throwIfProblems } from "../common";
import { defaults } from "../defaults";
import { apiVersions } from "../versions";
import { namespaceRefusal, platformNamespaces } from "./checks";
import type { Affinity } from "./graphTypes";
import type { DeclaredRuntimes, RuntimeFacts } from "./runtimes";
import type { Container, Toleration, Volume } from "./types";
import { suggest } from "./suggest";

/** One model format a runtime serves (`SupportedModelFormat`). */
export interface ServingRuntimeModelFormat {
    /** Format name, e.g. `sklearn`, `onnx`, `vLLM`. */
    name: string;
    /** Format version; models asking for `name:version` match only this. */
    version?: string;
    /** Whether models without `runtime` may be given this runtime. */
    autoSelect?: boolean;
    /** Priority among auto-selected runtimes of the same scope (at least 1; higher wins). */
    priority?: number;
}

/** Pod fields of a runtime and of its workers (`ServingRuntimePodSpec`). */
export interface ServingRuntimePodSpec {
    /** The runtime's containers; the model server is `kserve-container`. Required. */
    containers: Container[];
    /** Volumes. */
    volumes?: Volume[];
    /** Node selector. */
    nodeSelector?: Record<string, string>;
    /** Affinity. */
    affinity?: Affinity;
    /** Tolerations. */
    tolerations?: Toleration[];
    /** Labels put on the pods. */
    labels?: Record<string, string>;
    /** Annotations put on the pods. */
    annotations?: Record<string, string>;
    /** Image pull secrets. */
    imagePullSecrets?: { name?: string }[];
    /** Share the host's IPC namespace. */
    hostIPC?: boolean;
    /** Scheduler. */
    schedulerName?: string;
}

/** `spec` of a ServingRuntime or ClusterServingRuntime (`ServingRuntimeSpec`). */
export interface ServingRuntimeSpec extends ServingRuntimePodSpec {
    /** Model formats served. */
    supportedModelFormats?: ServingRuntimeModelFormat[];
    /** ModelMesh (multi-model) runtime; never selected for a single-model InferenceService. */
    multiModel?: boolean;
    /** A disabled runtime is never selected, and a model naming it fails. */
    disabled?: boolean;
    /** Protocols served (`v1`, `v2`, `grpc-v1`, `grpc-v2`); none listed means any. */
    protocolVersions?: string[];
    /** Worker pods of a multi-node runtime (selected only for predictors with a `workerSpec`). */
    workerSpec?: ServingRuntimePodSpec & { pipelineParallelSize?: number; tensorParallelSize?: number };
    /** ModelMesh gRPC management endpoint (`grpcEndpoint`). */
    grpcEndpoint?: string;
    /** gRPC data endpoint. */
    grpcDataEndpoint?: string;
    /** HTTP data endpoint. */
    httpDataEndpoint?: string;
    /** ModelMesh replicas. */
    replicas?: number;
    /** `disabled: true` leaves storage to the runtime (no storage initializer). */
    storageHelper?: { disabled?: boolean };
    /** ModelMesh built-in adapter. */
    builtInAdapter?: Record<string, unknown>;
}

/** Which of the two kinds. */
export type RuntimeKind = "ServingRuntime" | "ClusterServingRuntime";

/** One runtime, as declared in `kserve-platform:models` (`kind: ServingRuntime | ClusterServingRuntime`) or in code. */
export interface RuntimeDeclaration {
    /** `ServingRuntime` (namespaced: serves models of its namespace) or `ClusterServingRuntime`. */
    kind: RuntimeKind;
    /** Name; models name it in `predictor.model.runtime`. */
    name: string;
    /** ServingRuntime only: its namespace; defaults to the stack's model namespace. */
    namespace?: string;
    /** Labels. */
    labels?: Record<string, string>;
    /** Annotations. */
    annotations?: Record<string, string>;
    /** The runtime's spec, verbatim. */
    spec: ServingRuntimeSpec;
}

export type { DeclaredRuntimes } from "./runtimes";

/** Field names of `ServingRuntimeSpec` (CRD v0.20.0). */
export const servingRuntimeSpecFields = [
    "affinity", "annotations", "builtInAdapter", "containers", "disabled", "grpcDataEndpoint", "grpcEndpoint", "hostIPC",
    "httpDataEndpoint", "imagePullSecrets", "labels", "multiModel", "nodeSelector", "protocolVersions", "replicas",
    "schedulerName", "storageHelper", "supportedModelFormats", "tolerations", "volumes", "workerSpec",
] as const;
/** Field names of `workerSpec`. */
export const runtimeWorkerSpecFields = [
    "affinity", "annotations", "containers", "hostIPC", "imagePullSecrets", "labels", "nodeSelector", "pipelineParallelSize",
    "schedulerName", "tensorParallelSize", "tolerations", "volumes",
] as const;
/** Field names of `SupportedModelFormat`. */
export const supportedModelFormatFields = ["autoSelect", "name", "priority", "version"] as const;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What KServe's model selection knows of a runtime spec. */
export function runtimeFacts(spec: ServingRuntimeSpec): RuntimeFacts {
    // Tolerant of a malformed spec from stack config: its problems are reported by validateServingRuntime.
    const formats = Array.isArray(spec.supportedModelFormats) ? spec.supportedModelFormats.filter((f) => isRecord(f) && typeof f.name === "string") : [];
    return {
        formats: formats.map((f) => ({ name: f.name, version: typeof f.version === "string" ? f.version : undefined, autoSelect: f.autoSelect === true })),
        protocols: (Array.isArray(spec.protocolVersions) ? spec.protocolVersions.filter((v) => typeof v === "string") : []) as RuntimeFacts["protocols"],
        multiNode: spec.workerSpec !== undefined,
        disabled: spec.disabled === true,
        multiModel: spec.multiModel === true,
    };
}

/** The lookup table of a list of runtimes (declarations that are not objects are skipped). */
export function declaredRuntimes(list: readonly RuntimeDeclaration[], defaultNamespace: string = defaults.modelNamespace): DeclaredRuntimes {
    const cluster: Record<string, RuntimeFacts> = {};
    const namespaced: Record<string, Record<string, RuntimeFacts>> = {};
    for (const r of list) {
        if (!isRecord(r) || typeof r.name !== "string" || !isRecord(r.spec)) {
            continue;
        }
        if (r.kind === "ClusterServingRuntime") {
            cluster[r.name] = runtimeFacts(r.spec);
        } else {
            (namespaced[r.namespace ?? defaultNamespace] ??= {})[r.name] = runtimeFacts(r.spec);
        }
    }
    return { cluster, namespaced };
}

/** What a runtime is checked against. */
export interface RuntimeValidationOptions {
    /** Namespaces runtimes may not use besides the platform's own. */
    reservedNamespaces?: readonly string[];
    /** Names the default ClusterServingRuntimes take (when the stack installs them): a ClusterServingRuntime may not take one. */
    installedClusterRuntimes?: readonly string[];
}

/** Every problem of one runtime: the CRD's schema and KServe's runtime webhook. */
export function validateServingRuntime(input: { kind: unknown; name: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown; spec: unknown }, subject: string, options: RuntimeValidationOptions = {}): Problem[] {
    const p = new ProblemList(subject);
    if (input.kind !== "ServingRuntime" && input.kind !== "ClusterServingRuntime") {
        p.add("kind", `got ${show(input.kind)}; must be ServingRuntime or ClusterServingRuntime`);
    }
    const name = input.name;
    if (typeof name !== "string" || name.length > 253 || !dns1123Subdomain.test(name)) {
        p.add("name", `got ${show(name)}; must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')`);
    } else if (input.kind === "ClusterServingRuntime" && options.installedClusterRuntimes?.includes(name)) {
        p.add("name", `"${name}" is a default runtime the stack installs (kserve-runtime-configs); name yours differently, or set installRuntimes false`);
    }
    if (input.kind === "ClusterServingRuntime") {
        if (input.namespace !== undefined) {
            p.add("namespace", "a ClusterServingRuntime is cluster-scoped and has no namespace; use kind ServingRuntime for a runtime of one namespace");
        }
    } else if (typeof input.namespace !== "string" || !dns1123Label.test(input.namespace) || input.namespace.length > maxLabelLength) {
        p.add("namespace", `got ${show(input.namespace)}; must be a DNS-1123 label of at most ${maxLabelLength} characters`);
    } else {
        const refusal = namespaceRefusal(input.namespace, [...new Set([...platformNamespaces, ...(options.reservedNamespaces ?? [])])]);
        if (refusal) {
            p.add("namespace", refusal);
        }
    }
    for (const field of ["labels", "annotations"] as const) {
        const value = input[field];
        if (value !== undefined && (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string"))) {
            p.add(field, `got ${show(value)}; must map names to strings`);
        }
    }
    const spec = input.spec;
    if (!isRecord(spec)) {
        p.add("spec", `got ${show(spec)}; must be a ServingRuntimeSpec {supportedModelFormats, containers, ...}`);
        return p.problems;
    }
    unknownFields(p, spec, "spec", servingRuntimeSpecFields, "ServingRuntimeSpec");
    containers(p, spec.containers, "spec.containers");
    for (const field of ["multiModel", "disabled", "hostIPC"] as const) {
        if (spec[field] !== undefined && typeof spec[field] !== "boolean") {
            p.add(`spec.${field}`, `got ${show(spec[field])}; must be true or false`);
        }
    }
    if (spec.protocolVersions !== undefined && (!Array.isArray(spec.protocolVersions) || spec.protocolVersions.some((v) => typeof v !== "string"))) {
        p.add("spec.protocolVersions", `got ${show(spec.protocolVersions)}; must be a list such as [v1, v2]`);
    }
    if (spec.supportedModelFormats !== undefined) {
        if (!Array.isArray(spec.supportedModelFormats)) {
            p.add("spec.supportedModelFormats", `got ${show(spec.supportedModelFormats)}; must be a list of {name, version, autoSelect, priority}`);
        } else {
            // KServe refuses different priorities for one auto-selected format name (validateModelFormatPrioritySame).
            const priorities = new Map<string, number>();
            spec.supportedModelFormats.forEach((f: unknown, i: number) => {
                const at = `spec.supportedModelFormats[${i}]`;
                if (!isRecord(f)) {
                    p.add(at, `got ${show(f)}; must be {name, version, autoSelect, priority}`);
                    return;
                }
                unknownFields(p, f, at, supportedModelFormatFields, "SupportedModelFormat");
                if (typeof f.name !== "string" || f.name === "") {
                    p.add(`${at}.name`, `got ${show(f.name)}; is required: the model format, e.g. sklearn`);
                }
                if (f.version !== undefined && typeof f.version !== "string") {
                    p.add(`${at}.version`, `got ${show(f.version)}; must be a string such as "1"`);
                }
                if (f.autoSelect !== undefined && typeof f.autoSelect !== "boolean") {
                    p.add(`${at}.autoSelect`, `got ${show(f.autoSelect)}; must be true or false`);
                }
                if (f.priority !== undefined) {
                    if (typeof f.priority !== "number" || !Number.isInteger(f.priority) || f.priority < 1) {
                        p.add(`${at}.priority`, `got ${show(f.priority)}; must be an integer of at least 1`);
                    } else if (f.autoSelect === true && typeof f.name === "string") {
                        const other = priorities.get(f.name);
                        if (other !== undefined && other !== f.priority) {
                            p.add(`${at}.priority`, `different priorities assigned for the model format ${f.name} (${other} and ${f.priority}); KServe's runtime webhook refuses that`);
                        }
                        priorities.set(f.name, f.priority);
                    }
                }
            });
        }
    }
    if (spec.workerSpec !== undefined) {
        const w = spec.workerSpec;
        if (!isRecord(w)) {
            p.add("spec.workerSpec", `got ${show(w)}; must be {containers, pipelineParallelSize, tensorParallelSize, ...}`);
        } else {
            unknownFields(p, w, "spec.workerSpec", runtimeWorkerSpecFields, "WorkerSpec");
            containers(p, w.containers, "spec.workerSpec.containers");
            if (Array.isArray(w.containers) && w.containers.length > 1) {
                p.add("spec.workerSpec.containers", "setting multiple containers in workerSpec is not allowed (KServe's runtime webhook)");
            }
            for (const field of ["pipelineParallelSize", "tensorParallelSize"] as const) {
                if (w[field] !== undefined && (typeof w[field] !== "number" || !Number.isInteger(w[field]) || w[field] < 1)) {
                    p.add(`spec.workerSpec.${field}`, `got ${show(w[field])}; cannot be less than 1`);
                }
            }
        }
    }
    return p.problems;
}

/**
 * KServe's runtime webhook across runtimes of one scope (`validateServingRuntimePriority`): two
 * enabled runtimes of the same multiModel kind sharing a protocol may not give one auto-selected
 * model format the same priority.
 */
export function runtimePriorityProblems(list: readonly RuntimeDeclaration[], subjectOf: (i: number) => string, defaultNamespace: string = defaults.modelNamespace): Problem[] {
    const problems: Problem[] = [];
    const scope = (r: RuntimeDeclaration) => (r.kind === "ClusterServingRuntime" ? "" : (r.namespace ?? defaultNamespace));
    list.forEach((a, i) => {
        list.forEach((b, j) => {
            if (j >= i || !isRecord(a) || !isRecord(b) || !isRecord(a.spec) || !isRecord(b.spec) || a.kind !== b.kind || scope(a) !== scope(b) || a.name === b.name) {
                return;
            }
            if ((b.spec.multiModel === true) !== (a.spec.multiModel === true) || b.spec.disabled === true) {
                return;
            }
            if (!(b.spec.protocolVersions ?? []).some((v) => (a.spec.protocolVersions ?? []).includes(v))) {
                return;
            }
            for (const fa of Array.isArray(a.spec.supportedModelFormats) ? a.spec.supportedModelFormats : []) {
                for (const fb of Array.isArray(b.spec.supportedModelFormats) ? b.spec.supportedModelFormats : []) {
                    if (
                        fa?.autoSelect === true && fb?.autoSelect === true && typeof fa.name === "string" && typeof fb.name === "string" &&
                        fa.name.toLowerCase() === fb.name.toLowerCase() && fa.version === fb.version && fa.priority !== undefined && fa.priority === fb.priority
                    ) {
                        problems.push({ subject: subjectOf(i), path: "spec.supportedModelFormats", message: `same priority ${String(fa.priority)} assigned for the model format ${fa.name} as ${b.kind} ${b.name}; KServe's runtime webhook refuses that` });
                    }
                }
            }
        });
    });
    return problems;
}

function containers(p: ProblemList, value: unknown, path: string): void {
    if (!Array.isArray(value) || value.length === 0) {
        p.add(path, `got ${show(value)}; is required: at least one container (the model server, named kserve-container)`);
        return;
    }
    value.forEach((c, i) => {
        if (!isRecord(c) || typeof c.name !== "string" || c.name === "") {
            p.add(`${path}[${i}].name`, "is required: every container has a name");
        }
    });
}

function unknownFields(p: ProblemList, value: Record<string, unknown>, path: string, known: readonly string[], structure: string): void {
    for (const key of Object.keys(value)) {
        if (!known.includes(key)) {
            const guess = suggest(key, known);
            p.add(`${path}.${key}`, `is not a field of KServe v1alpha1 ${structure}${guess ? `; did you mean "${guess}"?` : ""} (the API server would drop it silently)`);
        }
    }
}

/** Arguments of a {@link ServingRuntime} or {@link ClusterServingRuntime}. */
export interface ServingRuntimeArgs {
    /** `metadata.name`, labels, annotations, and (ServingRuntime) `namespace`, default `models`. */
    metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    /** The ServingRuntimeSpec, passed to the cluster as is. */
    spec: ServingRuntimeSpec;
    /** Namespaces the runtime may not use besides the platform's own. */
    validation?: RuntimeValidationOptions;
}

function runtimeInputs(kind: RuntimeKind, name: string, args: ServingRuntimeArgs): k8s.apiextensions.CustomResourceArgs {
    const metadataName = args.metadata?.name ?? name;
    const namespace = kind === "ServingRuntime" ? (args.metadata?.namespace ?? defaults.modelNamespace) : args.metadata?.namespace;
    const subject = `${kind} "${metadataName}"`;
    throwIfProblems(subject, validateServingRuntime({ kind, name: metadataName, namespace, labels: args.metadata?.labels, annotations: args.metadata?.annotations, spec: args.spec }, subject, args.validation));
    return {
        apiVersion: apiVersions.servingRuntime,
        kind,
        metadata: { name: metadataName, namespace, labels: args.metadata?.labels, annotations: args.metadata?.annotations },
        spec: args.spec,
    };
}

/** A KServe ServingRuntime: a model server for the InferenceServices of its namespace, validated before it is registered. */
export class ServingRuntime extends k8s.apiextensions.CustomResource {
    /** Pulumi type token. */
    static readonly type = `kubernetes:${apiVersions.servingRuntime}:ServingRuntime`;
    /** What model selection knows of it. */
    readonly facts: RuntimeFacts;

    constructor(name: string, args: ServingRuntimeArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, runtimeInputs("ServingRuntime", name, args), opts);
        this.facts = runtimeFacts(args.spec);
    }
}

/** A KServe ClusterServingRuntime: a model server for InferenceServices of every namespace, validated before it is registered. */
export class ClusterServingRuntime extends k8s.apiextensions.CustomResource {
    /** Pulumi type token. */
    static readonly type = `kubernetes:${apiVersions.servingRuntime}:ClusterServingRuntime`;
    /** What model selection knows of it. */
    readonly facts: RuntimeFacts;

    constructor(name: string, args: ServingRuntimeArgs, opts?: pulumi.CustomResourceOptions) {
        super(name, runtimeInputs("ClusterServingRuntime", name, args), opts);
        this.facts = runtimeFacts(args.spec);
    }
}
