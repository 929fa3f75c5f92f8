import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults } from "../defaults";
import { throwIfProblems } from "../common";
import { checkModels, modelSubject } from "./checks";
import { placeOnSpot, SpotCapacity, SpotPlacement, spotProblems } from "./spot";
import type { ModelEndpoint } from "./endpoints";
import { InferenceService, toEndpoint } from "./inferenceService";
import type { DeploymentMode, InferenceServiceSpec } from "./types";
import type { ModelValidationOptions } from "./validate";

/** One model, as declared in `kserve-platform:models` (design §3). */
export interface ModelDeclaration {
    /** InferenceService name: a DNS-1035 label, unique in the stack. */
    name: string;
    /** Namespace; defaults to the stack's model namespace. */
    namespace?: string;
    /** Labels of the InferenceService. */
    labels?: Record<string, string>;
    /** Annotations of the InferenceService. */
    annotations?: Record<string, string>;
    /** KServe v1beta1 InferenceServiceSpec, verbatim. */
    spec: InferenceServiceSpec;
    /**
     * Run the GPU components on spot GPU nodes by preference (docs/gpu.md): needs
     * {@link ModelsArgs.spot}, which adds the spot toleration and preferred node affinity.
     */
    spot?: boolean;
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

/** What model namespaces need on OpenShift. */
export interface OpenShiftModelNamespaces {
    /**
     * Grant this SCC (`nonroot-v2`: any non-root UID) to the namespace's service accounts: KServe
     * runtimes set their own UIDs, and with a sidecar the storage initializer runs as Istio's 1337.
     */
    scc: string;
}

/** Arguments of {@link Models}. */
export interface ModelsArgs {
    /** The models to serve. */
    models: readonly ModelDeclaration[];
    /** Namespace of models that do not name one. Defaults to `models`. */
    defaultNamespace?: string;
    /** Resources every model must come after (and be deleted before): the serving platform's last installs. */
    platform?: readonly pulumi.Resource[];
    /** Deployment mode of models without the annotation. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** Labels put on the namespaces the component creates (for example Istio sidecar injection). */
    namespaceLabels?: Record<string, string>;
    /** Namespaces that already exist and must not be created. */
    existingNamespaces?: readonly string[];
    /**
     * Admit traffic into model namespaces only from within, from these namespaces (the gateways,
     * Knative's activator) and from namespaces with these labels (the mesh). Needs a network policy
     * engine (AKS: Cilium).
     */
    networkPolicy?: { fromNamespaces: readonly string[]; fromNamespaceLabels?: Record<string, string> };
    /** OpenShift: what model pods need there (see {@link OpenShiftModelNamespaces}). */
    openshift?: OpenShiftModelNamespaces;
    /** ServiceAccounts to create in model namespaces (the model store's identity, for instance). */
    serviceAccounts?: readonly ServiceAccountDeclaration[];
    /** How long to wait for each model to become Ready. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
    /** What each spec is validated against; unset options take the stack's defaults (see {@link InferenceServiceArgs.validation}). */
    validation?: ModelValidationOptions;
    /** The spot GPU nodes, for models that set `spot: true` (AksCluster's spot pool: `spotPool` of components/cluster/gpuPools.ts). */
    spot?: SpotModelsArgs;
}

/** Spot GPU nodes for models that opt in. */
export interface SpotModelsArgs {
    /** The spot taint and label. */
    placement: SpotPlacement;
    /** Whether a regular GPU pool is there to fall back to, and whether the stack is a production one. */
    capacity: Omit<SpotCapacity, "spotPool">;
}

/**
 * The models of a stack: their namespaces and one {@link InferenceService} each, created after the
 * platform and destroyed before it, so KServe's controller is still there to clear their finalizers.
 */
export class Models extends pulumi.ComponentResource {
    /** InferenceServices by model name. */
    readonly services: Readonly<Record<string, InferenceService>>;
    /** Namespaces created for the models, by name. */
    readonly namespaces: Readonly<Record<string, k8s.core.v1.Namespace>>;
    /** ServiceAccounts created for the models. */
    readonly serviceAccounts: readonly k8s.core.v1.ServiceAccount[];
    /** Endpoints by model name. */
    readonly endpoints: pulumi.Output<Record<string, ModelEndpoint>>;

