/**
 * An evaluator of the traffic policies a stack renders: Kubernetes NetworkPolicies and Istio
 * PeerAuthentications, RequestAuthentications and AuthorizationPolicies. It decides whether one
 * hop (a connection from a source pod to a destination pod's port, with or without mTLS and a
 * token) is admitted, and why not. Semantics, from the upstream API definitions:
 *
 * - NetworkPolicy (kubernetes/api networking/v1 types.go, kubernetes/website
 *   content/en/docs/concepts/services-networking/network-policies.md): a pod is isolated for ingress
 *   only when some policy in its namespace selects it and has `Ingress` in `policyTypes` (unset
 *   means `Ingress`, plus `Egress` when egress rules exist); policies are additive (a connection is
 *   admitted when any rule of any selecting policy admits it); a rule without `from` admits every
 *   source, without `ports` every port; a peer with only `podSelector` selects pods of the policy's
 *   own namespace; `namespaceSelector` and `podSelector` in one peer are ANDed; `endPort` makes a
 *   range. The same holds for egress with `to`.
 * - PeerAuthentication (istio/api release-1.31 security/v1beta1/peer_authentication.proto): the
 *   workload-selector policy of the destination's namespace wins over the namespace-wide one, which
 *   wins over the mesh-wide one in the root namespace; `portLevelMtls` only on policies with a
 *   selector; STRICT refuses plain text; unset means PERMISSIVE.
 * - RequestAuthentication (istio/api release-1.31 security/v1beta1/request_authentication.proto):
 *   a request with an invalid token (issuer of no rule, or an audience outside the rule's list) is
 *   refused; a request without a token is accepted without a request principal, and authorization
 *   decides.
 * - AuthorizationPolicy (istio/api release-1.31 security/v1beta1/authorization_policy.proto):
 *   CUSTOM, then DENY, then ALLOW; when any ALLOW policy applies to the workload, a request that
 *   matches none of their rules is denied; an ALLOW policy without rules matches nothing; inside a
 *   rule `from`, `to` and `when` are ANDed, their list entries ORed, the fields of one entry ANDed;
 *   `principals` and `namespaces` need mTLS (plain text carries no peer identity);
 *   `requestPrincipals` (`<iss>/<sub>`) need a valid token; strings match exactly, by `*` prefix or
 *   suffix, or `*` for presence. Policies of the root namespace apply mesh-wide.
 * - Ports the sidecar does not capture reach the application without any Istio policy: Envoy's
 *   Prometheus port 15090 and the health port 15021 (istio/istio release-1.31
 *   manifests/charts/istio-control/istio-discovery/files/injection-template.yaml: istio-iptables
 *   `-d 15090,15021,15020` plus `traffic.sidecar.istio.io/excludeInboundPorts`).
 *
 * Fields the evaluator does not understand throw, so a policy it cannot read is never taken as
 * admitting or refusing by accident.
 */

/** A label selector (`matchLabels`, `matchExpressions`). */
export interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

/** A pod, as policies see it. */
export interface Pod {
    namespace: string;
    /** Pod labels. */
    labels: Record<string, string>;
    /** Service account (for the mTLS principal `cluster.local/ns/<ns>/sa/<sa>`). */
    serviceAccount?: string;
    /** Has an Istio proxy (sidecar or gateway): sends mTLS within the mesh, and enforces Istio policy on inbound. */
    proxy: boolean;
    /** Inbound ports excluded from capture by `traffic.sidecar.istio.io/excludeInboundPorts`. */
    excludeInboundPorts?: number[];
}

/** A JWT a request carries. */
export interface Token {
    iss: string;
    sub: string;
    aud: string[];
    claims?: Record<string, string | string[]>;
}

/** One connection and request, from a pod (or from outside the cluster) to a pod's port. */
export interface Hop {
    /** The calling pod; `external` for a client outside the cluster (its address is `ip`). */
    from: Pod | { external: true; ip: string };
    /** The called pod, or an address outside the cluster. */
    to: Pod | { external: true; ip: string; port: number };
    /** Container port number (omit for an external destination). */
    port?: number;
    /** Its name, when a policy names ports. */
    portName?: string;
    /** HTTP request path and method; omitted for plain TCP. */
    path?: string;
    method?: string;
    /** Request headers the policies may look at. */
    headers?: Record<string, string>;
    /** The JWT in `Authorization: Bearer`. */
    token?: Token;
}

