/**
 * Writes what the chart-pins workflow checks with Helm (issue 15 §5): every chart pinned in
 * components/versions.ts, and every Helm release the stacks render with the exact values they
 * send. The programs run under the test mocks (no cloud, no cluster), so this runs anywhere;
 * Helm, with the network, runs in .github/workflows/chart-pins.yml.
 *   npm run chart-pins -- <out-dir>
 * Output: <out>/charts.tsv (chart, version, repo) and <out>/releases.tsv (id, release name,
 * namespace, chart, version, repo, values file), values as <out>/values/<id>.json.
 */
import * as fs from "fs";
import * as path from "path";
import { charts, clusterAddonCharts, llmCharts, type ChartSource } from "../components/versions";
import { Harness, reveal, runProgram } from "../tests/harness";
import { snapshotStacks } from "../tests/registrations";

const HELM_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);

/** One Helm release as a stack registers it. */
export interface RenderedRelease {
    /** `<variant>-<resource name>`, unique. */
    id: string;
    releaseName: string;
    namespace: string;
    chart: string;
    version: string;
    repo: string;
    values: unknown;
}

/** Program variants: every snapshot stack, plus the local stack with LLM serving on. */
export const variants: Record<string, { stack: string; secrets?: Record<string, string>; overrides?: Record<string, string> }> = {
    ...snapshotStacks,
    "local-llm": { stack: "local", overrides: { "kserve-platform:llmServing": "true" } },
};

/** Every pinned chart, without duplicates. */
export function pinnedCharts(): ChartSource[] {
    const all: ChartSource[] = [...Object.values(charts), ...Object.values(clusterAddonCharts), ...Object.values(llmCharts)];
    const seen = new Set<string>();
    return all.filter((c) => {
        const key = `${c.chart}@${c.version ?? ""}@${c.repo ?? ""}`;
        return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** Values with secret wrappers removed, recursively. */
function revealAll(value: unknown): unknown {
    const v = reveal(value);
    if (Array.isArray(v)) {
        return v.map(revealAll);
    }
    if (v && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealAll(x)]));
    }
    return v;
}

/** The Helm releases one variant registers. */
export async function renderedReleases(h: Harness, variant: string): Promise<RenderedRelease[]> {
    const { stack, secrets, overrides } = variants[variant];
    await h.setup(stack);
    await runProgram(h, stack, secrets ?? {}, overrides ?? {});
    return h.resources
        .filter((r) => HELM_TYPES.has(r.type))
        .map((r) => {
            const inputs = revealAll(r.inputs) as Record<string, unknown> & { repositoryOpts?: { repo?: string } };
            return {
                id: `${variant}-${r.name}`,
                releaseName: String(inputs.name),
                namespace: typeof inputs.namespace === "string" ? inputs.namespace : "default",
                chart: String(inputs.chart),
                version: typeof inputs.version === "string" ? inputs.version : "",
                repo: inputs.repositoryOpts?.repo ?? "",
                values: inputs.values ?? {},
            };
        });
}

if (require.main === module) {
    void (async () => {
        const out = process.argv[2];
        if (!out) {
            console.error("usage: npm run chart-pins -- <out-dir>");
            process.exit(2);
        }
        fs.mkdirSync(path.join(out, "values"), { recursive: true });
        fs.writeFileSync(path.join(out, "charts.tsv"), pinnedCharts().map((c) => [c.chart, c.version ?? "", c.repo ?? ""].join("\t") + "\n").join(""));
        const h = new Harness();
        const rows: string[] = [];
        for (const variant of Object.keys(variants)) {
            for (const r of await renderedReleases(h, variant)) {
                const file = path.join("values", `${r.id}.json`);
                fs.writeFileSync(path.join(out, file), `${JSON.stringify(r.values, null, 1)}\n`);
                rows.push([r.id, r.releaseName, r.namespace, r.chart, r.version, r.repo, file].join("\t") + "\n");
            }
        }
        fs.writeFileSync(path.join(out, "releases.tsv"), rows.join(""));
        console.log(`wrote ${rows.length} releases and the pinned charts to ${out}`);
        process.exit(0);
    })();
}
