/**
 * Reads and validates the whole stack config at start-up. Every problem (bad keys, bad models) is
 * collected and reported in one error before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { isRecord, Problem, show, throwIfProblems } from "../common";
import { defaults } from "../defaults";
import type { MtlsMode, GatewayServiceType } from "../platform";
import { DeploymentMode, knownKnativeFlags, ModelDeclaration, ModelValidationOptions, Taint, validateInferenceService } from "../serving";
import { ConfigKey, configKeys, ConfigKeyName, projectName } from "./schema";

/** The validated stack config, with defaults applied. */
export interface StackConfig {
    clusterFlavor: "existing";
    kubeconfig?: string;
    kubeContext?: string;
    renderYamlToDirectory?: string;
    domain: string;
    urlScheme: "http" | "https";
    modelNamespace: string;
    deploymentMode: DeploymentMode;
    installCertManager: boolean;
    installIstio: boolean;
    installRuntimes: boolean;
    protectCrds: boolean;
    meshMtlsMode: MtlsMode;
    ingressServiceType: GatewayServiceType;
    knativeProgressDeadline: string;
    registriesSkippingTagResolving: string[];
    knativeExtraFeatures: string[];
    modelReadyTimeoutSeconds: number;
    helmTimeoutSeconds: number;
    storageUriPrefixes: string[];
    gpuNodeTaint?: Taint;
    models: ModelDeclaration[];
    /** The options every model was validated with (and InferenceServices re-check with). */
    modelValidation: ModelValidationOptions;
}

/** Where config values come from: `pulumi.Config` in a program, anything with `get` in tests. */
export interface ConfigSource {
    get(key: string): string | undefined;
}

