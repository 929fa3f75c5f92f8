/**
 * Validation of an InferenceService before anything is registered: the rules KServe v0.20.0's
 * webhook and CRD enforce, plus what Knative and the platform need, each reported with the field
 * path, what was wrong and what is allowed. Every problem is collected; nothing stops at the first.
 */
import { dns1035Label, dns1123Label, isRecord, maxLabelLength, Problem, ProblemList, show, type Taint } from "../common";
import { defaults, fixedNames } from "../defaults";
import { frameworkFields, knownFields, KnownStructure, predictorImplementationFields } from "./fields";
import * as admission from "./admission";
import { autoscaling } from "./admissionAutoscaling";
import { autoScalingFields, intOrString } from "./admissionSchema";
import { autoscalerClassAnnotation, deploymentModeAnnotation, deploymentModes, effectiveDeploymentMode, legacyDeploymentModes } from "./deploymentMode";
import { requestsGpu, tolerates } from "./gpu";
import { commonParent, suggest } from "./suggest";
import { declaredModelProtocol, predictorProtocol, protocolVersions } from "./protocol";
import { defaultRuntimes, runtimeServes } from "./runtimes";
import { findRuntime, runtimeCandidates, selectRuntimes } from "./runtimeSelection";
import type { DeclaredRuntimes } from "./runtimes";
import type { DeploymentMode } from "./types";

export { predictorProtocol, protocolVersions } from "./protocol";
export {
    autoscalerClassAnnotation,
    deploymentModeAnnotation,
    deploymentModes,
    effectiveDeploymentMode,
    knativeAutoscalerClassAnnotation,
    legacyDeploymentModes,
    normaliseDeploymentMode,
} from "./deploymentMode";
export { componentContainers, requestsGpu, tolerates } from "./gpu";

const scaleMetrics = ["cpu", "memory", "concurrency", "rps"];
const scaleMetricTypes = ["Utilization", "Value", "AverageValue"];
const autoscalerClasses = ["hpa", "external", "keda", "none"];
const storageUriPrefixes = ["gs://", "s3://", "pvc://", "file://", "https://", "http://", "hdfs://", "webhdfs://", "oci://", "oci+native://", "hf://"];
const azureBlobUri = /^https:\/\/(.+?)\.blob\.core\.windows\.net\/(.+)/;
/** How strictly and against what a model is validated. */
export interface ModelValidationOptions {
    /** Mode models run in when they carry no deployment-mode annotation. */
    defaultDeploymentMode?: DeploymentMode;
    /** `storageUri` prefixes served by ClusterStorageContainers, beyond KServe's built-in ones. */
    extraStorageUriPrefixes?: readonly string[];
    /**
     * The default ClusterServingRuntimes are installed: a `model` without `runtime` must be one of
     * them can auto-select, and a `runtime` naming one of them must serve the model.
     */
    checkDefaultRuntimes?: boolean;
    /**
     * ServingRuntimes and ClusterServingRuntimes the stack declares: a model naming one is checked as
     * KServe's controller checks it, and auto-selection considers them (see `selectRuntimes`).
     */
    runtimes?: DeclaredRuntimes;
    /** The taint GPU nodes carry; a component requesting GPUs must tolerate it. Unset skips the check. */
    gpuTaint?: Taint;
    /** Namespaces models may not use besides the platform's own (checked by `checkModel`, with the reason for each). */
    reservedNamespaces?: readonly string[];
    /**
     * Production: components keep `minReplicas >= 1` (a model scaled to zero answers its next
     * request only after a cold start) unless the InferenceService is annotated
     * `kserve-platform.io/allow-scale-to-zero: "true"`.
     */
    requireMinReplicas?: boolean;
}

/** The parts of an InferenceService that are validated; untyped because they may come from stack config. */
export interface InferenceServiceInput {
    name: unknown;
    namespace?: unknown;
    labels?: unknown;
    annotations?: unknown;
    spec: unknown;
}

