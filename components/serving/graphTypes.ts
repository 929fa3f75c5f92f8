/**
 * KServe's InferenceGraph (`serving.kserve.io/v1alpha1`), with KServe's field names (KServe v0.20.0
 * `pkg/apis/serving/v1alpha1/inference_graph.go`; the CRD is config/crd/full/
 * serving.kserve.io_inferencegraphs.yaml).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ModelEndpoint } from "./endpoints";
import type { Condition, ResourceRequirements, ScaleMetric, Toleration } from "./types";

/** `corev1.Affinity`, as a plain value. */
export type Affinity = pulumi.Unwrap<k8s.types.input.core.v1.Affinity>;

/** How a node routes (`InferenceRouterType`, a CRD enum). */
export type InferenceRouterType = "Sequence" | "Splitter" | "Ensemble" | "Switch";
/** Whether a failed step fails the node (`InferenceStepDependencyType`, a CRD enum). */
export type InferenceStepDependencyType = "Soft" | "Hard";

/** Where a step goes: exactly one of the three (`InferenceTarget`). */
export interface InferenceTarget {
    /** Another node of the graph. */
    nodeName?: string;
    /** An InferenceService in the graph's namespace; the controller resolves it to the predictor's URL. */
    serviceName?: string;
    /** A URL called as is. */
    serviceUrl?: string;
}

/** One step of a node (`InferenceStep`). */
export interface InferenceStep extends InferenceTarget {
    /** Unique name of the step within its node. */
    name?: string;
    /** What the step receives: `$request` (the graph's input) or `$response` (the previous step's output). */
    data?: string;
    /** Map the previous step's `predictions` to this step's `instances`. */
    mapPredictionsToInstances?: boolean;
    /** Traffic share of a Splitter step; a Splitter's weights sum to 100. */
    weight?: number;
    /** GJSON condition a Switch step is taken on (or a Sequence step's response is checked against). */
    condition?: string;
    /** `Hard`: the node fails when the step fails; `Soft` (default): it goes on. */
    dependency?: InferenceStepDependencyType;
}

/** One node of the graph (`InferenceRouter`). */
export interface InferenceRouter {
    /** Sequence, Splitter, Ensemble or Switch. */
    routerType: InferenceRouterType;
    /** The node's steps. */
    steps?: InferenceStep[];
}

/** Timeouts of the router, in seconds (`InfereceGraphRouterTimeouts`, spelt so upstream). */
export interface InferenceGraphRouterTimeouts {
    /** Reading a request. */
    serverRead?: number;
    /** Writing the response. */
    serverWrite?: number;
    /** Keep-alive idle time. */
    serverIdle?: number;
    /** Each call to a step. */
    serviceClient?: number;
}

/** `spec` of an InferenceGraph (`InferenceGraphSpec`). */
export interface InferenceGraphSpec {
    /** The nodes by name; one must be `root`, where requests enter. */
    nodes: Record<string, InferenceRouter>;
    /** Resources of the router container. */
    resources?: ResourceRequirements;
    /** Affinity of the router pods. */
    affinity?: Affinity;
    /** Seconds to wait for a request to the router (`TimeoutSeconds`, JSON `timeout`). */
    timeout?: number;
    /** Router timeouts. */
    routerTimeouts?: InferenceGraphRouterTimeouts;
    /** Minimum replicas (KServe's default 1; 0 allows scale to zero in Knative mode). */
    minReplicas?: number;
    /** Maximum replicas. */
    maxReplicas?: number;
    /** Target value of the scale metric. */
    scaleTarget?: number;
    /** Metric the autoscaler watches. */
    scaleMetric?: ScaleMetric;
    /** Tolerations of the router pods. */
    tolerations?: Toleration[];
    /** Node selector of the router pods. */
    nodeSelector?: Record<string, string>;
    /** Node the router pods run on. */
    nodeName?: string;
    /** ServiceAccount of the router pods. */
    serviceAccountName?: string;
}

/** `status` of an InferenceGraph, as the controller reports it (`InferenceGraphStatus`). */
export interface InferenceGraphStatus {
    /** The graph's URL: the Knative Service's URL (Knative mode) or KServe's domain template (Standard). */
    url?: string;
    /** Conditions; `Ready` is the aggregate. */
    conditions?: Condition[];
    /** Deployment mode recorded by the controller. */
    deploymentMode?: string;
}

/**
 * Where a graph answers, in the stack output `endpoints` beside the models: `url` is the graph's
 * `status.url`, and `predictUrl` the same URL, since the router takes requests at its root path
 * (KServe v0.20.0 cmd/router `http.HandleFunc("/", graphHandler)`). `protocol` is that of the first
 * model the root node calls: the router passes the request body on to it unchanged.
 */
export interface InferenceGraphEndpoint extends ModelEndpoint {
    /** Marks a graph's entry in `endpoints`. */
    kind: "InferenceGraph";
}

/** One graph, as declared in `kserve-platform:models` (with `kind: InferenceGraph`) or in code. */
export interface InferenceGraphDeclaration {
    /** InferenceGraph name: a DNS-1035 label, unique among the stack's models and graphs. */
    name: string;
    /** Namespace; defaults to the stack's model namespace. Its `serviceName` steps are models of this namespace. */
    namespace?: string;
    /** Labels of the InferenceGraph. */
    labels?: Record<string, string>;
    /** Annotations of the InferenceGraph (`serving.kserve.io/deploymentMode` sets its mode). */
    annotations?: Record<string, string>;
    /** The InferenceGraph spec, verbatim. */
    spec: InferenceGraphSpec;
}
