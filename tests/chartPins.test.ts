import { expect } from "chai";
import { Harness } from "./harness";
import { charts, clusterAddonCharts, llmCharts } from "../components/versions";
import { pinnedCharts, renderedReleases } from "../scripts/chart-pins";

// What the chart-pins workflow hands to Helm (issue 15 §5): every pin, and every release a stack renders.
describe("chart pins for Helm", () => {
    it("lists every chart pinned in components/versions.ts once", () => {
        const pins = pinnedCharts().map((c) => c.chart);
        for (const c of [...Object.values(charts), ...Object.values(clusterAddonCharts), ...Object.values(llmCharts)]) {
            expect(pins, c.chart).to.include(c.chart);
        }
        expect(new Set(pins).size).to.equal(pins.length);
    });

    it("records each release of the local stack with LLM serving on with its chart, version, repository and values", async () => {
        const h = new Harness();
        const releases = await renderedReleases(h, "local-llm");
        const byName = Object.fromEntries(releases.map((r) => [r.releaseName, r]));
        expect(Object.keys(byName)).to.include.members(["istiod", "kserve-resources", "kserve-llmisvc-crd", "kserve-llmisvc-resources", "kserve-runtime-configs"]);
        expect(byName.istiod).to.deep.include({ namespace: "istio-system", chart: "istiod", version: "1.30.3", repo: "https://istio-release.storage.googleapis.com/charts" });
        expect((byName.istiod.values as { env: unknown }).env).to.deep.equal({ ENABLE_GATEWAY_API_INFERENCE_EXTENSION: "true" });
        expect(byName["kserve-llmisvc-resources"]).to.deep.include({ chart: "oci://ghcr.io/kserve/charts/kserve-llmisvc-resources", version: "v0.20.0", repo: "" });
    });
});
