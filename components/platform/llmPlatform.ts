/** LLM serving on the platform (see {@link ServingPlatformArgs.llm}). */
export interface LlmPlatformArgs {
    /**
     * Install what KServe v0.20.0's LLMInferenceService needs: the Gateway API, Inference Extension
     * and llm-d CRDs (before istiod), istiod's Inference Extension support, the
     * `kserve-ingress-gateway` Gateway (served by the Istio ingress gateway), the llmisvc charts and
     * the `kserve-config-llm-*` presets.
     */
    enabled: boolean;
    /**
     * DNS name of the Istio ingress gateway Service that serves LLM routes. Defaults to the
     * platform's `istio-ingressgateway` in Istio's namespace; set it when `istio: false`.
     */
    ingressService?: string;
}