/** Returns every problem of the InferenceService; an empty list means it is valid. */
export function validateInferenceService(input: InferenceServiceInput, subject: string, options: ModelValidationOptions = {}): Problem[] {
    const scaleToZeroAllowed = isRecord(input.annotations) && input.annotations[fixedNames.allowScaleToZeroAnnotation] === "true";
    const annotations = isRecord(input.annotations) ? input.annotations : {};
    const v = new Validator(subject, { ...options, requireMinReplicas: options.requireMinReplicas === true && !scaleToZeroAllowed }, annotations);
    v.namespace = typeof input.namespace === "string" ? input.namespace : undefined;
    v.metadata(input);
    v.spec(input.spec, v.deploymentMode(input.annotations));
    return v.problems;
}

class Validator extends ProblemList {
    constructor(
        subject: string,
        private readonly options: ModelValidationOptions,
        private readonly annotations: Record<string, unknown>,
    ) {
        super(subject);
    }

    private mode: DeploymentMode = defaults.deploymentMode;
    /** The model's namespace: ServingRuntimes there are found before ClusterServingRuntimes. */
    namespace?: string;
    private readonly report: admission.Report = (path, message) => this.add(path, message);

    metadata(input: InferenceServiceInput): void {
        const { name, namespace } = input;
        if (typeof name !== "string" || name === "") {
            this.add("name", `got ${show(name)}; must be a non-empty string`);
        } else {
            if (!dns1035Label.test(name)) {
                this.add("name", `"${name}" is not a DNS-1035 label; use lower-case letters, digits and "-", starting with a letter and ending with a letter or digit`);
            }
            if (name.length > maxLabelLength) {
                this.add("name", `"${name}" has ${name.length} characters; at most ${maxLabelLength} are allowed: shorten it by ${name.length - maxLabelLength} (e.g. "${name.slice(0, maxLabelLength).replace(/-+$/, "")}")`);
            }
        }
        if (namespace !== undefined) {
            if (typeof namespace !== "string" || !dns1123Label.test(namespace) || namespace.length > maxLabelLength) {
                this.add("namespace", `got ${show(namespace)}; must be a DNS-1123 label of at most ${maxLabelLength} characters`);
            } else if (typeof name === "string" && dns1035Label.test(name) && `${name}-${namespace}`.length > maxLabelLength) {
                // KServe's default domainTemplate puts "<name>-<namespace>" into one DNS label of status.url.
                const over = name.length + namespace.length + 1 - maxLabelLength;
                this.add(
                    "name",
                    `"${name}-${namespace}" (name-namespace, the host label of the model's URL) has ${name.length + namespace.length + 1} characters; at most ${maxLabelLength} are allowed: shorten the name or the namespace by ${over} together`,
                );
            }
        }
        this.stringMap(input.labels, "metadata.labels");
        this.stringMap(input.annotations, "metadata.annotations");
        if (isRecord(input.annotations)) {
            const mode = input.annotations[deploymentModeAnnotation];
            // Legacy names are accepted and normalised (see normaliseDeploymentMode).
            if (mode !== undefined && !(deploymentModes as readonly unknown[]).includes(mode) && !(typeof mode === "string" && legacyDeploymentModes[mode])) {
                this.add(
                    `metadata.annotations["${deploymentModeAnnotation}"]`,
                    `got ${show(mode)}; allowed: ${deploymentModes.join(", ")} (legacy ${Object.keys(legacyDeploymentModes).join(", ")} are renamed)`,
                );
            }
            const autoscaler = input.annotations[autoscalerClassAnnotation];
            if (autoscaler !== undefined && !autoscalerClasses.includes(autoscaler as string)) {
                this.add(`metadata.annotations["${autoscalerClassAnnotation}"]`, `got ${show(autoscaler)}; allowed: ${autoscalerClasses.join(", ")}`);
            }
        }
    }

