/**
 * What LLMs add to a stack's traffic policies (components/stack/llmTraffic.ts), as pure functions of
 * KServePlatformArgs; tests/flows.test.ts proves over the rendered policies that the flows need them.
 */
import { expect } from "chai";
import type { ModelCallers } from "../components/auth/modelAuth";
import type { KServePlatformArgs } from "../components/stack/args";
import { llmAuthModels, llmNamespaces, llmsForMesh, llmScrapedPorts, schedulerServiceAccount } from "../components/stack/llmTraffic";
import type { LLMDeclaration } from "../components/serving/llm/models";

const model = { uri: "hf://facebook/opt-125m" };
const chat: LLMDeclaration = { name: "chat", namespace: "llm", spec: { model, router: { route: {}, gateway: {}, scheduler: { annotations: { "traffic.sidecar.istio.io/excludeInboundPorts": "5557" } } } } };
const direct: LLMDeclaration = { name: "direct", spec: { model, router: { route: {}, gateway: {} } } };
const stack = (o: { sidecars?: boolean; monitoring?: boolean; llms?: LLMDeclaration[] }): KServePlatformArgs =>
    ({ models: { models: [], llms: o.llms ?? [chat, direct], defaultNamespace: "models" }, platform: { sidecarInjection: o.sidecars ?? true }, monitoring: o.monitoring === false ? undefined : { api: "azure" } }) as unknown as KServePlatformArgs;

describe("stack: LLM traffic (scheduler identity, scrape ports, the scheduler's metrics port outside the sidecar)", () => {
    it("names the scheduler's service account as KServe does: the template's, else <name>-epp-sa (scheduler.go expectedSchedulerServiceAccount), none without a scheduler", () => {
        expect(schedulerServiceAccount(chat)).to.equal("chat-epp-sa");
        expect(schedulerServiceAccount(direct)).to.equal(undefined);
        expect(schedulerServiceAccount({ ...chat, spec: { model, router: { scheduler: { template: { serviceAccountName: "picker", containers: [] } } } } })).to.equal("picker");
        // kmeta.ChildName hashes what would pass 63 characters; the rule then takes any account of the namespace.
        expect(schedulerServiceAccount({ ...chat, name: "x".repeat(57) })).to.equal("*");
    });

    it("adds 9090 to the scheduler's excludeInboundPorts, keeping the LLM's own, only with sidecars and monitoring", () => {
        const [c, d] = llmsForMesh(stack({}))!;
        expect((c.spec.router as { scheduler: { annotations: Record<string, string> } }).scheduler.annotations).to.deep.equal({ "traffic.sidecar.istio.io/excludeInboundPorts": "5557,9090" });
        expect(d).to.equal(direct);
        expect(llmsForMesh(stack({ sidecars: false }))).to.deep.equal([chat, direct]);
        expect(llmsForMesh(stack({ monitoring: false }))).to.deep.equal([chat, direct]);
        expect(llmsForMesh(stack({ llms: [c] }))![0]).to.equal(c);
    });

    it("scrapes 8000 and 9090 in the LLMs' namespaces only, and nothing without LLMs or monitoring", () => {
        expect(llmScrapedPorts(stack({}))).to.deep.equal([8000, 9090]);
        expect(llmNamespaces(stack({}))).to.deep.equal(["llm", "models"]);
        expect(llmScrapedPorts(stack({ llms: [] }))).to.deep.equal([]);
        expect(llmScrapedPorts(stack({ monitoring: false }))).to.deep.equal([]);
    });

    it("gives an LLM's policies vLLM's scrape port and its scheduler's principal; InferenceServices keep theirs", () => {
        const callers = (name: string, namespace: string): ModelCallers => ({ name, namespace, audiences: ["api"], claims: {} });
        const [c, d, isvc] = llmAuthModels(stack({}), [callers("chat", "llm"), callers("direct", "models"), callers("iris", "llm")]);
        expect(c).to.deep.include({ scrapedPorts: [8000], metricsCallers: ["cluster.local/ns/llm/sa/chat-epp-sa"] });
        expect(d).to.deep.include({ scrapedPorts: [8000] }).and.not.have.property("metricsCallers");
        expect(isvc).to.deep.equal(callers("iris", "llm"));
        expect(llmAuthModels(stack({ monitoring: false }), [callers("chat", "llm")])[0]).to.not.have.property("scrapedPorts");
    });
});
