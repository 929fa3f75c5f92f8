import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as alertsmanagement from "@pulumi/azure-native/alertsmanagement";
import * as authorization from "@pulumi/azure-native/authorization";
import * as dashboard from "@pulumi/azure-native/dashboard";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import { assignRole, roleDefinitionId } from "../azure/roles";
import { defaults } from "../defaults";
import { versions } from "../versions";
import { DashboardName, dashboardFiles, dashboardJson } from "./dashboards";
import { AlertGroup, isoDuration } from "./rules";

/** Arguments of {@link MonitoringWorkspace}. */
export interface MonitoringWorkspaceArgs {
    /** Resource group. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** An Azure Monitor workspace for managed Prometheus (AKS). */
    prometheus: boolean;
    /** Days Log Analytics keeps logs. Defaults to 30. */
    logRetentionDays?: number;
    /** An Azure Managed Grafana linked to the Azure Monitor workspace (needs `prometheus`). */
    grafana?: { adminObjectIds?: readonly string[] };
}

/**
 * Where monitoring data goes, created before the cluster that sends it: a Log Analytics workspace
 * (Container Insights, diagnostic logs), an Azure Monitor workspace (managed Prometheus), and
 * optionally Azure Managed Grafana reading that workspace through its managed identity.
 */
export class MonitoringWorkspace extends pulumi.ComponentResource {
    readonly logAnalytics: operationalinsights.Workspace;
    readonly azureMonitorWorkspace?: monitor.AzureMonitorWorkspace;
    readonly grafana?: dashboard.Grafana;
    /** Grafana's URL, when there is one. */
    readonly grafanaUrl?: pulumi.Output<string | undefined>;

    constructor(name: string, args: MonitoringWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:monitoring:MonitoringWorkspace", name, {}, opts);
        const { resourceGroupName, location } = args;
        this.logAnalytics = new operationalinsights.Workspace(
            name,
            { resourceGroupName, location, workspaceName: `log-${name}`, sku: { name: "PerGB2018" }, retentionInDays: args.logRetentionDays ?? defaults.monitoring.logRetentionDays },
            { parent: this },
        );
        if (args.prometheus) {
            this.azureMonitorWorkspace = new monitor.AzureMonitorWorkspace(name, { resourceGroupName, location, azureMonitorWorkspaceName: `amw-${name}` }, { parent: this });
        }
        if (args.grafana && this.azureMonitorWorkspace) {
            const amw = this.azureMonitorWorkspace;
            this.grafana = new dashboard.Grafana(
                name,
                {
                    resourceGroupName,
                    location,
                    workspaceName: `graf-${name}`,
                    sku: { name: defaults.monitoring.grafanaSku },
                    identity: { type: "SystemAssigned" },
                    properties: { grafanaIntegrations: { azureMonitorWorkspaceIntegrations: [{ azureMonitorWorkspaceResourceId: amw.id }] } },
                },
                { parent: this },
            );
            // Grafana queries the workspace as itself (Azure docs, "Use Azure Monitor managed service for Prometheus as data source for Grafana").
            // Nothing waits on it: Grafana retries its queries until the role applies.
            assignRole(
                `${name}-grafana-reads-workspace`,
                { principalId: this.grafana.identity.apply((i) => i?.principalId ?? ""), principalType: "ServicePrincipal", role: "monitoringDataReader", scope: amw.id, waitSeconds: 0 },
                this,
            );
            for (const objectId of args.grafana.adminObjectIds ?? []) {
                new authorization.RoleAssignment(`${name}-grafana-admin-${objectId}`, { principalId: objectId, roleDefinitionId: roleDefinitionId("grafanaAdmin", this), scope: this.grafana.id }, { parent: this });
            }
            this.grafanaUrl = this.grafana.properties.apply((p) => p.endpoint);
        }
        this.registerOutputs({ logAnalyticsId: this.logAnalytics.id, grafanaUrl: this.grafanaUrl });
    }
}

/** Arguments of {@link AzureMonitoring}. */
export interface AzureMonitoringArgs {
    /** Resource group. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** The workspaces. */
    workspace: MonitoringWorkspace;
    /** The AKS cluster: managed Prometheus and Container Insights data collection, control-plane logs, alert rules. */
    aks?: { id: pulumi.Input<string>; name: pulumi.Input<string> };
    /** An Application Gateway whose access and WAF logs go to Log Analytics. */
    appGatewayId?: pulumi.Input<string>;
    /** Alert rules, evaluated in the Azure Monitor workspace for the cluster. */
    alerts?: readonly AlertGroup[];
    /** Action group alerts notify. */
    actionGroupId?: string;
    /** Seconds to wait for the dashboard importer's Grafana Admin role to apply. Defaults to 300; 0 does not wait. */
    roleAssignmentWaitSeconds?: number;
}

