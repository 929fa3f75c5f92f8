import type { GatewayServiceType } from "./istio";

/** LLM serving on the platform (see {@link ServingPlatformArgs.llm}). */
export interface LlmPlatformArgs {
    /**
     * Install what KServe v0.20.0's LLMInferenceService needs: the Gateway API, Inference Extension
     * and llm-d CRDs (before istiod), istiod's Inference Extension support, the
     * `kserve-ingress-gateway` Gateway, the llmisvc charts and the `kserve-config-llm-*` presets.
     */
    enabled: boolean;
    /** The Service of the LLM Gateway, which Istio deploys. Defaults to a `LoadBalancer` without annotations. */
    gateway?: {
        /** Service type. Defaults to `LoadBalancer`. */
        serviceType?: GatewayServiceType;
        /** Service annotations, e.g. an internal Azure load balancer. */
        serviceAnnotations?: Record<string, string>;
    };
}
