import type { InferenceServiceSpec } from "./types";

/** One model, as declared in `kserve-platform:models` (design §3). */
export interface ModelDeclaration {
    /** InferenceService name: a DNS-1035 label, unique in the stack. */
    name: string;
    /** Namespace; defaults to the stack's model namespace. */
    namespace?: string;
    /** Labels of the InferenceService. */
    labels?: Record<string, string>;
    /** Annotations of the InferenceService. */
    annotations?: Record<string, string>;
    /** KServe v1beta1 InferenceServiceSpec, verbatim. */
    spec: InferenceServiceSpec;
    /**
     * Run the GPU components on spot GPU nodes by preference (docs/gpu.md): needs
     * `ModelsArgs.spot`, which adds the spot toleration and preferred node affinity.
     */
    spot?: boolean;
}
