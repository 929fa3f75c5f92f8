import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults, fixedNames } from "../defaults";
import { apiVersions, charts } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";

/** Istio's mesh-wide mutual TLS modes. */
export type MtlsMode = "PERMISSIVE" | "STRICT" | "DISABLE";
/** Kubernetes distribution, for the charts' platform settings. */
export type KubernetesPlatform = "kubernetes" | "openshift";
/** Kubernetes Service types the ingress gateway can use. */
export type GatewayServiceType = "LoadBalancer" | "NodePort" | "ClusterIP";

/** The ingress gateway's Service. */
export interface IngressGatewayArgs {
    /** Service type. Defaults to `LoadBalancer`. */
    serviceType?: GatewayServiceType;
    /** Service annotations, e.g. a cloud's internal load balancer and fixed IP annotations. */
    serviceAnnotations?: Record<string, string>;
    /** Fewest gateway replicas (the chart's HPA). Defaults to the chart's 1. */
    minReplicas?: number;
    /** Most gateway replicas. Defaults to the chart's 5. */
    maxReplicas?: number;
}

/** Arguments of {@link Istio}. */
export interface IstioArgs extends ChartInstallSettings {
    /** Istio's root namespace. Defaults to `istio-system`. */
    namespace?: string;
    /** Mesh-wide mTLS mode (a PeerAuthentication in the root namespace). Defaults to `PERMISSIVE`. */
    mtlsMode?: MtlsMode;
    /** The ingress gateway. */
    gateway?: IngressGatewayArgs;
    /** Create the `istio` IngressClass (needed by Standard-mode models). Defaults to true. */
    ingressClass?: boolean;
    /**
     * `openshift` installs every chart for Istio's `openshift` platform and adds Istio CNI, since
     * OpenShift's security context constraints forbid the NET_ADMIN init container. Defaults to `kubernetes`.
     */
    platform?: KubernetesPlatform;
    /**
     * Turn on Gateway API Inference Extension routing in istiod (`ENABLE_GATEWAY_API_INFERENCE_EXTENSION`,
     * istio/istio 1.30.3 pilot/pkg/features/experimental.go, default off), for LLM serving. Defaults to false.
     */
    inferenceExtension?: boolean;
    /** What istiod must start after, e.g. the Inference Extension CRDs (KServe's `llmisvc-dependencies` doc). */
    istiodAfter?: readonly pulumi.Resource[];
    /** Extra values per chart, merged over the platform's. */
    values?: { base?: Record<string, unknown>; istiod?: Record<string, unknown>; gateway?: Record<string, unknown>; cni?: Record<string, unknown> };
}

/**
 * Istio from its official charts: `base` (CRDs) → `istiod` → the ingress gateway, released as
 * `istio-ingressgateway` so its pods carry `istio: ingressgateway`, which Knative's gateways select.
 * Plus the mesh-wide mTLS mode and the `istio` IngressClass.
 */
export class Istio extends pulumi.ComponentResource {
    /** The CRD chart; depend on it to create Istio resources. */
    readonly base: pulumi.Resource;
    /** The control plane. */
    readonly istiod: pulumi.Resource;
    /** The ingress gateway; the last install, so depending on it means Istio is up. */
    readonly gateway: pulumi.Resource;
    /** Istio CNI (OpenShift only). */
    readonly cni?: pulumi.Resource;
    /** The mesh-wide PeerAuthentication. */
    readonly peerAuthentication: k8s.apiextensions.CustomResource;
    /** Istio's root namespace. */
    readonly namespace: string;

    constructor(name: string, args: IstioArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:Istio", name, {}, opts);
        this.namespace = args.namespace ?? defaults.namespaces.istio;
        const ns = platformNamespace(`${name}-ns`, this.namespace, this);
        const install = { chartResource: args.chartResource, helmTimeoutSeconds: args.helmTimeoutSeconds, namespace: this.namespace };
        const openshift = args.platform === "openshift";
        // Istio 1.24+ selects OpenShift through the platform value (the charts apply their
        // profile-platform-openshift file); the gateway chart reads the top-level key.
        const platform: Record<string, unknown> = openshift ? { global: { platform: "openshift" } } : {};
        const gatewayPlatform: Record<string, unknown> = openshift ? { platform: "openshift" } : {};

        this.base = helmInstall(
            `${name}-base`,
            { ...install, source: charts.istioBase, releaseName: "istio-base", values: mergeValues({ defaultRevision: "default", ...platform }, args.values?.base) },
            { parent: this, dependsOn: [ns] },
        );
        if (openshift) {
            // Istio's OpenShift instructions install CNI into kube-system for the same platform; on
            // OpenShift the chart also creates the default/istio-cni NetworkAttachmentDefinition.
            this.cni = helmInstall(
                `${name}-cni`,
                { ...install, namespace: "kube-system", source: charts.istioCni, releaseName: "istio-cni", values: mergeValues({ ...platform }, args.values?.cni) },
                { parent: this, dependsOn: [this.base] },
            );
        }
        this.istiod = helmInstall(
            `${name}-istiod`,
            {
                ...install,
                source: charts.istiod,
                releaseName: "istiod",
                // The istiod chart's values are flat: podAnnotations sits at the top level.
                values: mergeValues(
                    {
                        ...platform,
                        podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" },
                        // The chart renders each `env` entry on the discovery container (templates/deployment.yaml).
                        ...(args.inferenceExtension ? { env: { ENABLE_GATEWAY_API_INFERENCE_EXTENSION: "true" } } : {}),
                    },
                    args.values?.istiod,
                ),
            },
            { parent: this, dependsOn: [this.cni ?? this.base, ...(args.istiodAfter ?? [])] },
        );
        const gw = args.gateway ?? {};
        const autoscaling = { ...(gw.minReplicas !== undefined ? { minReplicas: gw.minReplicas } : {}), ...(gw.maxReplicas !== undefined ? { maxReplicas: gw.maxReplicas } : {}) };
        this.gateway = helmInstall(
            `${name}-gateway`,
            {
                ...install,
                source: charts.istioGateway,
                releaseName: fixedNames.ingressGatewayRelease,
                values: mergeValues(
                    {
                        ...gatewayPlatform,
                        service: { type: gw.serviceType ?? "LoadBalancer", ...(gw.serviceAnnotations ? { annotations: gw.serviceAnnotations } : {}) },
                        podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "true" },
                        ...(Object.keys(autoscaling).length ? { autoscaling } : {}),
                    },
                    args.values?.gateway,
                ),
            },
            // The gateway's pods get their proxy from istiod's injector.
            { parent: this, dependsOn: [this.istiod] },
        );
        this.peerAuthentication = new k8s.apiextensions.CustomResource(
            `${name}-mtls`,
            {
                apiVersion: apiVersions.peerAuthentication,
                kind: "PeerAuthentication",
                metadata: { name: fixedNames.meshPeerAuthentication, namespace: this.namespace },
                spec: { mtls: { mode: args.mtlsMode ?? defaults.meshMtlsMode } },
            },
            { parent: this, dependsOn: [this.istiod] },
        );
        if (args.ingressClass ?? true) {
            new k8s.networking.v1.IngressClass(
                `${name}-ingress-class`,
                { metadata: { name: fixedNames.ingressClass }, spec: { controller: "istio.io/ingress-controller" } },
                { parent: this },
            );
        }
        this.registerOutputs({ namespace: this.namespace });
    }
}
