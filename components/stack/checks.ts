// Rules across KServePlatform's args, which no single child sees: checked before anything is registered.
import type { Problem } from "../common";
import type { KServePlatformArgs } from "./args";

/**
 * Why an InferenceGraph is refused under model auth (`setting`: the key or arg that turns it on).
 * KServe v0.20.0's router forwards only the headers `router.headers.propagate` of `inferenceservice-config` lists
 * (cmd/router/main.go), which the kserve-resources chart leaves out and offers no value for
 * (charts/kserve-resources/files/common/configmap-patch.yaml), so each step sees a call without a
 * token and its AuthorizationPolicy refuses it. The config layer reports the same per entry.
 */
export function graphUnderAuthMessage(setting: string): string {
    return `an InferenceGraph cannot call models that ${setting} guards: KServe's router forwards no Authorization header to its steps (inferenceservice-config router.headers.propagate is empty), so every step would refuse it; serve graphs from a stack without ${setting}`;
}

/** Problems of the args as a whole (see {@link graphUnderAuthMessage}). */
export function platformArgsProblems(args: KServePlatformArgs): Problem[] {
    if (!args.auth) {
        return [];
    }
    return (args.models.graphs ?? []).map((g, i) => ({
        subject: `models.graphs[${i}] "${g.name}"`,
        path: "",
        message: graphUnderAuthMessage("auth"),
    }));
}
