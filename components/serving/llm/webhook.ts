/**
 * KServe v0.20.0's validating webhook for `serving.kserve.io/v1alpha2` LLMInferenceService and
 * LLMInferenceServiceConfig, rule for rule (`pkg/apis/serving/v1alpha2/llm_inference_service_validation.go`,
 * `llm_inference_service_config_validation.go`, `pkg/validation/confidential.go`; the helpers of
 * `llm_inference_service_types_func.go`). Paths are the webhook's field paths; the metadata
 * annotations are the model entry's `annotations`.
 * The update-only rule (a workload's total parallelism size is immutable) compares with the previous
 * spec, which a Pulumi program does not have: LLMInferenceService replaces the resource when a
 * field the size is computed from changes (`immutableParallelismFields`).
 */
import { isRecord, quantityBytes, show } from "../../common";
import type { Report } from "./schema";

/** `serving.kserve.io/exp-dra-*` annotations (KServe v0.20.0 `pkg/constants/constants.go`). */
export const managedDraAnnotations = {
    deviceClass: "serving.kserve.io/exp-dra-device-class",
    celSelector: "serving.kserve.io/exp-dra-cel-selector",
    deviceCount: "serving.kserve.io/exp-dra-device-count",
    containerName: "serving.kserve.io/exp-dra-container-name",
} as const;

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj | undefined => (isRecord(v) ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const dataParallel = (p: Obj | undefined) => (num(p?.data) ?? 0) > 0 || (num(p?.dataLocal) ?? 0) > 0;
const pipelineParallel = (p: Obj | undefined) => (num(p?.pipeline) ?? 0) > 0;

/** `ParallelismSpec.GetSize`: data/dataLocal when data parallel, else pipeline; undefined otherwise. */
export function parallelismSize(p: unknown): number | undefined {
    const r = rec(p);
    if (!r) {
        return undefined;
    }
    if (dataParallel(r)) {
        return Math.max(Math.trunc(Math.max(num(r.data) ?? 1, 1) / Math.max(num(r.dataLocal) ?? 1, 1)), 1);
    }
    return pipelineParallel(r) ? num(r.pipeline) : undefined;
}

/** Checks an LLMInferenceService as the v1alpha2 webhook's ValidateCreate does. */
export function checkLlmWebhook(name: string, annotations: Record<string, string> | undefined, spec: Obj, report: Report): void {
    router(spec, report);
    traffic(spec, report);
    parallelism("spec", spec, report);
    if (rec(spec.prefill)) {
        parallelism("spec.prefill", rec(spec.prefill)!, report);
    }
    scheduler(spec, report);
    workloadScaling("spec", spec, report);
    if (rec(spec.prefill)) {
        workloadScaling("spec.prefill", rec(spec.prefill)!, report);
    }
    actuatorConsistency(spec, report);
    lora(name, spec, report);
    kvCache("spec.kvCacheOffloading", spec.kvCacheOffloading, report);
    kvCache("spec.prefill.kvCacheOffloading", rec(spec.prefill)?.kvCacheOffloading, report);
    managedDra(annotations ?? {}, report);
    confidential(spec, report);
}

/** Checks an LLMInferenceServiceConfig as its v1alpha2 webhook does. */
export function checkLlmConfigWebhook(spec: Obj, report: Report): void {
    if (list(spec.baseRefs).length > 0) {
        report("spec.baseRefs", "baseRefs is not a permitted field in LLMInferenceServiceConfig, support for recursive refs has been disabled");
    }
    const replicas = num(rec(rec(spec.router)?.scheduler)?.replicas);
    if (replicas !== undefined && replicas <= 0) {
        report("spec.router.scheduler.replicas", `got ${replicas}; scheduler replicas must be greater than zero`);
    }
}

function router(spec: Obj, report: Report): void {
    const r = rec(spec.router);
    const http = rec(rec(r?.route)?.http);
    if (!r || !http) {
        return;
    }
    const refs = list(http.refs);
    const gateway = rec(r.gateway);
    const gwRefs = list(gateway?.refs);
    const routeSpec = rec(http.spec);
    if (refs.length > 0 && http.spec !== undefined && http.spec !== null) {
        report("spec.router.route.http", "cannot use both custom HTTPRoute refs (spec.router.route.http.refs) and an inline route spec (spec.router.route.http.spec); choose one");
    }
    if (refs.length > 0 && gateway && gwRefs.length === 0) {
        report(
            "spec.router.route.http.refs",
            "custom HTTP routes (spec.router.route.http.refs) cannot be used with a managed gateway (spec.router.gateway); either remove spec.router.route.http.refs or set spec.router.gateway.refs",
        );
    }
    const parentRefs = list(routeSpec?.parentRefs);
    if (routeSpec && parentRefs.length > 0 && gwRefs.length > 0 && !parentRefsMatch(parentRefs, gwRefs)) {
        report(
            "spec.router.route.http.spec",
            "managed HTTP route spec has parentRefs that conflict with custom gateway refs (spec.router.gateway.refs); either remove spec.router.gateway.refs or spec.router.route.http.spec.parentRefs",
        );
    }
}

/** `parentRefsMatchGatewayRefs`: the same (namespace, name, sectionName) sets, order aside. */
export function parentRefsMatch(parentRefs: readonly unknown[], gatewayRefs: readonly unknown[]): boolean {
    if (parentRefs.length !== gatewayRefs.length) {
        return false;
    }
    const key = (r: unknown) => {
        const o = rec(r) ?? {};
        return JSON.stringify([o.namespace ?? "", o.name ?? "", o.sectionName ?? ""]);
    };
    const a = parentRefs.map(key).sort();
    const b = gatewayRefs.map(key).sort();
    return a.every((k, i) => k === b[i]);
}

function traffic(spec: Obj, report: Report): void {
    const r = rec(spec.router);
    const route = rec(r?.route);
    if (!r || !route) {
        return;
    }
    const hasGroup = route.group !== undefined && route.group !== null;
    const hasWeight = route.weight !== undefined && route.weight !== null;
    if (!hasGroup && !hasWeight) {
        return;
    }
    if (r.ingress !== undefined && r.ingress !== null) {
        report("spec.router.route.group", "traffic splitting requires Gateway API routing; the controller manages HTTPRoutes, not Ingress resources");
        return;
    }
    if (hasWeight && !hasGroup) {
        report("spec.router.route.group", "is required: weight requires group");
    }
    if (hasGroup && !hasWeight) {
        report("spec.router.route.weight", "is required: group requires weight");
    }
    if (hasGroup && hasWeight && list(rec(route.http)?.refs).length > 0) {
        report("spec.router.route.group", "traffic splitting cannot be used with custom HTTPRoute refs; controller-managed routes (route.http.spec or route.http: {}) are required");
    }
}

function parallelism(base: string, w: Obj, report: Report): void {
    const worker = w.worker !== undefined && w.worker !== null;
    const p = rec(w.parallelism);
    const workerMessage = "when worker is specified, parallelism must be configured for either data parallelism or pipeline parallelism";
    if (worker && !p) {
        report(`${base}.worker`, workerMessage);
        return;
    }
    if (!p) {
        return;
    }
    if (worker && !dataParallel(p) && !pipelineParallel(p)) {
        report(`${base}.worker`, workerMessage);
    }
    if (pipelineParallel(p) && dataParallel(p)) {
        report(`${base}.parallelism`, "cannot set both pipeline parallelism and data parallelism (data or dataLocal) simultaneously");
    }
    if (p.data !== undefined && p.dataLocal === undefined) {
        report(`${base}.parallelism.dataLocal`, "dataLocal must be set when data is set");
    }
    if (p.dataLocal !== undefined && p.data === undefined) {
        report(`${base}.parallelism.data`, "data must be set when dataLocal is set");
    }
    for (const [k, label] of [["pipeline", "pipeline parallelism"], ["data", "data parallelism"], ["dataLocal", "dataLocal parallelism"]] as const) {
        const v = num(p[k]);
        if (v !== undefined && v <= 0) {
            report(`${base}.parallelism.${k}`, `got ${v}; ${label} must be greater than 0`);
        }
    }
}

function scheduler(spec: Obj, report: Report): void {
    const s = rec(rec(spec.router)?.scheduler);
    if (!s) {
        return;
    }
    const replicas = num(s.replicas);
    if (replicas !== undefined && replicas <= 0) {
        report("spec.router.scheduler.replicas", `got ${replicas}; scheduler replicas must be greater than zero`);
    }
    const c = rec(s.config);
    if (!c) {
        return;
    }
    const inline = c.inline !== undefined && c.inline !== null;
    const ref = rec(c.ref);
    if (!ref && !inline) {
        report("spec.router.scheduler.config", "either inline or ref is required");
    }
    if (inline && ref) {
        report("spec.router.scheduler.config", "both inline and ref are set, either specify inline or ref");
    }
    // The Go check: the raw JSON of `inline` must be at least three characters ('{...}').
    if (inline && (JSON.stringify(c.inline) ?? "").length < 3) {
        report("spec.router.scheduler.config.inline", `got ${show(c.inline)}; inline configuration is invalid`);
    }
    if (ref && !ref.name) {
        report("spec.router.scheduler.config.ref.name", "name is empty");
    }
}

const variantCost = /^\d+(\.\d+)?$/;

/** `ValidateWorkloadScaling`. */
function workloadScaling(base: string, w: Obj, report: Report): void {
    const scaling = rec(w.scaling);
    if (!scaling) {
        return;
    }
    const path = `${base}.scaling`;
    if (w.replicas !== undefined && w.replicas !== null) {
        report(path, "scaling and replicas are mutually exclusive; use scaling for autoscaled deployments or replicas for static deployments");
    }
    const min = num(scaling.minReplicas);
    const max = num(scaling.maxReplicas) ?? 0;
    if (min !== undefined && min > max) {
        report(`${path}.minReplicas`, `minReplicas (${min}) cannot exceed maxReplicas (${max})`);
    }
    const wva = rec(scaling.wva);
    if (!wva) {
        report(`${path}.wva`, "wva is required when scaling is configured; it provides the autoscaling mechanism");
        return;
    }
    const hpa = rec(wva.hpa);
    const keda = rec(wva.keda);
    if (hpa && keda) {
        report(`${path}.wva`, "hpa and keda are mutually exclusive; choose one actuator backend");
    }
    if (!hpa && !keda) {
        report(`${path}.wva`, "either hpa or keda must be specified as the actuator backend");
    }
    if (typeof wva.variantCost === "string" && wva.variantCost !== "" && !variantCost.test(wva.variantCost)) {
        report(`${path}.wva.variantCost`, `got ${show(wva.variantCost)}; variantCost must be a non-negative numeric string (e.g., "10", "10.0", "0.5")`);
    }
    const advanced = rec(keda?.advanced);
    if (advanced) {
        const sm = rec(advanced.scalingModifiers) ?? {};
        if (sm.formula || sm.target || sm.activationTarget || sm.metricType) {
            report(`${path}.wva.keda.advanced.scalingModifiers`, "scalingModifiers must not be set; WVA controls the scaling metric formula and logic");
        }
        if (rec(advanced.horizontalPodAutoscalerConfig)?.name) {
            report(`${path}.wva.keda.advanced.horizontalPodAutoscalerConfig.name`, "horizontalPodAutoscalerConfig.name must not be set; the controller manages the HPA name");
        }
    }
    const idle = num(keda?.idleReplicaCount);
    if (keda && idle !== undefined) {
        if (min === undefined) {
            report(`${path}.minReplicas`, `minReplicas is required when idleReplicaCount is set; idleReplicaCount (${idle}) must be less than minReplicas`);
        } else if (idle >= min) {
            report(`${path}.wva.keda.idleReplicaCount`, `idleReplicaCount (${idle}) must be less than minReplicas (${min}); idleReplicaCount defines the replica floor when no triggers are active`);
        }
    }
}

/** `ValidateActuatorConsistency`: decode and prefill use the same actuator. */
function actuatorConsistency(spec: Obj, report: Report): void {
    const decode = rec(rec(spec.scaling)?.wva);
    const prefill = rec(rec(rec(spec.prefill)?.scaling)?.wva);
    if (!decode || !prefill) {
        return;
    }
    const decodeHpa = rec(decode.hpa) !== undefined;
    const prefillHpa = rec(prefill.hpa) !== undefined;
    if (decodeHpa !== prefillHpa) {
        report(
            "spec.prefill.scaling.wva",
            `decode and prefill must use the same actuator backend; decode uses ${decodeHpa ? "hpa" : "keda"} but prefill uses ${prefillHpa ? "hpa" : "keda"}: mixing backends needs two metric pipelines and scales the two sides independently`,
        );
    }
}

function lora(name: string, spec: Obj, report: Report): void {
    const model = rec(spec.model);
    const l = rec(model?.lora);
    if (!l) {
        return;
    }
    for (const k of ["maxRank", "maxAdapters", "maxCpuAdapters"]) {
        const v = num(l[k]);
        if (v !== undefined && v < 1) {
            report(`spec.model.lora.${k}`, `got ${v}; ${k} must be at least 1`);
        }
    }
    const base = typeof model?.name === "string" ? model.name : name;
    const seen = new Map<string, number>();
    list(l.adapters).forEach((a, i) => {
        const path = `spec.model.lora.adapters[${i}].name`;
        const n = rec(a)?.name;
        if (typeof n !== "string" || n === "") {
            report(path, "adapter name is required");
            return;
        }
        if (n === "." || n === "..") {
            report(path, `got ${show(n)}; adapter name must not include "." or ".." (path traversal risk)`);
            return;
        }
        const prev = seen.get(n);
        if (prev !== undefined) {
            report(path, `got ${show(n)}; duplicate name (same as adapters[${prev}])`);
        } else {
            seen.set(n, i);
        }
        if (n === base) {
            report(path, `got ${show(n)}; adapter name must differ from base model name "${base}"`);
        }
    });
}

/** Quantity zero (`resource.Quantity.IsZero`): absent, 0, "0", "0Gi"... */
function quantityIsZero(q: unknown): boolean {
    if (q === undefined || q === null) {
        return true;
    }
    return quantityBytes(q) === 0;
}

function kvCache(path: string, value: unknown, report: Report): void {
    const kv = rec(value);
    const secondary = list(kv?.secondary);
    if (!kv || secondary.length === 0) {
        return;
    }
    if (quantityIsZero(kv.cpu)) {
        report(`${path}.cpu`, "cpu must be set when secondary tiers are configured");
    }
    secondary.forEach((s, i) => {
        const p = `${path}.secondary[${i}]`;
        const fs = rec(rec(s)?.fileSystem);
        if (!fs) {
            report(`${p}.fileSystem`, "only fileSystem tiers are supported; fileSystem must be set");
            return;
        }
        const backends = ["emptyDir", "pvc"].filter((k) => fs[k] !== undefined && fs[k] !== null);
        if (backends.length === 0) {
            report(`${p}.fileSystem`, "exactly one of emptyDir or pvc must be set");
        } else if (backends.length > 1) {
            report(`${p}.fileSystem`, "exactly one of emptyDir or pvc must be set; multiple are set");
        } else if (backends[0] === "pvc") {
            const pvc = rec(fs.pvc) ?? {};
            const kinds = ["spec", "ref"].filter((k) => pvc[k] !== undefined && pvc[k] !== null);
            if (kinds.length === 0) {
                report(`${p}.fileSystem.pvc`, "exactly one of spec or ref must be set");
            } else if (kinds.length > 1) {
                report(`${p}.fileSystem.pvc`, "exactly one of spec or ref must be set; multiple are set");
            } else if (kinds[0] === "ref" && !rec(pvc.ref)?.name) {
                report(`${p}.fileSystem.pvc.ref.name`, "name is required");
            }
        }
    });
}

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function managedDra(annotations: Record<string, string>, report: Report): void {
    const a = managedDraAnnotations;
    const has = (k: string) => Object.prototype.hasOwnProperty.call(annotations, k);
    const at = (k: string) => `annotations["${k}"]`;
    if (!has(a.deviceClass) && (has(a.deviceCount) || has(a.celSelector) || has(a.containerName))) {
        report(at(a.deviceClass), `${a.deviceClass} is required to enable managed DRA when ${a.deviceCount}, ${a.celSelector}, or ${a.containerName} is set`);
    }
    if (has(a.deviceClass)) {
        const v = annotations[a.deviceClass].trim();
        if (v === "") {
            report(at(a.deviceClass), "device class must not be empty");
        } else if (v.length > 253 || !dns1123Subdomain.test(v)) {
            report(at(a.deviceClass), `got ${show(annotations[a.deviceClass])}; device class must be a DNS subdomain (lower-case alphanumerics, '-' and '.', at most 253 characters)`);
        }
    }
    if (has(a.deviceCount)) {
        const raw = annotations[a.deviceCount];
        const t = raw.trim();
        if (t !== "" && (!/^[+-]?\d+$/.test(t) || Number(t) < 1)) {
            report(at(a.deviceCount), `invalid ${a.deviceCount} value ${show(raw)}: must be an integer >= 1`);
        }
    }
    if (has(a.celSelector) && annotations[a.celSelector].split("\n").every((s) => s.trim() === "")) {
        report(at(a.celSelector), "cel selector must contain at least one non-empty CEL expression");
    }
    if (has(a.containerName)) {
        const v = annotations[a.containerName].trim();
        if (v === "") {
            report(at(a.containerName), "container name must not be empty");
        } else if (v.length > 63 || !dns1123Label.test(v)) {
            report(at(a.containerName), `got ${show(annotations[a.containerName])}; container name must be a DNS label (lower-case alphanumerics and '-', at most 63 characters)`);
        }
    }
}

/** `pkg/validation/confidential.go` `KBSResourceIdRegexp`. */
const kbsResourceId = /^kbs:\/\/\/[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+\/[a-zA-Z0-9_.-]+$/;

function confidential(spec: Obj, report: Report): void {
    const c = rec(rec(spec.model)?.confidential);
    if (!c || c.enabled !== true) {
        return;
    }
    if (typeof c.resourceId === "string" && c.resourceId !== "" && !kbsResourceId.test(c.resourceId)) {
        report("spec.model.confidential.resourceId", `got ${show(c.resourceId)}; must be in the format kbs:///<repo>/<type>/<tag>`);
    }
}
