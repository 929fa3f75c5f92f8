import * as pulumi from "@pulumi/pulumi";
import { defaults, fixedNames, llmNames } from "../defaults";
import type { DeploymentMode } from "../serving";
import { CertManager, CertManagerArgs } from "./certManager";
import type { ChartInstallSettings } from "../common/helm";
import { Istio, IstioArgs } from "./istio";
import { KnativeServing, KnativeServingArgs } from "./knative";
import { KServe, KServeArgs } from "./kserve";
import { Keda } from "./keda";
import { LeaderWorkerSet, LlmCrds, LlmGateway } from "./llm";
import type { LlmPlatformArgs } from "./llmPlatform";

type Shared = keyof ChartInstallSettings | "domain";

/** Arguments of {@link ServingPlatform}. */
export interface ServingPlatformArgs extends ChartInstallSettings {
    /** Ingress domain of model URLs, given to both Knative and KServe. Defaults to `example.com`. */
    domain?: string;
    /** Scheme of model URLs. Defaults to `http`. */
    urlScheme?: "http" | "https";
    /** Default deployment mode of models. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** cert-manager settings, or `false` when the cluster already runs cert-manager. */
    certManager?: Omit<CertManagerArgs, keyof ChartInstallSettings> | false;
    /** Istio settings, or `false` when the cluster already runs Istio (with a gateway labelled `istio: ingressgateway`). */
    istio?: Omit<IstioArgs, keyof ChartInstallSettings> | false;
    /** Knative Serving settings (the feature flags the models need among them). */
    knative?: Omit<KnativeServingArgs, Shared | "istio">;
    /** KServe settings. */
    kserve?: Omit<KServeArgs, Shared | "urlScheme" | "deploymentMode" | "certManager" | "knativeServing" | "controllerAfter" | "llm">;
    /** LLM serving (LLMInferenceService): its CRDs, Gateway and controller. Off when omitted. */
    llm?: LlmPlatformArgs;
    /** Install LeaderWorkerSet, for LLMs with multi-node workers (`spec.worker`). Needs `llm`. Defaults to false. */
    leaderWorkerSet?: boolean;
    /** Install KEDA, for models with `serving.kserve.io/autoscalerClass: keda`. Defaults to false. */
    keda?: boolean;
}

/**
 * The whole serving stack, installed in dependency order with only real edges, so independent
 * installs run in parallel: cert-manager, Istio and the Knative Operator start together;
 * the KnativeServing CR waits for Istio; `kserve-resources` waits for cert-manager, `kserve-crd`
 * and Knative; the runtimes wait for the controller. Models go after {@link modelDependencies}.
 * With `llm`, the Gateway API, Inference Extension and llm-d CRDs come first and istiod waits for
 * them; the llmisvc charts follow the KServe controller and every CRD their controller looks for at
 * start-up (LeaderWorkerSet, KEDA); the LLM Gateway follows the ingress gateway. LLMs go after
 * {@link llmDependencies}.
 */
export class ServingPlatform extends pulumi.ComponentResource {
    /** cert-manager, unless turned off. */
    readonly certManager?: CertManager;
    /** Istio, unless turned off. */
    readonly istio?: Istio;
    /** Knative Serving. */
    readonly knative: KnativeServing;
    /** KServe. */
    readonly kserve: KServe;
    /** What every InferenceService must be created after (and deleted before). */
    readonly modelDependencies: pulumi.Resource[];
    /** What every LLMInferenceService must be created after (and deleted before); empty when LLM serving is off. */
    readonly llmDependencies: pulumi.Resource[];
    /** The LLM CRDs, when LLM serving is on. */
    readonly llmCrds?: LlmCrds;
    /** The Gateway LLM routes attach to, when LLM serving is on. */
    readonly llmGateway?: LlmGateway;
    /** LeaderWorkerSet, when installed. */
    readonly leaderWorkerSet?: LeaderWorkerSet;
    /** KEDA, when installed. */
    readonly keda?: Keda;
    /** The ingress domain. */
    readonly domain: string;
    /** The scheme of model URLs. */
    readonly urlScheme: "http" | "https";