const dnsName = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const duration = /^\d+(s|m|h)$/;
const taintPattern = /^([A-Za-z0-9./_-]+)(=([A-Za-z0-9._-]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
const modelEntryFields = ["name", "namespace", "labels", "annotations", "spec"];

function spec(name: ConfigKeyName): ConfigKey {
    return configKeys[name];
}

/** Reads the raw values with their declared types, recording problems instead of throwing. */
class Reader {
    readonly problems: Problem[] = [];

    constructor(private readonly source: ConfigSource) {}

    problem(key: string, message: string, path = ""): void {
        this.problems.push({ subject: `${projectName}:${key}`, path, message });
    }

    /** The value as set; an empty string counts as unset for keys of other types than string. */
    private raw(name: ConfigKeyName): string | undefined {
        const value = this.source.get(name);
        return value === "" && spec(name).type !== "string" ? undefined : value;
    }

    /** A string key; empty means unset when the key has no default, and is kept (e.g. "no taint") when it has one. */
    string(name: ConfigKeyName): string | undefined {
        const key = spec(name);
        const raw = this.raw(name);
        const value = raw === undefined || (raw === "" && key.default === undefined) ? (key.default as string | undefined) : raw;
        if (value !== undefined && key.allowed && !key.allowed.includes(value)) {
            this.problem(name, `got "${value}"; allowed: ${key.allowed.join(", ")}`);
        }
        return value;
    }

    /** A string key with a default, so never undefined. */
    required<T extends string>(name: ConfigKeyName): T {
        return (this.string(name) ?? "") as T;
    }

    boolean(name: ConfigKeyName): boolean {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as boolean;
        }
        if (raw !== "true" && raw !== "false") {
            this.problem(name, `got "${raw}"; must be true or false`);
        }
        return raw === "true";
    }

    integer(name: ConfigKeyName, min: number): number {
        const raw = this.raw(name);
        if (raw === undefined) {
            return spec(name).default as number;
        }
        const value = Number(raw);
        if (!Number.isInteger(value) || value < min) {
            this.problem(name, `got "${raw}"; must be an integer >= ${min}`);
        }
        return value;
    }

    /** A JSON list; `undefined` when it is not one (the problem is recorded). */
    list(name: ConfigKeyName): unknown[] | undefined {
        const raw = this.raw(name);
        if (raw === undefined) {
            const fallback = spec(name).default as readonly unknown[] | undefined;
            return fallback ? [...fallback] : [];
        }
        let value: unknown;
        try {
            value = JSON.parse(raw);
        } catch {
            this.problem(name, `is not a list (got ${show(raw)}); write it as a YAML list in the stack file`);
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.problem(name, `got ${show(value)}; must be a list`);
            return undefined;
        }
        return value as unknown[];
    }

    strings(name: ConfigKeyName, pattern?: RegExp, what?: string): string[] {
        const list = this.list(name) ?? [];
        list.forEach((item, i) => {
            if (typeof item !== "string" || (pattern && !pattern.test(item))) {
                this.problem(name, `got ${show(item)}; must be ${what ?? "a string"}`, `[${i}]`);
            }
        });
        return list.filter((i): i is string => typeof i === "string");
    }
}

/** Parses `key=value:Effect` (or `key:Effect`). */
export function parseTaint(text: string): Taint | undefined {
    const m = taintPattern.exec(text);
    return m ? { key: m[1], value: m[3] || undefined, effect: m[4] } : undefined;
}

/**
 * Reads every key, validates each and the models, and returns the typed config, or throws one
 * `ValidationError` listing every problem.
 */
export function loadConfig(source: ConfigSource = new pulumi.Config(projectName)): StackConfig {
    const r = new Reader(source);

    const domain = r.required("domain");
    if (!dnsName.test(domain)) {
        r.problem("domain", `"${domain}" is not a DNS name with at least two labels (e.g. models.example.com)`);
    }
    const modelNamespace = r.required("modelNamespace");
    const progressDeadline = r.required("knativeProgressDeadline");
    if (!duration.test(progressDeadline)) {
        r.problem("knativeProgressDeadline", `got "${progressDeadline}"; must be a duration like 1200s, 20m or 1h`);
    }
    const taintText = r.string("gpuNodeTaint");
    const gpuNodeTaint = taintText ? parseTaint(taintText) : undefined;
    if (taintText && !gpuNodeTaint) {
        r.problem("gpuNodeTaint", `got "${taintText}"; must be key=value:Effect (Effect NoSchedule, PreferNoSchedule or NoExecute), or empty`);
    }
    const knativeExtraFeatures = r.strings("knativeExtraFeatures", /^[a-z0-9][a-z0-9.-]*$/, `a Knative feature flag name such as ${knownKnativeFlags[0]}`);
    const storageUriPrefixes = r.strings("storageUriPrefixes", /^[a-z][a-z0-9+.-]*:\/\//, "a URI prefix ending in :// (e.g. myscheme://)");

    const config: StackConfig = {
        clusterFlavor: r.required("clusterFlavor"),
        kubeconfig: r.string("kubeconfig"),
        kubeContext: r.string("kubeContext"),
        renderYamlToDirectory: r.string("renderYamlToDirectory"),
        domain,
        urlScheme: r.required("urlScheme"),
        modelNamespace,
        deploymentMode: r.required("deploymentMode"),
        installCertManager: r.boolean("installCertManager"),
        installIstio: r.boolean("installIstio"),
        installRuntimes: r.boolean("installRuntimes"),
        protectCrds: r.boolean("protectCrds"),
        meshMtlsMode: r.required("meshMtlsMode"),
        ingressServiceType: r.required("ingressServiceType"),
        knativeProgressDeadline: progressDeadline,
        registriesSkippingTagResolving: r.strings("registriesSkippingTagResolving", /^[a-z0-9.-]+(:\d+)?$/, "a registry host such as myregistry.azurecr.io"),
        knativeExtraFeatures,
        modelReadyTimeoutSeconds: r.integer("modelReadyTimeoutSeconds", 60),
        helmTimeoutSeconds: r.integer("helmTimeoutSeconds", 60),
        storageUriPrefixes,
        gpuNodeTaint,
        models: [],
        modelValidation: {},
    };
    config.modelValidation = {
        defaultDeploymentMode: config.deploymentMode,
        extraStorageUriPrefixes: storageUriPrefixes,
        checkDefaultRuntimes: config.installRuntimes,
        gpuTaint: gpuNodeTaint,
        reservedNamespaces: Object.values(defaults.namespaces),
    };
    config.models = readModels(r, modelNamespace, config.modelValidation);

    throwIfProblems("Stack config", r.problems);
    return config;
}

function readModels(r: Reader, defaultNamespace: string, options: ModelValidationOptions): ModelDeclaration[] {
    const list = r.list("models");
    if (list === undefined) {
        return [];
    }
    const seen = new Map<string, number>();
    list.forEach((entry, i) => {
        const label = isRecord(entry) && typeof entry.name === "string" ? ` "${entry.name}"` : "";
        const subject = `${projectName}:models[${i}]${label}`;
        if (!isRecord(entry)) {
            r.problems.push({ subject, path: "", message: `got ${show(entry)}; each model is {name, namespace, labels, annotations, spec}` });
            return;
        }
        for (const key of Object.keys(entry)) {
            if (!modelEntryFields.includes(key)) {
                r.problems.push({ subject, path: key, message: `is not a model entry field; allowed: ${modelEntryFields.join(", ")} (KServe fields go under spec)` });
            }
        }
        if (typeof entry.name === "string") {
            const first = seen.get(entry.name);
            if (first !== undefined) {
                r.problems.push({ subject, path: "name", message: `"${entry.name}" is already the name of models[${first}]; names must be unique in the stack` });
            } else {
                seen.set(entry.name, i);
            }
        }
        r.problems.push(
            ...validateInferenceService(
                { name: entry.name, namespace: entry.namespace ?? defaultNamespace, labels: entry.labels, annotations: entry.annotations, spec: entry.spec },
                subject,
                options,
            ),
        );
    });
    return list as ModelDeclaration[];
}
