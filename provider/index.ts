// The component package other languages use (`pulumi package add <this repository>`): Pulumi's
// plugin host loads this file (package.json `main`, PulumiPlugin.yaml) and serves the components it
// exports, with a schema the SDK infers from their TypeScript types. The inference knows plain data,
// maps, arrays, interfaces, Outputs of them and enums written as `const X = {...} as const` (not
// `type X = "a" | "b"`, not `false | settings`, not resources to wait for), so these thin components
// take plain settings and build the library's components, whose richer arguments other languages
// could not pass. Type tokens are `kserve-platform:index:<Class>`, as the schema names them.
import * as pulumi from "@pulumi/pulumi";
import { kservePlatformArgs, loadConfig } from "../config";
import * as platform from "../components/platform";
import * as serving from "../components/serving";
import * as stack from "../components/stack";

/** Scheme of model URLs. */
export const UrlScheme = { Http: "http", Https: "https" } as const;
export type UrlScheme = (typeof UrlScheme)[keyof typeof UrlScheme];

/** How KServe runs a model: `Knative` (serverless, scale to zero) or `Standard` (Deployments and HPA). */
export const DeploymentMode = { Knative: "Knative", Standard: "Standard" } as const;
export type DeploymentMode = (typeof DeploymentMode)[keyof typeof DeploymentMode];

/** Istio's mesh-wide mTLS mode. */
export const MtlsMode = { Permissive: "PERMISSIVE", Strict: "STRICT", Disable: "DISABLE" } as const;
export type MtlsMode = (typeof MtlsMode)[keyof typeof MtlsMode];

/** Service type of the Istio ingress gateway. */
export const GatewayServiceType = { LoadBalancer: "LoadBalancer", NodePort: "NodePort", ClusterIP: "ClusterIP" } as const;
export type GatewayServiceType = (typeof GatewayServiceType)[keyof typeof GatewayServiceType];

/** The inference protocol a predictor serves. */
export const Protocol = { V1: "v1", V2: "v2", GrpcV1: "grpc-v1", GrpcV2: "grpc-v2", OpenAI: "openai" } as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/** Where a model answers. */
export interface ModelEndpoint {
    /** External URL from the InferenceService's `status.url`. */
    url?: string;
    /** In-cluster URL from `status.address.url`. */
    internalUrl?: string;
    /** The protocol the predictor serves. */
    protocol: Protocol;
    /** Ready-to-call inference endpoint (`:predict` for v1, `/infer` for v2, `host:port` for gRPC). */
    predictUrl?: string;
    /** True when the InferenceService reports condition Ready=True. */
    ready: boolean;
    /** LLMs: the base URL of OpenAI clients (`<url>/v1`). */
    openaiBaseUrl?: string;
    /** LLMs: full URLs of the OpenAI-compatible paths. */
    paths?: OpenAIPaths;
    /** LLMs: the `model` of requests. */
    model?: string;
}

/** Full URLs of the OpenAI-compatible paths an LLM serves. */
export interface OpenAIPaths {
    /** `/v1/chat/completions`. */
    chatCompletions: string;
    /** `/v1/completions`. */
    completions: string;
    /** `/v1/models`. */
    models: string;
}

/** Arguments of {@link KServePlatform}. */
export interface KServePlatformArgs {
    /**
     * The stack settings by key, without the `kserve-platform:` prefix, exactly as `pulumi config`
     * holds them (lists and objects, such as `models`, as JSON): see the README's config reference.
     * They are validated together; every problem is reported before anything is created.
     */
    config: { [key: string]: string };
}

/**
 * A whole model-serving stack: the cluster (existing, AKS or ARO), cert-manager, Istio, Knative
 * Serving, KServe and the models, from the same settings as the kserve-platform program's stack config.
 */
export class KServePlatform extends pulumi.ComponentResource {
    /** Where each model answers, by model name. */
    endpoints: pulumi.Output<{ [model: string]: ModelEndpoint }>;
    /** The ingress domain of model URLs. */
    domain: pulumi.Output<string>;

    constructor(name: string, args: KServePlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:index:KServePlatform", name, {}, opts);
        // The keys too, so a misspelt one is refused with a did-you-mean, as in the program.
        const config = loadConfig({ get: (key) => args.config[key], keys: () => Object.keys(args.config) });
        const built = new stack.KServePlatform(name, kservePlatformArgs(config), { parent: this });
        this.endpoints = built.models.endpoints;
        this.domain = pulumi.output(built.platform.domain);
        this.registerOutputs({ endpoints: this.endpoints, domain: this.domain });
    }
}

