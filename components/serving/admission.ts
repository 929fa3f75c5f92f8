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
/** Kubernetes' quantity grammar, as the CRD's pattern states it. */
const quantity = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
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

/**
 * `validateAutoScalingCompExtension`: in Standard mode the `hpa` and `keda` autoscaler classes
 * check their fields; in Knative mode Knative's HPA class checks HPA fields, else the KPA rules.
 */
export function autoscaling(c: Record<string, unknown>, path: string, annotations: Record<string, unknown>, mode: DeploymentMode, report: Report): void {
    if (mode === "Standard") {
        const cls = annotations["serving.kserve.io/autoscalerClass"];
        if (cls === "hpa") {
            hpa(c, path, report);
        } else if (cls === "keda") {
            keda(c, path, report);
        }
        return;
    }
    if (annotations["autoscaling.knative.dev/class"] === "hpa.autoscaling.knative.dev") {
        hpa(c, path, report);
        return;
    }
    if (c.deploymentStrategy !== undefined) {
        report(`${path}.deploymentStrategy`, "is only supported in Standard mode; Knative rolls out revisions itself");
    }
    const metric = c.scaleMetric ?? "concurrency";
    // A value outside the CRD's enum is reported once, by the enum check.
    if (typeof metric === "string" && ["cpu", "memory"].includes(metric)) {
        report(
            `${path}.scaleMetric`,
            `"${metric}" needs Knative's HPA autoscaler; with the default KPA use concurrency or rps, or set the InferenceService annotation autoscaling.knative.dev/class: hpa.autoscaling.knative.dev`,
        );
    }
    if (metric === "rps" && typeof c.scaleTarget === "number" && c.scaleTarget < 1) {
        report(`${path}.scaleTarget`, `${c.scaleTarget} requests per second is not a usable target; must be >= 1`);
    }
}

function metricsOf(c: Record<string, unknown>): Record<string, unknown>[] {
    return isRecord(c.autoScaling) ? records(c.autoScaling.metrics) : [];
}

function hpa(c: Record<string, unknown>, path: string, report: Report): void {
    const metric = c.scaleMetric ?? "cpu";
    if (typeof metric === "string" && ["concurrency", "rps"].includes(metric)) {
        report(`${path}.scaleMetric`, `"${metric}" is not an HPA metric; allowed: cpu, memory`);
    }
    if (typeof c.scaleTarget === "number") {
        // Upstream's condition reads `metric == cpu && target < 1 || target > 100`: above 100 is refused for any metric.
        if ((metric === "cpu" && c.scaleTarget < 1) || c.scaleTarget > 100) {
            report(`${path}.scaleTarget`, `got ${c.scaleTarget}; the target utilization percentage must be an integer from 1 to 100`);
        } else if (metric === "memory" && c.scaleTarget < 1) {
            report(`${path}.scaleTarget`, `got ${c.scaleTarget}; the memory target must be at least 1 (MiB)`);
        }
    }
    metricsOf(c).forEach((m, i) => {
        const at = `${path}.autoScaling.metrics[${i}]`;
        if (m.type !== "Resource") {
            report(`${at}.type`, `got ${show(m.type)}; the HPA autoscaler supports only Resource metrics`);
        } else if (!isRecord(m.resource)) {
            report(`${at}.resource`, "is required for a Resource metric");
        }
    });
}

function keda(c: Record<string, unknown>, path: string, report: Report): void {
    if (c.scaleMetric !== undefined) {
        report(`${path}.scaleMetric`, "is not supported with the keda autoscaler; describe metrics in autoScaling.metrics");
    }
    metricsOf(c).forEach((m, i) => {
        const at = `${path}.autoScaling.metrics[${i}]`;
        if (m.type === "Resource") {
            if (!isRecord(m.resource)) {
                report(`${at}.resource`, "is required for a Resource metric");
                return;
            }
            const target = isRecord(m.resource.target) ? m.resource.target : {};
            if (m.resource.name === "cpu") {
                if (target.type !== "Utilization") {
                    report(`${at}.resource.target.type`, `got ${show(target.type)}; a cpu target must be Utilization`);
                }
            } else if (m.resource.name === "memory") {
                if (target.type !== "AverageValue" && target.type !== "Utilization") {
                    report(`${at}.resource.target.type`, `got ${show(target.type)}; a memory target must be AverageValue or Utilization`);
                } else if (target.type === "AverageValue" && quantityBytes(target.averageValue) !== undefined && quantityBytes(target.averageValue)! < 1024 * 1024) {
                    report(`${at}.resource.target.averageValue`, `got ${show(target.averageValue)}; the memory target must be at least 1Mi`);
                }
            } else {
                report(`${at}.resource.name`, `got ${show(m.resource.name)}; allowed: cpu, memory`);
            }
            scaleTarget(target, `${at}.resource.target`, report);
        } else if (m.type === "External" || m.type === "PodMetric") {
            const key = m.type === "External" ? "external" : "podmetric";
            const source = m[key];
            if (!isRecord(source)) {
                report(`${at}.${key}`, `is required for a ${m.type} metric`);
                return;
            }
            const query = isRecord(source.metric) ? source.metric.query : undefined;
            if (typeof query !== "string" || query === "") {
                report(`${at}.${key}.metric.query`, "must not be empty");
            }
            const target = isRecord(source.target) ? source.target : {};
            if (target.value === undefined || target.value === null) {
                report(`${at}.${key}.target.value`, "the target threshold value must be set");
            } else {
                scaleTarget(target, `${at}.${key}.target`, report);
            }
        } else {
            report(`${at}.type`, `got ${show(m.type)}; KEDA metric types: Resource, External, PodMetric`);
        }
    });
}

/** `validateScaleTarget`: the value field the target type names must be set; utilization 1..100. */
function scaleTarget(target: Record<string, unknown>, path: string, report: Report): void {
    const field = { Utilization: "averageUtilization", AverageValue: "averageValue", Value: "value" }[target.type as string];
    if (field === undefined) {
        return;
    }
    const value = target[field];
    if (value === undefined || value === null) {
        report(`${path}.${field}`, `is required when the target type is ${target.type as string}`);
    } else if (field === "averageUtilization" && (typeof value !== "number" || value < 1 || value > 100)) {
        report(`${path}.${field}`, `got ${show(value)}; the target utilization percentage must be an integer from 1 to 100`);
    }
}

/** Bytes of a memory quantity (binary and decimal suffixes), or undefined when it is not one. */
function quantityBytes(value: unknown): number | undefined {
    const text = typeof value === "number" ? String(value) : value;
    if (typeof text !== "string") {
        return undefined;
    }
    const m = /^([0-9.]+)([KMGTPE]i|[kMGTPE]|m)?$/.exec(text);
    if (!m) {
        return undefined;
    }
    const scale: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3 };
    return Number(m[1]) * (m[2] ? scale[m[2]] : 1);
}

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
