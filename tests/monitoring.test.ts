import { expect } from "chai";
import { Harness, promiseOf, Recorded, aksTestArgs } from "./harness";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import type * as monitoringModule from "../components/monitoring";
import type * as clusterModule from "../components/cluster";

const CR = (group: string, kind: string) => `kubernetes:${group}:${kind}`;
const AZ_PODMONITOR = CR("azmonitoring.coreos.com/v1", "PodMonitor");
const AZ_SERVICEMONITOR = CR("azmonitoring.coreos.com/v1", "ServiceMonitor");
const OP_PODMONITOR = CR("monitoring.coreos.com/v1", "PodMonitor");
const OP_SERVICEMONITOR = CR("monitoring.coreos.com/v1", "ServiceMonitor");
const PROMRULE = CR("monitoring.coreos.com/v1", "PrometheusRule");
const PEERAUTH = CR("security.istio.io/v1", "PeerAuthentication");
const ROLE = "azure-native:authorization:RoleAssignment";
const RULEGROUP = "azure-native:alertsmanagement:PrometheusRuleGroup";
const DIAG = "azure-native:monitor:DiagnosticSetting";
const DCR = "azure-native:monitor:DataCollectionRule";
const DCRA = "azure-native:monitor:DataCollectionRuleAssociation";
const SCRIPT = "azure-native:resources:AzureCliScript";

/** Problems of a config, as "subject path: message" lines. */
function problems(values: Record<string, string>, location = "westeurope"): string[] {
    try {
        loadConfig({ get: (k) => values[k] }, (ns, k) => (ns === "azure-native" && k === "location" ? location : undefined));
    } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
    return [];
}

const aro = {
    clusterFlavor: "aro",
    aroVersion: "4.20.8",
    aroDomain: "kserve-aro",
    aroPullSecret: "{}",
    aroClientId: "00000000-0000-0000-0000-00000000c11e",
    aroClientSecret: "s",
    aroServicePrincipalObjectId: "00000000-0000-0000-0000-00000000b0b0",
    aroRpObjectId: "00000000-0000-0000-0000-00000000a2a2",
};

