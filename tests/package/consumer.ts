/**
 * Runs a consumer's program under mocks, in the consumer's directory, and prints what it did as
 * JSON: `node -r ts-node/register/transpile-only tests/package/consumer.ts <consumer dir>`. It runs
 * in a process of its own without the `kserve-platform-source` condition, so `kserve-platform`
 * resolves the way it does for any consumer: to the installed package's built JavaScript.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { azureComputed, Computed, defaultCalls, kserveComputed, mockResponses, Recorded, recordRegistrations, waitForRegistrations } from "../../scripts/plan/mocks";

async function run(dir: string): Promise<void> {
    const resources: Recorded[] = [];
    const grafana: Computed = ({ type, inputs }) => (type === "azure-native:dashboard:Grafana" ? { properties: { ...inputs.properties, endpoint: `https://${inputs.workspaceName}.weu.grafana.azure.com` } } : undefined);
    const computed = [kserveComputed(resources), azureComputed, grafana];
    const project = (yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
    await pulumi.runtime.setMocks(
        mockResponses(
            () => computed,
            (token) => defaultCalls[token],
        ),
        project,
        "dev",
        false,
    );
    recordRegistrations(resources);
    const stackFile = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(stackFile.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(path.join(dir, "index.ts")) as Record<string, pulumi.Output<unknown>>;
    await waitForRegistrations();
    const value = (o: pulumi.Output<unknown>) => new Promise((resolve) => o.apply(resolve));
    // Resolved as the consumer's program resolves it (a require of this file's own would find this
    // repository by its package name).
    const consumerRequire = createRequire(path.join(dir, "index.ts"));
    const entryPath = consumerRequire.resolve("kserve-platform");
    const entry = consumerRequire("kserve-platform") as Record<string, unknown>;
    const report = {
        entry: fs.realpathSync(entryPath),
        loaded: Object.keys(require.cache),
        exported: Object.keys(entry).filter((k) => typeof entry[k] === "function"),
        resources: resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, provider: r.provider, inputs: r.type === "azure-native:resources:AzureCliScript" ? { scriptContent: r.inputs.scriptContent } : { metadata: r.inputs.metadata } })),
        endpoints: await value(program.endpoints),
        grafanaUrl: await value(program.grafanaUrl),
    };
    process.stdout.write(JSON.stringify(report));
}

run(path.resolve(process.argv[2])).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
});
