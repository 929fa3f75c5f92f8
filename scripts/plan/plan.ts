/**
 * The offline plan: runs the real program (index.ts) for one stack file under Pulumi's mocks, with
 * no CLI, cloud or cluster, and describes what it would create, where each model would answer and
 * what it warned about; or, for a stack file the program refuses, the program's own message.
 */
import * as fs from "fs";
import * as path from "path";
import * as util from "util";
import * as pulumi from "@pulumi/pulumi";
import { azureComputed, defaultCalls, kserveComputed, mockResponses, project, Recorded, recordRegistrations, root, waitForRegistrations } from "./mocks";
import { readStackConfig } from "./stackConfig";

/** Where a model answers, as the program's `endpoints` output reports it. */
export interface PlannedEndpoint {
    url?: string;
    internalUrl?: string;
    protocol?: string;
    predictUrl?: string;
    ready?: boolean;
}

/** What evaluating a stack file produced. */
export interface Plan {
    /** The stack's name. */
    stack: string;
    /** The stack file read (over Pulumi.yaml's defaults). */
    stackFile: string;
    /** Every registration, in the order the program made them. */
    resources: Recorded[];
    /** The program's `endpoints` output, by model name. */
    endpoints: Record<string, PlannedEndpoint>;
    /** The other stack outputs: their values, or `[secret]`; undefined ones left out. */
    outputs: Record<string, unknown>;
    /** What the program logged with `pulumi.log.warn`. */
    warnings: string[];
    /** Secret keys the plan gave a stand-in value (`secure:` in the stack file, or set with `--secret`). */
    standIns: string[];
    /** Why the program refused to run (its own message), when it did. */
    error?: string;
}

/** Options of {@link evaluate}. */
export interface PlanOptions {
    /** Directory holding `Pulumi.<stack>.yaml` (default: the repository). */
    dir?: string;
}

/** The stacks that have a file in `dir`. */
export function stacksIn(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** The value of an output, with `[secret]` in place of a secret one. */
async function settle(value: unknown): Promise<unknown> {
    const output: pulumi.Output<unknown> = pulumi.output(value);
    const secret = await pulumi.isSecret(output);
    const resolved = await new Promise<unknown>((resolve) => output.apply((v) => resolve(v)));
    return secret ? "[secret]" : resolved;
}

/**
 * Runs index.ts for `stack` under mocks (process-wide: nothing else may be using Pulumi's mocks
 * at the same time) and returns what it registered, exported and warned about.
 */
export async function evaluate(stack: string, options: PlanOptions = {}): Promise<Plan> {
    const dir = options.dir ?? root;
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const plan: Plan = { stack, stackFile, resources: [], endpoints: {}, outputs: {}, warnings: [], standIns: [] };
    if (!fs.existsSync(stackFile)) {
        plan.error = `There is no ${stackFile}; the stacks there are: ${stacksIn(dir).join(", ") || "none"}.`;
        return plan;
    }
    const computed = [kserveComputed(plan.resources), azureComputed];
    await pulumi.runtime.setMocks(
        mockResponses(
            () => computed,
            (token) => defaultCalls[token],
        ),
        project,
        stack,
        false,
    );
    recordRegistrations(plan.resources);
    const config = readStackConfig(stack, { dir, standInForSecure: true });
    plan.standIns = config.standIns;
    pulumi.runtime.setAllConfig(config.values, config.secretKeys);

    // pulumi.log.warn prints `warning: [runtime] <message>` when no engine is attached, as here.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
        const text = util.format(...args);
        const m = /^warning: \[runtime\] ([\s\S]*)$/.exec(text);
        if (m) {
            plan.warnings.push(m[1]);
        } else {
            warn(...args);
        }
    };
    const failed: unknown[] = [];
    const onRejection = (reason: unknown) => failed.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        const entry = require.resolve(path.join(root, "index"));
        delete require.cache[entry];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require(entry) as Record<string, unknown>;
        await waitForRegistrations();
        for (const [name, value] of Object.entries(program)) {
            if (value === undefined) {
                continue;
            }
            const settled = await settle(value);
            if (name === "endpoints") {
                plan.endpoints = (settled ?? {}) as Record<string, PlannedEndpoint>;
            } else if (settled !== undefined) {
                plan.outputs[name] = settled;
            }
        }
    } catch (e) {
        failed.push(e);
    } finally {
        console.warn = warn;
        process.off("unhandledRejection", onRejection);
    }
    if (failed.length > 0) {
        // The program's own errors (ValidationError is a RunError) carry their whole message; anything
        // else is a bug worth its stack trace.
        plan.error = failed.map((e) => (e instanceof pulumi.RunError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e))).join("\n");
    }
    return plan;
}

/** The URN of a provider reference (`<urn>::<id>`). */
function providerUrn(ref: string): string | undefined {
    const i = ref.lastIndexOf("::");
    return ref ? ref.slice(0, i) : undefined;
}

/**
 * Install waves: a custom resource is in wave 1 + the highest wave of what it waits for (the
 * resources its inputs and dependsOn name, with a component standing for everything under it, and
 * its provider); the engine creates every resource of a wave once the earlier waves are done.
 * A component's wave range is that of the resources under it.
 */
