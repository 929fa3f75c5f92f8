import * as pulumi from "@pulumi/pulumi";
import { defaults } from "../defaults";
import type { DeploymentMode } from "../serving";
import { kserveDomainTemplate } from "../serving/endpoints";
import { charts, versions } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";
import { installLlmisvc, LlmisvcInstallArgs, LlmisvcReleases } from "./llm";

/** Arguments of {@link KServe}. */
export interface KServeArgs extends ChartInstallSettings {
    /** Ingress domain of model URLs; must equal Knative's domain. Defaults to `example.com`. */
    domain?: string;
    /** Scheme KServe writes into `status.url` (`https` when TLS ends in front of the gateway). Defaults to `http`. */
    urlScheme?: "http" | "https";
    /** Default mode of models without the annotation. Defaults to `Knative`. */
    deploymentMode?: DeploymentMode;
    /** Install the default ClusterServingRuntimes. Defaults to true. */
    runtimes?: boolean;
    /** Also `protect` the CRD release (it is always retained on delete). Defaults to false. */
    protectCrds?: boolean;
    /** cert-manager; KServe's chart needs its CRDs and webhook. */
    certManager?: pulumi.Resource;
    /** Knative Serving; the controller needs it in Knative mode. */
    knativeServing?: pulumi.Resource;
    /** Namespace of the controller. Defaults to `kserve`. */
    namespace?: string;
    /** Extra values per chart, merged over the platform's. */
    values?: { crd?: Record<string, unknown>; resources?: Record<string, unknown>; runtimeConfigs?: Record<string, unknown> };
    /** What the controller must start after besides cert-manager and Knative, e.g. KEDA (it looks for CRDs once, at start-up). */
    controllerAfter?: readonly pulumi.Resource[];
    /**
     * LLM serving: the llmisvc charts, the `kserve-config-llm-*` presets in `kserve-runtime-configs`
     * and the Gateway LLM routes attach to (`<namespace>/<name>`). Off when omitted.
     */
    llm?: Omit<LlmisvcInstallArgs, keyof ChartInstallSettings | "namespace" | "protectCrds"> & { gateway: string };
}

/**
 * KServe from its three OCI charts: `kserve-crd` (retained on delete: its CRDs are templates, so
 * uninstalling it would delete every InferenceService), `kserve-resources` (controller and webhooks)
 * after cert-manager, the CRDs and Knative, then `kserve-runtime-configs` (the default
 * ClusterServingRuntimes, which pass the controller's webhook) after the controller.
 */
export class KServe extends pulumi.ComponentResource {
    /** The CRD release. */
    readonly crds: pulumi.Resource;
    /** The controller release. */
    readonly controller: pulumi.Resource;
    /** The runtimes release, when installed. */
    readonly runtimes?: pulumi.Resource;
    /** What models must be created after: the runtimes when installed, else the controller. */
    readonly readyForModels: pulumi.Resource[];
    /** The llmisvc releases, when LLM serving is on. */
    readonly llmisvc?: LlmisvcReleases;
    /** Namespace of the controller. */
    readonly namespace: string;

    constructor(name: string, args: KServeArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:KServe", name, {}, opts);
        this.namespace = args.namespace ?? defaults.namespaces.kserve;
        const install = { chartResource: args.chartResource, helmTimeoutSeconds: args.helmTimeoutSeconds, namespace: this.namespace };
        // Retained like the CRD release, whose Helm record lives here.
        const ns = platformNamespace(`${name}-ns`, this.namespace, this, undefined, { retainOnDelete: true });

        this.crds = helmInstall(
            `${name}-crd`,
            { ...install, source: charts.kserveCrd, releaseName: "kserve-crd", values: mergeValues({}, args.values?.crd) },
            { parent: this, dependsOn: [ns], retainOnDelete: true, protect: args.protectCrds ?? false },
        );
        this.controller = helmInstall(
            `${name}-resources`,
            {
                ...install,
                source: charts.kserveResources,
                releaseName: "kserve-resources",
                values: mergeValues(
                    {
                        kserve: {
                            version: versions.kserve,
                            controller: {
                                // The chart defaults to Knative but the controller's own fallback is Standard: be explicit.
                                deploymentMode: args.deploymentMode ?? defaults.deploymentMode,
                                // Standard-mode hosts follow the same one-label template as Knative's.
                                gateway: {
                                    domain: args.domain ?? defaults.domain,
                                    domainTemplate: kserveDomainTemplate,
                                    urlScheme: args.urlScheme ?? defaults.urlScheme,
                                    // inferenceservice-config ingress.kserveIngressGateway: where LLM routes attach.
                                    ...(args.llm ? { ingressGateway: { kserveGateway: args.llm.gateway } } : {}),
                                },
                            },
                        },
                    },
                    args.values?.resources,
                ),
            },
            {
                parent: this,
                dependsOn: [this.crds, ...(args.certManager ? [args.certManager] : []), ...(args.knativeServing ? [args.knativeServing] : []), ...(args.controllerAfter ?? [])],
            },
        );
        if (args.llm) {
            this.llmisvc = installLlmisvc(name, { ...install, protectCrds: args.protectCrds, after: args.llm.after, values: args.llm.values }, this, this.crds, this.controller);
        }
        const runtimes = args.runtimes ?? defaults.installRuntimes;
        // KServe's LLM install runs this chart for the presets alone (servingruntime.enabled=false).
        if (runtimes || args.llm) {
            this.runtimes = helmInstall(
                `${name}-runtimes`,
                {
                    ...install,
                    source: charts.kserveRuntimeConfigs,
                    releaseName: "kserve-runtime-configs",
                    values: mergeValues(
                        { kserve: { version: versions.kserve, servingruntime: { enabled: runtimes }, llmisvcConfigs: { enabled: args.llm !== undefined } } },
                        args.values?.runtimeConfigs,
                    ),
                },
                // The LLMInferenceServiceConfig presets pass the llmisvc webhook.
                { parent: this, dependsOn: [this.controller, ...(this.llmisvc ? [this.llmisvc.controller] : [])] },
            );
        }
        this.readyForModels = [this.runtimes ?? this.controller];
        this.registerOutputs({ namespace: this.namespace });
    }
}