/** The rendered policy objects (manifests) of a stack. */
export interface PolicySet {
    /** Namespace labels by namespace (`kubernetes.io/metadata.name` is added). */
    namespaceLabels: Record<string, Record<string, string>>;
    networkPolicies: any[];
    peerAuthentications: any[];
    requestAuthentications: any[];
    authorizationPolicies: any[];
    /** Istio's root namespace (mesh-wide policies). */
    rootNamespace: string;
}

export interface Decision {
    admitted: boolean;
    /** Which layer refused, and why; or why it was admitted. */
    reason: string;
}

/** Ports istio-iptables never redirects inbound (injection-template.yaml `-d 15090,15021,15020`). */
export const uncapturedInboundPorts = [15090, 15021, 15020];

const isExternal = (p: Hop["from"] | Hop["to"]): p is { external: true; ip: string } => "external" in p;

function labelsOfNamespace(set: PolicySet, ns: string): Record<string, string> {
    return { ...(set.namespaceLabels[ns] ?? {}), "kubernetes.io/metadata.name": ns };
}

/** Label selector semantics (apimachinery LabelSelector): empty selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
    if (!selector) {
        return true;
    }
    for (const key of Object.keys(selector)) {
        if (key !== "matchLabels" && key !== "matchExpressions") {
            throw new Error(`label selector field ${key} is not understood`);
        }
    }
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
        if (labels[k] !== v) {
            return false;
        }
    }
    for (const e of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        const ok = e.operator === "Exists" ? has : e.operator === "DoesNotExist" ? !has : e.operator === "In" ? has && (e.values ?? []).includes(labels[e.key]) : !has || !(e.values ?? []).includes(labels[e.key]);
        if (!ok) {
            return false;
        }
    }
    return true;
}

function ipv4(ip: string): number {
    return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

function inCidr(ip: string, cidr: string): boolean {
    const [base, bits] = cidr.split("/");
    const size = 2 ** (32 - Number(bits));
    return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

/** Does a NetworkPolicy peer match the other end of the connection? */
function peerMatches(set: PolicySet, policyNamespace: string, peer: any, other: Hop["from"] | Hop["to"]): boolean {
    for (const key of Object.keys(peer)) {
        if (!["podSelector", "namespaceSelector", "ipBlock"].includes(key)) {
            throw new Error(`NetworkPolicy peer field ${key} is not understood`);
        }
    }
    if (peer.ipBlock) {
        // ipBlock is for addresses outside the cluster (pod IPs are ephemeral); match external ends only.
        return isExternal(other) && inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(other.ip, c));
    }
    if (isExternal(other)) {
        return false;
    }
    const nsOk = peer.namespaceSelector ? selects(peer.namespaceSelector, labelsOfNamespace(set, other.namespace)) : other.namespace === policyNamespace;
    return nsOk && selects(peer.podSelector, other.labels);
}

function portMatches(ports: any[] | undefined, port: number | undefined, portName: string | undefined): boolean {
    if (!ports || ports.length === 0) {
        return true;
    }
    return ports.some((p) => {
        if (p.protocol && p.protocol !== "TCP") {
            return false;
        }
        if (p.port === undefined) {
            return true;
        }
        if (typeof p.port === "string" && !/^\d+$/.test(p.port)) {
            return p.port === portName;
        }
        const n = Number(p.port);
        return port !== undefined && (p.endPort ? port >= n && port <= p.endPort : port === n);
    });
}

function policyTypes(p: any): string[] {
    return p.spec.policyTypes ?? ["Ingress", ...(p.spec.egress ? ["Egress"] : [])];
}

