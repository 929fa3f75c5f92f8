/**
 * The protocol a predictor ends up with once KServe v0.20.0 has defaulted it: the mutating webhook
 * (`inference_service_defaults.go` `setPredictorModelDefaults`) and the controller
 * (`components/predictor.go` `reconcileModel`, `SetRuntimeDefaults`) fill in `protocolVersion`
 * when the spec leaves it out, so the endpoint's predict URL must follow the same rules.
 */
import { isRecord } from "../common";
import { frameworkFields } from "./fields";
import { defaultRuntimes } from "./runtimes";
import type { ProtocolVersion } from "./types";

export const protocolVersions: readonly ProtocolVersion[] = ["v1", "v2", "grpc-v1", "grpc-v2"];

/** Legacy framework keys the defaulter gives `v2` when they name no protocol (`assign<Framework>Runtime`). */
const legacyV2Frameworks = ["triton", "onnx", "huggingface"];
/** `modelFormat.name` values the defaulter gives `v2` (constants `SupportedModelTriton`, `SupportedModelVLLM`; case-sensitive). */
const v2ModelFormats = ["triton", "vLLM"];
/** Server types by runtime name (constants `GetServerTypeFromRuntimeName`) whose `Set<Server>Defaults` pick a protocol. */
const serverTypeProtocol: Record<string, ProtocolVersion> = { "kserve-mlserver": "v2", "kserve-tritonserver": "v2", "kserve-torchserve": "v1" };

function isProtocol(value: unknown): value is ProtocolVersion {
    return typeof value === "string" && (protocolVersions as readonly string[]).includes(value);
}

/**
 * The protocol of a `model` after the mutating webhook: its `protocolVersion`, else `v2` for
 * modelFormat triton/vLLM, else none (the controller decides from the runtime).
 */
export function declaredModelProtocol(model: Record<string, unknown>): ProtocolVersion | undefined {
    if (isProtocol(model.protocolVersion)) {
        return model.protocolVersion;
    }
    const format = isRecord(model.modelFormat) ? model.modelFormat.name : undefined;
    return typeof format === "string" && v2ModelFormats.includes(format) ? "v2" : undefined;
}

/** The PROTOCOL env value of a container, if any. */
function protocolEnv(container: unknown): unknown {
    if (!isRecord(container) || !Array.isArray(container.env)) {
        return undefined;
    }
    const env: unknown = (container.env as unknown[]).find((e) => isRecord(e) && e.name === "PROTOCOL");
    return isRecord(env) ? (env.value ?? "") : undefined;
}

/**
 * The protocol the predictor serves once KServe has defaulted it. A runtime the platform does not
 * know (a user's own ServingRuntime) counts as `v1`, KServe's `ModelSpec.GetProtocol` fallback.
 */
export function predictorProtocol(predictor: Record<string, unknown>): ProtocolVersion {
    for (const key of frameworkFields) {
        const impl = predictor[key];
        if (isRecord(impl)) {
            return isProtocol(impl.protocolVersion) ? impl.protocolVersion : legacyV2Frameworks.includes(key) ? "v2" : "v1";
        }
    }
    const model = predictor.model;
    if (isRecord(model)) {
        const declared = declaredModelProtocol(model);
        if (declared) {
            return declared;
        }
        const runtime = typeof model.runtime === "string" ? model.runtime : undefined;
        if (runtime === undefined) {
            // Auto-selection looks for a runtime serving v1; the selected one keeps v1.
            return "v1";
        }
        const facts = defaultRuntimes[runtime];
        // The controller takes the server type's default, else the runtime's first protocol in
        // KServe's order v1 < v2 < grpc-v1 < grpc-v2 (`GetProtocolVersionPriority`).
        return serverTypeProtocol[runtime] ?? protocolVersions.find((p) => facts?.protocols.includes(p)) ?? "v1";
    }
    // Custom containers (`CustomPredictor.GetProtocol`): a collocated transformer's PROTOCOL wins,
    // else the first container's.
    const containers: unknown[] = Array.isArray(predictor.containers) ? predictor.containers : [];
    const transformer: unknown = containers.find((c) => isRecord(c) && c.name === "transformer-container");
    const value = protocolEnv(transformer ?? containers[0]);
    return isProtocol(value) ? value : "v1";
}
