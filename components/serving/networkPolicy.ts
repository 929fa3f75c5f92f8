/**
 * The ingress rules of a model namespace's NetworkPolicy for the pods that scrape its metrics.
 * NetworkPolicy peers (kubernetes/api networking/v1): `namespaceSelector` and `podSelector` in one
 * peer must both match; the rule's `ports` limit it to the metrics ports, never the serving ones.
 */

/** Pods that scrape the model pods' metrics, and the ports they scrape. */
export interface ModelScraper {
    /** Namespace of the scraping pods. */
    namespace: string;
    /** Labels of the scraping pods; unset: any pod of the namespace. */
    podLabels?: Record<string, string>;
    /** Container ports scraped (queue-proxy 9091, Envoy 15090, the model server's port without sidecars). */
    ports: readonly number[];
    /** Only in these model namespaces (an LLM's ports where LLMs are declared); unset: in every one. */
    namespaces?: readonly string[];
}

/** One ingress rule per scraper of model namespace `namespace`: its namespace (and pods), on its metrics ports only. */
export function scraperIngressRules(scrapers: readonly ModelScraper[], namespace?: string): Record<string, unknown>[] {
    return scrapers
        .filter((s) => s.ports.length > 0 && (!s.namespaces || namespace === undefined || s.namespaces.includes(namespace)))
        .map((s) => ({
            from: [
                {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": s.namespace } },
                    ...(s.podLabels ? { podSelector: { matchLabels: s.podLabels } } : {}),
                },
            ],
            ports: s.ports.map((port) => ({ protocol: "TCP", port })),
        }));
}
