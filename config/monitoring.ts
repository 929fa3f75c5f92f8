/**
 * Stack config of metrics, alerts and dashboards (`monitoring*` and `alert*` keys), read and
 * checked with the rest of the config so every problem is reported at once.
 */
import type { AlertThresholds, MonitoringSettings } from "../components/monitoring";
import { guid, type Reader } from "./reader";
import type { StackConfig } from "./types";
import type { ConfigKeyName } from "./schema";
import { dns1123Label } from "../components/common/problems";

export type { MonitoringSettings };

const actionGroupId = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i;
const labelPair = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Reads the monitoring keys; `undefined` when monitoring is off. Problems go to `r`. */
export function readMonitoring(r: Reader, config: StackConfig): MonitoringSettings | undefined {
    const on = r.boolean("monitoring");
    const flavor = config.clusterFlavor;
    const operator = r.boolean("monitoringPrometheusOperator");
    const grafana = r.boolean("monitoringGrafana");
    const admins = r.strings("monitoringGrafanaAdminObjectIds", guid, "an Entra ID object id (a GUID)");
    const selectors = r.strings("monitoringSelectorLabels", labelPair, "a Kubernetes label key=value, such as release=kube-prometheus-stack");
    const actionGroup = r.string("monitoringActionGroupId");
    const prometheusNamespace = r.required("monitoringPrometheusNamespace");
    const dcgmNamespace = r.string("monitoringDcgmExporterNamespace");
    const retention = r.integer("monitoringLogRetentionDays", 30);
    const thresholds: AlertThresholds = {
        errorPercent: r.integer("alert5xxPercent", 1),
        p99LatencyMs: r.integer("alertP99LatencyMs", 1),
        coldStartSeconds: r.integer("alertColdStartSeconds", 1),
        modelNotReadyMinutes: r.integer("alertModelNotReadyMinutes", 1),
        controllerDownMinutes: r.integer("alertControllerDownMinutes", 1),
    };
    if (thresholds.errorPercent > 100) {
        r.problem("alert5xxPercent", `got ${thresholds.errorPercent}; must be a percentage, 1-100`);
    }
    if (retention > 730) {
        r.problem("monitoringLogRetentionDays", `got ${retention}; Log Analytics keeps data 30-730 days`);
    }

    const needsMonitoring = (key: ConfigKeyName, set: boolean) => {
        if (set && !on) {
            r.problem(key, "only applies with kserve-platform:monitoring true");
        }
    };
    needsMonitoring("monitoringPrometheusOperator", operator);
    needsMonitoring("monitoringGrafana", grafana);
    needsMonitoring("monitoringActionGroupId", actionGroup !== undefined);
    needsMonitoring("monitoringDcgmExporterNamespace", dcgmNamespace !== undefined);
    if (admins.length && !grafana) {
        r.problem("monitoringGrafanaAdminObjectIds", "only applies with monitoringGrafana true");
    }
    if (operator && flavor !== "existing") {
        r.problem("monitoringPrometheusOperator", `only applies to clusterFlavor existing; ${flavor === "aks" ? "AKS uses managed Prometheus" : "ARO uses OpenShift's user-workload monitoring"}`);
    }
    if (grafana && flavor !== "aks") {
        r.problem("monitoringGrafana", "needs clusterFlavor aks: Azure Managed Grafana reads the Azure Monitor workspace of AKS managed Prometheus");
    }
    if (actionGroup !== undefined) {
        if (flavor !== "aks") {
            r.problem("monitoringActionGroupId", "needs clusterFlavor aks: elsewhere alerts go to the cluster's Alertmanager");
        } else if (!actionGroupId.test(actionGroup)) {
            r.problem("monitoringActionGroupId", `got "${actionGroup}"; must be an action group resource id /subscriptions/<id>/resourceGroups/<rg>/providers/microsoft.insights/actionGroups/<name>`);
        }
    }
    if (dcgmNamespace !== undefined && !dns1123Label.test(dcgmNamespace)) {
        r.problem("monitoringDcgmExporterNamespace", `got "${dcgmNamespace}"; must be a namespace name (lowercase letters, digits and -)`);
    }
    if (!dns1123Label.test(prometheusNamespace)) {
        r.problem("monitoringPrometheusNamespace", `got "${prometheusNamespace}"; must be a namespace name (lowercase letters, digits and -)`);
    }
    if (selectors.length && flavor !== "existing") {
        r.problem("monitoringSelectorLabels", "only applies to clusterFlavor existing (the Prometheus Operator's selectors)");
    }
    if (on && flavor === "existing" && !operator) {
        r.problem("monitoring", "on an existing cluster needs the Prometheus Operator: set monitoringPrometheusOperator true (its monitoring.coreos.com CRDs must be installed)");
    }
    if (config.environment === "prod" && !on) {
        r.problem("monitoring", "a prod stack needs metrics and alerts; set true");
    }
    if (!on) {
        return undefined;
    }
    return {
        api: flavor === "aks" ? "azure" : "operator",
        openshift: flavor === "aro",
        prometheusNamespace,
        ...(dcgmNamespace ? { dcgmExporterNamespace: dcgmNamespace } : {}),
        selectorLabels: Object.fromEntries(selectors.map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)])),
        grafana: grafana && flavor === "aks" ? { adminObjectIds: admins } : undefined,
        actionGroupId: actionGroup,
        logRetentionDays: retention,
        thresholds,
    };
}