export function installWaves(resources: readonly Recorded[]): Map<string, { first: number; last: number }> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, Recorded[]>();
    for (const r of resources) {
        children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    const descendants = (urn: string): Recorded[] => (children.get(urn) ?? []).flatMap((c) => [c, ...descendants(c.urn)]);
    const waves = new Map<string, number>();
    const visiting = new Set<string>();
    const wave = (r: Recorded): number => {
        const known = waves.get(r.urn);
        if (known !== undefined) {
            return known;
        }
        if (visiting.has(r.urn)) {
            return 0;
        }
        visiting.add(r.urn);
        const waitsFor = [...r.dependencies, providerUrn(r.provider)].filter((u): u is string => !!u && byUrn.has(u));
        let highest = 0;
        for (const urn of waitsFor) {
            const d = byUrn.get(urn)!;
            const under = d.custom ? [d] : descendants(d.urn).filter((x) => x.custom);
            for (const x of under) {
                highest = Math.max(highest, wave(x));
            }
        }
        visiting.delete(r.urn);
        waves.set(r.urn, highest + 1);
        return highest + 1;
    };
    const ranges = new Map<string, { first: number; last: number }>();
    for (const r of resources) {
        if (r.custom) {
            const w = wave(r);
            ranges.set(r.urn, { first: w, last: w });
        }
    }
    for (const r of resources) {
        if (!r.custom) {
            const under = descendants(r.urn)
                .filter((x) => x.custom)
                .map((x) => ranges.get(x.urn)!.first);
            ranges.set(r.urn, under.length ? { first: Math.min(...under), last: Math.max(...under) } : { first: 0, last: 0 });
        }
    }
    return ranges;
}

/** The resources as a tree of parents and children; siblings in install order (wave, then registration). */
export function resourceTree(resources: readonly Recorded[]): string[] {
    const ranges = installWaves(resources);
    const order = new Map(resources.map((r, i) => [r.urn, i]));
    const children = new Map<string, Recorded[]>();
    for (const r of resources) {
        children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    const sorted = (list: Recorded[]) => [...list].sort((a, b) => ranges.get(a.urn)!.first - ranges.get(b.urn)!.first || order.get(a.urn)! - order.get(b.urn)!);
    const label = (r: Recorded) => {
        const { first, last } = ranges.get(r.urn)!;
        const wave = r.custom ? `[${first}]` : first === 0 ? "[-]" : first === last ? `[${first}]` : `[${first}-${last}]`;
        const flags = [r.protect ? "protected" : "", r.retainOnDelete ? "retained on delete" : ""].filter(Boolean);
        return `${wave} ${r.type} ${r.name}${flags.length ? ` (${flags.join(", ")})` : ""}`;
    };
    const lines: string[] = [];
    const walk = (parent: string, prefix: string) => {
        const list = sorted(children.get(parent) ?? []);
        list.forEach((r, i) => {
            const lastChild = i === list.length - 1;
            lines.push(`${prefix}${lastChild ? "└─ " : "├─ "}${label(r)}`);
            walk(r.urn, `${prefix}${lastChild ? "   " : "│  "}`);
        });
    };
    // Roots: no parent, or a parent that was never registered (the stack itself).
    const roots = resources.filter((r) => !r.parent || !order.has(r.parent));
    for (const r of sorted(roots)) {
        lines.push(label(r));
        walk(r.urn, "");
    }
    return lines;
}

/** The plan as text, for a person. */
export function formatPlan(plan: Plan): string {
    const lines: string[] = [];
    const file = path.relative(process.cwd(), plan.stackFile) || plan.stackFile;
    if (plan.error) {
        return `error: ${plan.error}\n`;
    }
    const custom = plan.resources.filter((r) => r.custom).length;
    const waves = Math.max(0, ...[...installWaves(plan.resources).values()].map((w) => w.last));
    lines.push(`Plan for stack ${plan.stack}: ${file} over Pulumi.yaml's defaults, run through index.ts under mocks (no Pulumi CLI, cloud or cluster).`);
    if (plan.standIns.length > 0) {
        lines.push(`Secrets stood in for (the plan never reads your secrets; set them with pulumi config set --secret): ${plan.standIns.join(", ")}.`);
    }
    lines.push("");
    lines.push(`Resources: ${custom} to create (and ${plan.resources.length - custom} components grouping them), in ${waves} install waves.`);
    lines.push("Tree of parents and children; siblings in install order. [n] is a resource's wave: the engine creates it once everything");
    lines.push("it waits for (its inputs, dependsOn, its provider) exists in earlier waves; [a-b] is the waves of a component's resources.");
    lines.push(...resourceTree(plan.resources));
    lines.push("");
    const names = Object.keys(plan.endpoints);
    lines.push(`Endpoints (${names.length}): the program's endpoints output, with KServe's status mocked as Ready and its URLs derived from the domain, scheme and templates the stack installs.`);
    for (const name of names) {
        const e = plan.endpoints[name];
        lines.push(`  ${name}`);
        lines.push(`    url          ${e.url ?? "-"}`);
        lines.push(`    predict      ${e.predictUrl ?? "-"}`);
        lines.push(`    internal     ${e.internalUrl ?? "-"}`);
        lines.push(`    protocol     ${e.protocol ?? "-"}`);
    }
    if (names.length === 0) {
        lines.push("  none: the stack declares no models.");
    }
    lines.push("");
    lines.push("Outputs:");
    for (const [name, value] of Object.entries(plan.outputs)) {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        lines.push(`  ${name}: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`);
    }
    lines.push("");
    lines.push(`Warnings (${plan.warnings.length}):`);
    lines.push(...(plan.warnings.length ? plan.warnings.map((w) => `  warning: ${w}`) : ["  none"]));
    return `${lines.join("\n")}\n`;
}
