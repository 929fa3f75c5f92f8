// Host names the ingress layers (Istio, the Application Gateway) and the models agree on.

/** Host names of the public listeners: every model host is one label under the domain. */
export function wildcardHost(domain: string): string {
    return `*.${domain}`;
}
