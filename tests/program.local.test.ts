import { expect } from "chai";
import { Harness, promiseOf, runProgram } from "./harness";
import { charts } from "../components/versions";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const KNATIVE = "kubernetes:operator.knative.dev/v1beta1:KnativeServing";

describe("program: local stack", () => {
    const h = new Harness();
    let outputs: Record<string, any>;

    before(async () => {
        await h.setup("local");
        outputs = await runProgram(h, "local");
    });

    it("installs one Release per chart, at the pinned versions", () => {
        const byChart = Object.fromEntries(h.all(RELEASE).map((r) => [r.inputs.chart, r.inputs]));
        expect(Object.keys(byChart)).to.have.members(Object.values(charts).map((c) => c.chart));
        for (const c of Object.values(charts)) {
            expect(byChart[c.chart].version, c.chart).to.equal("version" in c ? c.version : undefined);
        }
        expect(h.all(RELEASE)).to.have.length(Object.keys(charts).length);
    });

    it("declares the KnativeServing CR and one InferenceService per model", () => {
        expect(h.all(KNATIVE)).to.have.length(1);
        expect(h.all(ISVC).map((r) => r.inputs.metadata.name)).to.deep.equal(["sklearn-iris"]);
    });

    it("exports endpoints taken from the InferenceService status", async () => {
        expect(await promiseOf(outputs.endpoints)).to.deep.equal({
            "sklearn-iris": {
                url: "http://sklearn-iris-models.example.com",
                internalUrl: "http://sklearn-iris-predictor.models.svc.cluster.local",
                protocol: "v1",
                predictUrl: "http://sklearn-iris-models.example.com/v1/models/sklearn-iris:predict",
                ready: true,
            },
        });
    });
});
