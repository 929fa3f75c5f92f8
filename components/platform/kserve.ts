import * as pulumi from "@pulumi/pulumi";
import { defaults } from "../defaults";
import type { DeploymentMode } from "../serving";
import { kserveDomainTemplate } from "../serving/endpoints";
import { charts, versions } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";

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
                                gateway: { domain: args.domain ?? defaults.domain, domainTemplate: kserveDomainTemplate, urlScheme: args.urlScheme ?? defaults.urlScheme },
                            },
                        },
                    },
                    args.values?.resources,
                ),
            },
            { parent: this, dependsOn: [this.crds, ...(args.certManager ? [args.certManager] : []), ...(args.knativeServing ? [args.knativeServing] : [])] },
        );
        if (args.runtimes ?? defaults.installRuntimes) {
            this.runtimes = helmInstall(
                `${name}-runtimes`,
                {
                    ...install,
                    source: charts.kserveRuntimeConfigs,
                    releaseName: "kserve-runtime-configs",
                    values: mergeValues({ kserve: { version: versions.kserve, servingruntime: { enabled: true }, llmisvcConfigs: { enabled: false } } }, args.values?.runtimeConfigs),
                },
                { parent: this, dependsOn: [this.controller] },
            );
        }
        this.readyForModels = [this.runtimes ?? this.controller];
        this.registerOutputs({ namespace: this.namespace });
    }
}
