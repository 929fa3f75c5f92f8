// Writes the node table of docs/cost.md from the stack files, read through the program's own config
// reader (loadConfig), so the table cannot drift from them. Run `npm run cost`; a test fails when the
// doc disagrees with the stack files.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { loadConfig, StackConfig } from "../config";
import { defaults } from "../components/defaults";

const root = path.join(__dirname, "..");
const project = "kserve-platform";
export const costStart = "<!-- cost-table:start (npm run cost) -->";
export const costEnd = "<!-- cost-table:end -->";

/** The stacks: every Pulumi.<stack>.yaml of the repository, in name order. */
export function stackNames(dir = root): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.([a-z0-9-]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** A stack file's config as the CLI hands it over (objects as JSON), secrets as stand-ins the table never reads. */
export function readStack(stack: string, dir = root): StackConfig {
    const file = yaml.load(fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(file.config ?? {})) {
        values[key] = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
    }
    return loadConfig(
        {
            get: (k) => values[`${project}:${k}`],
            getSecret: (k) => pulumi.secret(values[`${project}:${k}`] ?? "secret-not-read-by-the-cost-table"),
        },
        (ns, k) => values[`${ns}:${k}`],
    );
}

/** One row: a pool of nodes. */
export interface NodeRow {
    pool: string;
    vmSize: string;
    min: number | string;
    max: number | string;
    notes: string;
}

/** The nodes a stack pays for, pool by pool. */
export function nodeRows(config: StackConfig): NodeRow[] {
    if (config.aks) {
        const a = config.aks;
        const gpu = config.gpu;
        const rows: NodeRow[] = [
            { pool: "system", vmSize: a.systemPool.vmSize, min: a.systemPool.count, max: a.systemPool.count, notes: "fixed; tainted CriticalAddonsOnly" },
            { pool: "user", vmSize: a.userPool.vmSize, min: a.userPool.minCount, max: a.userPool.maxCount, notes: "autoscaled; platform and CPU models" },
        ];
        if (a.gpuPool) {
            const parts = ["autoscaled", a.gpuPool.minCount === 0 ? "scales to zero" : `keeps ${a.gpuPool.minCount} running`];
            if (gpu?.scaleDownMode === "Deallocate") {
                parts.push("idle nodes deallocated (disk billed)");
            }
            if (gpu?.modelCache) {
                parts.push(gpu.modelCache.nvme ? "model cache on local NVMe" : "model cache on the node's disk");
            }
            rows.push({ pool: "gpu", vmSize: a.gpuPool.vmSize, min: a.gpuPool.minCount, max: a.gpuPool.maxCount, notes: parts.join("; ") });
        }
        if (gpu?.spotPool) {
            const s = gpu.spotPool;
            const price = s.maxPrice === undefined || s.maxPrice === -1 ? "up to the on-demand price" : `at most $${s.maxPrice}/h`;
            rows.push({ pool: "gpuspot", vmSize: s.vmSize, min: s.minCount ?? defaults.gpuEconomics.spotMinCount, max: s.maxCount ?? defaults.gpuEconomics.spotMaxCount, notes: `spot (${price}; evicted nodes: ${s.evictionPolicy ?? defaults.gpuEconomics.spotEvictionPolicy})` });
        }
        return rows;
    }
    if (config.aro) {
        return [
            { pool: "master", vmSize: config.aro.masterVmSize, min: 3, max: 3, notes: "fixed (ARO control plane)" },
            { pool: "worker", vmSize: config.aro.workerVmSize, min: config.aro.workerCount, max: config.aro.workerCount, notes: "fixed count" },
        ];
    }
    return [{ pool: "—", vmSize: "—", min: "—", max: "—", notes: "the stack uses a cluster it does not create (clusterFlavor existing)" }];
}

/** The markdown between the doc's markers. */
export function costTable(dir = root): string {
    const lines: string[] = [];
    for (const stack of stackNames(dir)) {
        const config = readStack(stack, dir);
        lines.push(`### ${stack} (${config.clusterFlavor}${config.azure ? `, ${config.azure.location}` : ""})`, "", "| Pool | VM size | Min | Max | Notes |", "| --- | --- | --- | --- | --- |");
        for (const r of nodeRows(config)) {
            lines.push(`| ${r.pool} | ${r.vmSize === "—" ? "—" : `\`${r.vmSize}\``} | ${r.min} | ${r.max} | ${r.notes} |`);
        }
        lines.push("");
    }
    return lines.join("\n");
}

/** The doc with the table between its markers replaced. */
export function withTable(doc: string, table: string): string {
    const start = doc.indexOf(costStart);
    const end = doc.indexOf(costEnd);
    if (start < 0 || end < start) {
        throw new Error(`docs/cost.md must contain ${costStart} and ${costEnd}`);
    }
    return `${doc.slice(0, start + costStart.length)}\n${table}${doc.slice(end)}`;
}

if (require.main === module) {
    const file = path.join(root, "docs", "cost.md");
    fs.writeFileSync(file, withTable(fs.readFileSync(file, "utf8"), costTable()));
    console.log(`wrote ${path.relative(root, file)}`);
}
