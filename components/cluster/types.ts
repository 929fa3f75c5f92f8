import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { ChartResource } from "../common/helm";

/** What the platform and the models need of a cluster, whatever its flavour. */
export interface KubernetesCluster {
    /** Provider every Kubernetes resource of the stack uses. */
    readonly provider: k8s.Provider;
    /** Chart resource that works with this provider (`Chart` when it only renders manifests). */
    readonly chartResource: ChartResource;
    /** Kubeconfig of the cluster, as a secret, when the stack knows it. */
    readonly kubeconfig?: pulumi.Output<string>;
}
