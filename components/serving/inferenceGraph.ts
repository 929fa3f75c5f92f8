import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { throwIfProblems } from "../common";
import { defaults, fixedNames, modelAuthNames } from "../defaults";
import { apiVersions } from "../versions";
import type { InferenceGraphEndpoint, InferenceGraphSpec, InferenceGraphStatus } from "./graphTypes";
import { knativeDomainTemplate, kserveDomainTemplate, renderDomainTemplate } from "./endpoints";
import { GraphValidationOptions, validateInferenceGraph } from "./graphValidate";
import type { DeploymentMode, ProtocolVersion } from "./types";
import { deploymentModeAnnotation, normaliseDeploymentMode } from "./validate";

/** Arguments of an {@link InferenceGraph}. */
export interface InferenceGraphArgs {
    /** `metadata.name`, `metadata.namespace` (default `models`), labels and annotations. */
    metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    /** The KServe v1alpha1 InferenceGraphSpec, passed to the cluster as is. */
    spec: InferenceGraphSpec;
    /** How KServe runs the router; written as the deployment-mode annotation unless the annotations set it. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** How long `pulumi up` waits for condition Ready before failing. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
    /** What the graph is checked against: the models its `serviceName` steps may name. */
    validation?: GraphValidationOptions;
}

const type = `kubernetes:${apiVersions.inferenceGraph}:InferenceGraph`;
/** Label KServe puts on the router pods of a graph (`constants.InferenceGraphLabel`). */
export const inferenceGraphPodLabel = modelAuthNames.inferenceGraphPodLabel;

/**
 * A KServe `serving.kserve.io/v1alpha1` InferenceGraph: a router (Sequence, Switch, Ensemble,
 * Splitter nodes) over InferenceServices, validated as KServe's webhook and CRD validate it before
 * it is registered, and awaited until Ready like an InferenceService.
 */
export class InferenceGraph extends k8s.apiextensions.CustomResource {
    /** The status the controller reports. */
    declare readonly status: pulumi.Output<InferenceGraphStatus | undefined>;
    /** `metadata.name`. */
    readonly graphName: string;
    /** `metadata.namespace`. */
    readonly graphNamespace: string;

    /** Pulumi type token of InferenceGraph resources. */
    static readonly type = type;

    constructor(name: string, args: InferenceGraphArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.metadata?.name ?? name;
        const namespace = args.metadata?.namespace ?? defaults.modelNamespace;
        // The controller reads the same deployment-mode annotation as for InferenceServices (GetDeploymentMode).
        const annotations = {
            [deploymentModeAnnotation]: args.deploymentMode ?? defaults.deploymentMode,
            ...normaliseDeploymentMode(args.metadata?.annotations ?? {}),
            [fixedNames.waitForAnnotation]: "condition=Ready",
            [fixedNames.timeoutSecondsAnnotation]: String(args.readyTimeoutSeconds ?? defaults.modelReadyTimeoutSeconds),
        };
        const subject = `InferenceGraph "${metadataName}"`;
        throwIfProblems(subject, validateInferenceGraph({ name: metadataName, namespace, labels: args.metadata?.labels, annotations: args.metadata?.annotations, spec: args.spec }, subject, args.validation));
        super(
            name,
            {
                apiVersion: apiVersions.inferenceGraph,
                kind: "InferenceGraph",
                metadata: { name: metadataName, namespace, labels: args.metadata?.labels, annotations },
                spec: args.spec,
                status: undefined,
            },
            pulumi.mergeOptions(opts, {
                // The mode is read at creation and kept in status.deploymentMode: a new mode needs a new graph.
                replaceOnChanges: [`metadata.annotations["${deploymentModeAnnotation}"]`],
                deleteBeforeReplace: true,
            }),
        );
        this.graphName = metadataName;
        this.graphNamespace = namespace;
    }

    /** The graph's URL (`status.url`). */
    get url(): pulumi.Output<string | undefined> {
        return this.status.apply((s) => s?.url);
    }

    /** URL and readiness, as the `endpoints` stack output shows them; `protocol` is that of the first model the root calls. */
    endpointWith(protocol: ProtocolVersion): pulumi.Output<InferenceGraphEndpoint> {
        return this.status.apply((s) => toGraphEndpoint(s, protocol));
    }
}

/** The endpoint of a graph from the status its InferenceGraph reports. */
export function toGraphEndpoint(status: InferenceGraphStatus | undefined, protocol: ProtocolVersion): InferenceGraphEndpoint {
    return {
        kind: "InferenceGraph",
        url: status?.url,
        protocol,
        // The router serves the graph at its root path.
        predictUrl: status?.url,
        ready: status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    };
}

/**
 * The model the graph's root node calls first: its first `serviceName` step, following `nodeName`
 * steps (depth first, each node once). Undefined when the root calls only URLs.
 */
export function firstGraphModel(spec: InferenceGraphSpec): string | undefined {
    const seen = new Set<string>();
    const visit = (node: string): string | undefined => {
        if (seen.has(node)) {
            return undefined;
        }
        seen.add(node);
        for (const step of spec.nodes?.[node]?.steps ?? []) {
            const found = step.serviceName ?? (step.nodeName ? visit(step.nodeName) : undefined);
            if (found) {
                return found;
            }
        }
        return undefined;
    };
    return visit("root");
}

/**
 * The host in a graph's `status.url`. Knative mode: the router's Knative Service is named after the
 * graph (KServe v0.20.0 knative_reconciler.go), so Knative's `domain-template` renders it with the
 * graph's name; Standard mode: `createRawURL` renders KServe's `domainTemplate` with it. With the
 * platform's templates both are `<name>-<namespace>.<domain>`, one label under the domain.
 */
export function graphHost(name: string, namespace: string, domain: string, mode: DeploymentMode): string {
    return mode === "Standard"
        ? renderDomainTemplate(kserveDomainTemplate, { Name: name, Namespace: namespace, IngressDomain: domain })
        : renderDomainTemplate(knativeDomainTemplate, { Name: name, Namespace: namespace, Domain: domain });
}
