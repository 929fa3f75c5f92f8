// `npm run bench`: evaluates the program under mocks with 1, 100 and 500 models and prints time and
// memory per model next to a baseline of raw CustomResources measured the same way, in the same run.
// Each measurement is a fresh process (no warm module cache across sizes); the median of RUNS is kept.
import { execFileSync } from "child_process";
import * as path from "path";

const sizes = [1, 100, 500];
const runs = Number(process.env.RUNS ?? 3);
const goal = 1.5;

interface Sample {
    seconds: number;
    heapMiB: number;
}

function measure(mode: "program" | "raw", count: number): Sample {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
        const out = execFileSync(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", path.join(__dirname, "bench-run.ts"), mode, String(count)], {
            cwd: path.join(__dirname, ".."),
            encoding: "utf8",
        });
        samples.push(JSON.parse(out.trim().split("\n").pop()!) as Sample);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { seconds: median(samples.map((s) => s.seconds)), heapMiB: median(samples.map((s) => s.heapMiB)) };
}

const results: Record<string, Record<number, Sample>> = { program: {}, raw: {} };
for (const count of sizes) {
    for (const mode of ["program", "raw"] as const) {
        results[mode][count] = measure(mode, count);
    }
}

const ms = (s: number) => (s * 1000).toFixed(2);
console.log(`models | program: total ms, ms/model, MiB | raw CustomResource: total ms, ms/model, MiB   (median of ${runs})`);
for (const count of sizes) {
    const p = results.program[count];
    const r = results.raw[count];
    console.log(
        `${String(count).padStart(6)} | ${ms(p.seconds).padStart(9)} ${ms(p.seconds / count).padStart(8)} ${p.heapMiB.toFixed(1).padStart(6)} | ` +
            `${ms(r.seconds).padStart(9)} ${ms(r.seconds / count).padStart(8)} ${r.heapMiB.toFixed(1).padStart(6)}`,
    );
}
const [small, large] = [sizes[0], sizes[sizes.length - 1]];
const marginal = (mode: "program" | "raw") => (results[mode][large].seconds - results[mode][small].seconds) / (large - small);
const marginalHeap = (mode: "program" | "raw") => (results[mode][large].heapMiB - results[mode][small].heapMiB) / (large - small);
const ratio = marginal("program") / marginal("raw");
console.log(`marginal per model (${small}→${large}): program ${ms(marginal("program"))} ms, ${(marginalHeap("program") * 1024).toFixed(1)} KiB; raw ${ms(marginal("raw"))} ms, ${(marginalHeap("raw") * 1024).toFixed(1)} KiB`);
console.log(`ratio ${ratio.toFixed(2)} (goal <= ${goal}): ${ratio <= goal ? "met" : "NOT met"}`);
process.exitCode = ratio <= goal ? 0 : 1;