    deploymentMode(annotations: unknown): DeploymentMode {
        return effectiveDeploymentMode(isRecord(annotations) ? (annotations as Record<string, string>) : undefined, this.options.defaultDeploymentMode);
    }

    spec(spec: unknown, mode: DeploymentMode): void {
        this.mode = mode;
        if (!isRecord(spec)) {
            this.add("spec", `got ${show(spec)}; must be an object with at least a predictor (KServe InferenceServiceSpec)`);
            return;
        }
        this.unknownFields(spec, "spec", "spec");
        if (!isRecord(spec.predictor)) {
            this.add("spec.predictor", `got ${show(spec.predictor)}; a predictor object is required`);
        } else {
            this.predictor(spec.predictor, "spec.predictor", mode);
        }
        if (spec.transformer !== undefined) {
            this.component(spec.transformer, "spec.transformer", "transformer", mode);
        }
        if (spec.explainer !== undefined) {
            this.component(spec.explainer, "spec.explainer", "explainer", mode);
        }
        if (spec.canary !== undefined) {
            this.canaries(spec.canary, isRecord(spec.predictor) ? spec.predictor : {}, mode);
        }
        admission.blockedEnv(spec, this.report);
        if (isRecord(spec.predictor)) {
            admission.multiNode(spec.predictor, this.annotations, this.report);
            admission.collocatedTransformerStorage(spec.predictor, this.report);
            admission.confidential(spec.predictor, this.report);
        }
        intOrString(spec, "spec", this.report);
    }

    private predictor(predictor: Record<string, unknown>, path: string, mode: DeploymentMode, canary = false): void {
        this.component(predictor, path, "predictor", mode);
        const implementations: string[] = predictorImplementationFields.filter((k) => predictor[k] !== undefined);
        if (this.customContainersImplement(predictor, implementations.length > 0)) {
            implementations.push("containers");
        }
        if (implementations.length === 1 && implementations[0] === "containers") {
            admission.customProtocol(predictor, path, this.report);
        }
        if (implementations.length !== 1) {
            this.add(
                path,
                implementations.length === 0
                    ? `has no implementation; set exactly one of model, ${frameworkFields.join(", ")}, or containers (with a container named "kserve-container")`
                    : `has ${implementations.length} implementations (${implementations.join(", ")}); set exactly one`,
            );
        }
        if (predictor.name !== undefined && (typeof predictor.name !== "string" || !dns1035Label.test(predictor.name))) {
            this.add(`${path}.name`, `got ${show(predictor.name)}; must be a DNS-1035 label`);
        }
        for (const key of frameworkFields) {
            if (predictor[key] !== undefined) {
                this.implementation(predictor[key], `${path}.${key}`, "predictorExtension", canary);
            }
        }
        if (predictor.model !== undefined) {
            this.model(predictor.model, `${path}.model`, predictor, canary);
        }
        this.storageExclusive(predictor, path, implementations[0]);
        if (predictor.workerSpec !== undefined) {
            this.podSpec(predictor.workerSpec, `${path}.workerSpec`, "workerSpec", mode);
        }
    }

    /** KServe counts `containers` as the implementation when one is named kserve-container, or when nothing else implements. */
    private customContainersImplement(component: Record<string, unknown>, hasOther: boolean): boolean {
        const containers = component.containers;
        if (!Array.isArray(containers) || containers.length === 0) {
            return false;
        }
        return containers.some((c) => isRecord(c) && c.name === "kserve-container") || !hasOther;
    }