/** NetworkPolicy, one direction. */
function networkPolicyAdmits(set: PolicySet, hop: Hop, direction: "Ingress" | "Egress"): Decision {
    const self = direction === "Ingress" ? hop.to : hop.from;
    if (isExternal(self)) {
        return { admitted: true, reason: "outside the cluster" };
    }
    const other = direction === "Ingress" ? hop.from : hop.to;
    const port = direction === "Ingress" ? hop.port : isExternal(hop.to) ? (hop.to as { port: number }).port : hop.port;
    const selecting = set.networkPolicies.filter((p) => p.metadata.namespace === self.namespace && policyTypes(p).includes(direction) && selects(p.spec.podSelector, self.labels));
    if (selecting.length === 0) {
        return { admitted: true, reason: `no NetworkPolicy isolates ${self.namespace} for ${direction}` };
    }
    for (const p of selecting) {
        const rules: any[] = (direction === "Ingress" ? p.spec.ingress : p.spec.egress) ?? [];
        for (const rule of rules) {
            const peers: any[] | undefined = direction === "Ingress" ? rule.from : rule.to;
            const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(set, p.metadata.namespace, peer, other));
            if (peerOk && portMatches(rule.ports, port, hop.portName)) {
                return { admitted: true, reason: `NetworkPolicy ${p.metadata.namespace}/${p.metadata.name} admits it` };
            }
        }
    }
    return { admitted: false, reason: `NetworkPolicy: ${selecting.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(", ")} isolate ${self.namespace} for ${direction} and no rule admits port ${port}` };
}

/** The effective mTLS mode of the destination's port (PeerAuthentication precedence). */
export function mtlsMode(set: PolicySet, to: Pod, port: number): string {
    const mine = set.peerAuthentications.filter((p) => p.metadata.namespace === to.namespace);
    const workload = mine.filter((p) => p.spec?.selector && selects(p.spec.selector, to.labels));
    if (workload.length > 1) {
        throw new Error(`more than one PeerAuthentication selects ${to.namespace} pod ${JSON.stringify(to.labels)}: Istio picks the oldest`);
    }
    const namespaceWide = mine.find((p) => !p.spec?.selector);
    const mesh = set.peerAuthentications.find((p) => p.metadata.namespace === set.rootNamespace && !p.spec?.selector);
    const inherited = namespaceWide?.spec?.mtls?.mode ?? mesh?.spec?.mtls?.mode ?? "PERMISSIVE";
    const w = workload[0];
    if (w) {
        const portMode = w.spec.portLevelMtls?.[String(port)]?.mode;
        const mode = portMode ?? w.spec.mtls?.mode;
        return !mode || mode === "UNSET" ? inherited : mode;
    }
    return inherited === "UNSET" ? "PERMISSIVE" : inherited;
}

/** Istio string match: exact, `*suffix`, `prefix*`, or `*`. */
function strMatch(pattern: string, value: string | undefined): boolean {
    if (value === undefined) {
        return false;
    }
    if (pattern === "*") {
        return true;
    }
    if (pattern.endsWith("*")) {
        return value.startsWith(pattern.slice(0, -1));
    }
    if (pattern.startsWith("*")) {
        return value.endsWith(pattern.slice(1));
    }
    return pattern === value;
}

const anyMatch = (patterns: string[] | undefined, value: string | undefined) => patterns === undefined || patterns.some((p) => strMatch(p, value));
const noneMatch = (patterns: string[] | undefined, value: string | undefined) => patterns === undefined || !patterns.some((p) => strMatch(p, value));

interface RequestAttrs {
    mtls: boolean;
    principal?: string;
    namespace?: string;
    requestPrincipal?: string;
    token?: Token;
    port: number;
    path?: string;
    method?: string;
    headers: Record<string, string>;
}

function sourceMatches(s: any, a: RequestAttrs): boolean {
    const known = ["principals", "notPrincipals", "namespaces", "notNamespaces", "requestPrincipals", "notRequestPrincipals"];
    for (const key of Object.keys(s)) {
        if (!known.includes(key)) {
            throw new Error(`AuthorizationPolicy source field ${key} is not understood`);
        }
    }
    // principals/namespaces come from the peer certificate: absent in plain text, so a positive match fails.
    return (
        anyMatch(s.principals, a.mtls ? a.principal : undefined) &&
        noneMatch(s.notPrincipals, a.mtls ? a.principal : undefined) &&
        anyMatch(s.namespaces, a.mtls ? a.namespace : undefined) &&
        noneMatch(s.notNamespaces, a.mtls ? a.namespace : undefined) &&
        anyMatch(s.requestPrincipals, a.requestPrincipal) &&
        noneMatch(s.notRequestPrincipals, a.requestPrincipal)
    );
}

