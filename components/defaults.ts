/**
 * Every default of the platform, in one place. Components fall back to these when an argument is
 * omitted, and the stack config schema (`components/config/schema.ts`, mirrored in `Pulumi.yaml`)
 * uses the same values.
 */
export const defaults = {
    /** Ingress domain shared by Knative (`config-domain`) and KServe (`ingressDomain`). */
    domain: "example.com",
    /** Scheme KServe writes into `status.url`. */
    urlScheme: "http",
    /** Namespace for models that do not name one. */
    modelNamespace: "models",
    /** How KServe runs models; the mission is Knative (scale to zero, canary rollouts). */
    deploymentMode: "Knative",
    /** Knative's `progress-deadline` (its default, 600s, kills slow model downloads). */
    knativeProgressDeadline: "1200s",
    /** Registries Knative must not resolve tags to digests for (Knative's defaults plus KServe's). */
    registriesSkippingTagResolving: ["kind.local", "ko.local", "dev.local", "nvcr.io", "index.docker.io"],
    /** How long `pulumi up` waits for an InferenceService to become Ready (longer than the progress deadline). */
    modelReadyTimeoutSeconds: 1800,
    /** How long a Helm release may take to install or upgrade. */
    helmTimeoutSeconds: 600,
    /** Mesh-wide Istio mutual TLS mode. */
    meshMtlsMode: "PERMISSIVE",
    /** Install the default ClusterServingRuntimes (`kserve-runtime-configs`). */
    installRuntimes: true,
    /** Namespaces of the platform's own components. */
    namespaces: {
        certManager: "cert-manager",
        istio: "istio-system",
        knativeOperator: "knative-operator",
        knativeServing: "knative-serving",
        kserve: "kserve",
    },
    /** The NVIDIA extended resource and the taint that keeps other pods off GPU nodes. */
    gpu: {
        resource: "nvidia.com/gpu",
        taint: { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" },
    },
} as const;

/**
 * Names that other software depends on: not defaults, since changing them breaks the platform.
 */
export const fixedNames = {
    /** Knative's net-istio gateways select `istio: ingressgateway`, which the gateway chart derives from this release name. */
    ingressGatewayRelease: "istio-ingressgateway",
    /** The KnativeServing CR KServe and the operator expect. */
    knativeServing: "knative-serving",
    /** Istio's mesh-wide PeerAuthentication lives in the root namespace under this name. */
    meshPeerAuthentication: "default",
    /** IngressClass KServe uses for Standard-mode models (`ingressGateway.className`). */
    ingressClass: "istio",
} as const;
