/**
 * Rules of KServe v0.20.0's admission chain and of Knative Serving's validation that are not a
 * matter of field names: each function ports one upstream check and names its source. Paths are
 * the spec's; messages keep the upstream meaning and say what is allowed.
 *
 * Sources (KServe v0.20.0 unless noted):
 * - `pkg/apis/serving/v1beta1/inference_service_validation.go` (webhook),
 * - `pkg/apis/serving/v1beta1/component.go`, `explainer.go`, `predictor_custom.go`,
 * - `pkg/validation/env_policy.go`, `pkg/validation/confidential.go`,
 * - `pkg/utils/utils.go` (`HasUnknownGpuResourceType`),
 * - Knative Serving `pkg/apis/serving/k8s_validation.go` (ports, reserved names),
 * - the InferenceService CRD (int-or-string quantities).
 */
import { isRecord, show } from "../common";
import { predictorImplementationFields } from "./fields";
import type { DeploymentMode } from "./types";

/** Records a problem at a path. */
export type Report = (path: string, message: string) => void;

const transformerContainerName = "transformer-container";
const blockedEnvVars = ["PYTHONPATH"];
const gpuResourceTypes = ["nvidia.com/gpu", "amd.com/gpu", "intel.com/gpu", "habana.ai/gaudi"];
const basicResources = ["cpu", "memory", "storage", "ephemeral-storage"];
export const gpuResourceTypesAnnotation = "serving.kserve.io/gpu-resource-types";
const kbsResourceId = /^kbs:\/\/\/[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+$/;
const storageSpecPrefixes = ["s3://", "hdfs://", "webhdfs://"];
/** Knative: port names reserved for content negotiation, and ports the queue-proxy owns. */
const knativePortNames = ["", "h2c", "http1"];
const knativeReservedPorts = [8012, 8013, 8022, 9090, 9091, 8008];
/** DNS-1123 label: what Kubernetes requires of container names. */
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const envOf = (container: Record<string, unknown>): Record<string, unknown>[] => records(container.env);

/** The implementation container of a predictor (`predictorFrameworkContainer`), with its key. */
function frameworkContainer(predictor: Record<string, unknown>): [string, Record<string, unknown>] | undefined {
    for (const key of predictorImplementationFields) {
        if (isRecord(predictor[key])) {
            return [key, predictor[key]];
        }
    }
    return undefined;
}

/** Where containers sit in a component: `[path, container]` for containers, initContainers and the inline one. */
function containersOf(component: Record<string, unknown>, path: string, inline: readonly string[]): [string, Record<string, unknown>][] {
    const out: [string, Record<string, unknown>][] = [];
    for (const list of ["containers", "initContainers"]) {
        (Array.isArray(component[list]) ? (component[list] as unknown[]) : []).forEach((c, i) => isRecord(c) && out.push([`${path}.${list}[${i}]`, c]));
    }
    for (const key of inline) {
        if (isRecord(component[key])) {
            out.push([`${path}.${key}`, component[key]]);
        }
    }
    return out;
}

/** `validateBlockedEnvVars` / `ValidateBlockedEnvVars`: PYTHONPATH may not be set in any container KServe runs. */
export function blockedEnv(spec: Record<string, unknown>, report: Report): void {
    const at: [string, Record<string, unknown>][] = [];
    if (isRecord(spec.predictor)) {
        const p = spec.predictor;
        at.push(...containersOf(p, "spec.predictor", []));
        const framework = frameworkContainer(p);
        if (framework) {
            at.push([`spec.predictor.${framework[0]}`, framework[1]]);
        }
        if (isRecord(p.workerSpec)) {
            at.push(...containersOf(p.workerSpec, "spec.predictor.workerSpec", []));
        }
    }
    if (isRecord(spec.transformer)) {
        at.push(...containersOf(spec.transformer, "spec.transformer", []));
    }
    if (isRecord(spec.explainer)) {
        at.push(...containersOf(spec.explainer, "spec.explainer", ["art"]));
    }
    for (const [path, container] of at) {
        envOf(container).forEach((e, i) => {
            if (typeof e.name === "string" && blockedEnvVars.includes(e.name)) {
                report(`${path}.env[${i}]`, `setting ${e.name} in a container is not allowed for security reasons (KServe refuses it); remove it`);
            }
        });
    }
}

/** `validateCollocationStorageURI`: a collocated transformer-container may not carry STORAGE_URI. */
export function collocatedTransformerStorage(predictor: Record<string, unknown>, report: Report): void {
    const containers = Array.isArray(predictor.containers) ? predictor.containers : [];
    const index = containers.findIndex((c) => isRecord(c) && c.name === transformerContainerName);
    if (index < 0) {
        return;
    }
    envOf(containers[index] as Record<string, unknown>).forEach((e, i) => {
        if (e.name === "STORAGE_URI") {
            report(
                `spec.predictor.containers[${index}].env[${i}]`,
                `STORAGE_URI may not be set in the ${transformerContainerName} (KServe: storage uri should not be specified in transformer container); set it on the predictor's kserve-container`,
            );
        }
    });
}

/** `CustomPredictor.validateCustomProtocol`: the first custom container's PROTOCOL env must be v1 or v2. */
export function customProtocol(predictor: Record<string, unknown>, path: string, report: Report): void {
    const first: unknown = Array.isArray(predictor.containers) ? (predictor.containers as unknown[])[0] : undefined;
    if (!isRecord(first)) {
        return;
    }
    envOf(first).forEach((e, i) => {
        const value = e.value ?? "";
        if (e.name === "PROTOCOL" && value !== "v1" && value !== "v2") {
            report(`${path}.containers[0].env[${i}].value`, `PROTOCOL ${show(value)} is not a protocol a custom predictor may declare; allowed: v1, v2`);
        }
    });
}

/** `validateLogger`: mode is one of all/request/response (no default), and storage needs path, parameters and key. */
export function logger(value: Record<string, unknown>, path: string, report: Report): void {
    if (!["all", "request", "response"].includes(value.mode as string)) {
        report(`${path}.mode`, `got ${show(value.mode)}; KServe requires a logger mode (it has no default): all, request or response`);
    }
    if (value.storage !== undefined) {
        const storage = isRecord(value.storage) ? value.storage : {};
        const missing = ["path", "parameters", "key"].filter((k) => storage[k] === undefined || storage[k] === null);
        if (missing.length > 0) {
            report(`${path}.storage`, `is missing ${missing.join(", ")}; KServe needs path, parameters and key for logger storage`);
        }
    }
}

/** `validateStorageSpec` (ART explainer): a `storage` spec works only with s3, hdfs and webhdfs. */
export function explainerStorage(art: Record<string, unknown>, path: string, report: Report): void {
    if (art.storage === undefined || art.storage === null) {
        return;
    }
    const uri = art.storageUri;
    if (typeof uri === "string" && uri !== "") {
        if (!storageSpecPrefixes.some((p) => uri.startsWith(p))) {
            report(`${path}.storageUri`, `"${uri}" cannot be used with storage; with a storage spec the URI must start with ${storageSpecPrefixes.join(", ")}`);
        }
        return;
    }
    const parameters = isRecord(art.storage) && isRecord(art.storage.parameters) ? art.storage.parameters : {};
    if (parameters.type !== undefined && !storageSpecPrefixes.includes(`${show(parameters.type).replace(/^"|"$/g, "")}://`)) {
        report(`${path}.storage.parameters.type`, `got ${show(parameters.type)}; storage types: ${storageSpecPrefixes.map((p) => p.slice(0, -3)).join(", ")}`);
    }
}

/** The GPU resource types KServe knows for this InferenceService, or an error for a malformed annotation. */
function gpuTypes(annotations: Record<string, unknown>, report: Report): string[] | undefined {
    const custom = annotations[gpuResourceTypesAnnotation];
    if (typeof custom !== "string" || custom === "") {
        return gpuResourceTypes;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(custom);
    } catch {
        parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.some((t) => typeof t !== "string" || t === "")) {
        report(`metadata.annotations["${gpuResourceTypesAnnotation}"]`, `got ${show(custom)}; must be a JSON array of resource names, e.g. ["example.com/gpu"]`);
        return undefined;
    }
    return [...gpuResourceTypes, ...(parsed as string[])];
}

function unknownGpu(container: Record<string, unknown>, known: string[]): string[] {
    const resources = isRecord(container.resources) ? container.resources : {};
    const names = [resources.limits, resources.requests].flatMap((r) => (isRecord(r) ? Object.keys(r) : []));
    return [...new Set(names.filter((n) => !basicResources.includes(n) && !known.includes(n)))];
}

/** `validateMultiNodeVariables`: what a predictor with a `workerSpec` must look like. */
export function multiNode(predictor: Record<string, unknown>, annotations: Record<string, unknown>, report: Report): void {
    const worker = predictor.workerSpec;
    if (!isRecord(worker)) {
        return;
    }
    const path = "spec.predictor";
    const workers = Array.isArray(worker.containers) ? worker.containers : [];
    if (workers.length > 1) {
        report(`${path}.workerSpec.containers`, `has ${workers.length} containers; a multi-node worker may have only one`);
    }
    const known = gpuTypes(annotations, report);
    const unknownMessage = (names: string[]) =>
        `requests ${names.join(", ")}, which KServe does not know as a GPU type; list it in the annotation ${gpuResourceTypesAnnotation} (a JSON array)`;
    if (isRecord(predictor.model)) {
        const model = predictor.model;
        envOf(model).forEach((e, i) => {
            if (e.name === "PIPELINE_PARALLEL_SIZE" || e.name === "TENSOR_PARALLEL_SIZE") {
                const field = e.name === "PIPELINE_PARALLEL_SIZE" ? "pipelineParallelSize" : "tensorParallelSize";
                report(`${path}.model.env[${i}]`, `${e.name} may not be set with a workerSpec; set workerSpec.${field} instead`);
            }
        });
        const unknown = known ? unknownGpu(model, known) : [];
        if (unknown.length > 0) {
            report(`${path}.model.resources`, unknownMessage(unknown));
        }
        const uri = model.storageUri;
        if (typeof uri !== "string") {
            report(`${path}.model.storageUri`, "is required with a workerSpec (multi-node models load from pvc:// or oci://)");
        } else {
            const scheme = uri.split("://")[0];
            if (scheme !== "pvc" && scheme !== "oci") {
                report(`${path}.model.storageUri`, `"${uri}": multi-node models support only pvc:// and oci:// storage`);
            }
        }
        const autoscaler = annotations["serving.kserve.io/autoscalerClass"];
        if (autoscaler !== "none") {
            report(`metadata.annotations["serving.kserve.io/autoscalerClass"]`, `got ${show(autoscaler)}; a multi-node model needs "none" (multi-node supports only the 'none' autoscaler)`);
        }
    }
    for (const field of ["pipelineParallelSize", "tensorParallelSize"]) {
        const v = worker[field];
        if (typeof v === "number" && v < 1) {
            report(`${path}.workerSpec.${field}`, `got ${v}; must be >= 1`);
        }
    }
    if (known) {
        workers.forEach((c, i) => {
            const unknown = isRecord(c) ? unknownGpu(c, known) : [];
            if (unknown.length > 0) {
                report(`${path}.workerSpec.containers[${i}].resources`, unknownMessage(unknown));
            }
        });
    }
}

/** `validateConfidential`: confidential serving needs the implementation's storageUri and a KBS resource id. */
export function confidential(predictor: Record<string, unknown>, report: Report): void {
    const framework = frameworkContainer(predictor);
    if (!framework || !isRecord(framework[1].confidential) || framework[1].confidential.enabled !== true) {
        return;
    }
    const [key, impl] = framework;
    const spec = framework[1].confidential;
    if (typeof impl.storageUri !== "string" || impl.storageUri === "") {
        report(`spec.predictor.${key}.storageUri`, "is required for confidential model serving (confidential.enabled: true)");
    }
    if (typeof spec.resourceId === "string" && spec.resourceId !== "" && !kbsResourceId.test(spec.resourceId)) {
        report(`spec.predictor.${key}.confidential.resourceId`, `got ${show(spec.resourceId)}; must be kbs:///<repo>/<type>/<tag>`);
    }
}

/** Kubernetes: container names are DNS-1123 labels; Knative reserves queue-proxy. */
export function containerName(name: unknown, path: string, mode: DeploymentMode, report: Report): void {
    if (typeof name !== "string" || name === "") {
        return;
    }
    if (!dns1123Label.test(name) || name.length > 63) {
        report(path, `"${name}" is not a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters); Kubernetes refuses the pod`);
    } else if (mode === "Knative" && name === "queue-proxy") {
        report(path, '"queue-proxy" is reserved by Knative for its sidecar; choose another name');
    }
}

/**
 * Knative (`validateContainerPorts`, `validateContainersPorts`): the serving port's name is empty,
 * h2c or http1, its protocol TCP, not a queue-proxy port; only one port across a pod's containers.
 */
export function knativePorts(containers: [string, Record<string, unknown>][], podContainers: boolean, report: Report): void {
    let count = 0;
    for (const [path, c] of containers) {
        const ports = records(c.ports);
        count += Array.isArray(c.ports) ? c.ports.length : 0;
        const first = ports[0];
        if (!first) {
            continue;
        }
        const name = first.name ?? "";
        if (!knativePortNames.includes(name as string)) {
            report(`${path}.ports[0].name`, `${show(name)} is not allowed by Knative; the port name must be empty, "h2c" (HTTP/2, gRPC) or "http1"`);
        }
        if (first.protocol !== undefined && first.protocol !== "" && first.protocol !== "TCP") {
            report(`${path}.ports[0].protocol`, `got ${show(first.protocol)}; Knative serves only TCP`);
        }
        if (typeof first.containerPort === "number" && knativeReservedPorts.includes(first.containerPort)) {
            report(`${path}.ports[0].containerPort`, `${first.containerPort} is reserved by Knative's queue-proxy (${knativeReservedPorts.join(", ")}); use another port, e.g. 8080`);
        }
    }
    if (podContainers && count > 1) {
        report(containers[0][0].replace(/\[\d+\]$/, ""), `declare ${count} ports; Knative allows a single port across all containers of a pod`);
    }
}