/** AKS control-plane log categories kept, as the AKS baseline keeps them (mspnp/aks-baseline cluster-stamp.bicep). */
export const aksLogCategories = ["cluster-autoscaler", "kube-controller-manager", "kube-audit-admin", "guard"] as const;
/** Application Gateway v2 log categories (Azure Monitor reference, supported logs of Microsoft.Network/applicationgateways; the performance log is v1 only). */
export const appGatewayLogCategories = ["ApplicationGatewayAccessLog", "ApplicationGatewayFirewallLog"] as const;
/** Container Insights streams (the AKS baseline's Container Insights data collection rule). */
export const containerInsightsStreams = [
    "Microsoft-ContainerLogV2",
    "Microsoft-KubeEvents",
    "Microsoft-KubePodInventory",
    "Microsoft-KubeNodeInventory",
    "Microsoft-KubePVInventory",
    "Microsoft-KubeServices",
    "Microsoft-KubeMonAgentEvents",
    "Microsoft-InsightsMetrics",
    "Microsoft-ContainerInventory",
    "Microsoft-ContainerNodeInventory",
    "Microsoft-Perf",
] as const;

const severity = { critical: 0, warning: 2 } as const;

/** Longest data collection endpoint and rule names Microsoft's managed Prometheus template creates. */
export const dataCollectionEndpointNameMax = 44;
export const dataCollectionRuleNameMax = 64;

/**
 * What attaches a cluster and its gateway to the workspaces: managed Prometheus's data collection
 * endpoint, rule (`Microsoft-PrometheusMetrics` into the Azure Monitor workspace) and association;
 * Container Insights' rule and association; diagnostic settings of the AKS control plane and the
 * Application Gateway; the alert rules as Prometheus rule groups; and, with Grafana, the
 * repository's dashboards imported by an Azure CLI deployment script.
 */
export class AzureMonitoring extends pulumi.ComponentResource {
    readonly ruleGroups: alertsmanagement.PrometheusRuleGroup[] = [];
    readonly dashboardImports: Partial<Record<DashboardName, resources.AzureCliScript>> = {};

    constructor(name: string, args: AzureMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:monitoring:AzureMonitoring", name, {}, opts);
        const { resourceGroupName, location, workspace } = args;
        const la = workspace.logAnalytics;
        const amw = workspace.azureMonitorWorkspace;
        if (args.aks && amw) {
            const cluster = args.aks;
            // Names as AKS gives them when it enables managed Prometheus itself (MSProm-<region>-<cluster>),
            // cut as Microsoft's template cuts them: the endpoint to 44 characters, the rule to 64
            // (Azure/prometheus-collector AddonArmTemplate/FullAzureMonitorMetricsProfile.json dceName, dcrName).
            const prom = pulumi.interpolate`MSProm-${location}-${cluster.name}`;
            const dceName = prom.apply((n) => n.slice(0, dataCollectionEndpointNameMax));
            const dce = new monitor.DataCollectionEndpoint(`${name}-prometheus`, { resourceGroupName, location, dataCollectionEndpointName: dceName, kind: "Linux" }, { parent: this });
            const dcr = new monitor.DataCollectionRule(
                `${name}-prometheus`,
                {
                    resourceGroupName,
                    location,
                    dataCollectionRuleName: prom.apply((n) => n.slice(0, dataCollectionRuleNameMax)),
                    kind: "Linux",
                    dataCollectionEndpointId: dce.id,
                    dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"], labelIncludeFilter: {} }] },
                    destinations: { monitoringAccounts: [{ name: "azureMonitorWorkspace", accountResourceId: amw.id }] },
                    dataFlows: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["azureMonitorWorkspace"] }],
                },
                { parent: this },
            );
            new monitor.DataCollectionRuleAssociation(`${name}-prometheus`, { resourceUri: cluster.id, associationName: prom, dataCollectionRuleId: dcr.id }, { parent: this });

