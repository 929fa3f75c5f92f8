import { expect } from "chai";
import { metricsScraper, modelMetricsPorts, modelPlainTextScrapePorts } from "../components/monitoring/scrapers";
import { scraperIngressRules } from "../components/serving/networkPolicy";

describe("monitoring: who scrapes the models, and on which ports", () => {
    it("scrapes the queue-proxy (9091) and, with sidecars, Envoy (15090) instead of the model server (8080)", () => {
        // knative/serving knative-v1.21.3 pkg/networking/constants.go UserQueueMetricsPort 9091; istio
        // injection-template.yaml http-envoy-prom 15090; kserve v0.20.0 InferenceServiceDefaultHttpPort 8080.
        expect(modelMetricsPorts({ knative: true, sidecars: true })).to.deep.equal([9091, 15090]);
        expect(modelMetricsPorts({ knative: true, sidecars: false })).to.deep.equal([8080, 9091]);
        expect(modelMetricsPorts({ knative: false, sidecars: true })).to.deep.equal([15090]);
        expect(modelMetricsPorts({ knative: false, sidecars: false })).to.deep.equal([]);
    });

    it("needs an Istio rule only for the captured ports: 9091 with sidecars; 15090 is never captured (istio-iptables -d 15090,15021,15020)", () => {
        expect(modelPlainTextScrapePorts({ knative: true, sidecars: true })).to.deep.equal([9091]);
        expect(modelPlainTextScrapePorts({ knative: true, sidecars: false })).to.deep.equal([]);
        expect(modelPlainTextScrapePorts({ knative: false, sidecars: true })).to.deep.equal([]);
    });

    it("scrapes from ama-metrics in kube-system on AKS, user-workload monitoring on OpenShift, the operator's namespace elsewhere", () => {
        // Azure/prometheus-collector ama-metrics-deployment.yaml (rsName: ama-metrics); openshift/cluster-monitoring-operator.
        expect(metricsScraper("azure", false, "monitoring")).to.deep.include({ namespace: "kube-system", podLabels: { rsName: "ama-metrics" } });
        expect(metricsScraper("operator", true, "monitoring")).to.deep.include({ namespace: "openshift-user-workload-monitoring" });
        expect(metricsScraper("operator", true, "monitoring").podLabels).to.equal(undefined);
        expect(metricsScraper("operator", false, "observability").namespace).to.equal("observability");
    });

    it("admits each scraper by namespace AND pods (one peer), on its ports only, and nothing for a scraper without ports", () => {
        expect(
            scraperIngressRules([
                { namespace: "kube-system", podLabels: { rsName: "ama-metrics" }, ports: [9091, 15090] },
                { namespace: "monitoring", ports: [9091] },
                { namespace: "idle", ports: [] },
            ]),
        ).to.deep.equal([
            {
                from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { rsName: "ama-metrics" } } }],
                ports: [
                    { protocol: "TCP", port: 9091 },
                    { protocol: "TCP", port: 15090 },
                ],
            },
            { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }], ports: [{ protocol: "TCP", port: 9091 }] },
        ]);
    });
});
