// Rules over exposure: no public load balancer, no public API server, no shared keys on storage.
import { Environment, annotationPath, at, internalLoadBalancerAnnotation, isAzureType, isUnset, resourceTypes, stateOf } from "./common";

// ---------------------------------------------------------------------------------------------
// e. no-public-load-balancer
// ---------------------------------------------------------------------------------------------

/** True for a Helm chart reference to Istio's `gateway` chart (`gateway`, `istio/gateway`, `oci://…/gateway`). */
export function isGatewayChart(chart: unknown): boolean {
    return typeof chart === "string" && (chart === "gateway" || chart.endsWith("/gateway"));
}

/** Violations of `no-public-load-balancer` for one resource. */
export function loadBalancerViolations(type: string, props: unknown, environment: Environment): string[] {
    if (environment !== "prod") {
        return [];
    }
    if (type === resourceTypes.service) {
        if (at(props, "spec", "type") !== "LoadBalancer") {
            return [];
        }
        const internal = at(props, "metadata", "annotations", internalLoadBalancerAnnotation);
        return internal === "true"
            ? []
            : [
                  `${annotationPath("metadata.annotations", internalLoadBalancerAnnotation)} ${stateOf(internal)} on a Service of type LoadBalancer; ` +
                      'in prod load balancers must be internal: set the annotation to "true", or use type ClusterIP or NodePort',
              ];
    }
    if ((type === resourceTypes.helmRelease || type === resourceTypes.helmChart) && isGatewayChart(at(props, "chart"))) {
        const serviceType = at(props, "values", "service", "type");
        // The gateway chart's own default is a LoadBalancer Service.
        if ((serviceType ?? "LoadBalancer") !== "LoadBalancer") {
            return [];
        }
        const internal = at(props, "values", "service", "annotations", internalLoadBalancerAnnotation);
        return internal === "true"
            ? []
            : [
                  `${annotationPath("values.service.annotations", internalLoadBalancerAnnotation)} ${stateOf(internal)} while values.service.type ` +
                      `${isUnset(serviceType) ? "is unset (the gateway chart's default, LoadBalancer)" : "is LoadBalancer"}; ` +
                      'in prod the Istio gateway must sit behind an internal load balancer: set the annotation to "true", or values.service.type to ClusterIP or NodePort',
              ];
    }
    return [];
}

// ---------------------------------------------------------------------------------------------
// f. no-public-api-server
// ---------------------------------------------------------------------------------------------

/** Violations of `no-public-api-server` for one resource. */
export function apiServerViolations(type: string, props: unknown, environment: Environment): string[] {
    if (environment !== "prod") {
        return [];
    }
    if (isAzureType(type, "containerservice", "ManagedCluster")) {
        const privateCluster = at(props, "apiServerAccessProfile", "enablePrivateCluster");
        return privateCluster === true ? [] : [`apiServerAccessProfile.enablePrivateCluster ${stateOf(privateCluster)}; in prod the AKS API server must be private: set it to true`];
    }
    if (isAzureType(type, "redhatopenshift", "OpenShiftCluster")) {
        const visibility = at(props, "apiserverProfile", "visibility");
        return visibility === "Private" ? [] : [`apiserverProfile.visibility ${stateOf(visibility)}; in prod the ARO API server must be private: set it to "Private"`];
    }
    return [];
}

// ---------------------------------------------------------------------------------------------
// g. storage-no-shared-keys
// ---------------------------------------------------------------------------------------------

/** True for `TLS1_2` or a later `TLS<major>_<minor>`. */
export function isTls12OrLater(version: unknown): boolean {
    const match = typeof version === "string" ? /^TLS(\d+)_(\d+)$/.exec(version) : null;
    if (!match) {
        return false;
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    return major > 1 || (major === 1 && minor >= 2);
}

/** Violations of `storage-no-shared-keys` for one resource. */
export function storageAccountViolations(type: string, props: unknown): string[] {
    if (!isAzureType(type, "storage", "StorageAccount")) {
        return [];
    }
    const violations: string[] = [];
    const sharedKey = at(props, "allowSharedKeyAccess");
    if (sharedKey !== false) {
        // Unset is not enough: Azure's default is true.
        violations.push(`allowSharedKeyAccess ${stateOf(sharedKey)}${isUnset(sharedKey) ? " (Azure's default is true)" : ""}; set it to false so the account is reached with Entra ID only`);
    }
    const publicAccess = at(props, "allowBlobPublicAccess");
    if (publicAccess === true) {
        violations.push("allowBlobPublicAccess is true; it must be false or unset");
    }
    const tls = at(props, "minimumTlsVersion");
    if (!isTls12OrLater(tls)) {
        violations.push(`minimumTlsVersion ${stateOf(tls)}; allowed: TLS1_2 or later`);
    }
    return violations;
}
