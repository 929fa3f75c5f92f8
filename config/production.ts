/** What a prod stack must not run without. */
import { ConfigKeyName } from "./schema";
import { Reader } from "./reader";
import type { StackConfig } from "./types";

/** `environment: prod` requires the hardening a production stack must not run without, all reported at once. */
export function checkProductionBaseline(r: Reader, config: StackConfig): void {
    if (config.environment !== "prod") {
        return;
    }
    const needs = (key: ConfigKeyName, ok: boolean, what: string) => {
        if (!ok) {
            r.problem(key, `a prod stack needs ${what}`);
        }
    };
    if (config.aks) {
        needs("aksPrivateCluster", config.aks.privateCluster, "a private API server; set true");
    }
    if (config.aro) {
        needs("aroApiVisibility", config.aro.apiVisibility === "Private", "a private API server; set Private");
    }
    needs("ingressInternal", config.ingressInternal, "the ingress gateway on an internal load balancer (public traffic goes through the Application Gateway); set true");
    needs("meshMtlsMode", config.meshMtlsMode === "STRICT", "mutual TLS everywhere in the mesh; set STRICT");
    needs("modelNetworkPolicies", config.modelNetworkPolicies, "network policies around model namespaces; set true");
    needs("requireMinReplicas", config.requireMinReplicas, "models that do not scale to zero unless annotated; set true");
    needs("protectCrds", config.protectCrds, "the KServe CRDs protected (deleting them deletes every InferenceService); set true");
}
