import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

/** Arguments of {@link MetricsReaderToken}. */
export interface MetricsReaderTokenArgs {
    /** Namespace of the ServiceMonitor that uses the token (the Secret must be in the monitor's namespace). */
    namespace: string;
    /** Name of the ServiceAccount and prefix of the other objects. Defaults to `kserve-platform-metrics-reader`. */
    name?: string;
    /** What the objects wait for: the namespace. */
    after?: readonly pulumi.Resource[];
}

/**
 * A bearer token a Prometheus presents to an endpoint behind kube-rbac-proxy, kept in a Secret so a
 * ServiceMonitor can name it in `authorization.credentials` (prometheus-operator v1 SafeAuthorization).
 * OpenShift's user-workload Prometheus refuses `bearerTokenFile` (cluster-monitoring-operator sets
 * `arbitraryFSAccessThroughSMs.deny`), and a Secret works for every Prometheus Operator.
 * kube-rbac-proxy (kserve v0.20.0 kserve-controller-manager, no `--resource-attributes`) checks
 * the token with a TokenReview and `get` on the non-resource URL `/metrics` with a
 * SubjectAccessReview: the ServiceAccount gets exactly that. The token is a long-lived
 * ServiceAccount token Secret (`kubernetes.io/service-account-token`), which the token controller fills.
 */
export class MetricsReaderToken extends pulumi.ComponentResource {
    /** The Secret and key the ServiceMonitor reads. */
    readonly credentials: { name: string; key: string };

    constructor(name: string, args: MetricsReaderTokenArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:monitoring:MetricsReaderToken", name, {}, opts);
        const account = args.name ?? "kserve-platform-metrics-reader";
        const after = { parent: this, dependsOn: [...(args.after ?? [])] };
        const sa = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: { name: account, namespace: args.namespace } }, after);
        const role = new k8s.rbac.v1.ClusterRole(`${name}-role`, { metadata: { name: account }, rules: [{ nonResourceURLs: ["/metrics"], verbs: ["get"] }] }, { parent: this });
        new k8s.rbac.v1.ClusterRoleBinding(
            `${name}-binding`,
            {
                metadata: { name: account },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: account },
                subjects: [{ kind: "ServiceAccount", name: account, namespace: args.namespace }],
            },
            { parent: this, dependsOn: [sa, role] },
        );
        const secretName = `${account}-token`;
        new k8s.core.v1.Secret(
            `${name}-token`,
            { metadata: { name: secretName, namespace: args.namespace, annotations: { "kubernetes.io/service-account.name": account } }, type: "kubernetes.io/service-account-token" },
            { parent: this, dependsOn: [sa] },
        );
        this.credentials = { name: secretName, key: "token" };
        this.registerOutputs({});
    }
}
