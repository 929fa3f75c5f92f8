import * as pulumi from "@pulumi/pulumi";
import { llmNames } from "../defaults";
import { llmCharts } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";

/** Arguments of {@link Keda}. */
export interface KedaArgs extends ChartInstallSettings {
    /** Namespace of KEDA. Defaults to `keda` (KServe's KEDA_NAMESPACE). */
    namespace?: string;
    /** Extra chart values, merged over the platform's. */
    values?: Record<string, unknown>;
}

/**
 * KEDA from the kedacore chart, released as `keda` as KServe's `manage.keda-helm.sh` does. Models
 * with `serving.kserve.io/autoscalerClass: keda` get ScaledObjects, and KServe's controllers only
 * manage ScaledObjects when the CRD exists at their start (kserve v0.20.0
 * pkg/controller/v1beta1/inferenceservice/controller.go and v1alpha2/llmisvc/controller.go,
 * `IsCrdAvailable(..., "ScaledObject")`): KEDA goes before them.
 */
export class Keda extends pulumi.ComponentResource {
    /** The release. */
    readonly release: pulumi.Resource;
    /** Its namespace. */
    readonly namespace: string;

    constructor(name: string, args: KedaArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:Keda", name, {}, opts);
        this.namespace = args.namespace ?? llmNames.kedaNamespace;
        const ns = platformNamespace(`${name}-ns`, this.namespace, this);
        this.release = helmInstall(
            `${name}-chart`,
            {
                chartResource: args.chartResource,
                helmTimeoutSeconds: args.helmTimeoutSeconds,
                namespace: this.namespace,
                source: llmCharts.keda,
                releaseName: "keda",
                // kedacore/charts v2.18.3 keda/values.yaml: the operator's and metrics server's Prometheus endpoints.
                values: mergeValues({ prometheus: { operator: { enabled: true }, metricServer: { enabled: true } } }, args.values),
            },
            { parent: this, dependsOn: [ns] },
        );
        this.registerOutputs({ namespace: this.namespace });
    }
}
