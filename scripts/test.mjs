// `npm test` on two cores (every file under tests/ unless files are named; .mocharc.json has no
// spec, so `npx mocha tests/one.test.ts` runs that file alone): the unit tests (mocha, two workers, output streamed) run beside the static checks
// (the type check, then the lint that needs no types), whose output is held and printed after the
// tests. A failed check is reported in mocha's words ("1 failing") so .ci/run's totals count it.
// `npm run lint:types` runs the type-aware lint and the policy pack's own type check (its
// files are type-checked here too, under the root tsconfig).
import { spawn } from "node:child_process";

const checks = [
    ["tsc", ["--noEmit", "-p", "."]],
    ["eslint", ["--config", "eslint.fast.config.mjs", "."]],
];

function run(command, args, stdio) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { stdio, shell: false });
        let output = "";
        child.stdout?.on("data", (d) => (output += d));
        child.stderr?.on("data", (d) => (output += d));
        child.on("error", (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
        child.on("close", (code) => resolve({ code: code ?? 1, output }));
    });
}

async function staticChecks() {
    const results = [];
    for (const [command, args] of checks) {
        results.push({ name: [command, ...args].join(" "), ...(await run(command, args, ["ignore", "pipe", "pipe"])) });
    }
    return results;
}

const [checked, tests] = await Promise.all([staticChecks(), run("mocha", process.argv.length > 2 ? process.argv.slice(2) : ["tests/**/*.test.ts"], "inherit")]);
let failed = tests.code !== 0;
for (const check of checked) {
    if (check.code === 0) {
        console.log(`  ✔ ${check.name}`);
    } else {
        failed = true;
        process.stdout.write(check.output);
        console.log(`  1 failing (${check.name})`);
    }
}
process.exitCode = failed ? 1 : 0;
