import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ChartResource } from "../common/helm";
import type { KubernetesCluster } from "./types";

/** Arguments of {@link ExistingCluster}. */
export interface ExistingClusterArgs {
    /**
     * Kubeconfig: a file path or the file's content. Unset means the ambient one (`$KUBECONFIG` or
     * `~/.kube/config`) and its current context. Kept secret either way.
     */
    kubeconfig?: pulumi.Input<string>;
    /** Context of the kubeconfig to use; unset means its current context. */
    context?: string;
    /**
     * Write every manifest into this directory instead of applying it (GitOps, or a run with no
     * cluster). Status outputs are then unknown, and charts are rendered with helm v4 `Chart`.
     */
    renderYamlToDirectory?: string;
}

/**
 * A cluster the stack does not own (kind, minikube, a platform team's cluster), reached through a
 * kubeconfig, or no cluster at all in render mode.
 */
export class ExistingCluster extends pulumi.ComponentResource implements KubernetesCluster {
    readonly provider: k8s.Provider;
    readonly chartResource: ChartResource;
    readonly kubeconfig?: pulumi.Output<string>;
    /** True when manifests are only written to a directory. */
    readonly renderOnly: boolean;

    constructor(name: string, args: ExistingClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:cluster:ExistingCluster", name, {}, opts);
        this.renderOnly = args.renderYamlToDirectory !== undefined;
        this.chartResource = this.renderOnly ? "Chart" : "Release";
        this.kubeconfig = args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig);
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            {
                kubeconfig: this.kubeconfig,
                context: args.context,
                renderYamlToDirectory: args.renderYamlToDirectory,
                enableServerSideApply: true,
                // What a destroy retains (model namespaces, the kserve namespace) is adopted by the
                // next up instead of failing with AlreadyExists.
                upsertExistingObjects: true,
            },
            { parent: this },
        );
        this.registerOutputs({ renderOnly: this.renderOnly });
    }
}