    private component(value: unknown, path: string, kind: "predictor" | "transformer" | "explainer", mode: DeploymentMode): void {
        if (!isRecord(value)) {
            this.add(path, `got ${show(value)}; must be an object`);
            return;
        }
        this.unknownFields(value, path, kind);
        if (kind !== "predictor") {
            const hasContainers = Array.isArray(value.containers) && value.containers.length > 0;
            const implementations = [...(kind === "explainer" && value.art !== undefined ? ["art"] : []), ...(hasContainers ? ["containers"] : [])];
            const allowed = kind === "explainer" ? "art or containers" : "containers";
            if (implementations.length !== 1) {
                this.add(path, implementations.length === 0 ? `has no implementation; set ${allowed}` : `has ${implementations.length} implementations (${implementations.join(", ")}); set exactly one`);
            }
            if (value.art !== undefined) {
                this.implementation(value.art, `${path}.art`, "art");
                this.storageExclusive(value, path, "art");
            }
        }
        this.extension(value, path, mode);
        // KServe's defaulter names the first container of a custom implementation kserve-container
        // (`Custom<Component>.Default`); the canary predictors are not defaulted.
        const customImplementation = kind === "predictor" ? this.customContainersImplement(value, predictorImplementationFields.some((k) => value[k] !== undefined)) : kind === "transformer" || value.art === undefined;
        this.podSpec(value, path, kind, mode, true, customImplementation && !path.startsWith("spec.canary"));
        this.storageUris(value.storageUris, `${path}.storageUris`);
        this.gpuTolerations(value, path);
    }

    private extension(c: Record<string, unknown>, path: string, mode: DeploymentMode): void {
        if (this.integer(c.minReplicas, `${path}.minReplicas`, 0) && c.minReplicas === 0 && this.options.requireMinReplicas) {
            this.add(
                `${path}.minReplicas`,
                `0 lets a production model scale to zero, so its next request waits for a cold start; keep it >= 1, or annotate the InferenceService ${fixedNames.allowScaleToZeroAnnotation}: "true"`,
            );
        }
        this.integer(c.maxReplicas, `${path}.maxReplicas`, 0);
        if (typeof c.minReplicas === "number" && typeof c.maxReplicas === "number" && c.maxReplicas > 0 && c.minReplicas > c.maxReplicas) {
            this.add(`${path}.minReplicas`, `${c.minReplicas} is greater than maxReplicas ${c.maxReplicas}; minReplicas must be <= maxReplicas (maxReplicas 0 means no limit)`);
        }
        this.integer(c.canaryTrafficPercent, `${path}.canaryTrafficPercent`, 0, 100);
        this.integer(c.containerConcurrency, `${path}.containerConcurrency`, 0);
        this.integer(c.timeout, `${path}.timeout`, 1);
        this.integer(c.scaleTarget, `${path}.scaleTarget`, 0);
        this.enumValue(c.scaleMetric, `${path}.scaleMetric`, scaleMetrics);
        this.enumValue(c.scaleMetricType, `${path}.scaleMetricType`, scaleMetricTypes);
        if (c.autoScaling !== undefined) {
            autoScalingFields(c.autoScaling, `${path}.autoScaling`, this.report);
        }
        autoscaling(c, path, this.annotations, mode, this.report);
        this.stringMap(c.labels, `${path}.labels`);
        this.stringMap(c.annotations, `${path}.annotations`);
        if (c.logger !== undefined) {
            if (!isRecord(c.logger)) {
                this.add(`${path}.logger`, `got ${show(c.logger)}; must be an object`);
            } else {
                this.unknownFields(c.logger, `${path}.logger`, "logger");
                // Without url KServe sends events to inferenceservice-config logger.defaultUrl (http://default-broker in the chart).
                admission.logger(c.logger, `${path}.logger`, this.report);
                this.integer(c.logger.batchSize, `${path}.logger.batchSize`, 1);
            }
        }
        if (c.batcher !== undefined) {
            if (!isRecord(c.batcher)) {
                this.add(`${path}.batcher`, `got ${show(c.batcher)}; must be an object`);
            } else {
                this.unknownFields(c.batcher, `${path}.batcher`, "batcher");
                this.integer(c.batcher.maxBatchSize, `${path}.batcher.maxBatchSize`, 1);
                this.integer(c.batcher.maxLatency, `${path}.batcher.maxLatency`, 1);
                this.integer(c.batcher.timeout, `${path}.batcher.timeout`, 1);
            }
        }
    }

