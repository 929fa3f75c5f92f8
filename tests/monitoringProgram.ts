// The monitoring tests of the prod and aro stacks, run inside tests/program.prod.test.ts on its program
// runs (one run per stack for both).
import { expect } from "chai";
import { azure, Harness, promiseOf } from "./harness";

const KNATIVE = "kubernetes:operator.knative.dev/v1beta1:KnativeServing";
const CLUSTER = "azure-native:containerservice:ManagedCluster";
const DIAG = "azure-native:monitor:DiagnosticSetting";
const RULEGROUP = "azure-native:alertsmanagement:PrometheusRuleGroup";
const AZ_PODMONITOR = "kubernetes:azmonitoring.coreos.com/v1:PodMonitor";
const PROMRULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const rg = (stack: string) => `/subscriptions/${azure.subscriptionId}/resourceGroups/rg-kserve-${stack}`;

/** Monitoring on the prod stack, on the program run of tests/program.prod.test.ts (`h` set up, `outputs` its exports). */
export function prodMonitoringTests(h: Harness, exported: () => Record<string, any>): void {
    // knative/serving knative-v1.21.3 config/core/configmaps/observability.yaml: metrics-protocol and
    // request-metrics-protocol take none (the default), prometheus, http/protobuf or grpc.
    it("turns on Knative's Prometheus exporters (Knative 1.21 exports nothing by default)", () => {
        expect(h.get(KNATIVE, "platform-knative-serving").inputs.spec.config.observability).to.deep.equal({ "metrics-protocol": "prometheus", "request-metrics-protocol": "prometheus" });
    });

    it("runs managed Prometheus and Container Insights on the cluster, into the stack's workspaces", () => {
        const c = h.get(CLUSTER, "kserve-prod");
        const la = h.get("azure-native:operationalinsights:Workspace", "kserve-prod");
        expect(c.inputs.azureMonitorProfile.metrics).to.deep.equal({ enabled: true, kubeStateMetrics: { metricLabelsAllowlist: "pods=[serving.kserve.io/inferenceservice]", metricAnnotationsAllowList: "" } });
        expect(c.inputs.addonProfiles.omsagent).to.deep.equal({ enabled: true, config: { logAnalyticsWorkspaceResourceID: `${la.name}-id`, useAADAuth: "true" } });
        expect(la.inputs).to.deep.include({ resourceGroupName: "rg-kserve-prod", retentionInDays: 90 });
        expect(c.dependencies).to.include(la.urn);
    });

    it("attaches the cluster and the Application Gateway, and alerts through the action group", () => {
        const clusterId = `${rg("prod")}/providers/Microsoft.ContainerService/managedClusters/kserve-prod`;
        expect(h.get(DIAG, "monitoring-aks").inputs.resourceUri).to.equal(clusterId);
        expect(h.get(DIAG, "monitoring-appgateway").inputs.resourceUri).to.equal(`${rg("prod")}/providers/Microsoft.Network/applicationGateways/agw-kserve-prod`);
        const models = h.get(RULEGROUP, "monitoring-kserve-models").inputs;
        expect(models.scopes[1]).to.equal(clusterId);
        expect(models.rules[2].expression).to.match(/namespace=~"llm\|risk\|vision"\}\[5m\]\)\)\) \* 1000 > 30000$/);
        expect(models.rules[0].actions).to.deep.equal([{ actionGroupId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared-monitoring/providers/microsoft.insights/actionGroups/ag-model-serving-oncall" }]);
    });

    it("scrapes every model namespace through the cluster's provider, after the models' namespaces", () => {
        const monitors = h.all(AZ_PODMONITOR).filter((m) => m.inputs.metadata.name === "kserve-models");
        expect(monitors.map((m) => m.inputs.metadata.namespace).sort()).to.deep.equal(["llm", "risk", "vision"]);
        const provider = h.get("pulumi:providers:kubernetes", "kserve-prod-k8s");
        for (const m of monitors) {
            expect(m.provider.startsWith(`${provider.urn}::`), m.provider).to.equal(true);
            const ns = h.all("kubernetes:core/v1:Namespace").find((n) => n.inputs.metadata.name === m.inputs.metadata.namespace)!;
            expect(m.dependencies).to.include(ns.urn);
        }
        expect(h.all(PROMRULE)).to.deep.equal([]);
    });

    it("exports the Managed Grafana address", async () => {
        expect(h.get("azure-native:dashboard:Grafana", "kserve-prod").inputs.workspaceName).to.equal("graf-kserve-prod");
        const outputs = exported();
        expect(outputs.grafanaUrl).to.not.equal(undefined);
        await promiseOf(outputs.grafanaUrl);
    });
}

/** Monitoring on the aro stack, on the program run of tests/program.prod.test.ts. */
export function aroMonitoringTests(h: Harness): void {
    it("uses OpenShift user-workload monitoring, namespaced rules, and sends the gateway's logs to Log Analytics", () => {
        expect(h.get("kubernetes:core/v1:ConfigMapPatch", "monitoring-user-workload").inputs.metadata).to.deep.include({ name: "cluster-monitoring-config", namespace: "openshift-monitoring" });
        expect(h.all(PROMRULE).map((r) => r.inputs.metadata.namespace).sort()).to.deep.equal(["istio-system", "knative-serving", "kserve", "marketing", "models"]);
        expect(h.all("azure-native:monitor:AzureMonitorWorkspace")).to.deep.equal([]);
        expect(h.all(RULEGROUP)).to.deep.equal([]);
        expect(h.get(DIAG, "monitoring-appgateway").inputs.resourceUri).to.equal(`${rg("aro")}/providers/Microsoft.Network/applicationGateways/agw-kserve-aro`);
    });
}
