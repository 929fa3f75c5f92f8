import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import {
    alertGroups,
    allCollectedMetrics,
    collectedMetrics,
    dashboardDirectory,
    dashboardFiles,
    dashboardImportScript,
    dashboardJson,
    defaultThresholds,
    metricNamesIn,
    modelLabel,
    monitorManifest,
    scrapeConfiguration,
    scrapedTargets,
    ScrapeTarget,
} from "../components/monitoring";
import { root } from "./harness";

interface Target {
    expr: string;
}
interface Panel {
    id: number;
    title: string;
    targets?: Target[];
}
interface Dashboard {
    uid: string;
    title: string;
    panels: Panel[];
    templating: { list: { name: string; type: string; query: string | { query: string } }[] };
}

const dashboards: Record<string, Dashboard> = Object.fromEntries(dashboardFiles.map((f) => [f, JSON.parse(fs.readFileSync(path.join(dashboardDirectory, `${f}.json`), "utf8")) as Dashboard]));

/** Every PromQL query of a dashboard: panel targets, and the selectors of `label_values()` variables. */
function queries(d: Dashboard): string[] {
    const variables = d.templating.list
        .filter((v) => v.type === "query")
        .map((v) => (typeof v.query === "string" ? v.query : v.query.query))
        .map((q) => /^label_values\((.*),\s*\w+\)$/.exec(q)?.[1] ?? q);
    return [...d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...variables];
}

/** Which target collects a metric. */
const targetOf = (metric: string): ScrapeTarget | undefined => (Object.entries(collectedMetrics) as [ScrapeTarget, { metrics: readonly string[] }][]).find(([, f]) => f.metrics.includes(metric))?.[0];

// The configuration the dashboards are drawn for: Knative mode with Istio, with and without sidecars,
// and LLM serving with DCGM (the llm dashboard).
const llmScrape = { namespaces: ["llms"], dcgmExporterNamespace: "gpu-operator" };
const scraped = new Set([
    ...scrapedTargets(scrapeConfiguration({ modelNamespaces: ["models"], knative: true, istio: true, sidecars: false })),
    ...scrapedTargets(scrapeConfiguration({ modelNamespaces: ["models"], knative: true, istio: true, sidecars: true, llm: llmScrape })),
]);

describe("dashboards", () => {
    it("are the JSON files in dashboards/, each with a unique uid and unique panel ids", () => {
        expect(fs.readdirSync(path.join(root, "dashboards")).sort()).to.deep.equal(dashboardFiles.map((f) => `${f}.json`).sort());
        const uids = Object.values(dashboards).map((d) => d.uid);
        expect(new Set(uids).size).to.equal(uids.length);
        for (const d of Object.values(dashboards)) {
            const ids = d.panels.map((p) => p.id);
            expect(new Set(ids).size, d.title).to.equal(ids.length);
            expect(d.templating.list.find((v) => v.name === "datasource")?.type, d.title).to.equal("datasource");
        }
    });

    for (const [file, d] of Object.entries(dashboards)) {
        it(`${file}.json: every query names only metrics the scrape configuration collects`, () => {
            const qs = queries(d);
            expect(qs.length).to.be.greaterThan(5);
            for (const q of qs) {
                const names = metricNamesIn(q);
                expect(names, q).to.not.be.empty;
                for (const m of names) {
                    expect(allCollectedMetrics.has(m), `${m} in ${q}`).to.equal(true);
                    expect(scraped.has(targetOf(m)!), `${m}'s target ${targetOf(m)} is scraped`).to.equal(true);
                }
            }
        });
    }

    it("show requests, latency p50/p95/p99, errors, replicas, cold starts and GPUs per model", () => {
        const text = JSON.stringify(dashboards.model);
        for (const q of ["0.5", "0.95", "0.99"]) {
            expect(text).to.contain(`histogram_quantile(${q}, sum by (isvc, le) (rate(kn_serving_invocation_duration_seconds_bucket`);
        }
        expect(dashboards.model.panels.map((p) => p.title)).to.include.members([
            "Requests per second",
            "Latency p50 / p95 / p99",
            "5xx responses per second",
            "Replicas: ready and requested",
            "Cold starts (scale-ups from zero, last hour)",
            "GPUs requested",
        ]);
    });

    it("select models by the label the monitors write, and survive the import script's here-document", () => {
        expect(JSON.stringify(dashboards.model)).to.contain(`${modelLabel}=~\\"$model\\"`);
        for (const f of dashboardFiles) {
            const script = dashboardImportScript(dashboardJson(f));
            // The delimiter closes the here-document once, after the JSON.
            expect(script.split("\n").filter((l) => l === "KSERVE_PLATFORM_DASHBOARD")).to.have.length(1);
            expect(JSON.parse(script.split("\n")[3])).to.deep.equal(dashboards[f]);
        }
    });

    it("the metric catalog names its upstream source, and the scraper of each target exists", () => {
        for (const [target, family] of Object.entries(collectedMetrics)) {
            expect(family.source, target).to.match(/\w/);
            expect(scraped.has(target as ScrapeTarget), target).to.equal(true);
        }
    });
});