            const ci = pulumi.interpolate`MSCI-${location}-${cluster.name}`;
            const ciRule = new monitor.DataCollectionRule(
                `${name}-container-insights`,
                {
                    resourceGroupName,
                    location,
                    dataCollectionRuleName: ci.apply((n) => n.slice(0, dataCollectionRuleNameMax)),
                    kind: "Linux",
                    dataSources: {
                        extensions: [
                            {
                                name: "ContainerInsightsExtension",
                                extensionName: "ContainerInsights",
                                streams: [...containerInsightsStreams],
                                extensionSettings: { dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true } },
                            },
                        ],
                    },
                    destinations: { logAnalytics: [{ name: "logAnalytics", workspaceResourceId: la.id }] },
                    dataFlows: [{ streams: [...containerInsightsStreams], destinations: ["logAnalytics"] }],
                },
                { parent: this },
            );
            new monitor.DataCollectionRuleAssociation(`${name}-container-insights`, { resourceUri: cluster.id, associationName: ci, dataCollectionRuleId: ciRule.id }, { parent: this });

            new monitor.DiagnosticSetting(
                `${name}-aks`,
                { name: "kserve-platform", resourceUri: cluster.id, workspaceId: la.id, logAnalyticsDestinationType: "Dedicated", logs: aksLogCategories.map((category) => ({ category, enabled: true })) },
                { parent: this },
            );

            for (const group of args.alerts ?? []) {
                this.ruleGroups.push(
                    new alertsmanagement.PrometheusRuleGroup(
                        `${name}-${group.name}`,
                        {
                            resourceGroupName,
                            location,
                            ruleGroupName: pulumi.interpolate`${group.name}-${cluster.name}`,
                            description: "kserve-platform alerts (docs/operations.md, Dashboards and alerts)",
                            scopes: [amw.id, cluster.id],
                            clusterName: cluster.name,
                            enabled: true,
                            interval: defaults.monitoring.ruleInterval,
                            rules: group.rules.map((r) => ({
                                alert: r.alert,
                                expression: r.expr,
                                for: isoDuration(r.forMinutes),
                                severity: severity[r.severity],
                                labels: { severity: r.severity },
                                annotations: { summary: r.summary },
                                enabled: true,
                                resolveConfiguration: { autoResolved: true, timeToResolve: "PT10M" },
                                actions: args.actionGroupId ? [{ actionGroupId: args.actionGroupId }] : undefined,
                            })),
                        },
                        { parent: this },
                    ),
                );
            }
        }
        if (args.appGatewayId) {
            new monitor.DiagnosticSetting(
                `${name}-appgateway`,
                { name: "kserve-platform", resourceUri: args.appGatewayId, workspaceId: la.id, logAnalyticsDestinationType: "Dedicated", logs: appGatewayLogCategories.map((category) => ({ category, enabled: true })) },
                { parent: this },
            );
        }
        if (workspace.grafana) {
            this.importDashboards(name, resourceGroupName, location, workspace.grafana, args.roleAssignmentWaitSeconds);
        }
        this.registerOutputs({});
    }

    /**
     * ARM cannot write into a Grafana instance (`Microsoft.Dashboard/grafana` has no dashboard child;
     * `Microsoft.Dashboard/dashboards` is a different product), so an Azure CLI deployment script with
     * Grafana Admin on the instance runs `az grafana dashboard import`, again whenever a file changes.
     */
    private importDashboards(name: string, resourceGroupName: pulumi.Input<string>, location: string, grafana: dashboard.Grafana, waitSeconds: number | undefined): void {
        const identity = new managedidentity.UserAssignedIdentity(`${name}-dashboards`, { resourceGroupName, location, resourceName: `id-${name}-dashboards` }, { parent: this });
        // The import runs once: it must not start before Azure applies the role (minutes after accepting it).
        const admin = assignRole(
            `${name}-dashboards-grafana-admin`,
            { principalId: identity.principalId, principalType: "ServicePrincipal", role: "grafanaAdmin", scope: grafana.id, waitSeconds },
            this,
        ).ready;
        for (const file of dashboardFiles) {
            const json = dashboardJson(file);
            this.dashboardImports[file] = new resources.AzureCliScript(
                `${name}-dashboard-${file}`,
                {
                    resourceGroupName,
                    location,
                    kind: "AzureCLI",
                    azCliVersion: versions.azureCli,
                    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                    environmentVariables: [
                        { name: "RESOURCE_GROUP", value: resourceGroupName },
                        { name: "GRAFANA", value: grafana.name },
                    ],
                    scriptContent: dashboardImportScript(json),
                    forceUpdateTag: createHash("sha256").update(json).digest("hex").slice(0, 16),
                    retentionInterval: "PT1H",
                    cleanupPreference: "OnSuccess",
                    timeout: "PT15M",
                },
                { parent: this, dependsOn: [admin] },
            );
        }
    }
}

/** The deployment script that imports one dashboard (its JSON inline: ARM scripts take no files). */
export function dashboardImportScript(json: string): string {
    return [
        "set -euo pipefail",
        "az extension add --name amg --only-show-errors",
        "cat > dashboard.json <<'KSERVE_PLATFORM_DASHBOARD'",
        json,
        "KSERVE_PLATFORM_DASHBOARD",
        'az grafana dashboard import --resource-group "$RESOURCE_GROUP" --name "$GRAFANA" --definition dashboard.json --overwrite true',
        "",
    ].join("\n");
}
