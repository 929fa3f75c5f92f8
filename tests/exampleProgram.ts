// What tests/example.test.ts and tests/package.test.ts share about the platform-team example.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { root } from "./harness";

/** The example program's folder. */
export const exampleDir = path.join(root, "examples", "platform-team");

/** The example's stack config as the CLI hands it over. */
export function exampleConfig(): Record<string, string> {
    const stackFile = yaml.load(fs.readFileSync(path.join(exampleDir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(stackFile.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Component classes defined under components/ (`export class X extends pulumi.ComponentResource`). */
export function componentClasses(): string[] {
    const found: string[] = [];
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const file = path.join(d, entry.name);
            if (entry.isDirectory()) {
                walk(file);
            } else if (file.endsWith(".ts")) {
                found.push(...[...fs.readFileSync(file, "utf8").matchAll(/^export class (\w+) extends pulumi\.ComponentResource\b/gm)].map((m) => m[1]));
            }
        }
    };
    walk(path.join(root, "components"));
    return found.sort();
}

/** The shipped dashboard as the import script carries it (minified). */
export const shippedDashboard = (name: string) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, "dashboards", `${name}.json`), "utf8")));