describe("LLM observability", () => {
    it("llm.json shows time to first token, inter-token latency, KV-cache use, queue depth and GPU use, from vLLM, the EPP and DCGM", () => {
        const d = dashboards.llm;
        expect(d.panels.map((p) => p.title)).to.include.members(["Time to first token p50 / p95", "Inter-token latency p50 / p95", "KV-cache use", "Queue depth", "GPU utilization", "GPU memory used"]);
        const names = new Set(queries(d).flatMap(metricNamesIn));
        // vllm-project/vllm docs/design/metrics.md; GIE v1.5.0 pkg/epp/metrics/metrics.go; NVIDIA dcgm-exporter etc/default-counters.csv.
        for (const m of ["vllm:time_to_first_token_seconds_bucket", "vllm:inter_token_latency_seconds_bucket", "vllm:kv_cache_usage_perc", "vllm:num_requests_waiting", "inference_pool_average_queue_size", "inference_pool_average_kv_cache_utilization", "DCGM_FI_DEV_GPU_UTIL"]) {
            expect(names.has(m), m).to.equal(true);
        }
    });

    it("scrapes vLLM on :8000 and the scheduler's authenticated metrics port in each LLM namespace, and DCGM where it runs", () => {
        const monitors = scrapeConfiguration({ modelNamespaces: ["models"], knative: true, istio: true, sidecars: false, llm: { namespaces: ["llms", "a"], dcgmExporterNamespace: "gpu-operator" } });
        const llm = monitors.filter((m) => m.endpoints.some((e) => ["vllm", "epp", "dcgm"].includes(e.target)));
        expect(llm.map((m) => `${m.kind} ${m.namespace}/${m.name}`)).to.deep.equal([
            "PodMonitor a/kserve-llm-vllm",
            "PodMonitor a/kserve-llm-scheduler",
            "PodMonitor llms/kserve-llm-vllm",
            "PodMonitor llms/kserve-llm-scheduler",
            "ServiceMonitor gpu-operator/dcgm-exporter",
        ]);
        // kserve v0.20.0 kserve-config-llm-template: container main, containerPort 8000 without a name;
        // scaling.go scalingLabels: app.kubernetes.io/{component,name,part-of}.
        const vllm = monitorManifest(llm[0], "operator") as { spec: Record<string, unknown> };
        expect(vllm.spec).to.deep.equal({
            selector: {
                matchLabels: { "app.kubernetes.io/part-of": "llminferenceservice" },
                matchExpressions: [{ key: "app.kubernetes.io/component", operator: "In", values: ["llminferenceservice-workload", "llminferenceservice-workload-leader", "llminferenceservice-workload-prefill", "llminferenceservice-workload-leader-prefill"] }],
            },
            namespaceSelector: { matchNames: ["a"] },
            podMetricsEndpoints: [{ targetPort: 8000, path: "/metrics", relabelings: [{ sourceLabels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"], targetLabel: "llmisvc" }] }],
        });
        // kserve-config-llm-scheduler: port `metrics` 9090; scheduler.go: the EPP reviews the scraper's token (system:auth-delegator).
        const epp = monitorManifest(llm[1], "operator", {}, { name: "metrics-reader-token", key: "token" }) as { spec: { selector: unknown; podMetricsEndpoints: unknown[] } };
        expect(epp.spec.selector).to.deep.equal({ matchLabels: { "app.kubernetes.io/part-of": "llminferenceservice", "app.kubernetes.io/component": "llminferenceservice-router-scheduler" } });
        // The Prometheus Operator (and OpenShift, which refuses token files) sends a token from a Secret; AKS's managed Prometheus its own file.
        expect(epp.spec.podMetricsEndpoints[0]).to.deep.include({ port: "metrics", authorization: { type: "Bearer", credentials: { name: "metrics-reader-token", key: "token" } } });
        expect((monitorManifest(llm[1], "azure") as { spec: { podMetricsEndpoints: unknown[] } }).spec.podMetricsEndpoints[0]).to.deep.include({ bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token" });
        // NVIDIA/dcgm-exporter chart: Service port `metrics`, label app.kubernetes.io/name: dcgm-exporter.
        expect(monitorManifest(llm[4], "operator")).to.deep.include({ kind: "ServiceMonitor" });
    });

    it("alerts on TTFT, inter-token latency, KV cache, queue depth and idle GPUs, naming only scraped metrics", () => {
        const groups = alertGroups({ thresholds: defaultThresholds, knative: true, istio: true, modelNamespaces: ["models"], llm: { namespaces: ["llms"], gpu: true } });
        const llm = groups.find((g) => g.name === "kserve-llms")!;
        expect(llm.rules.map((r) => r.alert)).to.deep.equal(["LLMTimeToFirstTokenHigh", "LLMInterTokenLatencyHigh", "LLMKvCacheFull", "LLMQueueBacklog", "GPUUtilizationLow"]);
        for (const r of llm.rules) {
            for (const m of metricNamesIn(r.expr)) {
                expect(allCollectedMetrics.has(m), `${r.alert}: ${m}`).to.equal(true);
                expect(scraped.has(targetOf(m)!), `${r.alert}: ${m} is scraped`).to.equal(true);
            }
        }
        // OpenShift: one group per LLM namespace, no cluster-wide GPU rule.
        const perNs = alertGroups({ thresholds: defaultThresholds, knative: true, istio: true, modelNamespaces: ["models"], perNamespace: true, llm: { namespaces: ["llms"], gpu: true } });
        expect(perNs.filter((g) => g.name === "kserve-llms").map((g) => [g.namespace, g.rules.length])).to.deep.equal([["llms", 4]]);
    });
});

describe("alert rules", () => {
    for (const knative of [true, false]) {
        it(`name only collected metrics (${knative ? "Knative" : "Standard"} mode)`, () => {
            const withSidecars = scrapedTargets(scrapeConfiguration({ modelNamespaces: ["models"], knative, istio: true, sidecars: true }));
            for (const g of alertGroups({ thresholds: defaultThresholds, knative, istio: true, modelNamespaces: ["models"] })) {
                for (const r of g.rules) {
                    for (const m of metricNamesIn(r.expr)) {
                        expect(allCollectedMetrics.has(m), `${r.alert}: ${m}`).to.equal(true);
                        expect(withSidecars.has(targetOf(m)!), `${r.alert}: ${m} is scraped`).to.equal(true);
                    }
                }
            }
        });
    }

    it("are each explained in docs/operations.md", () => {
        const doc = fs.readFileSync(path.join(root, "docs", "operations.md"), "utf8");
        const names = new Set(alertGroups({ thresholds: defaultThresholds, knative: true, istio: true, modelNamespaces: ["m"], llm: { namespaces: ["l"], gpu: true } }).flatMap((g) => g.rules.map((r) => r.alert)));
        for (const alert of names) {
            expect(doc, alert).to.match(new RegExp(`#### \`${alert}\``));
        }
    });

    it("the metric extractor ignores functions, labels, ranges and variables", () =>
        expect(metricNamesIn('histogram_quantile(0.99, sum by (isvc, le) (rate(a_bucket{namespace=~"$namespace", x="y"}[$__rate_interval]))) / on (pod) group_left (l) b > bool 0 or c offset 5m')).to.deep.equal(["a_bucket", "b", "c"]));
});