describe("config: monitoring", () => {
    const load = (values: Record<string, string>) => loadConfig({ get: (k) => values[k] }, () => "westeurope");

    it("is off unless asked for, with the thresholds of defaults.ts", () => {
        expect(load({}).monitoring).to.equal(undefined);
        expect(load({ clusterFlavor: "aks", monitoring: "true" }).monitoring).to.deep.equal({
            api: "azure",
            openshift: false,
            selectorLabels: {},
            prometheusNamespace: "monitoring",
            grafana: undefined,
            actionGroupId: undefined,
            logRetentionDays: 30,
            thresholds: { errorPercent: 5, p99LatencyMs: 2000, coldStartSeconds: 120, modelNotReadyMinutes: 10, controllerDownMinutes: 5 },
        });
    });

    it("takes the Prometheus Operator's namespace on existing clusters only, as a namespace name", () => {
        const on = { monitoring: "true", monitoringPrometheusOperator: "true" };
        expect(load({ ...on, monitoringPrometheusNamespace: "observability" }).monitoring!.prometheusNamespace).to.equal("observability");
        expect(problems({ ...on, monitoringPrometheusNamespace: "Obs" })).to.deep.equal(['kserve-platform:monitoringPrometheusNamespace: got "Obs"; must be a namespace name (lowercase letters, digits and -)']);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringPrometheusNamespace: "observability" })).to.have.length(1);
    });

    it("reads every key", () => {
        const aks = load({
            clusterFlavor: "aks",
            monitoring: "true",
            monitoringGrafana: "true",
            monitoringGrafanaAdminObjectIds: '["00000000-0000-0000-0000-00000000a0a0"]',
            monitoringActionGroupId: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/oncall",
            monitoringLogRetentionDays: "90",
            alert5xxPercent: "2",
            alertP99LatencyMs: "30000",
            alertColdStartSeconds: "300",
            alertModelNotReadyMinutes: "15",
            alertControllerDownMinutes: "3",
        }).monitoring;
        expect(aks).to.deep.include({
            grafana: { adminObjectIds: ["00000000-0000-0000-0000-00000000a0a0"] },
            actionGroupId: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/oncall",
            logRetentionDays: 90,
            thresholds: { errorPercent: 2, p99LatencyMs: 30000, coldStartSeconds: 300, modelNotReadyMinutes: 15, controllerDownMinutes: 3 },
        });
        const existing = load({ monitoring: "true", monitoringPrometheusOperator: "true", monitoringSelectorLabels: '["release=kube-prometheus-stack"]' }).monitoring;
        expect(existing).to.deep.include({ api: "operator", openshift: false, selectorLabels: { release: "kube-prometheus-stack" } });
        expect(load({ ...aro, monitoring: "true" }).monitoring).to.deep.include({ api: "operator", openshift: true });
    });

    it("is required in prod", () =>
        expect(problems({ environment: "prod", meshMtlsMode: "STRICT", modelNetworkPolicies: "true", requireMinReplicas: "true", protectCrds: "true", ingressInternal: "true", modelAuthWaiver: "test" })).to.deep.equal([
            "kserve-platform:monitoring: a prod stack needs metrics and alerts; set true",
        ]));

    it("needs the Prometheus Operator on an existing cluster", () =>
        expect(problems({ monitoring: "true" })).to.deep.equal([
            "kserve-platform:monitoring: on an existing cluster needs the Prometheus Operator: set monitoringPrometheusOperator true (its monitoring.coreos.com CRDs must be installed)",
        ]));

    it("keeps each flavour's options to its flavour", () => {
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringPrometheusOperator: "true", monitoringSelectorLabels: '["release=x"]' })).to.deep.equal([
            "kserve-platform:monitoringPrometheusOperator: only applies to clusterFlavor existing; AKS uses managed Prometheus",
            "kserve-platform:monitoringSelectorLabels: only applies to clusterFlavor existing (the Prometheus Operator's selectors)",
        ]);
        expect(problems({ ...aro, monitoring: "true", monitoringGrafana: "true", monitoringActionGroupId: "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/a" })).to.deep.equal([
            "kserve-platform:monitoringGrafana: needs clusterFlavor aks: Azure Managed Grafana reads the Azure Monitor workspace of AKS managed Prometheus",
            "kserve-platform:monitoringActionGroupId: needs clusterFlavor aks: elsewhere alerts go to the cluster's Alertmanager",
        ]);
        expect(problems({ ...aro, monitoring: "true", monitoringPrometheusOperator: "true" })).to.deep.equal([
            "kserve-platform:monitoringPrometheusOperator: only applies to clusterFlavor existing; ARO uses OpenShift's user-workload monitoring",
        ]);
    });

    it("refuses monitoring options while monitoring is off", () =>
        expect(problems({ clusterFlavor: "aks", monitoringGrafana: "true", monitoringGrafanaAdminObjectIds: '["00000000-0000-0000-0000-00000000a0a0"]' })).to.deep.equal([
            "kserve-platform:monitoringGrafana: only applies with kserve-platform:monitoring true",
        ]));

    it("needs Grafana for Grafana admins, and GUIDs", () => {
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringGrafanaAdminObjectIds: '["00000000-0000-0000-0000-00000000a0a0"]' })).to.deep.equal([
            "kserve-platform:monitoringGrafanaAdminObjectIds: only applies with monitoringGrafana true",
        ]);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringGrafana: "true", monitoringGrafanaAdminObjectIds: '["alice"]' })).to.deep.equal([
            'kserve-platform:monitoringGrafanaAdminObjectIds [0]: got "alice"; must be an Entra ID object id (a GUID)',
        ]);
    });

    it("checks the action group id, the selector labels, the retention and the thresholds", () => {
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringActionGroupId: "oncall" })).to.deep.equal([
            'kserve-platform:monitoringActionGroupId: got "oncall"; must be an action group resource id /subscriptions/<id>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>',
        ]);
        expect(problems({ monitoring: "true", monitoringPrometheusOperator: "true", monitoringSelectorLabels: '["release"]' })).to.deep.equal([
            'kserve-platform:monitoringSelectorLabels [0]: got "release"; must be a Kubernetes label key=value, such as release=kube-prometheus-stack',
        ]);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringLogRetentionDays: "7" })).to.deep.equal(['kserve-platform:monitoringLogRetentionDays: got "7"; must be an integer >= 30']);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", monitoringLogRetentionDays: "1000" })).to.deep.equal(["kserve-platform:monitoringLogRetentionDays: got 1000; Log Analytics keeps data 30-730 days"]);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", alert5xxPercent: "0", alertP99LatencyMs: "fast" })).to.deep.equal([
            'kserve-platform:alert5xxPercent: got "0"; must be an integer >= 1',
            'kserve-platform:alertP99LatencyMs: got "fast"; must be an integer >= 1',
        ]);
        expect(problems({ clusterFlavor: "aks", monitoring: "true", alert5xxPercent: "150" })).to.deep.equal(["kserve-platform:alert5xxPercent: got 150; must be a percentage, 1-100"]);
    });
});

