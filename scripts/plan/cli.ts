/**
 * `npm run plan -- --stack NAME [--dir DIR]`: the offline plan of a stack file (scripts/plan/plan.ts).
 * Prints the plan and exits 0, or prints the program's message and exits 1 when it refuses the
 * stack file. `--dir` reads `Pulumi.NAME.yaml` from another directory (Pulumi.yaml stays this
 * repository's).
 */
import * as path from "path";
import { evaluate, formatPlan, stacksIn } from "./plan";
import { root } from "./mocks";

const usage = "usage: npm run plan -- --stack NAME [--dir DIR]";

/** Runs the CLI on `args`, writes its output, and returns the exit code. */
export async function main(args: readonly string[], out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
    let stack: string | undefined;
    let dir: string | undefined;
    for (let i = 0; i < args.length; i++) {
        const [flag, inline] = args[i].split("=", 2);
        const value = inline ?? args[++i];
        if (flag === "--stack" && value) {
            stack = value;
        } else if (flag === "--dir" && value) {
            dir = path.resolve(value);
        } else {
            err(`${usage}\n`);
            return 2;
        }
    }
    if (!stack) {
        err(`${usage}\nstacks: ${stacksIn(dir ?? root).join(", ")}\n`);
        return 2;
    }
    const plan = await evaluate(stack, { dir });
    if (plan.error) {
        err(formatPlan(plan));
        return 1;
    }
    out(formatPlan(plan));
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
