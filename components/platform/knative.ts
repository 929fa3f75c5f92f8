import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { defaults, fixedNames } from "../defaults";
import { knativeDomainTemplate } from "../serving/endpoints";
import { apiVersions, charts, versions } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";

/** Arguments of {@link KnativeServing}. */
export interface KnativeServingArgs extends ChartInstallSettings {
    /** Domain of external routes (`config-domain`); must equal KServe's ingress domain. Defaults to `example.com`. */
    domain?: string;
    /** `config-deployment.progress-deadline`: how long a revision may take to become ready. Defaults to 1200s. */
    progressDeadline?: string;
    /** Registries whose tags Knative must not resolve to digests (private or air-gapped registries). */
    registriesSkippingTagResolving?: readonly string[];
    /** `config-features` flags to enable, e.g. derived from the models with `knativeFeatureFlags`. */
    features?: Record<string, "enabled" | "allowed" | "disabled">;
    /** More `spec.config` sections (keys are ConfigMap names without `config-`), merged over the platform's. */
    config?: Record<string, Record<string, string>>;
    /** The Istio installation the Knative ingress uses; the KnativeServing CR is created after it. */
    istio?: pulumi.Resource;
    /** Namespace of the Knative Operator. Defaults to `knative-operator`. */
    operatorNamespace?: string;
    /** Put Knative's own pods (activator, autoscaler) in the mesh, which STRICT mTLS needs. */
    sidecarInjection?: boolean;
    /** How long to wait for the KnativeServing CR to become Ready. Defaults to 600 seconds. */
    readyTimeoutSeconds?: number;
    /** Extra values of the operator chart. */
    operatorValues?: Record<string, unknown>;
}

/**
 * Knative Serving through the Knative Operator: the operator's chart, then a `KnativeServing` CR
 * with Istio as ingress (the operator's default), the ingress domain, a raised progress deadline,
 * the PodSpec feature flags the models need, awaited until Ready.
 */
export class KnativeServing extends pulumi.ComponentResource {
    /** The operator installation. */
    readonly operator: pulumi.Resource;
    /** The KnativeServing CR; depend on it to use Knative Serving. */
    readonly serving: k8s.apiextensions.CustomResource;
    /** The ingress domain. */
    readonly domain: string;

    constructor(name: string, args: KnativeServingArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:KnativeServing", name, {}, opts);
        this.domain = args.domain ?? defaults.domain;
        const operatorNamespace = args.operatorNamespace ?? defaults.namespaces.knativeOperator;
        const operatorNs = platformNamespace(`${name}-operator-ns`, operatorNamespace, this);
        this.operator = helmInstall(
            `${name}-operator`,
            { ...args, source: charts.knativeOperator, releaseName: "knative-operator", namespace: operatorNamespace, values: mergeValues({}, args.operatorValues) },
            { parent: this, dependsOn: [operatorNs] },
        );
        const servingNs = platformNamespace(
            `${name}-serving-ns`,
            defaults.namespaces.knativeServing,
            this,
            args.sidecarInjection ? { [fixedNames.sidecarInjectionLabel]: "enabled" } : undefined,
        );

        const config: Record<string, Record<string, string>> = {
            // A real domain: since Knative 1.8 the default, svc.cluster.local, is not exposed on the ingress.
            domain: { [this.domain]: "" },
            // One label per model under the domain, so a *.<domain> certificate covers every model host.
            network: { "domain-template": knativeDomainTemplate },
            deployment: {
                "progress-deadline": args.progressDeadline ?? defaults.knativeProgressDeadline,
                "registries-skipping-tag-resolving": (args.registriesSkippingTagResolving ?? defaults.registriesSkippingTagResolving).join(","),
            },
            ...(args.features && Object.keys(args.features).length ? { features: { ...args.features } } : {}),
        };
        this.serving = new k8s.apiextensions.CustomResource(
            `${name}-serving`,
            {
                apiVersion: apiVersions.knativeServing,
                kind: "KnativeServing",
                metadata: {
                    name: fixedNames.knativeServing,
                    namespace: defaults.namespaces.knativeServing,
                    annotations: {
                        [fixedNames.waitForAnnotation]: "condition=Ready",
                        [fixedNames.timeoutSecondsAnnotation]: String(args.readyTimeoutSeconds ?? 600),
                    },
                },
                spec: { version: versions.knativeServing, config: mergeValues(config, args.config) },
            },
            { parent: this, dependsOn: [this.operator, servingNs, ...(args.istio ? [args.istio] : [])] },
        );
        this.registerOutputs({ domain: this.domain });
    }
}
