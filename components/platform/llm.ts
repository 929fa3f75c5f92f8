/**
 * What KServe v0.20.0's LLM path (LLMInferenceService, the llm-d integration) needs on top of the
 * serving platform, in the order `hack/setup/quick-install/llmisvc-full-install-helm.sh` installs it:
 * the Gateway API and Inference Extension CRDs, a Gateway for LLM routes, then the
 * `kserve-llmisvc-crd` and `kserve-llmisvc-resources` charts. KServe's script uses Envoy Gateway;
 * here Istio is the Gateway API implementation, as it already is for every other model.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { llmNames } from "../defaults";
import { apiVersions, llmCharts, llmManifests, versions } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues } from "../common/helm";

/** Arguments of {@link LlmCrds}. */
export interface LlmCrdsArgs {
    /** Also `protect` the CRDs (they are always retained on delete). Defaults to false. */
    protectCrds?: boolean;
}

/**
 * The CRDs of the LLM path from their release manifests, each pinned in `components/versions.ts`:
 * Gateway API (standard channel), the Inference Extension's InferencePool v1 and llm-d's
 * InferenceObjective/InferenceModelRewrite. Retained on delete: removing a CRD removes every
 * Gateway, HTTPRoute and InferencePool. istiod must start after them, and so must KServe's llmisvc
 * controller, which looks for each CRD once, at start-up (kserve v0.20.0
 * pkg/controller/v1alpha2/llmisvc/controller.go, `utils.IsCrdAvailable` in SetupWithManager).
 */
export class LlmCrds extends pulumi.ComponentResource {
    /** Gateway API v1.5.1 `standard-install.yaml`. */
    readonly gatewayApi: pulumi.Resource;
    /** Gateway API Inference Extension v1.5.0 `v1-manifests.yaml` (InferencePool v1). */
    readonly inferenceExtension: pulumi.Resource;
    /** llm-d router v0.9.0 `manifests.yaml` (the `llm-d.ai` CRDs). */
    readonly llmdRouter: pulumi.Resource;
    /** All of them, for `dependsOn`. */
    readonly all: pulumi.Resource[];

    constructor(name: string, args: LlmCrdsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:LlmCrds", name, {}, opts);
        const keep: pulumi.CustomResourceOptions = { parent: this, retainOnDelete: true, protect: args.protectCrds ?? false };
        this.gatewayApi = new k8s.yaml.v2.ConfigFile(`${name}-gateway-api`, { file: llmManifests.gatewayApiCrds }, keep);
        this.inferenceExtension = new k8s.yaml.v2.ConfigFile(`${name}-inference-extension`, { file: llmManifests.inferenceExtensionCrds }, keep);
        this.llmdRouter = new k8s.yaml.v2.ConfigFile(`${name}-llmd-router`, { file: llmManifests.llmdRouterCrds }, keep);
        this.all = [this.gatewayApi, this.inferenceExtension, this.llmdRouter];
        this.registerOutputs({});
    }
}

/** Arguments of {@link LlmGateway}. */
export interface LlmGatewayArgs {
    /** Namespace of the Gateway: KServe's own, where the llmisvc controller looks for it. */
    namespace: string;
    /** Ingress domain; LLMs are served at `inference.<domain>`, which the platform's `*.<domain>` certificate covers. */
    domain: string;
    /**
     * The Service of the Istio ingress gateway the LLM routes are served by, as a cluster DNS name
     * (`istio-ingressgateway.istio-system.svc.cluster.local`).
     */
    ingressService: string;
    /** What the Gateway is created after: the Gateway API CRDs, istiod, the ingress gateway, KServe's namespace. */
    after?: readonly pulumi.Resource[];
}

/**
 * The Gateway manifest LLM routes attach to. It binds to the platform's existing Istio ingress
 * gateway rather than deploying a second one: Istio's manual deployment, a single `Hostname`
 * address naming the gateway's Service (istio/istio 1.30.3 pilot/pkg/config/kube/gatewaycommon
 * gateway_utils.go IsManaged, ENABLE_GATEWAY_API_MANUAL_DEPLOYMENT default on; gateway/conversion.go
 * extractGatewayServices). LLM traffic so takes the same load balancer, Application Gateway backend,
 * network policies and mesh identity as every other model. The one HTTP listener on port 80 (the
 * gateway Service's `http2` port) takes the exact host `inference.<domain>`, which the llmisvc
 * controller then writes into each LLM's `status.url` (kserve v0.20.0 router_discovery.go
 * extractHostnamesForListener) and which Knative's own hosts never equal.
 */
export function llmGatewayManifest(args: LlmGatewayArgs): { apiVersion: string; kind: "Gateway"; metadata: Record<string, unknown>; spec: Record<string, unknown> } {
    return {
        apiVersion: apiVersions.gateway,
        kind: "Gateway",
        metadata: { name: llmNames.gateway, namespace: args.namespace },
        spec: {
            gatewayClassName: llmNames.gatewayClass,
            addresses: [{ type: "Hostname", value: args.ingressService }],
            listeners: [{ name: "http", protocol: "HTTP", port: 80, hostname: llmHost(args.domain), allowedRoutes: { namespaces: { from: "All" } } }],
        },
    };
}

/** The host of every LLM's `status.url`: the gateway listener's hostname. */
export function llmHost(domain: string): string {
    return `${llmNames.wildcardHostLabel}.${domain}`;
}

