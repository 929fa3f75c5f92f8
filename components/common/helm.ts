import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { isRecord } from "./problems";
import { defaults } from "../defaults";
import type { ChartSource } from "../versions";

/**
 * Which Pulumi resource installs a chart. `Release` (the default) is a real Helm release: hooks
 * run and upgrades are Helm's. `Chart` (helm v4) renders the templates and manages each object; it
 * is what works with a provider in `renderYamlToDirectory` mode, which `Release` does not support
 * (pulumi-kubernetes#1716).
 */
export type ChartResource = "Release" | "Chart";

/** How the platform's charts are installed. */
export interface ChartInstallSettings {
    /** Resource used for each chart. Defaults to `Release`. */
    chartResource?: ChartResource;
    /** Seconds a release may take before it fails. Defaults to 600. */
    helmTimeoutSeconds?: number;
}

/** One chart installation. */
export interface HelmInstallArgs extends ChartInstallSettings {
    /** The pinned chart (from the versions module). */
    source: ChartSource;
    /** Helm release name; always explicit (an auto-named release breaks selectors derived from it). */
    releaseName: string;
    /** Namespace to install into. */
    namespace: string;
    /** Chart values. */
    values?: Record<string, unknown>;
}

/** Installs a chart with the configured resource and returns that resource, for dependencies. */
export function helmInstall(name: string, args: HelmInstallArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource {
    const { source } = args;
    const repositoryOpts = source.repo ? { repo: source.repo } : undefined;
    if ((args.chartResource ?? "Release") === "Chart") {
        return new k8s.helm.v4.Chart(
            name,
            { name: args.releaseName, namespace: args.namespace, chart: source.chart, version: source.version, repositoryOpts, values: args.values, includeHooks: true },
            opts,
        );
    }
    return new k8s.helm.v3.Release(
        name,
        {
            name: args.releaseName,
            namespace: args.namespace,
            chart: source.chart,
            version: source.version,
            repositoryOpts,
            values: args.values,
            timeout: args.helmTimeoutSeconds ?? defaults.helmTimeoutSeconds,
            cleanupOnFail: true,
            maxHistory: 10,
        },
        opts,
    );
}

/** `overrides` merged into `base`, maps recursively; lists and scalars in `overrides` replace. */
export function mergeValues(base: Record<string, unknown>, overrides: Record<string, unknown> | undefined): Record<string, unknown> {
    if (!overrides) {
        return base;
    }
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overrides)) {
        const current = merged[key];
        merged[key] = isRecord(current) && isRecord(value) ? mergeValues(current, value) : value;
    }
    return merged;
}

/** A namespace owned by a platform component. */
export function platformNamespace(name: string, namespace: string, parent: pulumi.Resource, labels?: Record<string, string>, opts?: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(name, { metadata: { name: namespace, labels } }, { ...opts, parent });
}