    constructor(name: string, args: ServingPlatformArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:ServingPlatform", name, {}, opts);
        this.domain = args.domain ?? defaults.domain;
        this.urlScheme = args.urlScheme ?? defaults.urlScheme;
        const install: ChartInstallSettings = { chartResource: args.chartResource, helmTimeoutSeconds: args.helmTimeoutSeconds };

        if (args.certManager !== false) {
            this.certManager = new CertManager(`${name}-cert-manager`, { ...install, ...args.certManager }, { parent: this });
        }
        const llm = args.llm?.enabled ? args.llm : undefined;
        if (args.leaderWorkerSet && !llm) {
            throw new Error(`ServingPlatform ${name}: leaderWorkerSet needs llm.enabled (only LLMInferenceService workers use it)`);
        }
        if (llm) {
            // Before istiod: it watches InferencePools only if their CRD exists when it starts.
            this.llmCrds = new LlmCrds(`${name}-llm-crds`, { protectCrds: args.kserve?.protectCrds }, { parent: this });
        }
        if (args.keda) {
            this.keda = new Keda(`${name}-keda`, { ...install }, { parent: this });
        }
        if (args.leaderWorkerSet) {
            this.leaderWorkerSet = new LeaderWorkerSet(`${name}-lws`, {}, { parent: this });
        }
        if (args.istio !== false) {
            this.istio = new Istio(
                `${name}-istio`,
                { ...install, ...args.istio, ...(llm ? { inferenceExtension: true, istiodAfter: this.llmCrds?.all } : {}) },
                { parent: this },
            );
        }
        this.knative = new KnativeServing(
            `${name}-knative`,
            { ...install, ...args.knative, domain: this.domain, istio: this.istio?.gateway },
            { parent: this },
        );
        this.kserve = new KServe(
            `${name}-kserve`,
            {
                ...install,
                ...args.kserve,
                domain: this.domain,
                urlScheme: this.urlScheme,
                deploymentMode: args.deploymentMode,
                certManager: this.certManager?.release,
                knativeServing: this.knative.serving,
                controllerAfter: this.keda ? [this.keda.release] : undefined,
                llm: llm
                    ? {
                          gateway: `${args.kserve?.namespace ?? defaults.namespaces.kserve}/${llmNames.gateway}`,
                          // The llmisvc controller looks for each CRD it manages once, when it starts.
                          after: [...(this.llmCrds?.all ?? []), ...(this.leaderWorkerSet ? [this.leaderWorkerSet.manifest] : []), ...(this.keda ? [this.keda.release] : [])],
                      }
                    : undefined,
            },
            { parent: this },
        );
        if (llm) {
            const istioNamespace = this.istio?.namespace ?? defaults.namespaces.istio;
            this.llmGateway = new LlmGateway(
                `${name}-llm-gateway`,
                {
                    namespace: this.kserve.namespace,
                    domain: this.domain,
                    ingressService: llm.ingressService ?? `${fixedNames.ingressGatewayRelease}.${istioNamespace}.svc.cluster.local`,
                    // Served by the ingress gateway; the namespace comes with the CRD release.
                    after: [...(this.llmCrds?.all ?? []), this.kserve.crds, ...(this.istio ? [this.istio.gateway] : [])],
                },
                { parent: this },
            );
        }
        this.modelDependencies = [...this.kserve.readyForModels, ...(this.keda ? [this.keda.release] : [])];
        this.llmDependencies = llm && this.kserve.llmisvc && this.llmGateway ? [...this.kserve.readyForModels, this.kserve.llmisvc.controller, this.llmGateway.gateway] : [];
        this.registerOutputs({ domain: this.domain, urlScheme: this.urlScheme });
    }
}
