import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { throwIfProblems } from "../../common";
import { defaults, fixedNames } from "../../defaults";
import { apiVersions } from "../../versions";
import { LLMEndpoint, toLlmEndpoint } from "./endpoints";
import type { LLMInferenceServiceSpec, LLMInferenceServiceStatus } from "./types";
import { LLMValidationOptions, validateLlm, validateLlmConfig } from "./validate";

/** Kubernetes metadata of an LLM resource. */
export interface LLMMetadata {
    /** `metadata.name`; defaults to the resource name. */
    name?: string;
    /** `metadata.namespace`; defaults to `models`. */
    namespace?: string;
    /** Labels. */
    labels?: Record<string, string>;
    /** Annotations (`serving.kserve.io/exp-dra-*` among them). */
    annotations?: Record<string, string>;
}

/** Arguments of an {@link LLMInferenceService}. */
export interface LLMInferenceServiceArgs {
    /** Name, namespace, labels and annotations. */
    metadata?: LLMMetadata;
    /** The KServe v1alpha2 LLMInferenceServiceSpec, passed to the cluster as is. */
    spec: LLMInferenceServiceSpec;
    /** How long `pulumi up` waits for condition Ready before failing. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
    /** What the spec is validated against beyond KServe's rules (the GPU taint, reserved namespaces). */
    validation?: LLMValidationOptions;
}

const type = `kubernetes:${apiVersions.llmInferenceService}:LLMInferenceService`;

/** The fields a workload's total parallelism size is computed from (`ParallelismSpec.GetSize`). */
export const immutableParallelismFields = ["spec.parallelism.data", "spec.parallelism.dataLocal", "spec.parallelism.pipeline", "spec.prefill.parallelism.data", "spec.prefill.parallelism.dataLocal", "spec.prefill.parallelism.pipeline"];

/**
 * A KServe `serving.kserve.io/v1alpha2` LLMInferenceService (the llm-d integration: vLLM behind an
 * OpenAI-compatible API, optionally the Inference Gateway scheduler, prefill/decode, LoRA,
 * multi-node workers), validated as KServe v0.20.0 admits it before it is registered, and awaited
 * until condition Ready, as InferenceServices are.
 */
export class LLMInferenceService extends k8s.apiextensions.CustomResource {
    /** The status the llmisvc controller reports. */
    declare readonly status: pulumi.Output<LLMInferenceServiceStatus | undefined>;
    /** `metadata.name`. */
    readonly modelName: string;
    /** `metadata.namespace`. */
    readonly modelNamespace: string;
    /** The `model` of OpenAI requests: `spec.model.name`, else the name. */
    readonly servedModelName: string;

    /** Pulumi type token of LLMInferenceService resources. */
    static readonly type = type;

    constructor(name: string, args: LLMInferenceServiceArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.metadata?.name ?? name;
        const namespace = args.metadata?.namespace ?? defaults.modelNamespace;
        const own = args.metadata?.annotations ?? {};
        throwIfProblems(
            `LLMInferenceService "${metadataName}"`,
            validateLlm({ name: metadataName, namespace, labels: args.metadata?.labels, annotations: own, spec: args.spec }, `LLMInferenceService "${metadataName}"`, args.validation),
        );
        const annotations = {
            ...own,
            [fixedNames.waitForAnnotation]: "condition=Ready",
            [fixedNames.timeoutSecondsAnnotation]: String(args.readyTimeoutSeconds ?? defaults.modelReadyTimeoutSeconds),
        };
        super(
            name,
            {
                apiVersion: apiVersions.llmInferenceService,
                kind: "LLMInferenceService",
                metadata: { name: metadataName, namespace, labels: args.metadata?.labels, annotations },
                spec: args.spec,
                status: undefined,
            },
            pulumi.mergeOptions(opts, {
                // KServe's webhook refuses an update that changes a workload's total parallelism size
                // (data/dataLocal, else pipeline: validateImmutableParallelism), so such a change
                // replaces the LLM instead (the name stays, so the old one goes first).
                replaceOnChanges: immutableParallelismFields,
                deleteBeforeReplace: true,
            }),
        );
        this.modelName = metadataName;
        this.modelNamespace = namespace;
        this.servedModelName = typeof args.spec.model?.name === "string" ? args.spec.model.name : metadataName;
    }

    /** External URL (`status.url`). */
    get url(): pulumi.Output<string | undefined> {
        return this.status.apply((s) => s?.url);
    }

    /** True when condition Ready is True. */
    get ready(): pulumi.Output<boolean> {
        return this.status.apply((s) => toLlmEndpoint(s, this.servedModelName).ready);
    }

    /** URLs (the OpenAI base URL and paths among them) and readiness, as the `endpoints` stack output shows them. */
    get endpoint(): pulumi.Output<LLMEndpoint> {
        return this.status.apply((s) => toLlmEndpoint(s, this.servedModelName));
    }
}

/** Arguments of an {@link LLMInferenceServiceConfig}. */
export interface LLMInferenceServiceConfigArgs {
    /** Name, namespace (defaults to `models`; KServe's own presets live in `kserve`), labels, annotations. */
    metadata?: LLMMetadata;
    /** The preset: an LLMInferenceServiceSpec whose fields LLMs inherit through `spec.baseRefs`. */
    spec: LLMInferenceServiceSpec;
}

/**
 * A KServe `serving.kserve.io/v1alpha2` LLMInferenceServiceConfig: a preset of your own that
 * LLMInferenceServices inherit through `spec.baseRefs` (the last reference wins, the service's
 * own spec over all). Validated as KServe's config webhook admits it. Not awaited: the controller
 * reconciles configs only through the services that use them.
 */
export class LLMInferenceServiceConfig extends k8s.apiextensions.CustomResource {
    /** Pulumi type token of LLMInferenceServiceConfig resources. */
    static readonly type = `kubernetes:${apiVersions.llmInferenceService}:LLMInferenceServiceConfig`;

    constructor(name: string, args: LLMInferenceServiceConfigArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.metadata?.name ?? name;
        throwIfProblems(`LLMInferenceServiceConfig "${metadataName}"`, validateLlmConfig({ name: metadataName, spec: args.spec }, `LLMInferenceServiceConfig "${metadataName}"`));
        super(
            name,
            {
                apiVersion: apiVersions.llmInferenceService,
                kind: "LLMInferenceServiceConfig",
                metadata: { ...args.metadata, name: metadataName, namespace: args.metadata?.namespace ?? defaults.modelNamespace },
                spec: args.spec,
            },
            opts,
        );
    }
}
