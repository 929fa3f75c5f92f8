/**
 * KServe v0.20.0's autoscaler rules (`validateAutoScalingCompExtension` and the HPA and KEDA
 * checks of `pkg/apis/serving/v1beta1/inference_service_validation.go`) and Knative's KPA limits:
 * which metrics and targets each autoscaler class accepts. Split from admission.ts.
 */
import { isRecord, quantityBytes, show } from "../common";
import type { Report } from "./admission";
import type { DeploymentMode } from "./types";

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/**
 * `validateAutoScalingCompExtension`: in Standard mode the `hpa` and `keda` autoscaler classes
 * check their fields; in Knative mode Knative's HPA class checks HPA fields, else the KPA rules.
 */
export function autoscaling(c: Record<string, unknown>, path: string, annotations: Record<string, unknown>, mode: DeploymentMode, report: Report): void {
    if (mode === "Standard") {
        const cls = annotations["serving.kserve.io/autoscalerClass"];
        if (cls === "hpa") {
            hpa(c, path, report);
        } else if (cls === "keda") {
            keda(c, path, report);
        }
        return;
    }
    if (annotations["autoscaling.knative.dev/class"] === "hpa.autoscaling.knative.dev") {
        hpa(c, path, report);
        return;
    }
    if (c.deploymentStrategy !== undefined) {
        report(`${path}.deploymentStrategy`, "is only supported in Standard mode; Knative rolls out revisions itself");
    }
    const metric = c.scaleMetric ?? "concurrency";
    // A value outside the CRD's enum is reported once, by the enum check.
    if (typeof metric === "string" && ["cpu", "memory"].includes(metric)) {
        report(
            `${path}.scaleMetric`,
            `"${metric}" needs Knative's HPA autoscaler; with the default KPA use concurrency or rps, or set the InferenceService annotation autoscaling.knative.dev/class: hpa.autoscaling.knative.dev`,
        );
    }
    if (metric === "rps" && typeof c.scaleTarget === "number" && c.scaleTarget < 1) {
        report(`${path}.scaleTarget`, `${c.scaleTarget} requests per second is not a usable target; must be >= 1`);
    }
}

function metricsOf(c: Record<string, unknown>): Record<string, unknown>[] {
    return isRecord(c.autoScaling) ? records(c.autoScaling.metrics) : [];
}

function hpa(c: Record<string, unknown>, path: string, report: Report): void {
    const metric = c.scaleMetric ?? "cpu";
    if (typeof metric === "string" && ["concurrency", "rps"].includes(metric)) {
        report(`${path}.scaleMetric`, `"${metric}" is not an HPA metric; allowed: cpu, memory`);
    }
    if (typeof c.scaleTarget === "number") {
        // Upstream's condition reads `metric == cpu && target < 1 || target > 100`: above 100 is refused for any metric.
        if ((metric === "cpu" && c.scaleTarget < 1) || c.scaleTarget > 100) {
            report(`${path}.scaleTarget`, `got ${c.scaleTarget}; the target utilization percentage must be an integer from 1 to 100`);
        } else if (metric === "memory" && c.scaleTarget < 1) {
            report(`${path}.scaleTarget`, `got ${c.scaleTarget}; the memory target must be at least 1 (MiB)`);
        }
    }
    metricsOf(c).forEach((m, i) => {
        const at = `${path}.autoScaling.metrics[${i}]`;
        if (m.type !== "Resource") {
            report(`${at}.type`, `got ${show(m.type)}; the HPA autoscaler supports only Resource metrics`);
        } else if (!isRecord(m.resource)) {
            report(`${at}.resource`, "is required for a Resource metric");
        }
    });
}

function keda(c: Record<string, unknown>, path: string, report: Report): void {
    if (c.scaleMetric !== undefined) {
        report(`${path}.scaleMetric`, "is not supported with the keda autoscaler; describe metrics in autoScaling.metrics");
    }
    metricsOf(c).forEach((m, i) => {
        const at = `${path}.autoScaling.metrics[${i}]`;
        if (m.type === "Resource") {
            if (!isRecord(m.resource)) {
                report(`${at}.resource`, "is required for a Resource metric");
                return;
            }
            const target = isRecord(m.resource.target) ? m.resource.target : {};
            if (m.resource.name === "cpu") {
                if (target.type !== "Utilization") {
                    report(`${at}.resource.target.type`, `got ${show(target.type)}; a cpu target must be Utilization`);
                }
            } else if (m.resource.name === "memory") {
                if (target.type !== "AverageValue" && target.type !== "Utilization") {
                    report(`${at}.resource.target.type`, `got ${show(target.type)}; a memory target must be AverageValue or Utilization`);
                } else if (target.type === "AverageValue" && quantityBytes(target.averageValue) !== undefined && quantityBytes(target.averageValue)! < 1024 * 1024) {
                    report(`${at}.resource.target.averageValue`, `got ${show(target.averageValue)}; the memory target must be at least 1Mi`);
                }
            } else {
                report(`${at}.resource.name`, `got ${show(m.resource.name)}; allowed: cpu, memory`);
            }
            scaleTarget(target, `${at}.resource.target`, report);
        } else if (m.type === "External" || m.type === "PodMetric") {
            const key = m.type === "External" ? "external" : "podmetric";
            const source = m[key];
            if (!isRecord(source)) {
                report(`${at}.${key}`, `is required for a ${m.type} metric`);
                return;
            }
            const query = isRecord(source.metric) ? source.metric.query : undefined;
            if (typeof query !== "string" || query === "") {
                report(`${at}.${key}.metric.query`, "must not be empty");
            }
            const target = isRecord(source.target) ? source.target : {};
            if (target.value === undefined || target.value === null) {
                report(`${at}.${key}.target.value`, "the target threshold value must be set");
            } else {
                scaleTarget(target, `${at}.${key}.target`, report);
            }
        } else {
            report(`${at}.type`, `got ${show(m.type)}; KEDA metric types: Resource, External, PodMetric`);
        }
    });
}

/** `validateScaleTarget`: the value field the target type names must be set; utilization 1..100. */
function scaleTarget(target: Record<string, unknown>, path: string, report: Report): void {
    const field = { Utilization: "averageUtilization", AverageValue: "averageValue", Value: "value" }[target.type as string];
    if (field === undefined) {
        return;
    }
    const value = target[field];
    if (value === undefined || value === null) {
        report(`${path}.${field}`, `is required when the target type is ${target.type as string}`);
    } else if (field === "averageUtilization" && (typeof value !== "number" || value < 1 || value > 100)) {
        report(`${path}.${field}`, `got ${show(value)}; the target utilization percentage must be an integer from 1 to 100`);
    }
}
