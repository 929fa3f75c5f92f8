// Who scrapes the models, from KServePlatform's args (used by the models' network policies and the model auth policies).
import { metricsScraper, modelMetricsPorts, modelPlainTextScrapePorts } from "../monitoring/scrapers";
import type { ModelScraper } from "../serving/networkPolicy";
import type { KServePlatformArgs } from "./args";
import { llmNamespaces, llmScrapedPorts } from "./llmTraffic";

/** Whether models run with a queue-proxy and with sidecars: what decides the ports scraped. */
function scrapeShape(args: KServePlatformArgs): { knative: boolean; sidecars: boolean } {
    return { knative: args.platform.deploymentMode === "Knative", sidecars: args.platform.sidecarInjection };
}

/** The stack's metrics scraper and the model ports it scrapes; none without monitoring. */
export function modelScrapers(args: KServePlatformArgs): ModelScraper[] {
    const m = args.monitoring;
    if (!m) {
        return [];
    }
    const scraper = metricsScraper(m.api, m.openshift, m.prometheusNamespace);
    const llm = llmScrapedPorts(args);
    return [
        { namespace: scraper.namespace, podLabels: scraper.podLabels, ports: modelMetricsPorts(scrapeShape(args)) },
        ...(llm.length ? [{ namespace: scraper.namespace, podLabels: scraper.podLabels, ports: llm, namespaces: llmNamespaces(args) }] : []),
    ];
}

/** Model ports a plain-text scrape reaches through the sidecar, which the model's AuthorizationPolicy must allow. */
export function modelScrapedPlainTextPorts(args: KServePlatformArgs): number[] {
    return args.monitoring ? modelPlainTextScrapePorts(scrapeShape(args)) : [];
}