    /** `defaultNamed`: KServe's defaulter names the first container, so it may be left unnamed. */
    private podSpec(value: unknown, path: string, kind: KnownStructure, mode: DeploymentMode, alreadyChecked = false, defaultNamed = false): void {
        if (!isRecord(value)) {
            this.add(path, `got ${show(value)}; must be an object`);
            return;
        }
        if (!alreadyChecked) {
            this.unknownFields(value, path, kind);
        }
        for (const list of ["containers", "initContainers"] as const) {
            const containers = value[list];
            if (containers === undefined) {
                continue;
            }
            if (!Array.isArray(containers)) {
                this.add(`${path}.${list}`, `got ${show(containers)}; must be a list of containers`);
                continue;
            }
            containers.forEach((c, i) => {
                if (!isRecord(c)) {
                    this.add(`${path}.${list}[${i}]`, `got ${show(c)}; must be a container object`);
                } else if ((typeof c.name !== "string" || c.name === "") && !(defaultNamed && list === "containers" && i === 0)) {
                    this.add(`${path}.${list}[${i}].name`, 'is required (KServe names only the first container of a custom component, "kserve-container")');
                } else {
                    admission.containerName(c.name, `${path}.${list}[${i}].name`, mode, this.report);
                }
            });
            if (mode === "Knative" && list === "containers") {
                admission.knativePorts(containers.map((c, i): [string, Record<string, unknown>] => [`${path}.containers[${i}]`, isRecord(c) ? c : {}]), true, this.report);
            }
        }
        for (const key of ["nodeSelector"]) {
            this.stringMap(value[key], `${path}.${key}`);
        }
        if (value.tolerations !== undefined && !Array.isArray(value.tolerations)) {
            this.add(`${path}.tolerations`, `got ${show(value.tolerations)}; must be a list of tolerations`);
        }
    }

    /** `canary`: in a canary predictor the CRD requires the implementation's container name, elsewhere KServe forbids it. */
    private implementation(value: unknown, path: string, kind: "predictorExtension" | "art" | "model", canary = false): void {
        if (!isRecord(value)) {
            this.add(path, `got ${show(value)}; must be an object`);
            return;
        }
        this.unknownFields(value, path, kind);
        const named = typeof value.name === "string" && value.name !== "";
        if (canary && !named) {
            this.add(`${path}.name`, 'is required in a canary predictor (the CRD requires the container name); use "kserve-container"');
        } else if (!canary && kind !== "art" && value.name !== undefined && value.name !== "") {
            this.add(`${path}.name`, "is not allowed here (KServe names the container itself); remove it");
        }
        admission.containerName(value.name, `${path}.name`, this.mode, this.report);
        if (this.mode === "Knative") {
            admission.knativePorts([[path, value]], false, this.report);
        }
        this.storageUri(value.storageUri, `${path}.storageUri`);
        if (kind !== "art") {
            this.enumValue(value.protocolVersion, `${path}.protocolVersion`, protocolVersions);
        } else {
            admission.explainerStorage(value, path, this.report);
        }
    }

