import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { throwIfProblems } from "../common";
import { defaults, fixedNames } from "../defaults";
import { apiVersions } from "../versions";
import { ModelEndpoint, predictUrl } from "./endpoints";
import type { DeploymentMode, InferenceServiceSpec, InferenceServiceStatus, ProtocolVersion } from "./types";
import { checkModel } from "./checks";
import { deploymentModeAnnotation, ModelValidationOptions, normaliseDeploymentMode, predictorProtocol } from "./validate";

/** Arguments of an {@link InferenceService}. */
export interface InferenceServiceArgs {
    /** `metadata.name`; defaults to the resource name. A DNS-1035 label. */
    name?: string;
    /** `metadata.namespace`; defaults to `models`. */
    namespace?: string;
    /** Labels of the InferenceService. */
    labels?: Record<string, string>;
    /** Annotations of the InferenceService; a `serving.kserve.io/deploymentMode` here wins over `deploymentMode`. */
    annotations?: Record<string, string>;
    /** How KServe runs the model; written as the deployment-mode annotation. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** The KServe v1beta1 InferenceServiceSpec, passed to the cluster as is. */
    spec: InferenceServiceSpec;
    /** How long `pulumi up` waits for condition Ready before failing. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
    /**
     * What the spec is validated against (runtimes, GPU taint, extra storage schemes). Unset options
     * take the stack's defaults, so the model is checked as it would be in `kserve-platform:models`:
     * the default runtimes must serve it (`checkDefaultRuntimes: false` when they are not installed).
     */
    validation?: ModelValidationOptions;
}

const type = `kubernetes:${apiVersions.inferenceService}:InferenceService`;

/**
 * A KServe `serving.kserve.io/v1beta1` InferenceService, validated before it is registered and
 * awaited until Ready. The class is the custom resource itself (one registration per model, as
 * cheap as a raw `CustomResource`), with typed outputs read from the status the cluster reports.
 */
export class InferenceService extends k8s.apiextensions.CustomResource {
    /** The status the controller reports. */
    declare readonly status: pulumi.Output<InferenceServiceStatus | undefined>;
    /** The predictor's protocol. */
    readonly protocol: ProtocolVersion;
    /** `metadata.name`. */
    readonly modelName: string;

    /** Pulumi type token of InferenceService resources. */
    static readonly type = type;

    constructor(name: string, args: InferenceServiceArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.name ?? name;
        // Legacy mode names (Serverless, RawDeployment) are written with the new names, as KServe's defaulter does.
        const annotations = {
            [deploymentModeAnnotation]: args.deploymentMode ?? defaults.deploymentMode,
            ...normaliseDeploymentMode(args.annotations ?? {}),
            [fixedNames.waitForAnnotation]: "condition=Ready",
            [fixedNames.timeoutSecondsAnnotation]: String(args.readyTimeoutSeconds ?? defaults.modelReadyTimeoutSeconds),
        };
        const namespace = args.namespace ?? defaults.modelNamespace;
        throwIfProblems(
            `InferenceService "${metadataName}"`,
            checkModel({ name: metadataName, namespace, labels: args.labels, annotations, spec: args.spec }, `InferenceService "${metadataName}"`, {
                defaultDeploymentMode: args.deploymentMode,
                ...args.validation,
            }),
        );
        super(
            name,
            {
                apiVersion: apiVersions.inferenceService,
                kind: "InferenceService",
                metadata: { name: metadataName, namespace, labels: args.labels, annotations },
                spec: args.spec,
                status: undefined,
            },
            pulumi.mergeOptions(opts, {
                // KServe's webhook refuses to change the mode of an existing InferenceService.
                replaceOnChanges: [`metadata.annotations["${deploymentModeAnnotation}"]`],
                deleteBeforeReplace: true,
            }),
        );
        this.protocol = predictorProtocol(args.spec.predictor as unknown as Record<string, unknown>);
        this.modelName = metadataName;
    }

    // Derived outputs are built on first use: each one is an apply, and a stack of hundreds of
    // models reads only `status` (through the Models component's endpoints).

    /** External URL (`status.url`). */
    get url(): pulumi.Output<string | undefined> {
        return this.status.apply((s) => s?.url);
    }

    /** In-cluster URL (`status.address.url`). */
    get internalUrl(): pulumi.Output<string | undefined> {
        return this.status.apply((s) => s?.address?.url);
    }

    /** True when condition Ready is True. */
    get ready(): pulumi.Output<boolean> {
        return this.status.apply(isReady);
    }

    /** URLs and readiness, as the `endpoints` stack output shows them. */
    get endpoint(): pulumi.Output<ModelEndpoint> {
        return this.status.apply((s) => toEndpoint(s, this.modelName, this.protocol));
    }
}

/** The endpoint of a model from the status its InferenceService reports. */
export function toEndpoint(status: InferenceServiceStatus | undefined, modelName: string, protocol: ProtocolVersion): ModelEndpoint {
    return {
        url: status?.url,
        internalUrl: status?.address?.url,
        protocol,
        predictUrl: predictUrl(status?.url, modelName, protocol),
        ready: isReady(status),
    };
}

/** True when the status carries condition Ready=True. */
export function isReady(status: InferenceServiceStatus | undefined): boolean {
    return status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