/** Arguments of {@link ServingPlatform}. */
export interface ServingPlatformArgs {
    /** Ingress domain of model URLs. Defaults to `example.com`. */
    domain?: string;
    /** Scheme of model URLs. Defaults to `http`. */
    urlScheme?: UrlScheme;
    /** Default deployment mode of models. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** Install cert-manager (off when the cluster already runs it). Defaults to true. */
    installCertManager?: boolean;
    /** Install Istio (off when the cluster already runs it, with a gateway labelled `istio: ingressgateway`). Defaults to true. */
    installIstio?: boolean;
    /** Istio's mesh-wide mTLS mode. Defaults to `PERMISSIVE`. */
    meshMtlsMode?: MtlsMode;
    /** Service type of the Istio ingress gateway. Defaults to `LoadBalancer`. */
    ingressServiceType?: GatewayServiceType;
    /** Knative Serving feature flags to enable (for example `kubernetes.podspec-affinity`). */
    knativeFeatures?: string[];
    /** Install KServe's default ClusterServingRuntimes. Defaults to true. */
    installRuntimes?: boolean;
    /** Protect the KServe CRDs from deletion (deleting them deletes every InferenceService). Defaults to false. */
    protectCrds?: boolean;
}

/**
 * cert-manager, Istio, Knative Serving and KServe, installed in dependency order on the cluster of
 * the `kubernetes` provider given to the component. Models go after it (`dependsOn`).
 */
export class ServingPlatform extends pulumi.ComponentResource {
    /** The ingress domain of model URLs. */
    domain: pulumi.Output<string>;
    /** The scheme of model URLs. */
    urlScheme: pulumi.Output<UrlScheme>;

    constructor(name: string, args: ServingPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:index:ServingPlatform", name, {}, opts);
        const built = new platform.ServingPlatform(
            name,
            {
                domain: args.domain,
                urlScheme: args.urlScheme,
                deploymentMode: args.deploymentMode,
                certManager: args.installCertManager === false ? false : {},
                istio: args.installIstio === false ? false : { mtlsMode: args.meshMtlsMode, gateway: { serviceType: args.ingressServiceType } },
                knative: { features: Object.fromEntries((args.knativeFeatures ?? []).map((f) => [f, "enabled" as const])) },
                kserve: { runtimes: args.installRuntimes, protectCrds: args.protectCrds },
            },
            { parent: this },
        );
        this.domain = pulumi.output(built.domain);
        this.urlScheme = pulumi.output(built.urlScheme);
        this.registerOutputs({ domain: this.domain, urlScheme: this.urlScheme });
    }
}

/** Arguments of {@link InferenceService}. */
export interface InferenceServiceArgs {
    /** `metadata.name`; defaults to the resource name. A DNS-1035 label. */
    name?: string;
    /** `metadata.namespace`; defaults to `models`. The namespace must exist. */
    namespace?: string;
    /** Labels of the InferenceService. */
    labels?: { [key: string]: string };
    /** Annotations of the InferenceService. */
    annotations?: { [key: string]: string };
    /** How KServe runs the model. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** The KServe v1beta1 InferenceServiceSpec (`predictor`, `transformer`, ...), validated before it is sent. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema's Any: a spec is KServe's, not ours
    spec: { [field: string]: any };
    /** How long to wait for condition Ready. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
}

/** One KServe InferenceService, validated before it is registered and awaited until Ready. */
export class InferenceService extends pulumi.ComponentResource {
    /** Where the model answers. */
    endpoint: pulumi.Output<ModelEndpoint>;

    constructor(name: string, args: InferenceServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:index:InferenceService", name, {}, opts);
        const { spec, ...rest } = args;
        const built = new serving.InferenceService(name, { ...rest, spec: spec as serving.InferenceServiceSpec }, { parent: this });
        this.endpoint = built.endpoint;
        this.registerOutputs({ endpoint: this.endpoint });
    }
}

/** One model of {@link Models}. */
export interface ModelArgs {
    /** InferenceService name: a DNS-1035 label, unique among the models. */
    name: string;
    /** Namespace; defaults to the component's `defaultNamespace`. */
    namespace?: string;
    /** Labels of the InferenceService. */
    labels?: { [key: string]: string };
    /** Annotations of the InferenceService. */
    annotations?: { [key: string]: string };
    /** The KServe v1beta1 InferenceServiceSpec. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema's Any: a spec is KServe's, not ours
    spec: { [field: string]: any };
}

/** Arguments of {@link Models}. */
export interface ModelsArgs {
    /** The models to serve. */
    models: ModelArgs[];
    /** Namespace of models that do not name one. Defaults to `models`. */
    defaultNamespace?: string;
    /** Deployment mode of models without the annotation. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** Labels put on the namespaces the component creates (for example Istio sidecar injection). */
    namespaceLabels?: { [key: string]: string };
    /** Namespaces that already exist and must not be created. */
    existingNamespaces?: string[];
    /** How long to wait for each model to become Ready. Defaults to 1800 seconds. */
    readyTimeoutSeconds?: number;
}

/**
 * Models and their namespaces (retained on destroy), one InferenceService each, validated together.
 * Give it `dependsOn` the ServingPlatform so models come after the platform and go before it.
 */
export class Models extends pulumi.ComponentResource {
    /** Where each model answers, by model name. */
    endpoints: pulumi.Output<{ [model: string]: ModelEndpoint }>;

    constructor(name: string, args: ModelsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:index:Models", name, {}, opts);
        const models = args.models.map((m) => ({ ...m, spec: m.spec as serving.InferenceServiceSpec }));
        const built = new serving.Models(name, { ...args, models }, { parent: this });
        this.endpoints = built.endpoints;
        this.registerOutputs({ endpoints: this.endpoints });
    }
}