/**
 * The Gateway LLM routes attach to (`<kserve namespace>/kserve-ingress-gateway`), served by the
 * Istio ingress gateway. TLS ends in front of it, as for every model.
 */
export class LlmGateway extends pulumi.ComponentResource {
    /** The Gateway. */
    readonly gateway: k8s.apiextensions.CustomResource;
    /** `<namespace>/<name>`, the value of `ingress.kserveIngressGateway`. */
    readonly reference: string;
    /** The host in every LLM's URL. */
    readonly host: string;

    constructor(name: string, args: LlmGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:LlmGateway", name, {}, opts);
        this.reference = `${args.namespace}/${llmNames.gateway}`;
        this.host = llmHost(args.domain);
        this.gateway = new k8s.apiextensions.CustomResource(`${name}-gateway`, llmGatewayManifest(args), { parent: this, dependsOn: [...(args.after ?? [])] });
        this.registerOutputs({ reference: this.reference, host: this.host });
    }
}

/** The llmisvc charts' settings, given by {@link KServe}. */
export interface LlmisvcInstallArgs extends ChartInstallSettings {
    /** KServe's namespace. */
    namespace: string;
    /** Also `protect` the CRD release. */
    protectCrds?: boolean;
    /** What the controller must start after: the LLM CRDs, LeaderWorkerSet, KEDA. */
    after?: readonly pulumi.Resource[];
    /** Extra values per chart, merged over the platform's. */
    values?: { crd?: Record<string, unknown>; resources?: Record<string, unknown> };
}

/** What {@link installLlmisvc} created. */
export interface LlmisvcReleases {
    /** `kserve-llmisvc-crd`: LLMInferenceService and LLMInferenceServiceConfig CRDs. */
    crds: pulumi.Resource;
    /** `kserve-llmisvc-resources`: the llmisvc controller and its webhooks. */
    controller: pulumi.Resource;
}

/** Values of `kserve-llmisvc-resources` (every path read by the v0.20.0 chart's templates or values.schema.json). */
export function llmisvcResourcesValues(overrides?: Record<string, unknown>): Record<string, unknown> {
    return mergeValues(
        {
            kserve: {
                version: versions.kserve,
                // kserve-resources already renders inferenceservice-config, the cert-manager issuer and the
                // storage containers (kserve v0.20.0 hack/setup/common.sh determine_shared_resources_helm).
                createSharedResources: false,
                // The CRDs come from their own releases (LlmCrds), before istiod; the chart's copies would
                // collide with them (templates/llmisvc/resources.yaml skips llm-isvc-resources.gieCRDNames).
                llmisvc: { createGIECRDs: false },
            },
        },
        overrides,
    );
}

/**
 * `kserve-llmisvc-crd` after `kserve-crd` (both template the ClusterStorageContainer CRD; the
 * second skips it when a `lookup` finds it owned by another release), then
 * `kserve-llmisvc-resources` after the KServe controller (whose inferenceservice-config it reads)
 * and everything in `after`.
 */
export function installLlmisvc(name: string, args: LlmisvcInstallArgs, parent: pulumi.Resource, kserveCrds: pulumi.Resource, kserveController: pulumi.Resource): LlmisvcReleases {
    const install = { chartResource: args.chartResource, helmTimeoutSeconds: args.helmTimeoutSeconds, namespace: args.namespace };
    const crds = helmInstall(
        `${name}-llmisvc-crd`,
        { ...install, source: llmCharts.kserveLlmisvcCrd, releaseName: "kserve-llmisvc-crd", values: mergeValues({}, args.values?.crd) },
        { parent, dependsOn: [kserveCrds], retainOnDelete: true, protect: args.protectCrds ?? false },
    );
    const controller = helmInstall(
        `${name}-llmisvc-resources`,
        { ...install, source: llmCharts.kserveLlmisvcResources, releaseName: "kserve-llmisvc-resources", values: llmisvcResourcesValues(args.values?.resources) },
        { parent, dependsOn: [crds, kserveController, ...(args.after ?? [])] },
    );
    return { crds, controller };
}

/** Arguments of {@link LeaderWorkerSet}. */
export interface LeaderWorkerSetArgs {
    /** What it waits for (cert-manager is not needed: LWS rotates its own webhook certificate). */
    after?: readonly pulumi.Resource[];
}

/**
 * LeaderWorkerSet v0.8.0 from its release manifest, as KServe's `manage.lws-operator.sh` applies
 * it (server-side, which is how the Kubernetes provider applies every object). Multi-node LLM
 * workers (`spec.worker`) run as LeaderWorkerSets; the llmisvc controller only watches them if the
 * CRD exists when it starts.
 */
export class LeaderWorkerSet extends pulumi.ComponentResource {
    /** The manifest. */
    readonly manifest: pulumi.Resource;
    /** The namespace the manifest creates. */
    readonly namespace = llmNames.leaderWorkerSetNamespace;

    constructor(name: string, args: LeaderWorkerSetArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:LeaderWorkerSet", name, {}, opts);
        // Retained: deleting the CRD would delete every multi-node LLM's workers.
        this.manifest = new k8s.yaml.v2.ConfigFile(`${name}-manifest`, { file: llmManifests.leaderWorkerSet }, { parent: this, retainOnDelete: true, dependsOn: [...(args.after ?? [])] });
        this.registerOutputs({ namespace: this.namespace });
    }
}
