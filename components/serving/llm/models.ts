/** LLMs as the Models component and stack config declare them, and what the platform must install for them. */
import { isRecord, Problem } from "../../common";
import { modelSubject } from "../checks";
import type { LLMInferenceServiceSpec } from "./types";
import { LLMValidationOptions, validateLlm } from "./validate";

/** One LLM, as declared in `kserve-platform:models` with `kind: LLMInferenceService`. */
export interface LLMDeclaration {
    /** LLMInferenceService name: a DNS-1035 label, unique among the stack's models. */
    name: string;
    /** Namespace; defaults to the stack's model namespace. */
    namespace?: string;
    /** Labels of the LLMInferenceService. */
    labels?: Record<string, string>;
    /** Annotations of the LLMInferenceService. */
    annotations?: Record<string, string>;
    /** KServe v1alpha2 LLMInferenceServiceSpec, verbatim. */
    spec: LLMInferenceServiceSpec;
}

/** What the serving platform must install for a set of LLMs. */
export interface LLMPlatformNeeds {
    /** Any LLM declared: Gateway API and Inference Extension CRDs, the llmisvc charts and presets. */
    llm: boolean;
    /** Any multi-node workload (`worker`, `prefill.worker`): LeaderWorkerSet. */
    leaderWorkerSet: boolean;
    /** Any workload scaled through the KEDA actuator (`scaling.wva.keda`): KEDA. */
    keda: boolean;
}

const workloads = (spec: unknown): Record<string, unknown>[] => {
    const s = isRecord(spec) ? spec : {};
    return [s, s.prefill].filter(isRecord);
};

/**
 * What the LLMs need of the platform. KServe v0.20.0 runs a workload with `worker` as a
 * LeaderWorkerSet (`llm_inference_service_types.go` WorkloadSpec.Worker), and a workload whose
 * `scaling.wva.keda` is set through a KEDA ScaledObject (ActuatorSpec.KEDA). Pure: the coordinator
 * hands the answer to the platform's arguments.
 */
export function llmPlatformNeeds(llms: readonly { spec: unknown }[]): LLMPlatformNeeds {
    return {
        llm: llms.length > 0,
        leaderWorkerSet: llms.some((l) => workloads(l.spec).some((w) => w.worker !== undefined && w.worker !== null)),
        keda: llms.some((l) => workloads(l.spec).some((w) => isRecord(w.scaling) && isRecord(w.scaling.wva) && isRecord(w.scaling.wva.keda))),
    };
}

/** Fields of an LLM entry. */
export const llmEntryFields: readonly string[] = ["kind", "name", "namespace", "labels", "annotations", "spec"];

/**
 * Every problem of a list of LLM entries: the shape of each, then KServe's rules. `subjectOf(i)`
 * names entry `i`; `defaultNamespace` is where entries without one go.
 */
export function checkLlms(list: readonly unknown[], subjectOf: (i: number) => string, defaultNamespace: string, options: LLMValidationOptions = {}): Problem[] {
    const problems: Problem[] = [];
    list.forEach((entry, i) => {
        const subject = subjectOf(i);
        if (!isRecord(entry)) {
            problems.push({ subject, path: "", message: `each LLM is {${llmEntryFields.join(", ")}}` });
            return;
        }
        for (const key of Object.keys(entry)) {
            if (!llmEntryFields.includes(key)) {
                problems.push({ subject, path: key, message: `is not a field of an LLMInferenceService entry; allowed: ${llmEntryFields.join(", ")} (KServe fields go under spec)` });
            }
        }
        problems.push(...validateLlm({ name: entry.name, namespace: entry.namespace ?? defaultNamespace, labels: entry.labels, annotations: entry.annotations, spec: entry.spec }, subject, options));
    });
    return problems;
}

/** Subject of LLM `i` of a list given to `Models`: `<prefix>[i] "<name>"`. */
export function llmSubject(prefix: string, list: readonly unknown[], i: number): string {
    return modelSubject(prefix, list, i);
}

/**
 * The label selectors of an LLM's model-serving pods, one per workload component KServe v0.20.0
 * labels them with (`pkg/constants` LLMComponentWorkload*, on `app.kubernetes.io/component`, with
 * `app.kubernetes.io/name: <name>`): single-node decode and prefill, and the leaders and workers of
 * multi-node ones. All six, whatever the spec says, because presets (`baseRefs`) can add a prefill
 * or workers the spec does not show; a selector with no pods guards nothing. The scheduler
 * (`llminferenceservice-router-scheduler`) is not among them: the gateway calls it without the
 * caller's token.
 */
export function llmWorkloadSelectors(name: string): { suffix: string; matchLabels: Record<string, string> }[] {
    return ["workload", "workload-prefill", "workload-leader", "workload-worker", "workload-leader-prefill", "workload-worker-prefill"].map((w) => ({
        suffix: w,
        matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/component": `llminferenceservice-${w}` },
    }));
}
