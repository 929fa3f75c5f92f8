import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Harness, isSecretInput, promiseOf, reveal } from "./harness";
import type * as clusterModule from "../components/cluster";

const PROVIDER = "pulumi:providers:kubernetes";

describe("cluster: ExistingCluster", () => {
    const h = new Harness();
    let cluster: typeof clusterModule;

    before(async () => {
        await h.setup();
        cluster = await import("../components/cluster");
    });
    beforeEach(() => h.reset());

    it("builds a server-side-apply provider from inline kubeconfig content, kept secret", async () => {
        const content = "apiVersion: v1\nkind: Config\nclusters: []\n";
        const c = new cluster.ExistingCluster("c", { kubeconfig: content, context: "kind-kserve" });
        await h.settle();
        const p = h.get(PROVIDER, "c-k8s");
        expect(p.inputs.context).to.equal("kind-kserve");
        expect(isSecretInput(p.inputs.kubeconfig)).to.equal(true);
        expect(reveal(p.inputs.kubeconfig)).to.equal(content);
        expect(p.inputs.enableServerSideApply).to.equal("true");
        // What a destroy retained is adopted by the next up.
        expect(p.inputs.upsertExistingObjects).to.equal("true");
        expect(p.parent).to.equal(h.get("kserve-platform:cluster:ExistingCluster", "c").urn);
        expect(await pulumi.isSecret(c.kubeconfig!)).to.equal(true);
        expect(await promiseOf(c.kubeconfig!)).to.equal(content);
        expect(c.chartResource).to.equal("Release");
        expect(c.renderOnly).to.equal(false);
    });

    it("passes a kubeconfig path through for the provider to read", async () => {
        new cluster.ExistingCluster("c", { kubeconfig: "~/.kube/kind.yaml" });
        await h.settle();
        expect(reveal(h.get(PROVIDER, "c-k8s").inputs.kubeconfig)).to.equal("~/.kube/kind.yaml");
    });

    it("uses the ambient kubeconfig and current context when given none", async () => {
        const c = new cluster.ExistingCluster("c");
        await h.settle();
        const p = h.get(PROVIDER, "c-k8s");
        expect(p.inputs.kubeconfig).to.equal(undefined);
        expect(p.inputs.context).to.equal(undefined);
        expect(c.kubeconfig).to.equal(undefined);
    });

    it("renders manifests to a directory, with charts as helm v4 Chart", async () => {
        const c = new cluster.ExistingCluster("c", { renderYamlToDirectory: "rendered" });
        await h.settle();
        expect(h.get(PROVIDER, "c-k8s").inputs.renderYamlToDirectory).to.equal("rendered");
        expect(c.renderOnly).to.equal(true);
        expect(c.chartResource).to.equal("Chart");
    });
});