function operationMatches(o: any, a: RequestAttrs): boolean {
    const known = ["ports", "notPorts", "paths", "notPaths", "methods", "notMethods"];
    for (const key of Object.keys(o)) {
        if (!known.includes(key)) {
            throw new Error(`AuthorizationPolicy operation field ${key} is not understood`);
        }
    }
    const port = String(a.port);
    return (
        (o.ports === undefined || o.ports.includes(port)) &&
        (o.notPorts === undefined || !o.notPorts.includes(port)) &&
        anyMatch(o.paths, a.path) &&
        noneMatch(o.notPaths, a.path) &&
        anyMatch(o.methods, a.method) &&
        noneMatch(o.notMethods, a.method)
    );
}

function conditionValues(key: string, a: RequestAttrs): string[] {
    const claim = /^request\.auth\.claims\[(.+)\]$/.exec(key);
    if (claim) {
        const v = a.token?.claims?.[claim[1]];
        return v === undefined ? [] : Array.isArray(v) ? v : [v];
    }
    const header = /^request\.headers\[(.+)\]$/.exec(key);
    if (header) {
        const v = a.headers[header[1].toLowerCase()];
        return v === undefined ? [] : [v];
    }
    switch (key) {
        case "request.auth.audiences":
            return a.token && a.requestPrincipal ? a.token.aud : [];
        case "request.auth.principal":
            return a.requestPrincipal ? [a.requestPrincipal] : [];
        case "source.namespace":
            return a.mtls && a.namespace ? [a.namespace] : [];
        case "source.principal":
            return a.mtls && a.principal ? [a.principal] : [];
        case "destination.port":
            return [String(a.port)];
        default:
            throw new Error(`AuthorizationPolicy condition key ${key} is not understood`);
    }
}

function conditionMatches(c: any, a: RequestAttrs): boolean {
    const actual = conditionValues(c.key, a);
    const hit = c.values === undefined || c.values.some((p: string) => actual.some((v) => strMatch(p, v)));
    const miss = c.notValues === undefined || !c.notValues.some((p: string) => actual.some((v) => strMatch(p, v)));
    return hit && miss;
}

function ruleMatches(rule: any, a: RequestAttrs): boolean {
    const from: any[] | undefined = rule.from;
    const to: any[] | undefined = rule.to;
    const when: any[] | undefined = rule.when;
    return (
        (!from || from.some((f) => sourceMatches(f.source ?? {}, a))) &&
        (!to || to.some((t) => operationMatches(t.operation ?? {}, a))) &&
        (!when || when.every((c) => conditionMatches(c, a)))
    );
}

