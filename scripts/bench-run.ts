// One benchmark measurement in a fresh process (see bench.ts): evaluates either the whole program
// with N models from stack config, or N raw CustomResources, under Pulumi's mocks.
import * as pulumi from "@pulumi/pulumi";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");

const [mode, countText] = process.argv.slice(2);
const count = Number(countText);

function model(i: number) {
    return {
        name: `model-${i}`,
        spec: {
            predictor: {
                minReplicas: 0,
                maxReplicas: 3,
                model: { modelFormat: { name: "sklearn" }, storageUri: `gs://bucket/models/${i}`, resources: { requests: { cpu: "100m", memory: "256Mi" } } },
            },
        },
    };
}

async function main(): Promise<void> {
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => ({
                id: `${args.name}-id`,
                state:
                    args.type === "kubernetes:serving.kserve.io/v1beta1:InferenceService"
                        ? { ...args.inputs, status: { url: `http://${args.name}-models.example.com`, address: { url: "http://x" }, conditions: [{ type: "Ready", status: "True" }] } }
                        : args.inputs,
            }),
            call: () => ({}),
        },
        "kserve-platform",
        "bench",
    );
    const models = Array.from({ length: count }, (_, i) => model(i));
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    pulumi.runtime.setAllConfig({ "kserve-platform:models": JSON.stringify(models) });
    if (mode === "program") {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require("../index") as { endpoints: pulumi.Output<unknown> };
        await new Promise((resolve) => program.endpoints.apply(resolve));
    } else {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("./bench-raw-program");
    }
    await settings.waitForRPCs();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const heapAfter = process.memoryUsage().heapUsed;
    process.stdout.write(JSON.stringify({ mode, count, seconds, heapMiB: (heapAfter - heapBefore) / 2 ** 20 }) + "\n");
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
