// Who scrapes the models, from the stack config (used by modelsArgs and the model auth policies).
import type { StackConfig } from "../config";
import { metricsScraper, modelMetricsPorts, modelPlainTextScrapePorts } from "./scrapers";
import type { ModelScraper } from "../serving/networkPolicy";

/** Whether models run with a queue-proxy and with sidecars: what decides the ports scraped. */
function scrapeShape(config: StackConfig): { knative: boolean; sidecars: boolean } {
    return { knative: config.deploymentMode === "Knative", sidecars: config.sidecarInjection };
}

/** The stack's metrics scraper and the model ports it scrapes; none without monitoring. */
export function modelScrapers(config: StackConfig): ModelScraper[] {
    const m = config.monitoring;
    if (!m) {
        return [];
    }
    const scraper = metricsScraper(m.api, m.openshift, m.prometheusNamespace);
    return [{ namespace: scraper.namespace, podLabels: scraper.podLabels, ports: modelMetricsPorts(scrapeShape(config)) }];
}

/** Model ports a plain-text scrape reaches through the sidecar, which the model's AuthorizationPolicy must allow. */
export function modelScrapedPlainTextPorts(config: StackConfig): number[] {
    return config.monitoring ? modelPlainTextScrapePorts(scrapeShape(config)) : [];
}