/** Istio's decision on a request that reached the destination's sidecar. */
function istioAdmits(set: PolicySet, hop: Hop, to: Pod, port: number): Decision {
    const fromPod = isExternal(hop.from) ? undefined : hop.from;
    const mtls = !!fromPod?.proxy;
    const mode = mtlsMode(set, to, port);
    if (mode === "STRICT" && !mtls) {
        return { admitted: false, reason: `PeerAuthentication: port ${port} of ${to.namespace} is STRICT and the caller sends plain text` };
    }
    // Under DISABLE the client's sidecar sends plain text too (auto mTLS): no peer identity.
    const peerMtls = mtls && mode !== "DISABLE";
    const applies = (p: any) => (p.metadata.namespace === to.namespace || p.metadata.namespace === set.rootNamespace) && (!p.spec?.selector || selects(p.spec.selector, to.labels));

    // RequestAuthentication: where one applies, a token that no rule validates is refused (401);
    // where none applies, the proxy has no JWT filter and the token is just a header.
    let requestPrincipal: string | undefined;
    const rules = set.requestAuthentications.filter(applies).flatMap((r) => r.spec?.jwtRules ?? []);
    if (hop.token && rules.length) {
        const rule = rules.find((r: any) => r.issuer === hop.token!.iss);
        if (!rule) {
            return { admitted: false, reason: `RequestAuthentication: no jwtRule of ${to.namespace} trusts issuer ${hop.token.iss} (401)` };
        }
        if (rule.audiences && !rule.audiences.some((aud: string) => hop.token!.aud.includes(aud))) {
            return { admitted: false, reason: `RequestAuthentication: token audience ${hop.token.aud.join(",")} is not one of ${rule.audiences.join(",")} (401)` };
        }
        requestPrincipal = `${hop.token.iss}/${hop.token.sub}`;
    }

    const attrs: RequestAttrs = {
        mtls: peerMtls,
        principal: fromPod ? `cluster.local/ns/${fromPod.namespace}/sa/${fromPod.serviceAccount ?? "default"}` : undefined,
        namespace: fromPod?.namespace,
        requestPrincipal,
        token: hop.token,
        port,
        path: hop.path,
        method: hop.method,
        headers: Object.fromEntries(Object.entries(hop.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const policies = set.authorizationPolicies.filter(applies);
    for (const p of policies) {
        if (p.spec?.targetRef || p.spec?.targetRefs) {
            throw new Error(`AuthorizationPolicy ${p.metadata.name}: targetRef is not understood`);
        }
    }
    const action = (p: any) => p.spec?.action ?? "ALLOW";
    if (policies.some((p) => action(p) === "CUSTOM")) {
        throw new Error("CUSTOM AuthorizationPolicies are not understood");
    }
    const deny = policies.find((p) => action(p) === "DENY" && (p.spec.rules ?? []).some((r: any) => ruleMatches(r, attrs)));
    if (deny) {
        return { admitted: false, reason: `AuthorizationPolicy DENY ${deny.metadata.namespace}/${deny.metadata.name} matches` };
    }
    const allows = policies.filter((p) => action(p) === "ALLOW");
    if (allows.length === 0) {
        return { admitted: true, reason: "no ALLOW AuthorizationPolicy applies" };
    }
    const allow = allows.find((p) => (p.spec?.rules ?? []).some((r: any) => ruleMatches(r, attrs)));
    return allow
        ? { admitted: true, reason: `AuthorizationPolicy ${allow.metadata.namespace}/${allow.metadata.name} allows it` }
        : { admitted: false, reason: `AuthorizationPolicy: ${allows.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(", ")} select the workload and none allows this request (403)` };
}

/** Is one hop admitted: the source's egress NetworkPolicies, the destination's ingress ones, then Istio on the destination's sidecar. */
export function decide(set: PolicySet, hop: Hop): Decision {
    const egress = networkPolicyAdmits(set, hop, "Egress");
    if (!egress.admitted) {
        return egress;
    }
    const ingress = networkPolicyAdmits(set, hop, "Ingress");
    if (!ingress.admitted || isExternal(hop.to)) {
        return ingress;
    }
    const to = hop.to;
    const port = hop.port!;
    if (!to.proxy) {
        return { admitted: true, reason: `${ingress.reason}; no proxy at the destination` };
    }
    if (uncapturedInboundPorts.includes(port) || (to.excludeInboundPorts ?? []).includes(port)) {
        return { admitted: true, reason: `${ingress.reason}; port ${port} is not captured by the sidecar` };
    }
    const istio = istioAdmits(set, hop, to, port);
    return istio.admitted ? { admitted: true, reason: `${ingress.reason}; ${istio.reason}` } : istio;
}

/** The policy objects among a stack's registrations (`{type, inputs}` as recorded or snapshotted). */
export function policySet(resources: readonly { type: string; inputs: any }[], rootNamespace = "istio-system"): PolicySet {
    const of = (kind: string) => resources.filter((r) => r.type.endsWith(`:${kind}`)).map((r) => r.inputs);
    return {
        namespaceLabels: Object.fromEntries(of("Namespace").map((n) => [n.metadata.name, n.metadata.labels ?? {}])),
        networkPolicies: resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => r.inputs),
        peerAuthentications: of("PeerAuthentication"),
        requestAuthentications: of("RequestAuthentication"),
        authorizationPolicies: of("AuthorizationPolicy"),
        rootNamespace,
    };
}
