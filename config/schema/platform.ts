// The cluster connection, the platform, its ingress and the models' options. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import type { ConfigKey } from "./key";

/** The cluster connection, the platform, its ingress and the models' options. */
export const platformKeys = {
    clusterFlavor: {
        type: "string",
        description:
            "Where the platform runs: `existing` (a cluster reached through a kubeconfig, or render mode), `aks` (an AKS cluster the stack creates) or `aro` (Azure Red Hat OpenShift); the Azure flavours need azure-native:location.",
        default: "existing",
        allowed: ["existing", "aks", "aro"],
    },
    environment: {
        type: "string",
        description: "What the stack is for. `prod` requires the production baseline: private API server, internal gateway, STRICT mTLS, model network policies, minReplicas >= 1, protected CRDs; on AKS also zones, no local accounts, Defender, Azure Policy, a private model store; and model authentication (modelAuth) unless waived.",
        default: "dev",
        allowed: ["local", "dev", "prod"],
    },
    kubeconfig: {
        type: "string",
        description: "Kubeconfig for an `existing` cluster: a file path or the file's content (set it with --secret). Unset: $KUBECONFIG or ~/.kube/config.",
        default: "",
    },
    kubeContext: {
        type: "string",
        description: "Kubeconfig context for an `existing` cluster. Unset: the current context.",
        default: "",
    },
    renderYamlToDirectory: {
        type: "string",
        description: "Write every manifest into this directory instead of applying it (GitOps, or no cluster). Charts are then rendered with helm v4 Chart.",
        default: "",
    },
    domain: {
        type: "string",
        description: "Ingress domain of model URLs (<model>-<namespace>.<domain>), shared by Knative and KServe.",
        default: defaults.domain,
    },
    urlScheme: {
        type: "string",
        description: "Scheme of model URLs in status.url and the endpoints output.",
        default: defaults.urlScheme,
        allowed: ["http", "https"],
    },
    modelNamespace: {
        type: "string",
        description: "Namespace of models that do not name one.",
        default: defaults.modelNamespace,
    },
    deploymentMode: {
        type: "string",
        description: "Default KServe deployment mode of models (a model's serving.kserve.io/deploymentMode annotation overrides it).",
        default: defaults.deploymentMode,
        allowed: ["Knative", "Standard"],
    },
    installCertManager: {
        type: "boolean",
        description: "Install cert-manager; false when the cluster already runs it.",
        default: true,
    },
    installIstio: {
        type: "boolean",
        description: "Install Istio; false when the cluster already runs it with a gateway labelled istio: ingressgateway.",
        default: true,
    },
    installRuntimes: {
        type: "boolean",
        description: "Install KServe's default ClusterServingRuntimes (and check that each model can use one).",
        default: defaults.installRuntimes,
    },
    protectCrds: {
        type: "boolean",
        description: "Protect the kserve-crd release against deletion (it is always retained on destroy).",
        default: false,
    },
    llmServing: {
        type: "boolean",
        description:
            "Install what KServe's LLMInferenceService needs (Gateway API and Inference Extension CRDs, istiod's inference routing, the kserve-ingress-gateway Gateway, the llmisvc controller and presets) even when no LLM is declared; declaring one turns it on by itself.",
        default: false,
    },
    meshMtlsMode: {
        type: "string",
        description: "Mesh-wide Istio mutual TLS mode. STRICT also puts model namespaces and knative-serving in the mesh (sidecar injection).",
        default: defaults.meshMtlsMode,
        allowed: ["PERMISSIVE", "STRICT", "DISABLE"],
    },
    ingressServiceType: {
        type: "string",
        description: "Service type of the Istio ingress gateway (NodePort for kind/minikube without a load balancer).",
        default: "LoadBalancer",
        allowed: ["LoadBalancer", "NodePort", "ClusterIP"],
    },
    ingressInternal: {
        type: "boolean",
        description: "Put the Istio ingress gateway on an internal Azure load balancer (private clusters; the Application Gateway is the public door).",
        default: false,
    },
    ingressPrivateIp: {
        type: "string",
        description: "Fixed private address of the internal gateway load balancer, inside the node subnet (AKS) or worker subnet (ARO).",
        default: "",
    },
    modelNetworkPolicies: {
        type: "boolean",
        description: "NetworkPolicies in model namespaces: ingress only from the gateways, Knative, the mesh and the namespace itself.",
        default: false,
    },
    requireMinReplicas: {
        type: "boolean",
        description: "Models keep minReplicas >= 1 unless annotated kserve-platform.io/allow-scale-to-zero: \"true\" (production).",
        default: false,
    },
    knativeProgressDeadline: {
        type: "string",
        description: "Knative's progress-deadline: how long a model may take to become ready before its revision fails (e.g. 1200s, 30m).",
        default: defaults.knativeProgressDeadline,
    },
    registriesSkippingTagResolving: {
        type: "array",
        items: "string",
        description: "Registries whose image tags Knative does not resolve to digests (private or air-gapped registries). Setting it replaces the list: keep the defaults you still need.",
        default: defaults.registriesSkippingTagResolving,
    },
    knativeExtraFeatures: {
        type: "array",
        items: "string",
        description: "Knative config-features flags to enable beyond those derived from the models.",
        default: [],
    },
    modelReadyTimeoutSeconds: {
        type: "integer",
        description: "How long pulumi up waits for each InferenceService to become Ready.",
        default: defaults.modelReadyTimeoutSeconds,
    },
    helmTimeoutSeconds: {
        type: "integer",
        description: "How long each Helm release may take to install or upgrade.",
        default: defaults.helmTimeoutSeconds,
    },
    storageUriPrefixes: {
        type: "array",
        items: "string",
        description: "storageUri prefixes served by your ClusterStorageContainers, accepted beyond KServe's built-in schemes.",
        default: [],
    },
    gpuNodeTaint: {
        type: "string",
        description:
            "existing/aro: taint of the cluster's GPU nodes (key=value:Effect, e.g. nvidia.com/gpu=present:NoSchedule); models requesting GPUs must tolerate it. Empty: no taint assumed, as KServe's GPU samples assume. AKS uses its GPU pool's taint and adds the toleration.",
        default: "",
    },
} as const satisfies Record<string, ConfigKey>;
