import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with the input, located precisely enough to fix without reading code. */
export interface Problem {
    /** What the problem belongs to: a stack config key (`kserve-platform:models[2] "iris"`) or a resource. */
    readonly subject: string;
    /** Field path inside the subject (`spec.predictor.minReplicas`); empty when the subject itself is wrong. */
    readonly path: string;
    /** What was wrong and what is allowed. */
    readonly message: string;
}

/** Formats problems as one line each, in the order found. */
export function formatProblems(problems: readonly Problem[]): string {
    return problems.map((p) => `  - ${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`).join("\n");
}

/**
 * Every problem found in the input, reported together. A `RunError`, so the Pulumi CLI prints the
 * message without a stack trace and exits before anything is created.
 */
export class ValidationError extends pulumi.RunError {
    constructor(
        /** What was being checked, e.g. "stack config" or `InferenceService "iris"`. */
        readonly what: string,
        /** Every problem found. */
        readonly problems: readonly Problem[],
    ) {
        super(`${what} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${formatProblems(problems)}`);
        this.name = "ValidationError";
    }
}

/** Collects problems for one subject, so checks read as a list of rules. */
export class ProblemList {
    readonly problems: Problem[] = [];

    constructor(private readonly subject: string) {}

    /** Records a problem at `path`. */
    add(path: string, message: string): void {
        this.problems.push({ subject: this.subject, path, message });
    }
}

/** Throws a {@link ValidationError} when `problems` is not empty. */
export function throwIfProblems(what: string, problems: readonly Problem[]): void {
    if (problems.length > 0) {
        throw new ValidationError(what, problems);
    }
}

/** The value's JSON form for messages, shortened so one bad blob does not drown the report. */
export function show(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** DNS-1035 label: what Kubernetes and KServe require of InferenceService names. */
export const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 label: what Kubernetes requires of namespace names. */
export const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Longest DNS label. */
export const maxLabelLength = 63;

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
