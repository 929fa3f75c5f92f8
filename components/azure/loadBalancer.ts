import { fixedNames } from "../defaults";

/**
 * Annotations that put a LoadBalancer Service on an internal Azure load balancer (AKS and ARO),
 * with a fixed private address from a given subnet when asked.
 */
export function internalLoadBalancerAnnotations(privateIp?: string, subnetName?: string): Record<string, string> {
    return {
        [fixedNames.azureInternalLoadBalancer]: "true",
        ...(privateIp ? { [fixedNames.azureLoadBalancerIpv4]: privateIp } : {}),
        ...(subnetName ? { [fixedNames.azureLoadBalancerSubnet]: subnetName } : {}),
    };
}