    private model(value: unknown, path: string, predictor: Record<string, unknown>, canary: boolean): void {
        this.implementation(value, path, "model", canary);
        if (!isRecord(value)) {
            return;
        }
        const format = value.modelFormat;
        if (!isRecord(format) || typeof format.name !== "string" || format.name === "") {
            this.add(`${path}.modelFormat.name`, `got ${show(isRecord(format) ? format.name : format)}; a model needs modelFormat.name (e.g. sklearn, xgboost, onnx, huggingface) to select its runtime`);
            return;
        }
        this.unknownFields(format, `${path}.modelFormat`, "modelFormat");
        if (format.version !== undefined && typeof format.version !== "string") {
            this.add(`${path}.modelFormat.version`, `got ${show(format.version)}; must be a string such as "1"`);
        }
        if (value.runtime !== undefined && (typeof value.runtime !== "string" || value.runtime === "")) {
            this.add(`${path}.runtime`, `got ${show(value.runtime)}; must be a ServingRuntime or ClusterServingRuntime name`);
            return;
        }
        if (!this.options.checkDefaultRuntimes && !this.options.runtimes) {
            return;
        }
        // The protocol after KServe's defaulter; auto-selection looks for v1 when there is none
        // (`ModelSpec.GetProtocol`), a named runtime is then not checked for a protocol (`reconcileModel`).
        const declared = declaredModelProtocol(value);
        const query = {
            format: { name: format.name, version: typeof format.version === "string" ? format.version : undefined },
            protocol: declared ?? predictorProtocol(predictor),
            multiNode: predictor.workerSpec !== undefined,
            runtime: value.runtime,
        };
        const described = `modelFormat ${show({ name: format.name, version: query.format.version })} with protocol ${query.protocol}${query.multiNode ? " and a workerSpec" : ""}`;
        const candidates = runtimeCandidates(this.options, this.namespace);
        const named = query.runtime === undefined ? undefined : findRuntime(query.runtime, this.options, this.namespace);
        if (query.runtime === undefined) {
            // Without the default runtimes, others may be installed beside the stack's: nothing to prove.
            if (this.options.checkDefaultRuntimes && selectRuntimes(query, candidates).length === 0) {
                const byName = Object.entries(candidates)
                    .filter(([, f]) => f.formats.some((m) => m.name === format.name && m.autoSelect))
                    .map(([n, f]) => `${n} (protocols ${f.protocols.join(", ") || "any"}, versions ${f.formats.filter((m) => m.name === format.name).map((m) => m.version).join(", ")})`);
                this.add(
                    path,
                    `no ${Object.keys(candidates).length > Object.keys(defaultRuntimes).length ? "ServingRuntime or ClusterServingRuntime" : "default ClusterServingRuntime"} auto-selects ${described}` +
                        (byName.length ? `; runtimes for that format: ${byName.join("; ")}` : "; no default runtime serves that format") +
                        ". Set protocolVersion/modelFormat.version to match, or name a runtime",
                );
            }
        } else if (named?.disabled) {
            this.add(`${path}.runtime`, `${query.runtime} is disabled (spec.disabled); KServe fails a model naming a disabled runtime ("specified runtime ${query.runtime} is disabled")`);
        } else if (
            named !== undefined &&
            // A named runtime is not checked for multi-node support, nor for a protocol the spec does not declare.
            !runtimeServes(named, {
                ...query,
                protocol: declared ?? named.protocols[0] ?? query.protocol,
                multiNode: named.multiNode,
            })
        ) {
            const facts = named;
            this.add(
                `${path}.runtime`,
                `${query.runtime} does not serve ${described}; it serves ${facts.formats.map((m) => `${m.name}:${m.version ?? "*"}`).join(", ")} over ${facts.protocols.join(", ") || "any protocol"}`,
            );
        }
    }

    /** KServe rejects a component setting both a storageUri (on its implementation) and storageUris. */
    private storageExclusive(component: Record<string, unknown>, path: string, implementation: string | undefined): void {
        const impl = implementation === undefined ? undefined : component[implementation];
        if (component.storageUris !== undefined && isRecord(impl) && impl.storageUri !== undefined) {
            this.add(`${path}.storageUris`, `cannot be combined with ${implementation}.storageUri; use one or the other`);
        }
    }

