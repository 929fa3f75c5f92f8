/**
 * Every check an LLMInferenceService goes through before anything is registered, whether it comes
 * from stack config, from `Models` or from `new LLMInferenceService(...)`: the metadata, the CRD's
 * schema and CEL rules (schema.ts), KServe's webhook (webhook.ts), the namespace rules every model
 * obeys and, where the stack knows the GPU nodes' taint, that GPU workloads tolerate it.
 */
import { dns1035Label, isRecord, maxLabelLength, Problem, show } from "../../common";
import { namespaceRefusal, platformNamespaces } from "../checks";
import { requestsGpu, tolerates } from "../validate";
import type { Taint } from "../../common";
import { checkSchema, Report, withDefaults } from "./schema";
import { checkLlmConfigWebhook, checkLlmWebhook } from "./webhook";

/** What an LLM is validated against beyond KServe's own rules. */
export interface LLMValidationOptions {
    /** The GPU nodes' taint: a workload requesting GPUs must tolerate it. Unset skips the check. */
    gpuTaint?: Taint;
    /** Namespaces the stack reserves beyond its own (platformNamespaces). */
    reservedNamespaces?: readonly string[];
}

/** The parts of an LLMInferenceService that are validated; untyped because they may come from stack config. */
export interface LLMInput {
    name: unknown;
    namespace?: unknown;
    labels?: unknown;
    annotations?: unknown;
    spec: unknown;
}

/** The pod specs of an LLM that run the model (not the scheduler's), with their field paths. */
export function llmWorkloads(spec: unknown): [string, Record<string, unknown>][] {
    const s = isRecord(spec) ? spec : {};
    const out: [string, Record<string, unknown>][] = [];
    for (const [base, w] of [["spec", s], ["spec.prefill", s.prefill]] as const) {
        if (!isRecord(w)) {
            continue;
        }
        for (const k of ["template", "worker"]) {
            if (isRecord(w[k])) {
                out.push([`${base}.${k}`, w[k]]);
            }
        }
    }
    return out;
}

/** True when a workload of the LLM (main, worker, prefill) requests GPUs. */
export function llmRequestsGpu(spec: unknown): boolean {
    return llmWorkloads(spec).some(([, pod]) => requestsGpu(pod));
}

function stringMap(value: unknown, path: string, report: Report): void {
    if (value === undefined) {
        return;
    }
    if (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string")) {
        report(path, `got ${show(value)}; must map names to strings`);
    }
}

function metadata(input: LLMInput, report: Report, reserved: readonly string[]): void {
    const { name, namespace } = input;
    if (typeof name !== "string" || !dns1035Label.test(name) || name.length > maxLabelLength) {
        // KServe names the workload Service `<name>-kserve-workload-svc` (a DNS-1035 label) and puts the name in the route path.
        report("name", `got ${show(name)}; must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, at most ${maxLabelLength} characters)`);
    }
    if (namespace !== undefined) {
        if (typeof namespace !== "string" || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > maxLabelLength) {
            report("namespace", `got ${show(namespace)}; must be a DNS-1123 label`);
        } else {
            const refusal = namespaceRefusal(namespace, reserved);
            if (refusal) {
                report("namespace", refusal);
            }
        }
    }
    stringMap(input.labels, "labels", report);
    stringMap(input.annotations, "annotations", report);
}

/** Every problem of an LLMInferenceService; an empty list means KServe and the platform admit it. */
export function validateLlm(input: LLMInput, subject: string, options: LLMValidationOptions = {}): Problem[] {
    const problems: Problem[] = [];
    const report: Report = (path, message) => problems.push({ subject, path, message });
    metadata(input, report, [...platformNamespaces, ...(options.reservedNamespaces ?? [])]);
    if (!isRecord(input.spec)) {
        report("spec", `got ${show(input.spec)}; must be an LLMInferenceServiceSpec (serving.kserve.io/v1alpha2)`);
        return problems;
    }
    const before = problems.length;
    // The API server applies the schema's defaults before its own checks and before the webhook.
    const stored = withDefaults(input.spec) as Record<string, unknown>;
    checkSchema(stored, "spec", report);
    // The webhook only sees what the API server's schema let through.
    if (problems.length === before) {
        checkLlmWebhook(typeof input.name === "string" ? input.name : "", isRecord(input.annotations) ? (input.annotations as Record<string, string>) : undefined, stored, report);
    }
    const taint = options.gpuTaint;
    if (taint) {
        for (const [path, pod] of llmWorkloads(input.spec)) {
            const tolerations = Array.isArray(pod.tolerations) ? pod.tolerations : [];
            if (requestsGpu(pod) && !tolerations.some((t) => isRecord(t) && tolerates(t, taint))) {
                report(
                    `${path}.tolerations`,
                    `the workload requests GPUs but does not tolerate the GPU node taint ${taint.key}${taint.value ? `=${taint.value}` : ""}:${taint.effect}, so it can never be scheduled; add {key: ${taint.key}, operator: Exists, effect: ${taint.effect}}`,
                );
            }
        }
    }
    return problems;
}

/** Every problem of an LLMInferenceServiceConfig (schema, CEL rules and its webhook). */
export function validateLlmConfig(input: { name: unknown; spec: unknown }, subject: string): Problem[] {
    const problems: Problem[] = [];
    const report: Report = (path, message) => problems.push({ subject, path, message });
    if (typeof input.name !== "string" || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(input.name) || input.name.length > 253) {
        report("name", `got ${show(input.name)}; must be a DNS-1123 subdomain`);
    }
    if (!isRecord(input.spec)) {
        report("spec", `got ${show(input.spec)}; must be an LLMInferenceServiceSpec`);
        return problems;
    }
    // The config CRD's router schema differs from the service's (its values may be Go templates
    // the controller renders); the rest is the same schema.
    const before = problems.length;
    const stored = withDefaults(input.spec) as Record<string, unknown>;
    checkSchema(stored, "spec", report, undefined, ["router"]);
    if (problems.length === before) {
        checkLlmConfigWebhook(stored, report);
    }
    return problems;
}