/** The one registration of a custom resource kind named `name` (metadata.name) in `namespace`. */
function cr(h: Harness, type: string, namespace: string, name: string): Recorded {
    const found = h.all(type).filter((r) => r.inputs.metadata.namespace === namespace && r.inputs.metadata.name === name);
    expect(found, `${type} ${namespace}/${name}`).to.have.length(1);
    return found[0];
}

describe("monitoring: PlatformMonitoring on AKS", () => {
    const h = new Harness();
    let mon: typeof monitoringModule;
    const clusterId = "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.ContainerService/managedClusters/kserve-prod";
    const gatewayId = "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Network/applicationGateways/agw-kserve-prod";
    const actionGroupId = "/subscriptions/s/resourceGroups/rg/providers/microsoft.insights/actionGroups/oncall";

    before(async () => {
        await h.setup();
        mon = await import("../components/monitoring");
        h.compute(({ type, name }) => {
            if (type === "azure-native:monitor:AzureMonitorWorkspace") {
                return { id: `/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Monitor/accounts/amw-${name}` };
            }
            if (type === "azure-native:dashboard:Grafana") {
                return { id: `/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Dashboard/grafana/graf-${name}`, name: `graf-${name}`, identity: { type: "SystemAssigned", principalId: "grafana-principal" }, properties: { endpoint: "https://graf.grafana.azure.com" } };
            }
            if (type === "azure-native:operationalinsights:Workspace") {
                return { id: `/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.OperationalInsights/workspaces/log-${name}` };
            }
            return undefined;
        });
        const workspace = new mon.MonitoringWorkspace("kserve-prod", { resourceGroupName: "rg-kserve-prod", location: "westeurope", prometheus: true, logRetentionDays: 90, grafana: { adminObjectIds: ["admins"] } });
        new mon.PlatformMonitoring("monitoring", {
            api: "azure",
            knative: true,
            istio: true,
            sidecars: true,
            models: [
                { name: "llama-chat", namespace: "llm" },
                { name: "resnet50", namespace: "vision" },
            ],
            thresholds: { ...mon.defaultThresholds, p99LatencyMs: 30000 },
            azure: { resourceGroupName: "rg-kserve-prod", location: "westeurope", workspace, aks: { id: clusterId, name: "kserve-prod" }, appGatewayId: gatewayId, actionGroupId },
        });
        await promiseOf(workspace.grafanaUrl!);
        await h.settle();
    });

    it("creates the workspaces: Log Analytics, Azure Monitor, and Grafana linked to it", () => {
        expect(h.get("azure-native:operationalinsights:Workspace", "kserve-prod").inputs).to.deep.equal({
            resourceGroupName: "rg-kserve-prod",
            location: "westeurope",
            workspaceName: "log-kserve-prod",
            sku: { name: "PerGB2018" },
            retentionInDays: 90,
        });
        expect(h.get("azure-native:monitor:AzureMonitorWorkspace", "kserve-prod").inputs).to.deep.equal({ resourceGroupName: "rg-kserve-prod", location: "westeurope", azureMonitorWorkspaceName: "amw-kserve-prod" });
        expect(h.get("azure-native:dashboard:Grafana", "kserve-prod").inputs).to.deep.equal({
            resourceGroupName: "rg-kserve-prod",
            location: "westeurope",
            workspaceName: "graf-kserve-prod",
            sku: { name: "Standard" },
            identity: { type: "SystemAssigned" },
            properties: { grafanaIntegrations: { azureMonitorWorkspaceIntegrations: [{ azureMonitorWorkspaceResourceId: "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Monitor/accounts/amw-kserve-prod" }] } },
        });
    });

    it("lets Grafana read the workspace and the admins administer Grafana (built-in role ids from learn.microsoft.com)", () => {
        const reader = h.get(ROLE, "kserve-prod-grafana-reads-workspace").inputs;
        expect(reader).to.deep.include({ principalId: "grafana-principal", principalType: "ServicePrincipal", scope: "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Monitor/accounts/amw-kserve-prod" });
        expect(reader.roleDefinitionId).to.match(/\/roleDefinitions\/b0d8363b-8ddd-447d-831f-62ca05bff136$/);
        const admin = h.get(ROLE, "kserve-prod-grafana-admin-admins").inputs;
        expect(admin).to.deep.include({ principalId: "admins", scope: "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Dashboard/grafana/graf-kserve-prod" });
        expect(admin.roleDefinitionId).to.match(/\/roleDefinitions\/22926164-76b3-42b3-bc55-97df8dab3e41$/);
    });

    it("sends managed Prometheus through its endpoint, rule and association (as the AKS baseline does)", () => {
        const dce = h.get("azure-native:monitor:DataCollectionEndpoint", "monitoring-prometheus");
        expect(dce.inputs).to.deep.equal({ resourceGroupName: "rg-kserve-prod", location: "westeurope", dataCollectionEndpointName: "MSProm-westeurope-kserve-prod", kind: "Linux" });
        const dcr = h.get(DCR, "monitoring-prometheus");
        expect(dcr.inputs).to.deep.include({
            dataCollectionRuleName: "MSProm-westeurope-kserve-prod",
            kind: "Linux",
            dataCollectionEndpointId: "monitoring-prometheus-id",
            dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"], labelIncludeFilter: {} }] },
            destinations: { monitoringAccounts: [{ name: "azureMonitorWorkspace", accountResourceId: "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Monitor/accounts/amw-kserve-prod" }] },
            dataFlows: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["azureMonitorWorkspace"] }],
        });
        expect(h.get(DCRA, "monitoring-prometheus").inputs).to.deep.equal({ resourceUri: clusterId, associationName: "MSProm-westeurope-kserve-prod", dataCollectionRuleId: "monitoring-prometheus-id" });
    });

    it("collects Container Insights into Log Analytics with a data collection rule", () => {
        const ci = h.get(DCR, "monitoring-container-insights").inputs;
        expect(ci.dataSources.extensions).to.deep.equal([
            {
                name: "ContainerInsightsExtension",
                extensionName: "ContainerInsights",
                streams: [...mon.containerInsightsStreams],
                extensionSettings: { dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true } },
            },
        ]);
        expect(ci.destinations).to.deep.equal({ logAnalytics: [{ name: "logAnalytics", workspaceResourceId: "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.OperationalInsights/workspaces/log-kserve-prod" }] });
        expect(h.get(DCRA, "monitoring-container-insights").inputs).to.deep.include({ resourceUri: clusterId, dataCollectionRuleId: "monitoring-container-insights-id" });
    });

    it("sends the control plane's and the Application Gateway's access and WAF logs to Log Analytics", () => {
        const la = "/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.OperationalInsights/workspaces/log-kserve-prod";
        expect(h.get(DIAG, "monitoring-aks").inputs).to.deep.equal({
            name: "kserve-platform",
            resourceUri: clusterId,
            workspaceId: la,
            logAnalyticsDestinationType: "Dedicated",
            logs: ["cluster-autoscaler", "kube-controller-manager", "kube-audit-admin", "guard"].map((category) => ({ category, enabled: true })),
        });
        expect(h.get(DIAG, "monitoring-appgateway").inputs).to.deep.equal({
            name: "kserve-platform",
            resourceUri: gatewayId,
            workspaceId: la,
            logAnalyticsDestinationType: "Dedicated",
            logs: [
                { category: "ApplicationGatewayAccessLog", enabled: true },
                { category: "ApplicationGatewayFirewallLog", enabled: true },
            ],
        });
    });

    it("evaluates the alerts as Prometheus rule groups on the workspace and cluster, notifying the action group", () => {
        const groups = h.all(RULEGROUP);
        expect(groups.map((g) => g.inputs.ruleGroupName).sort()).to.deep.equal(["kserve-models-kserve-prod", "serving-platform-kserve-prod"]);
        const models = h.get(RULEGROUP, "monitoring-kserve-models").inputs;
        expect(models).to.deep.include({ clusterName: "kserve-prod", enabled: true, interval: "PT1M", scopes: ["/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Monitor/accounts/amw-kserve-prod", clusterId] });
        expect(models.rules.map((r: { alert: string }) => r.alert)).to.deep.equal(["KServeModelNotReady", "KServeModelErrorRatio", "KServeModelLatencyP99"]);
        const latency = models.rules[2];
        expect(latency).to.deep.equal({
            alert: "KServeModelLatencyP99",
            expression: 'histogram_quantile(0.99, sum by (namespace, isvc, le) (rate(kn_serving_invocation_duration_seconds_bucket{namespace=~"llm|vision"}[5m]))) * 1000 > 30000',
            for: "PT10M",
            severity: 2,
            labels: { severity: "warning" },
            annotations: { summary: "Model {{ $labels.isvc }} in {{ $labels.namespace }} has a p99 latency above 30000 ms" },
            enabled: true,
            resolveConfiguration: { autoResolved: true, timeToResolve: "PT10M" },
            actions: [{ actionGroupId }],
        });
        const platform = h.get(RULEGROUP, "monitoring-serving-platform").inputs;
        expect(platform.rules.map((r: { alert: string; for: string }) => [r.alert, r.for])).to.deep.equal([
            ["KnativeColdStartSlow", "PT2M"],
            ["ServingPlatformControllerDown", "PT5M"],
        ]);
    });

    it("imports both dashboards into Grafana with a deployment script that is Grafana Admin", () => {
        const identity = h.get("azure-native:managedidentity:UserAssignedIdentity", "monitoring-dashboards");
        const admin = h.get(ROLE, "monitoring-dashboards-grafana-admin");
        expect(admin.inputs.scope).to.equal("/subscriptions/s/resourceGroups/rg-kserve-prod/providers/Microsoft.Dashboard/grafana/graf-kserve-prod");
        expect(admin.inputs.roleDefinitionId).to.match(/22926164-76b3-42b3-bc55-97df8dab3e41$/);
        for (const file of ["model", "platform"] as const) {
            const script = h.get(SCRIPT, `monitoring-dashboard-${file}`);
            // The import runs once: it waits for the role to apply (components/azure/roles.ts), not just for its creation.
            expect(script.dependencies).to.include(h.get("pulumi-nodejs:dynamic:Resource", "monitoring-dashboards-grafana-admin-propagation").urn);
            expect(script.inputs).to.deep.include({ kind: "AzureCLI", azCliVersion: "2.77.0", identity: { type: "UserAssigned", userAssignedIdentities: [`/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-kserve-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.inputs.resourceName}`] } });
            expect(script.inputs.environmentVariables).to.deep.equal([
                { name: "RESOURCE_GROUP", value: "rg-kserve-prod" },
                { name: "GRAFANA", value: "graf-kserve-prod" },
            ]);
            expect(script.inputs.scriptContent).to.equal(mon.dashboardImportScript(mon.dashboardJson(file)));
            expect(script.inputs.scriptContent).to.contain("az grafana dashboard import");
        }
        // A changed dashboard changes the tag, which runs the import again.
        expect(h.get(SCRIPT, "monitoring-dashboard-model").inputs.forceUpdateTag).to.not.equal(h.get(SCRIPT, "monitoring-dashboard-platform").inputs.forceUpdateTag);
    });

    // Sources: the label limits as in MicrosoftDocs/azure-aks-docs articles/aks/app-routing-nginx-prometheus.md
    // (labelLimit 63, labelNameLengthLimit 511, labelValueLengthLimit 1023); `http-usermetric` is
    // knative/serving knative-v1.21.3 pkg/apis/serving/v1/revision_helpers.go UserQueueMetricsPortName;
    // `metrics` 9090 is config/core/deployments/activator.yaml; `http-envoy-prom` /stats/prometheus is
    // Istio's sidecar injection template; the controller's `https` port is kserve-resources v0.20.0's
    // metrics service behind kube-rbac-proxy.
    it("scrapes with managed Prometheus's azmonitoring.coreos.com monitors, with Azure's label limits", () => {
        expect(h.all(OP_PODMONITOR).concat(h.all(OP_SERVICEMONITOR), h.all(PROMRULE))).to.deep.equal([]);
        const models = cr(h, AZ_PODMONITOR, "llm", "kserve-models");
        expect(models.inputs.spec).to.deep.equal({
            labelLimit: 63,
            labelNameLengthLimit: 511,
            labelValueLengthLimit: 1023,
            selector: { matchExpressions: [{ key: "serving.kserve.io/inferenceservice", operator: "Exists" }] },
            namespaceSelector: { matchNames: ["llm"] },
            // Sidecars guard the model server's port: only the queue-proxy's metrics port is scraped.
            podMetricsEndpoints: [{ port: "http-usermetric", path: "/metrics", relabelings: [{ sourceLabels: ["__meta_kubernetes_pod_label_serving_kserve_io_inferenceservice"], targetLabel: "isvc" }] }],
        });
        expect(cr(h, AZ_PODMONITOR, "vision", "istio-proxies").inputs.spec.podMetricsEndpoints).to.deep.equal([
            { port: "http-envoy-prom", path: "/stats/prometheus", relabelings: [{ sourceLabels: ["__meta_kubernetes_pod_label_serving_kserve_io_inferenceservice"], targetLabel: "isvc" }] },
        ]);
        expect(cr(h, AZ_PODMONITOR, "istio-system", "istio-ingressgateway").inputs.spec.selector).to.deep.equal({ matchLabels: { istio: "ingressgateway" } });
        expect(cr(h, AZ_PODMONITOR, "knative-serving", "knative-activator").inputs.spec.podMetricsEndpoints).to.deep.equal([{ port: "metrics", path: "/metrics" }]);
        expect(cr(h, AZ_PODMONITOR, "knative-serving", "knative-autoscaler").inputs.spec.selector).to.deep.equal({ matchLabels: { app: "autoscaler" } });
        expect(cr(h, AZ_SERVICEMONITOR, "kserve", "kserve-controller").inputs.spec.endpoints).to.deep.equal([
            { port: "https", path: "/metrics", scheme: "https", bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token", tlsConfig: { insecureSkipVerify: true } },
        ]);
    });

    // knative/serving knative-v1.21.3: pkg/networking/constants.go UserQueueMetricsPort = 9091 (queue-proxy);
    // config/core/deployments/activator.yaml and autoscaler.yaml: container port `metrics` 9090.
    it("opens only Knative's metrics ports to plain-text scrapes under STRICT mTLS", () => {
        const byName = Object.fromEntries(h.all(PEERAUTH).map((p) => [`${p.inputs.metadata.namespace}/${p.inputs.metadata.name}`, p.inputs.spec]));
        expect(byName).to.deep.equal({
            "llm/llm-llama-chat-metrics": { selector: { matchLabels: { "serving.kserve.io/inferenceservice": "llama-chat" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9091": { mode: "PERMISSIVE" } } },
            "vision/vision-resnet50-metrics": { selector: { matchLabels: { "serving.kserve.io/inferenceservice": "resnet50" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9091": { mode: "PERMISSIVE" } } },
            "knative-serving/knative-activator-metrics": { selector: { matchLabels: { app: "activator" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9090": { mode: "PERMISSIVE" } } },
            "knative-serving/knative-autoscaler-metrics": { selector: { matchLabels: { app: "autoscaler" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9090": { mode: "PERMISSIVE" } } },
        });
    });

    it("creates the monitors after the data collection is attached", () => {
        const monitor = cr(h, AZ_PODMONITOR, "llm", "kserve-models");
        expect(h.transitiveDependencies(monitor)).to.include(h.get(DCRA, "monitoring-prometheus").urn);
    });
});

describe("monitoring: PlatformMonitoring with the Prometheus Operator", () => {
    const h = new Harness();
    let mon: typeof monitoringModule;
    before(async () => {
        await h.setup();
        mon = await import("../components/monitoring");
    });
    beforeEach(() => h.reset());

    it("on an existing cluster: monitoring.coreos.com monitors and cluster-wide PrometheusRules with the selector labels", async () => {
        new mon.PlatformMonitoring("monitoring", { api: "operator", labels: { release: "kps" }, knative: true, istio: false, sidecars: false, models: [{ name: "iris", namespace: "models" }] });
        await h.settle();
        expect(h.all(AZ_PODMONITOR).concat(h.all(AZ_SERVICEMONITOR), h.all(RULEGROUP), h.all(PEERAUTH))).to.deep.equal([]);
        const models = cr(h, OP_PODMONITOR, "models", "kserve-models");
        expect(models.inputs.metadata.labels).to.deep.equal({ release: "kps" });
        expect(models.inputs.spec).to.not.have.property("labelLimit");
        // Without sidecars the model server's own /metrics is scraped too (knative/serving UserPortName).
        expect(models.inputs.spec.podMetricsEndpoints.map((e: { port: string }) => e.port)).to.deep.equal(["http-usermetric", "user-port"]);
        expect(h.all(OP_PODMONITOR).map((m) => `${m.inputs.metadata.namespace}/${m.inputs.metadata.name}`).sort()).to.deep.equal(["knative-serving/knative-activator", "knative-serving/knative-autoscaler", "models/kserve-models"]);
        const rules = h.all(PROMRULE);
        expect(rules.map((r) => `${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`).sort()).to.deep.equal(["kserve/kserve-models", "kserve/serving-platform"]);
        const platform = h.get(PROMRULE, "monitoring-kserve-serving-platform").inputs;
        expect(platform.metadata.labels).to.deep.equal({ release: "kps" });
        expect(platform.spec.groups[0].rules[1]).to.deep.equal({
            alert: "ServingPlatformControllerDown",
            expr: 'kube_deployment_status_replicas_available{namespace="kserve", deployment=~"kserve-controller-manager"} < 1 or kube_deployment_status_replicas_available{namespace="knative-serving", deployment=~"activator|autoscaler|controller|webhook"} < 1',
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: "{{ $labels.deployment }} in {{ $labels.namespace }} has no available replica" },
        });
    });

    it("on OpenShift: turns on user-workload monitoring first, and puts each namespace's rules in that namespace", async () => {
        new mon.PlatformMonitoring("monitoring", { api: "operator", openshift: true, knative: true, istio: true, sidecars: true, models: [{ name: "iris", namespace: "models" }, { name: "churn", namespace: "marketing" }] });
        await h.settle();
        // Azure/ARO-RP pkg/operator/controllers/monitoring creates cluster-monitoring-config and
        // rewrites config.yaml: a create fails (AlreadyExists), so it is a forced server-side apply
        // patch, and a destroy leaves the cluster's own ConfigMap in place.
        expect(h.all("kubernetes:core/v1:ConfigMap").filter((c) => c.name === "monitoring-user-workload")).to.deep.equal([]);
        const cm = h.get("kubernetes:core/v1:ConfigMapPatch", "monitoring-user-workload");
        expect(cm.inputs).to.deep.include({
            metadata: { name: "cluster-monitoring-config", namespace: "openshift-monitoring", annotations: { "pulumi.com/patchForce": "true" } },
            data: { "config.yaml": "enableUserWorkload: true\n" },
        });
        expect(cm.retainOnDelete).to.equal(true);
        for (const m of h.all(OP_PODMONITOR).concat(h.all(OP_SERVICEMONITOR), h.all(PROMRULE))) {
            expect(m.dependencies, m.name).to.include(cm.urn);
        }
        const rules = Object.fromEntries(h.all(PROMRULE).map((r) => [`${r.inputs.metadata.namespace}/${r.inputs.metadata.name}`, r.inputs.spec.groups[0].rules.map((x: { alert: string }) => x.alert)]));
        expect(rules).to.deep.equal({
            "marketing/kserve-models": ["KServeModelNotReady", "KServeModelErrorRatio", "KServeModelLatencyP99"],
            "models/kserve-models": ["KServeModelNotReady", "KServeModelErrorRatio", "KServeModelLatencyP99"],
            "kserve/serving-platform": ["ServingPlatformControllerDown"],
            "knative-serving/serving-platform": ["KnativeColdStartSlow", "ServingPlatformControllerDown"],
            "istio-system/serving-platform": ["ServingPlatformControllerDown"],
        });
        // Each namespace's rule reads only its own namespace's series.
        expect(h.get(PROMRULE, "monitoring-marketing-kserve-models").inputs.spec.groups[0].rules[1].expr).to.contain('namespace=~"marketing"');
    });
});

describe("monitoring: alert rules", () => {
    let mon: typeof monitoringModule;
    before(async () => {
        mon = await import("../components/monitoring");
    });

    it("read Istio's destination metrics in Standard mode, and have no cold starts there", () => {
        const groups = mon.alertGroups({ thresholds: mon.defaultThresholds, knative: false, istio: true, modelNamespaces: ["models"] });
        const [models, platform] = groups;
        expect(models.rules[1].expr).to.equal(
            '(sum by (namespace, isvc) (rate(istio_requests_total{reporter="destination", isvc!="", namespace=~"models", response_code=~"5.."}[5m])) / sum by (namespace, isvc) (rate(istio_requests_total{reporter="destination", isvc!="", namespace=~"models"}[5m]))) * 100 > 5',
        );
        expect(models.rules[2].expr).to.contain("istio_request_duration_milliseconds_bucket").and.to.contain("* 1 > 2000");
        expect(platform.rules.map((r) => r.alert)).to.deep.equal(["ServingPlatformControllerDown"]);
        expect(platform.rules[0].expr).to.contain('namespace="istio-system", deployment=~"istiod"');
    });

    it("turn the cold-start threshold into whole minutes, at least one", () => {
        const forOf = (coldStartSeconds: number) =>
            mon.alertGroups({ thresholds: { ...mon.defaultThresholds, coldStartSeconds }, knative: true, istio: false, modelNamespaces: [] })[1].rules.find((r) => r.alert === "KnativeColdStartSlow")!.forMinutes;
        expect([forOf(30), forOf(60), forOf(61), forOf(300)]).to.deep.equal([1, 1, 2, 5]);
    });
});

describe("cluster: AksCluster monitoring", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;
    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    it("turns on managed Prometheus with the model label in kube-state-metrics, and Container Insights with Entra auth", async () => {
        const mon = await import("../components/monitoring");
        new cluster.AksCluster("c", aksTestArgs({ monitoring: { prometheus: true, kubeStateMetricsLabels: mon.aksKubeStateMetricsLabels, containerInsightsWorkspaceId: "/la" } }));
        await h.settle();
        const c = h.get("azure-native:containerservice:ManagedCluster", "c").inputs;
        expect(c.azureMonitorProfile).to.deep.equal({ metrics: { enabled: true, kubeStateMetrics: { metricLabelsAllowlist: "pods=[serving.kserve.io/inferenceservice]", metricAnnotationsAllowList: "" } } });
        expect(c.addonProfiles).to.deep.equal({ omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: "/la", useAADAuth: "true" } } });
    });

    it("leaves both off without monitoring", async () => {
        new cluster.AksCluster("c", aksTestArgs({}));
        await h.settle();
        const c = h.get("azure-native:containerservice:ManagedCluster", "c").inputs;
        expect(c).to.not.have.property("azureMonitorProfile");
        expect(c).to.not.have.property("addonProfiles");
    });
});