    private storageUris(value: unknown, path: string): void {
        if (value === undefined) {
            return;
        }
        if (!Array.isArray(value) || value.length === 0) {
            // The CRD's minItems: 1 refuses an empty list before the webhook sees it.
            this.add(path, `got ${show(value)}; must be a non-empty list of {uri, mountPath}`);
            return;
        }
        const plainPaths: string[] = [];
        const pvcPaths = new Set<string>();
        value.forEach((entry, i) => {
            const at = `${path}[${i}]`;
            if (!isRecord(entry)) {
                this.add(at, `got ${show(entry)}; must be {uri, mountPath}`);
                return;
            }
            this.unknownFields(entry, at, "storageUri");
            if (typeof entry.uri !== "string" || entry.uri === "") {
                this.add(`${at}.uri`, "is required and must be a non-empty string");
            } else {
                this.storageUri(entry.uri, `${at}.uri`);
            }
            // The CRD defaults mountPath to /mnt/models before the webhook sees it.
            const mountPath = entry.mountPath ?? "/mnt/models";
            if (typeof mountPath !== "string" || !mountPath.startsWith("/") || mountPath === "/" || mountPath.includes("..")) {
                this.add(`${at}.mountPath`, `got ${show(mountPath)}; must be an absolute path other than "/" without ".."`);
                return;
            }
            if (typeof entry.uri === "string" && entry.uri.startsWith("pvc://")) {
                if (pvcPaths.has(mountPath)) {
                    this.add(`${at}.mountPath`, `"${mountPath}" is used by another pvc:// entry; PVC mount paths must be unique`);
                }
                pvcPaths.add(mountPath);
            } else {
                plainPaths.push(mountPath);
            }
        });
        if (plainPaths.length > 1 && commonParent(plainPaths) === "/") {
            this.add(path, `mount paths ${plainPaths.join(", ")} share no parent directory below "/"; KServe requires one (e.g. /mnt/models/a and /mnt/models/b)`);
        }
    }

    private storageUri(value: unknown, path: string): void {
        if (value === undefined) {
            return;
        }
        if (typeof value !== "string" || value === "") {
            this.add(path, `got ${show(value)}; must be a non-empty string`);
            return;
        }
        // A bare path is a local path, which KServe accepts as is.
        if (!/\w+?:\/\//.test(value)) {
            return;
        }
        const prefixes = [...storageUriPrefixes, ...(this.options.extraStorageUriPrefixes ?? [])];
        const ok = value.includes("blob.core.windows.net") ? azureBlobUri.test(value) : prefixes.some((p) => value.startsWith(p));
        if (!ok) {
            this.add(path, `"${value}" has an unsupported scheme; allowed: ${prefixes.join(" ")} or https://<account>.blob.core.windows.net/<container>/<path>`);
        }
    }

    private gpuTolerations(component: Record<string, unknown>, path: string): void {
        const taint = this.options.gpuTaint;
        if (taint === undefined || !requestsGpu(component)) {
            return;
        }
        const tolerations = Array.isArray(component.tolerations) ? component.tolerations : [];
        if (!tolerations.some((t) => isRecord(t) && tolerates(t, taint))) {
            this.add(
                `${path}.tolerations`,
                `the component requests GPUs but does not tolerate the GPU node taint ${taint.key}${taint.value ? `=${taint.value}` : ""}:${taint.effect}, so it can never be scheduled; ` +
                    `add {key: ${taint.key}, operator: Exists, effect: ${taint.effect}}`,
            );
        }
    }

