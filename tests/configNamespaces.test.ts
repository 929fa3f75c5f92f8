import { expect } from "chai";
import { loadConfig } from "../config";
import { ValidationError } from "../components/common";
import { Harness } from "./harness";
import type * as servingModule from "../components/serving";

/** Why each namespace is refused (components/serving/checks.ts, README "Namespaces"). */
const kubernetes = (ns: string) =>
    `"${ns}" is a Kubernetes system namespace (kube-system, kube-public, kube-node-lease); the stack would label it and add its network policy and service accounts there; use a namespace of your own`;
const openshift = (ns: string) => `"${ns}" is an OpenShift system namespace (openshift, openshift-*); the stack would label it and grant an SCC to every service account in it; use a namespace of your own`;
const shared =
    '"default" is shared by everything deployed without a namespace and never created by the stack, yet the stack would fence every pod in it with its network policy, grant an SCC to all its service accounts (OpenShift) and leave it out of the mesh; use a namespace of your own (the stack creates it)';
const platform = (ns: string) => `"${ns}" belongs to the platform; use a namespace of your own (not cert-manager, istio-system, knative-operator, knative-serving, kserve, kserve-localmodel-jobs)`;

const spec = { predictor: { model: { modelFormat: { name: "sklearn" }, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model" } } };

function problems(values: Record<string, string>): string[] {
    try {
        loadConfig({ get: (k) => values[k] });
        return [];
    } catch (e) {
        return (e as ValidationError).problems.map((p) => `${p.subject}${p.path ? ` ${p.path}` : ""}: ${p.message}`);
    }
}

describe("config namespaces: models stay out of namespaces the stack does not own", () => {
    const refused: [string, string][] = [
        ["kube-system", kubernetes("kube-system")],
        ["kube-public", kubernetes("kube-public")],
        ["kube-node-lease", kubernetes("kube-node-lease")],
        ["openshift", openshift("openshift")],
        ["openshift-monitoring", openshift("openshift-monitoring")],
        ["default", shared],
        ["istio-system", platform("istio-system")],
        ["knative-serving", platform("knative-serving")],
    ];

    it("refuses them for models, each with its reason", () => {
        const models = refused.map(([ns], i) => ({ name: `m${i}`, namespace: ns, spec }));
        expect(problems({ models: JSON.stringify(models) })).to.deep.equal(refused.map(([, why], i) => `kserve-platform:models[${i}] "m${i}" namespace: ${why}`));
    });

    it("refuses them for modelNamespace, even before a model uses it", () => {
        for (const [ns, why] of refused) {
            expect(problems({ modelNamespace: ns }), ns).to.deep.equal([`kserve-platform:modelNamespace: ${why}`]);
        }
        expect(problems({ modelNamespace: "Team_A" })).to.deep.equal(['kserve-platform:modelNamespace: got "Team_A"; must be a DNS-1123 label of at most 63 characters']);
    });

    it("accepts namespaces of the user's own, including ones that merely look similar", () => {
        const models = ["team-a", "kube-models", "openshiftish", "defaults"].map((ns, i) => ({ name: `m${i}`, namespace: ns, spec }));
        expect(problems({ models: JSON.stringify(models), modelNamespace: "ml" })).to.deep.equal([]);
    });

    describe("from code, with the same rules and nothing registered", () => {
        const h = new Harness();
        let serving: typeof servingModule;
        before(async () => {
            await h.setup();
            serving = await import("../components/serving");
        });
        beforeEach(() => h.reset());

        it("InferenceService", async () => {
            expect(() => new serving.InferenceService("iris", { namespace: "kube-system", spec })).to.throw(ValidationError, `InferenceService "iris" namespace: ${kubernetes("kube-system")}`);
            await h.settle();
            expect(h.resources).to.deep.equal([]);
        });

        it("Models, for a model's namespace and for the default namespace it is given", async () => {
            let error: ValidationError | undefined;
            try {
                new serving.Models("models", { defaultNamespace: "default", models: [{ name: "a", spec }, { name: "b", namespace: "openshift-ingress", spec }] });
            } catch (e) {
                error = e as ValidationError;
            }
            expect(error!.problems.map((p) => `${p.subject} ${p.path}: ${p.message}`)).to.deep.equal([`models[0] "a" namespace: ${shared}`, `models[1] "b" namespace: ${openshift("openshift-ingress")}`]);
            expect(error!.message).to.match(/^Models "models" is invalid \(2 problems\)/);
            await h.settle();
            expect(h.resources).to.deep.equal([]);
        });
    });
});
