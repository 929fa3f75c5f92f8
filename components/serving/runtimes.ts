import type { ProtocolVersion } from "./types";

/** One `supportedModelFormats` entry of a ClusterServingRuntime. */
export interface SupportedModelFormat {
    readonly name: string;
    readonly version?: string;
    readonly autoSelect: boolean;
}

/** What KServe needs to know of a ClusterServingRuntime to select it for a model. */
export interface RuntimeFacts {
    readonly formats: readonly SupportedModelFormat[];
    /** Protocols served; empty means any (KServe treats a runtime without `protocolVersions` so). */
    readonly protocols: readonly ProtocolVersion[];
    /** Runtime with worker pods (selected only for predictors with a `workerSpec`). */
    readonly multiNode: boolean;
    /** A disabled runtime is never auto-selected, and a model naming it fails (`reconcileModel`). */
    readonly disabled?: boolean;
    /** A ModelMesh runtime is never selected for a single-model InferenceService (`GetSupportingRuntimes`). */
    readonly multiModel?: boolean;
}

const auto = (name: string, version?: string): SupportedModelFormat => ({ name, version, autoSelect: true });
const manual = (name: string, version?: string): SupportedModelFormat => ({ name, version, autoSelect: false });

/**
 * The ClusterServingRuntimes `kserve-runtime-configs` v0.20.0 installs (KServe `config/runtimes`,
 * `kserve-openvino` excluded as the chart does). The conformance check proves this table against
 * the upstream runtime manifests.
 */
export const defaultRuntimes: Readonly<Record<string, RuntimeFacts>> = {
    "kserve-autogluonserver": { formats: [auto("autogluon", "1")], protocols: ["v1", "v2"], multiNode: false },
    "kserve-huggingfaceserver": { formats: [auto("huggingface", "1")], protocols: ["v2", "v1"], multiNode: false },
    "kserve-huggingfaceserver-multinode": { formats: [auto("huggingface", "1")], protocols: ["v2", "v1"], multiNode: true },
    "kserve-lgbserver": { formats: [auto("lightgbm", "4")], protocols: ["v1", "v2"], multiNode: false },
    "kserve-mlserver": {
        formats: [
            auto("sklearn", "0"), auto("sklearn", "1"), auto("xgboost", "1"), auto("xgboost", "2"),
            auto("lightgbm", "3"), auto("lightgbm", "4"), auto("mlflow", "1"), auto("mlflow", "2"),
        ],
        protocols: ["v2"],
        multiNode: false,
    },
    "kserve-paddleserver": { formats: [auto("paddle", "2")], protocols: ["v1", "v2"], multiNode: false },
    "kserve-pmmlserver": { formats: [auto("pmml", "3"), auto("pmml", "4")], protocols: ["v1", "v2"], multiNode: false },
    "kserve-predictiveserver": {
        formats: [manual("sklearn", "1"), manual("xgboost", "2"), manual("lightgbm", "4")],
        protocols: ["v1", "v2"],
        multiNode: false,
    },
    "kserve-sklearnserver": { formats: [auto("sklearn", "1")], protocols: ["v1", "v2"], multiNode: false },
    "kserve-tensorflow-serving": { formats: [auto("tensorflow", "1"), auto("tensorflow", "2")], protocols: ["v1", "grpc-v1"], multiNode: false },
    "kserve-torchserve": { formats: [auto("pytorch", "1")], protocols: ["v1", "v2", "grpc-v2"], multiNode: false },
    "kserve-tritonserver": {
        formats: [
            auto("tensorrt", "8"), auto("tensorflow", "1"), auto("tensorflow", "2"), auto("onnx", "1"),
            manual("pytorch", "1"), auto("triton", "2"),
        ],
        protocols: ["v2", "grpc-v2"],
        multiNode: false,
    },
    "kserve-vllmserver": { formats: [auto("vLLM", "1")], protocols: [], multiNode: false },
    "kserve-xgbserver": { formats: [auto("xgboost", "2")], protocols: ["v1", "v2"], multiNode: false },
};

/** The model as runtime selection sees it. */
export interface RuntimeQuery {
    readonly format: { name: string; version?: string };
    readonly protocol: ProtocolVersion;
    readonly multiNode: boolean;
    /** Explicit runtime name; when set, formats match whether or not they auto-select. */
    readonly runtime?: string;
}

/** True when `facts` serves the model, with KServe's matching rules (`predictor_model.go`). */
export function runtimeServes(facts: RuntimeFacts, query: RuntimeQuery): boolean {
    const labels = new Set<string>();
    for (const f of facts.formats) {
        if (query.runtime !== undefined || f.autoSelect) {
            labels.add(f.name);
            if (f.version !== undefined) {
                labels.add(`${f.name}:${f.version}`);
            }
        }
    }
    const wanted = query.format.version === undefined ? query.format.name : `${query.format.name}:${query.format.version}`;
    const protocolOk = facts.protocols.length === 0 || facts.protocols.includes(query.protocol);
    return labels.has(wanted) && protocolOk && facts.multiNode === query.multiNode;
}

/** Names of the default runtimes KServe would auto-select for the model. */
export function selectableDefaultRuntimes(query: RuntimeQuery): string[] {
    return Object.entries(defaultRuntimes)
        .filter(([, facts]) => runtimeServes(facts, query))
        .map(([name]) => name);
}

/** The runtimes a stack declares, as model validation looks them up (KServe's `GetServingRuntime`: namespace first). */
export interface DeclaredRuntimes {
    /** ClusterServingRuntimes by name. */
    cluster: Readonly<Record<string, RuntimeFacts>>;
    /** ServingRuntimes by namespace, then name. */
    namespaced: Readonly<Record<string, Readonly<Record<string, RuntimeFacts>>>>;
}