    constructor(name: string, args: ModelsArgs, opts?: pulumi.ComponentResourceOptions) {
        const defaultNamespace = args.defaultNamespace ?? defaults.modelNamespace;
        // Every model is checked, as stack config checks it, before anything is registered.
        throwIfProblems(`Models "${name}"`, [
            ...checkModels(args.models, "models", defaultNamespace, args.validation),
            ...args.models.flatMap((m, i) => (m.spot ? spotProblems(m, { spotPool: args.spot !== undefined, regularPool: args.spot?.capacity.regularPool ?? false, production: args.spot?.capacity.production ?? false }, modelSubject("models", args.models, i)) : [])),
        ]);
        const models = args.models.map((m) => (m.spot && args.spot ? placeOnSpot(m, args.spot.placement) : m));
        super("kserve-platform:serving:Models", name, {}, opts);
        const existing = new Set(["default", ...(args.existingNamespaces ?? [])]);

        const namespaces: Record<string, k8s.core.v1.Namespace> = {};
        for (const ns of new Set(models.map((m) => m.namespace ?? defaultNamespace))) {
            if (!existing.has(ns)) {
                // Retained on destroy: the namespace may hold things of the user's beyond the models.
                namespaces[ns] = new k8s.core.v1.Namespace(
                    `${name}-${ns}`,
                    { metadata: { name: ns, labels: args.namespaceLabels } },
                    { parent: this, retainOnDelete: true },
                );
            }
        }

        // What the models of each namespace wait for: the platform, the namespace, its ServiceAccounts
        // and policies.
        const platform = args.platform ?? [];
        const gates = new Map<string, pulumi.Resource[]>();
        const gatesOf = (ns: string) => gates.get(ns) ?? gates.set(ns, [...platform, ...(namespaces[ns] ? [namespaces[ns]] : [])]).get(ns)!;
        const nsOpts = (ns: string): pulumi.CustomResourceOptions => ({ parent: this, dependsOn: namespaces[ns] ? [namespaces[ns]] : [] });
        for (const ns of new Set(models.map((m) => m.namespace ?? defaultNamespace))) {
            if (args.networkPolicy) {
                const policy = args.networkPolicy;
                gatesOf(ns).push(
                    new k8s.networking.v1.NetworkPolicy(
                        `${name}-${ns}-ingress`,
                        {
                            metadata: { name: "allow-gateway-and-mesh", namespace: ns },
                            spec: {
                                podSelector: {},
                                policyTypes: ["Ingress"],
                                ingress: [
                                    {
                                        from: [
                                            { podSelector: {} },
                                            ...policy.fromNamespaces.map((from) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": from } } })),
                                            ...(policy.fromNamespaceLabels ? [{ namespaceSelector: { matchLabels: policy.fromNamespaceLabels } }] : []),
                                        ],
                                    },
                                ],
                            },
                        },
                        nsOpts(ns),
                    ),
                );
            }
            if (args.openshift) {
                gatesOf(ns).push(
                    new k8s.rbac.v1.RoleBinding(
                        `${name}-${ns}-scc`,
                        {
                            metadata: { name: `kserve-platform-scc-${args.openshift.scc}`, namespace: ns },
                            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `system:openshift:scc:${args.openshift.scc}` },
                            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `system:serviceaccounts:${ns}` }],
                        },
                        nsOpts(ns),
                    ),
                );
            }
        }
        this.serviceAccounts = (args.serviceAccounts ?? []).map((sa) => {
            const account = new k8s.core.v1.ServiceAccount(
                `${name}-${sa.namespace}-${sa.name}`,
                { metadata: { name: sa.name, namespace: sa.namespace, annotations: sa.annotations } },
                nsOpts(sa.namespace),
            );
            gatesOf(sa.namespace).push(account);
            return account;
        });

        const services: Record<string, InferenceService> = {};
        for (const model of models) {
            const namespace = model.namespace ?? defaultNamespace;
            const dependsOn = gatesOf(namespace);
            services[model.name] = new InferenceService(
                model.name,
                {
                    name: model.name,
                    namespace,
                    labels: model.labels,
                    annotations: model.annotations,
                    deploymentMode: args.deploymentMode,
                    spec: model.spec,
                    readyTimeoutSeconds: args.readyTimeoutSeconds,
                    validation: args.validation,
                },
                { parent: this, dependsOn },
            );
        }
        this.services = services;
        this.namespaces = namespaces;
        // One apply over every status, rather than one per model.
        const list = Object.values(services);
        this.endpoints = pulumi.all(list.map((s) => s.status)).apply((statuses) => Object.fromEntries(list.map((s, i) => [s.modelName, toEndpoint(statuses[i], s.modelName, s.protocol)])));
        this.registerOutputs({ endpoints: this.endpoints });
    }
}
