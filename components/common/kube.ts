// Small Kubernetes types more than one layer uses (cluster node pools, model placement, store identities).
import type * as pulumi from "@pulumi/pulumi";

/** A node taint, as GPU nodes carry it. */
export interface Taint {
    key: string;
    value?: string;
    effect: string;
}

/** A ServiceAccount models run as, created in a model namespace before the models. */
export interface ServiceAccountDeclaration {
    /** Namespace (one of the models' namespaces). */
    namespace: string;
    /** Name. */
    name: string;
    /** Annotations, e.g. the workload identity client id. */
    annotations?: Record<string, pulumi.Input<string>>;
}
