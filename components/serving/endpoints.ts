import type { ProtocolVersion } from "./types";

/** Where a model answers, as the stack output `endpoints` shows it. */
export interface ModelEndpoint {
    /** External URL from the InferenceService's `status.url`. */
    url?: string;
    /** In-cluster URL from `status.address.url`. */
    internalUrl?: string;
    /** The protocol the predictor serves. */
    protocol: ProtocolVersion;
    /**
     * Ready-to-call inference endpoint: for `v1` `<url>/v1/models/<name>:predict`, for `v2`
     * `<url>/v2/models/<name>/infer`; for gRPC the `host:port` target (service
     * `inference.GRPCInferenceService` for grpc-v2, TensorFlow's `PredictionService` for grpc-v1).
     */
    predictUrl?: string;
    /** True when the InferenceService reports condition Ready=True. */
    ready: boolean;
}

/** The inference endpoint of a model served at `url` with `protocol`. */
export function predictUrl(url: string | undefined, modelName: string, protocol: ProtocolVersion): string | undefined {
    if (!url) {
        return undefined;
    }
    const base = url.replace(/\/+$/, "");
    switch (protocol) {
        case "v1":
            return `${base}/v1/models/${modelName}:predict`;
        case "v2":
            return `${base}/v2/models/${modelName}/infer`;
        case "grpc-v1":
        case "grpc-v2": {
            const parsed = new URL(base);
            return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
        }
    }
}
