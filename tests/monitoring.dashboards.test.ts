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

// The configuration the dashboards are drawn for: Knative mode with Istio, with and without sidecars.
const scraped = new Set([
    ...scrapedTargets(scrapeConfiguration({ modelNamespaces: ["models"], knative: true, istio: true, sidecars: false })),
    ...scrapedTargets(scrapeConfiguration({ modelNamespaces: ["models"], knative: true, istio: true, sidecars: true })),
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
        const names = new Set(alertGroups({ thresholds: defaultThresholds, knative: true, istio: true, modelNamespaces: ["m"] }).flatMap((g) => g.rules.map((r) => r.alert)));
        for (const alert of names) {
            expect(doc, alert).to.match(new RegExp(`#### \`${alert}\``));
        }
    });

    it("the metric extractor ignores functions, labels, ranges and variables", () =>
        expect(metricNamesIn('histogram_quantile(0.99, sum by (isvc, le) (rate(a_bucket{namespace=~"$namespace", x="y"}[$__rate_interval]))) / on (pod) group_left (l) b > bool 0 or c offset 5m')).to.deep.equal(["a_bucket", "b", "c"]));
});
