// `npm run bench`: evaluates the program under mocks with 1, 100 and 500 models and prints time and
// memory per model next to a baseline of raw CustomResources measured the same way, in the same run.
// Each measurement is a fresh process (no warm module cache across sizes), repeated RUNS times
// (default 3): the table shows medians, and every ratio comes with its spread (min–max over runs).
import { execFileSync } from "child_process";
import * as path from "path";

export interface Sample {
    seconds: number;
    heapMiB: number;
}

type Mode = "program" | "raw";

/** Median and spread of a list of numbers. */
export function summary(values: readonly number[]): { median: number; min: number; max: number } {
    const sorted = [...values].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Per-run ratios of the program's to the raw baseline's time per model, at one size. */
export function perModelRatios(program: readonly Sample[], raw: readonly Sample[]): number[] {
    return program.map((p, i) => p.seconds / raw[i].seconds);
}

/** Per-run ratios of the marginal cost of one more model (small → large), program over raw. */
export function marginalRatios(results: Record<Mode, Record<number, Sample[]>>, small: number, large: number): number[] {
    const marginal = (mode: Mode, i: number) => (results[mode][large][i].seconds - results[mode][small][i].seconds) / (large - small);
    return results.program[large].map((_, i) => marginal("program", i) / marginal("raw", i));
}

function measure(mode: Mode, count: number): Sample {
    const out = execFileSync(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", path.join(__dirname, "bench-run.ts"), mode, String(count)], {
        cwd: path.join(__dirname, ".."),
        encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").pop()!) as Sample;
}

function main(): void {
    const sizes = [1, 100, 500];
    const runs = Number(process.env.RUNS ?? 3);
    const goal = 1.5;
    const results: Record<Mode, Record<number, Sample[]>> = { program: {}, raw: {} };
    const total = sizes.length * 2 * runs;
    let done = 0;
    // Runs interleave program and raw at each size, so a slow spell of the machine hits both.
    for (const count of sizes) {
        for (let run = 1; run <= runs; run++) {
            for (const mode of ["program", "raw"] as const) {
                process.stderr.write(`[${String(++done).padStart(2)}/${total}] ${mode.padEnd(7)} ${String(count).padStart(3)} models, run ${run}/${runs} ... `);
                const sample = measure(mode, count);
                (results[mode][count] ??= []).push(sample);
                process.stderr.write(`${(sample.seconds * 1000).toFixed(0)} ms\n`);
            }
        }
    }

    const ms = (s: number) => (s * 1000).toFixed(2);
    const spread = (values: number[]) => {
        const s = summary(values);
        return `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
    };
    const header = ["models", "program ms", "program ms/model", "program MiB", "raw ms", "raw ms/model", "raw MiB", "ratio per model (spread)"];
    const rows = sizes.map((count) => {
        const p = { seconds: summary(results.program[count].map((s) => s.seconds)).median, heapMiB: summary(results.program[count].map((s) => s.heapMiB)).median };
        const r = { seconds: summary(results.raw[count].map((s) => s.seconds)).median, heapMiB: summary(results.raw[count].map((s) => s.heapMiB)).median };
        return [String(count), ms(p.seconds), ms(p.seconds / count), p.heapMiB.toFixed(1), ms(r.seconds), ms(r.seconds / count), r.heapMiB.toFixed(1), spread(perModelRatios(results.program[count], results.raw[count]))];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
    console.log(`\nmedian of ${runs} runs per cell; ratio = program time / raw CustomResource time, median (min–max over runs)`);
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows) {
        console.log(line(row));
    }
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    const ratios = marginalRatios(results, small, large);
    const ratio = summary(ratios).median;
    console.log(`\nmarginal cost of one more model (${small}→${large}), program / raw: ${spread(ratios)} (goal <= ${goal}): ${ratio <= goal ? "met" : "NOT met"}`);
    process.exitCode = ratio <= goal ? 0 : 1;
}

if (require.main === module) {
    main();
}
