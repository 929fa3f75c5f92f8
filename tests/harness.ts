/**
 * Test harness over Pulumi's mocks: records everything `registerResource` receives (type, name,
 * parent, inputs, dependencies, protect/retain flags, replace options, provider), returns the
 * computed state a real cluster or cloud would, and runs the whole program for a stack file.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { charts } from "../components/versions";
import { azure, azureComputed, CallHandler, Computed, defaultCalls, kserveComputed, mockResponses, project, Recorded, recordRegistrations, waitForRegistrations } from "../scripts/plan/mocks";
import { secretKeys, stackConfig } from "../scripts/plan/stackConfig";

// The mocks themselves are shared with `npm run plan` (scripts/plan/mocks.ts).
export { azure, cluster, isSecretInput, project, readyIsvcStatus, readyLlmStatus, reveal, upstreamGraphStatus, upstreamHost } from "../scripts/plan/mocks";
export { secretKeys, stackConfig } from "../scripts/plan/stackConfig";
export type { CallHandler, Computed, Recorded } from "../scripts/plan/mocks";

/** The charts the platform installs on plain Kubernetes (Istio CNI is OpenShift's). */
export const kubernetesCharts = Object.entries(charts)
    .filter(([key]) => key !== "istioCni")
    .map(([, chart]) => chart);
export const root = path.join(__dirname, "..");

/** The node subnet the AKS tests put clusters in. */
export const testNodeSubnetId = `/subscriptions/${azure.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes`;

/** The arguments every AksCluster test starts from: a resource group, a region and {@link testNodeSubnetId}. */
export function aksTestArgs<T extends object>(extra: T): { resourceGroupName: string; location: string; nodeSubnetId: string } & T {
    return { resourceGroupName: "rg", location: "westeurope", nodeSubnetId: testNodeSubnetId, ...extra };
}

/**
 * Pulumi's runtime takes a stack trace for every promise it makes (`debuggablePromise`), and
 * ts-node's source-map-support maps each of them back to TypeScript: that mapping was almost half
 * of a program's run under mocks. Tests use V8's own traces, whose lines are the transpiled ones
 * (a line or two below the TypeScript's); `KSERVE_TEST_SOURCE_MAPS=1` keeps the mapped ones.
 */
function plainStackTraces(): void {
    if (process.env.KSERVE_TEST_SOURCE_MAPS !== "1") {
        (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
    }
}

export class Harness {
    readonly resources: Recorded[] = [];
    readonly calls: { token: string; inputs: any }[] = [];
    private readonly handlers = new Map<string, CallHandler>();
    private computed: Computed[] = [];

    /** What a KServe controller reports for an InferenceService, from the registrations so far. */
    private readonly kserveComputed: Computed = kserveComputed(this.resources);

    /** Installs the mocks (call before importing code that registers resources). */
    async setup(stack = "test", preview = false): Promise<void> {
        this.reset();
        plainStackTraces();
        await pulumi.runtime.setMocks(
            mockResponses(
                () => this.computed,
                (token) => this.handlers.get(token),
                (token, inputs) => this.calls.push({ token, inputs }),
            ),
            project,
            stack,
            preview,
        );
        recordRegistrations(this.resources);
    }

    reset(): void {
        this.resources.length = 0;
        this.calls.length = 0;
        this.handlers.clear();
        for (const [token, handler] of Object.entries(defaultCalls)) {
            this.handlers.set(token, handler);
        }
        this.computed = [this.kserveComputed, azureComputed];
    }

    /** Answers invokes of `token`. */
    onCall(token: string, handler: CallHandler): void {
        this.handlers.set(token, handler);
    }

    /** Adds computed state (outputs a cloud would fill in). */
    compute(c: Computed): void {
        this.computed.push(c);
    }

    /** Waits until every registration in flight has been made. */
    async settle(): Promise<void> {
        await waitForRegistrations();
    }

    /** All registrations of a type. */
    all(type: string): Recorded[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one registration of `type` named `name`; fails when there is not exactly one. */
    get(type: string, name: string): Recorded {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one ${type} named ${name}, found ${found.length}; registered: ${this.resources.map((r) => `${r.type}::${r.name}`).join(", ")}`);
        }
        return found[0];
    }

    /** The registration with this URN. */
    byUrn(urn: string): Recorded {
        const found = this.resources.find((r) => r.urn === urn);
        if (!found) {
            throw new Error(`no registration with URN ${urn}`);
        }
        return found;
    }

    /** URNs a registration depends on directly or through its dependencies. */
    transitiveDependencies(r: Recorded): Set<string> {
        const seen = new Set<string>();
        const stack = [...r.dependencies];
        while (stack.length) {
            const urn = stack.pop()!;
            if (!seen.has(urn)) {
                seen.add(urn);
                stack.push(...(this.resources.find((x) => x.urn === urn)?.dependencies ?? []));
            }
        }
        return seen;
    }
}

/** The value of an output. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/**
 * Runs index.ts for a stack under mocks and returns its exports. The harness must be set up for
 * that stack; config comes from the stack file (and `secrets` for its encrypted values).
 */
export async function runProgram(h: Harness, stack: string, secrets: Record<string, string> = {}, overrides: Record<string, string> = {}): Promise<Record<string, pulumi.Output<unknown>>> {
    pulumi.runtime.setAllConfig({ ...stackConfig(stack, secrets), ...overrides }, [...Object.keys(secrets), ...secretKeys()]);
    const entry = require.resolve("../index");
    delete require.cache[entry];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(entry) as Record<string, pulumi.Output<unknown>>;
    await h.settle();
    return program;
}

/** A stand-in resource (of type `test:index:Gate`) for something a component must wait for. */
export class Gate extends pulumi.CustomResource {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Gate", name, {}, opts);
    }
}
