import * as pulumi from "@pulumi/pulumi";
import { defaults } from "../defaults";
import type { DeploymentMode } from "../serving";
import { CertManager, CertManagerArgs } from "./certManager";
import type { ChartInstallSettings } from "../common/helm";
import { Istio, IstioArgs } from "./istio";
import { KnativeServing, KnativeServingArgs } from "./knative";
import { KServe, KServeArgs } from "./kserve";

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
    kserve?: Omit<KServeArgs, Shared | "urlScheme" | "deploymentMode" | "certManager" | "knativeServing">;
}

/**
 * The whole serving stack, installed in dependency order with only real edges, so independent
 * installs run in parallel: cert-manager, Istio and the Knative Operator start together;
 * the KnativeServing CR waits for Istio; `kserve-resources` waits for cert-manager, `kserve-crd`
 * and Knative; the runtimes wait for the controller. Models go after {@link modelDependencies}.
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
        if (args.istio !== false) {
            this.istio = new Istio(`${name}-istio`, { ...install, ...args.istio }, { parent: this });
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
            },
            { parent: this },
        );
        this.modelDependencies = this.kserve.readyForModels;
        this.registerOutputs({ domain: this.domain, urlScheme: this.urlScheme });
    }
}
