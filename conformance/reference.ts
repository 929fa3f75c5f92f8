/**
 * Finds KServe's published CRDs and default runtimes for `npm run conformance`. They are upstream
 * files, not part of this repository: without them the check stops with a message saying what is
 * missing and how to get it, instead of a stack trace from the first file it cannot read.
 */
import * as fs from "fs";
import * as path from "path";
import { versions } from "../components/versions";

/** The reference directory: $KSERVE_REFERENCE_DIR, else ../shared/kserve beside this checkout. */
export function referenceDir(): string {
    return process.env.KSERVE_REFERENCE_DIR || path.join(__dirname, "..", "..", "shared", "kserve");
}

/** Files the check reads (paths inside the reference directory). */
export const referenceFiles = ["crds/serving.kserve.io_inferenceservices.yaml", "crds/serving.kserve.io_llminferenceservices.yaml", "runtimes/kustomization.yaml"];

/** What is missing from `dir` and how to get it, or undefined when everything is there. */
export function missingReference(dir: string): string | undefined {
    const missing = referenceFiles.filter((f) => !fs.existsSync(path.join(dir, f)));
    if (missing.length === 0) {
        return undefined;
    }
    const tag = versions.kserve;
    return [
        `npm run conformance needs KServe ${tag}'s published CRDs and default runtimes, which this repository does not contain.`,
        `Missing in ${dir}: ${missing.join(", ")}.`,
        `Get them from github.com/kserve/kserve at tag ${tag} (config/crd/full → crds/, config/runtimes → runtimes/):`,
        `  git clone --depth 1 --branch ${tag} https://github.com/kserve/kserve.git /tmp/kserve-${tag}`,
        `  mkdir -p ${dir} && cp -r /tmp/kserve-${tag}/config/crd/full ${dir}/crds && cp -r /tmp/kserve-${tag}/config/runtimes ${dir}/runtimes`,
        "or set KSERVE_REFERENCE_DIR to a directory laid out that way.",
    ].join("\n");
}

/** The reference directory; prints what is missing and exits 1 when it is incomplete. */
export function requireReference(dir = referenceDir()): string {
    const message = missingReference(dir);
    if (message) {
        process.stderr.write(`${message}\n`);
        process.exit(1);
    }
    return dir;
}

if (require.main === module) {
    requireReference();
}

/**
 * The Gateway API and Inference Extension CRDs KServe's LLM path is tested with:
 * $GATEWAY_CRDS_DIR, else ../shared/crds beside this checkout (gateway-api-v1.5.1/,
 * gateway-api-inference-extension-v1.5.0/, the release manifests' CRDs).
 */
export function gatewayCrdsDir(): string {
    const dir = process.env.GATEWAY_CRDS_DIR || path.join(__dirname, "..", "..", "shared", "crds");
    const file = path.join(dir, `gateway-api-${versions.gatewayApi}`, "gateway.networking.k8s.io_gateways.yaml");
    if (!fs.existsSync(file)) {
        process.stderr.write(
            `npm run conformance needs the Gateway API ${versions.gatewayApi} CRDs: missing ${file}.\n` +
                `Get config/crd/standard/ of github.com/kubernetes-sigs/gateway-api at tag ${versions.gatewayApi} into ${path.dirname(file)}, or set GATEWAY_CRDS_DIR.\n`,
        );
        process.exit(1);
    }
    return dir;
}
