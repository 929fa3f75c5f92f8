import * as pulumi from "@pulumi/pulumi";
import { defaults } from "../defaults";
import { charts } from "../versions";
import { ChartInstallSettings, helmInstall, mergeValues, platformNamespace } from "../common/helm";

/** Arguments of {@link CertManager}. */
export interface CertManagerArgs extends ChartInstallSettings {
    /** Namespace to install into. Defaults to `cert-manager`. */
    namespace?: string;
    /** Extra chart values, merged over the platform's. */
    values?: Record<string, unknown>;
}

/**
 * cert-manager from the jetstack chart, with its CRDs. KServe's chart creates an Issuer and a
 * Certificate for its webhook, so KServe must come after this.
 */
export class CertManager extends pulumi.ComponentResource {
    /** The chart installation; depend on it to use cert-manager's CRDs and webhook. */
    readonly release: pulumi.Resource;
    /** Namespace cert-manager runs in. */
    readonly namespace: string;

    constructor(name: string, args: CertManagerArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:platform:CertManager", name, {}, opts);
        this.namespace = args.namespace ?? defaults.namespaces.certManager;
        const ns = platformNamespace(`${name}-ns`, this.namespace, this);
        this.release = helmInstall(
            name,
            {
                ...args,
                source: charts.certManager,
                releaseName: "cert-manager",
                namespace: this.namespace,
                // crds.keep puts helm.sh/resource-policy: keep on the CRDs, so an uninstall keeps every Certificate.
                values: mergeValues({ crds: { enabled: true, keep: true } }, args.values),
            },
            { parent: this, dependsOn: [ns] },
        );
        this.registerOutputs({ namespace: this.namespace });
    }
}
