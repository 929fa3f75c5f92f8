import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults } from "../defaults";
import { throwIfProblems, type ServiceAccountDeclaration } from "../common";
import { checkModels, modelSubject } from "./checks";
import { modelHostCollisions } from "./hostCollisions";
import { placeOnSpot, SpotCapacity, SpotPlacement, spotProblems } from "./spot";
import type { ModelEndpoint } from "./endpoints";
import { InferenceService, toEndpoint } from "./inferenceService";
import type { DeploymentMode } from "./types";
import type { ModelDeclaration } from "./modelDeclaration";
import type { ModelValidationOptions } from "./validate";
import { ModelScraper, scraperIngressRules } from "./networkPolicy";
import { type LLMEndpoint, toLlmEndpoint } from "./llm/endpoints";
import { LLMInferenceService } from "./llm/llmInferenceService";
import { checkLlms, type LLMDeclaration } from "./llm/models";
import { checkGraphsAndRuntimes, graphEndpoints, registerGraphs, registerRuntimes } from "./modelGraphs";
import type { InferenceGraphDeclaration } from "./graphTypes";
import type { ClusterServingRuntime, RuntimeDeclaration, ServingRuntime } from "./servingRuntime";
import type { InferenceGraph } from "./inferenceGraph";

export type { ModelDeclaration } from "./modelDeclaration";

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
    /**
     * The LLMs to serve (KServe LLMInferenceServices), in the same namespaces, behind the same
     * network policies and after the same platform resources as the models.
     */
    llms?: readonly LLMDeclaration[];
    /** Namespace of models that do not name one. Defaults to `models`. */
    defaultNamespace?: string;
    /** Resources every model must come after (and be deleted before): the serving platform's last installs. */
    platform?: readonly pulumi.Resource[];
    /**
     * Resources every LLM also comes after: the llmisvc controller, its presets and the Gateway its
     * routes attach to (`ServingPlatform.llmDependencies`).
     */
    llmPlatform?: readonly pulumi.Resource[];
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
    networkPolicy?: {
        fromNamespaces: readonly string[];
        fromNamespaceLabels?: Record<string, string>;
        /** Who scrapes the models' metrics: admitted on the metrics ports only. */
        scrapers?: readonly ModelScraper[];
    };
    /** OpenShift: what model pods need there (see {@link OpenShiftModelNamespaces}). */
    openshift?: OpenShiftModelNamespaces;
    /** ServiceAccounts to create in model namespaces (the model store's identity, for instance). */
    serviceAccounts?: readonly ServiceAccountDeclaration[];
    /** How long to wait for each model to become Ready. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
    /** What each spec is validated against; unset options take the stack's defaults (see {@link InferenceServiceArgs.validation}). */
    validation?: ModelValidationOptions;
    /** InferenceGraphs over the models: created after the models they name, deleted before them. */
    graphs?: readonly InferenceGraphDeclaration[];
    /** The stack's own ServingRuntimes and ClusterServingRuntimes: created before the models, which may name them. */
    runtimes?: readonly RuntimeDeclaration[];
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
    /** LLMInferenceServices by name. */
    readonly llms: Readonly<Record<string, LLMInferenceService>>;
    /** Endpoints by model name (LLMs' with their OpenAI base URL and paths). */
    readonly endpoints: pulumi.Output<Record<string, ModelEndpoint | LLMEndpoint>>;
    /** InferenceGraphs by name. */
    readonly graphs: Readonly<Record<string, InferenceGraph>>;
    /** ServingRuntimes and ClusterServingRuntimes by name (`<namespace>/<name>` for ServingRuntimes). */
    readonly runtimes: Readonly<Record<string, ServingRuntime | ClusterServingRuntime>>;

    constructor(name: string, args: ModelsArgs, opts?: pulumi.ComponentResourceOptions) {
        const defaultNamespace = args.defaultNamespace ?? defaults.modelNamespace;
        // Every model is checked, as stack config checks it, before anything is registered.
        const llms = args.llms ?? [];
        const extra = checkGraphsAndRuntimes(args.models, args.graphs ?? [], args.runtimes ?? [], defaultNamespace, args.validation);
        throwIfProblems(`Models "${name}"`, [
            ...extra.problems,
            ...checkModels(args.models, "models", defaultNamespace, extra.validation),
            ...modelHostCollisions(args.models, (i) => modelSubject("models", args.models, i), defaultNamespace, args.deploymentMode ?? defaults.deploymentMode),
            ...checkLlms(llms, (i) => modelSubject("llms", llms, i), defaultNamespace, { gpuTaint: args.validation?.gpuTaint, reservedNamespaces: args.validation?.reservedNamespaces }),
            ...llms.flatMap((l, i) =>
                args.models.some((m) => m.name === l.name) ? [{ subject: modelSubject("llms", llms, i), path: "name", message: `"${l.name}" is also the name of a model; names must be unique across models and LLMs` }] : [],
            ),
            ...args.models.flatMap((m, i) => (m.spot ? spotProblems(m, { spotPool: args.spot !== undefined, regularPool: args.spot?.capacity.regularPool ?? false, production: args.spot?.capacity.production ?? false }, modelSubject("models", args.models, i)) : [])),
        ]);
        const models = args.models.map((m) => (m.spot && args.spot ? placeOnSpot(m, args.spot.placement) : m));
        super("kserve-platform:serving:Models", name, {}, opts);
        const existing = new Set(["default", ...(args.existingNamespaces ?? [])]);

        const namespaces: Record<string, k8s.core.v1.Namespace> = {};
        const modelNamespaces = new Set([...[...args.models, ...llms].map((m) => m.namespace ?? defaultNamespace), ...extra.namespaces]);
        for (const ns of modelNamespaces) {
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
        for (const ns of modelNamespaces) {
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
                                    ...scraperIngressRules(policy.scrapers ?? [], ns),
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

        // The stack's runtimes come before the models that may name them (and go after them).
        this.runtimes = registerRuntimes(name, args.runtimes ?? [], defaultNamespace, this, gatesOf, [...modelNamespaces]);

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
                    validation: extra.validation,
                },
                { parent: this, dependsOn },
            );
        }
        // LLMs wait for the same gates as the models of their namespace, and for LLM serving itself.
        const llmServices: Record<string, LLMInferenceService> = {};
        for (const llm of llms) {
            const namespace = llm.namespace ?? defaultNamespace;
            llmServices[llm.name] = new LLMInferenceService(
                llm.name,
                {
                    metadata: { name: llm.name, namespace, labels: llm.labels, annotations: llm.annotations },
                    spec: llm.spec,
                    readyTimeoutSeconds: args.readyTimeoutSeconds,
                    validation: { gpuTaint: args.validation?.gpuTaint, reservedNamespaces: args.validation?.reservedNamespaces },
                },
                { parent: this, dependsOn: [...gatesOf(namespace), ...(args.llmPlatform ?? [])] },
            );
        }
        this.services = services;
        this.llms = llmServices;
        this.namespaces = namespaces;
        // One apply over every status, rather than one per model.
        const list = Object.values(services);
        const llmList = Object.values(llmServices);
        const modelEndpoints = pulumi.all([pulumi.all(list.map((s) => s.status)), pulumi.all(llmList.map((s) => s.status))]).apply(([statuses, llmStatuses]) => ({
            ...Object.fromEntries(list.map((s, i) => [s.modelName, toEndpoint(statuses[i], s.modelName, s.protocol)])),
            ...Object.fromEntries(llmList.map((s, i) => [s.modelName, toLlmEndpoint(llmStatuses[i], s.servedModelName)])),
        }));
        this.graphs = registerGraphs(args.graphs ?? [], services, defaultNamespace, this, gatesOf, { deploymentMode: args.deploymentMode, readyTimeoutSeconds: args.readyTimeoutSeconds, models: args.models });
        this.endpoints = graphEndpoints(modelEndpoints, this.graphs, args.graphs ?? [], services);
        this.registerOutputs({ endpoints: this.endpoints });
    }
}