    private canaries(value: unknown, stable: Record<string, unknown>, mode: DeploymentMode): void {
        if (!Array.isArray(value)) {
            this.add("spec.canary", `got ${show(value)}; must be a list of {predictor, trafficPercent}`);
            return;
        }
        if (mode !== "Standard") {
            this.add("spec.canary", `is only supported in Standard mode (annotation ${deploymentModeAnnotation}: Standard); in Knative mode use spec.predictor.canaryTrafficPercent`);
        }
        if (value.length > 0 && !stableHasModel(stable)) {
            this.add("spec.canary", "needs a stable predictor with a model (a model, a framework key, or a kserve-container with STORAGE_URI); multi-model serving is not supported with canary");
        }
        const names = new Set<string>();
        let total = 0;
        value.forEach((entry, i) => {
            const at = `spec.canary[${i}]`;
            if (!isRecord(entry)) {
                this.add(at, `got ${show(entry)}; must be {predictor, trafficPercent}`);
                return;
            }
            this.unknownFields(entry, at, "canary");
            if (this.integer(entry.trafficPercent, `${at}.trafficPercent`, 0, 100, true)) {
                total += entry.trafficPercent as number;
            }
            if (!isRecord(entry.predictor)) {
                this.add(`${at}.predictor`, "is required");
                return;
            }
            const name = entry.predictor.name;
            if (typeof name !== "string" || name === "") {
                this.add(`${at}.predictor.name`, "is required for a canary predictor");
            } else if (names.has(name) || name === stable.name) {
                this.add(`${at}.predictor.name`, `"${name}" is already used by ${names.has(name) ? "another canary" : "the stable predictor"}; names must be unique`);
            } else {
                names.add(name);
            }
            for (const fixed of ["maxReplicas", "scaleTarget", "scaleMetric", "autoScaling", "workerSpec"]) {
                if (entry.predictor[fixed] !== undefined && !(fixed === "maxReplicas" && entry.predictor[fixed] === 0)) {
                    this.add(`${at}.predictor.${fixed}`, "is not allowed; canary predictors run fixed replicas");
                }
            }
            // validateCanarySpecs: a canary starts no more replicas than the stable predictor (default 1).
            const stableMin = typeof stable.minReplicas === "number" ? stable.minReplicas : 1;
            if (typeof entry.predictor.minReplicas === "number" && entry.predictor.minReplicas > stableMin) {
                this.add(`${at}.predictor.minReplicas`, `${entry.predictor.minReplicas} exceeds the stable predictor's minReplicas ${stableMin}; a canary may not start more replicas than the stable predictor`);
            }
            this.predictor(entry.predictor, `${at}.predictor`, mode, true);
        });
        if (total > 100) {
            this.add("spec.canary", `trafficPercent values add up to ${total}; the sum must be <= 100`);
        }
    }

    private unknownFields(value: Record<string, unknown>, path: string, structure: KnownStructure): void {
        const known: readonly string[] = knownFields[structure];
        for (const key of Object.keys(value)) {
            if (!known.includes(key)) {
                const guess = suggest(key, known);
                this.add(`${path}.${key}`, `is not a field of KServe v1beta1 ${structure}${guess ? `; did you mean "${guess}"?` : ""} (the API server would drop it silently)`);
            }
        }
    }

    /** Checks an optional integer in [min, max]; returns true when it is one. */
    private integer(value: unknown, path: string, min: number, max?: number, required = false): boolean {
        if (value === undefined && !required) {
            return false;
        }
        const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
            this.add(path, `got ${show(value)}; must be an integer ${range}`);
            return false;
        }
        return true;
    }

    private enumValue(value: unknown, path: string, allowed: readonly string[]): void {
        if (value !== undefined && !allowed.includes(value as string)) {
            this.add(path, `got ${show(value)}; allowed: ${allowed.join(", ")}`);
        }
    }

    private stringMap(value: unknown, path: string): void {
        if (value === undefined) {
            return;
        }
        if (!isRecord(value)) {
            this.add(path, `got ${show(value)}; must be a map of strings`);
            return;
        }
        for (const [k, v] of Object.entries(value)) {
            if (typeof v !== "string") {
                this.add(`${path}["${k}"]`, `got ${show(v)}; values must be strings (quote numbers and booleans)`);
            }
        }
    }
}

/** KServe's `validateCanarySpecs` precondition: the stable predictor has a model or a storage URI. */
function stableHasModel(predictor: Record<string, unknown>): boolean {
    if (predictorImplementationFields.some((k) => isRecord(predictor[k]))) {
        return true;
    }
    const containers: unknown[] = Array.isArray(predictor.containers) ? predictor.containers : [];
    const main: unknown = containers.find((c) => isRecord(c) && c.name === "kserve-container") ?? (containers.length === 1 ? containers[0] : undefined);
    return isRecord(main) && Array.isArray(main.env) && main.env.some((e) => isRecord(e) && e.name === "STORAGE_URI");
}
