/**
 * Pulumi mocks that stand in for the engine, Kubernetes and Azure when the real program runs with no
 * CLI, cloud or cluster: `npm run plan` and the test harness (tests/harness.ts) share them. They
 * record everything `registerResource` receives and answer with the state a cluster or cloud would
 * report (ids, an InferenceService's status, Azure's computed properties and invokes). They import
 * nothing of the program, so a consumer of the packed library can run under them too.
 */
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
// Internal runtime pieces the public API does not expose: the monitor to record requests, and
// the RPC queue to wait on until every registration has been made.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");

export const project = "kserve-platform";
/** The repository (where index.ts, Pulumi.yaml and the stack files are). */
export const root = path.join(__dirname, "..", "..");

/** One registration, as the engine would have received it. */
export interface Recorded {
    urn: string;
    type: string;
    name: string;
    parent: string;
    custom: boolean;
    remote: boolean;
    inputs: any;
    dependencies: string[];
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    replaceOnChanges: string[];
    ignoreChanges: string[];
    provider: string;
    /** Alias specs sent with the registration (name, type, parent URN or no parent), or alias URNs. */
    aliases: string[];
}

/** Computed state a mock returns for a registration, beyond its inputs. */
export type Computed = (r: { type: string; name: string; inputs: any }) => Record<string, unknown> | undefined;
/** Canned result of an invoke. */
export type CallHandler = (inputs: any) => Record<string, unknown>;

/** Scheme and domain the mocked KServe controller reports URLs with. */
export const cluster = { domain: "example.com", urlScheme: "http" };

/** The state KServe reports for a Ready InferenceService. */
export function readyIsvcStatus(name: string, namespace: string, domain = cluster.domain, scheme = cluster.urlScheme, host = `${name}-${namespace}.${domain}`): Record<string, unknown> {
    return {
        url: `${scheme}://${host}`,
        address: { url: `http://${name}-predictor.${namespace}.svc.cluster.local` },
        conditions: [
            { type: "PredictorReady", status: "True" },
            { type: "Ready", status: "True" },
        ],
    };
}

/**
 * The host a real cluster puts in `status.url`, from what the stack installed, written from the
 * upstream code rather than from the program's own function. Knative mode: Knative renders
 * `config-network` `domain-template` (default `{{.Name}}.{{.Namespace}}.{{.Domain}}`,
 * knative.dev/networking `DefaultDomainTemplate`) for the component's Knative Service, with the
 * first `config-domain` key as domain; KServe then drops the first `-<component>`, or
 * `-<component>-default` when the URL contains `-default` (KServe v0.20.0
 * `reconcilers/ingress/ingress_reconciler.go`). Standard mode: KServe renders its
 * `domainTemplate` (default `{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}`, chart values).
 */
export function upstreamHost(name: string, namespace: string, spec: any, mode: string, gateway: any, knativeConfig: any): string {
    const render = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, f: string) => values[f]);
    const ingressDomain: string = gateway.domain ?? "example.com";
    if (mode === "Standard" || mode === "RawDeployment") {
        return render(gateway.domainTemplate ?? "{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}", { Name: name, Namespace: namespace, IngressDomain: ingressDomain });
    }
    const component = spec.transformer ? "transformer" : "predictor";
    const service = component === "transformer" ? `${name}-transformer` : spec.predictor?.name ? `${name}-${spec.predictor.name}-predictor` : `${name}-predictor`;
    const domain = Object.keys(knativeConfig?.domain ?? {})[0] ?? "svc.cluster.local";
    const url = render(knativeConfig?.network?.["domain-template"] ?? "{{.Name}}.{{.Namespace}}.{{.Domain}}", { Name: service, Namespace: namespace, Domain: domain });
    return url.includes("-default") ? url.replace(`-${component}-default`, "") : url.replace(`-${component}`, "");
}

/** Values the mocked Azure reports. */
export const azure = {
    subscriptionId: "00000000-0000-0000-0000-000000000001",
    tenantId: "00000000-0000-0000-0000-0000000000aa",
    oidcIssuer: (cluster: string) => `https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/${cluster}-issuer/`,
    kubeconfig: (cluster: string) => `apiVersion: v1\nkind: Config\nclusters:\n- name: ${cluster}\n  cluster:\n    server: https://${cluster}.hcp.westeurope.azmk8s.io:443\n`,
    publicIp: "20.61.0.10",
    /**
     * What listManagedClusterUserCredentials returns with `format: exec` on a cluster without local
     * accounts: a kubelogin exec user in the shape of Azure/kubelogin's docs (concepts/exec-plugin.md,
     * concepts/aks.md: the AKS server and client application ids), logging in with a device code.
     */
    execKubeconfig: (cluster: string) =>
        [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            `- name: ${cluster}`,
            "  cluster:",
            "    certificate-authority-data: LS0tLS1CRUdJTg==",
            `    server: https://${cluster}.hcp.westeurope.azmk8s.io:443`,
            "contexts:",
            `- name: ${cluster}`,
            "  context:",
            `    cluster: ${cluster}`,
            `    user: clusterUser_rg_${cluster}`,
            `current-context: ${cluster}`,
            "preferences: {}",
            "users:",
            `- name: clusterUser_rg_${cluster}`,
            "  user:",
            "    exec:",
            "      apiVersion: client.authentication.k8s.io/v1beta1",
            "      command: kubelogin",
            "      args:",
            "      - get-token",
            "      - --environment",
            "      - AzurePublicCloud",
            "      - --server-id",
            "      - 6dae42f8-4368-4678-94ff-3960e28e3630",
            "      - --client-id",
            "      - 80faf920-1908-4b52-b5ef-a8e7bedfc67a",
            "      - --tenant-id",
            "      - 00000000-0000-0000-0000-0000000000aa",
            "      - --login",
            "      - devicecode",
            "      env: null",
            "      installHint: kubelogin is not installed",
            "      provideClusterInfo: false",
            "",
        ].join("\n"),
};

/** Input holding each Azure resource's name, and the ARM path segment of its type. */
const azureTypes: Record<string, { nameInput: string; path: (i: any, name: string) => string }> = {
    "azure-native:resources:ResourceGroup": { nameInput: "resourceGroupName", path: (_, n) => `/resourceGroups/${n}` },
    "azure-native:network:VirtualNetwork": { nameInput: "virtualNetworkName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${n}` },
    "azure-native:network:Subnet": { nameInput: "subnetName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/subnets/${n}` },
    "azure-native:network:PublicIPAddress": { nameInput: "publicIpAddressName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/publicIPAddresses/${n}` },
    "azure-native:network:NatGateway": { nameInput: "natGatewayName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/natGateways/${n}` },
    "azure-native:network:ApplicationGateway": { nameInput: "applicationGatewayName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/applicationGateways/${n}` },
    "azure-native:network:WebApplicationFirewallPolicy": { nameInput: "policyName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${n}` },
    "azure-native:containerservice:ManagedCluster": { nameInput: "resourceName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/${n}` },
    "azure-native:containerservice:AgentPool": { nameInput: "agentPoolName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}/agentPools/${n}` },
    "azure-native:storage:StorageAccount": { nameInput: "accountName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${n}` },
    "azure-native:storage:BlobContainer": { nameInput: "containerName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/default/containers/${n}` },
    "azure-native:managedidentity:UserAssignedIdentity": { nameInput: "resourceName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}` },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        nameInput: "federatedIdentityCredentialResourceName",
        path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.resourceName}/federatedIdentityCredentials/${n}`,
    },
    "azure-native:keyvault:Vault": { nameInput: "vaultName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.KeyVault/vaults/${n}` },
    "azure-native:dns:RecordSet": { nameInput: "relativeRecordSetName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/dnszones/${i.zoneName}/A/${n}` },
    "azure-native:redhatopenshift:OpenShiftCluster": { nameInput: "resourceName", path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.RedHatOpenShift/openShiftClusters/${n}` },
};

export const azureComputed: Computed = ({ type, name, inputs }) => {
    const az = azureTypes[type];
    if (!az) {
        return undefined;
    }
    const resourceName: string = inputs[az.nameInput] ?? name;
    const state: Record<string, unknown> = { name: resourceName, id: `/subscriptions/${azure.subscriptionId}${az.path(inputs, resourceName)}` };
    if (type === "azure-native:containerservice:ManagedCluster") {
        state.oidcIssuerProfile = { enabled: true, issuerURL: azure.oidcIssuer(resourceName) };
        state.identity = { type: "SystemAssigned", principalId: `${resourceName}-principal`, tenantId: azure.tenantId };
        state.fqdn = `${resourceName}.hcp.westeurope.azmk8s.io`;
    }
    if (type === "azure-native:redhatopenshift:OpenShiftCluster") {
        const domain = `${reveal(inputs.clusterProfile)?.domain}.westeurope.aroapp.io`;
        state.apiserverProfile = { ...inputs.apiserverProfile, url: `https://api.${domain}:6443/`, ip: "10.40.32.4" };
        state.consoleProfile = { url: `https://console-openshift-console.apps.${domain}/` };
        state.ingressProfiles = (inputs.ingressProfiles ?? []).map((p: object) => ({ ...p, ip: "10.40.36.254" }));
    }
    if (type === "azure-native:managedidentity:UserAssignedIdentity") {
        state.clientId = `${resourceName}-client-id`;
        state.principalId = `${resourceName}-principal-id`;
    }
    if (type === "azure-native:network:PublicIPAddress") {
        state.ipAddress = azure.publicIp;
    }
    return state;
};

/** Invokes every stack may make (Azure's client config and cluster credentials); tests add or override others. */
export const defaultCalls: Record<string, CallHandler> = {
    "azure-native:authorization:getClientConfig": () => ({ subscriptionId: azure.subscriptionId, tenantId: azure.tenantId, clientId: "pulumi-client", objectId: "pulumi-object" }),
    "azure-native:containerservice:listManagedClusterAdminCredentials": (i) => ({ kubeconfigs: [{ name: "clusterAdmin", value: Buffer.from(azure.kubeconfig(i.resourceName)).toString("base64") }] }),
    "azure-native:containerservice:listManagedClusterUserCredentials": (i) => ({ kubeconfigs: [{ name: "clusterUser", value: Buffer.from(azure.execKubeconfig(i.resourceName)).toString("base64") }] }),
    "azure-native:redhatopenshift:listOpenShiftClusterAdminCredentials": (i) => ({ kubeconfig: Buffer.from(azure.kubeconfig(i.resourceName)).toString("base64") }),
};

/**
 * The status KServe v0.20.0's llmisvc controller writes for a Ready LLMInferenceService, from its
 * code (`pkg/controller/v1alpha2/llmisvc/router.go` updateRoutingStatus and preferPathBasedURL,
 * `router_discovery.go` DiscoverURLs, combineIntoURLs and the `inference` wildcard label), not from
 * the program's functions. Without `spec.router.route`: only the workload Service address
 * (`<name>-kserve-workload-svc`, http: `enableLLMInferenceServiceTLS` is off in the charts). With a
 * managed route: per HTTP(S) listener of the Gateway, `<scheme>://<host>[:port]/<namespace>/<name>`
 * (host: the listener's host name, `*.d` as `inference.d`; the Gateway's address when it has none)
 * and the same through the Gateway's `<name>-istio` Service; sorted; `url` is the first that is not
 * cluster-local. `gateway` is the Gateway the program registered, else one HTTP:80 listener for
 * `*.<domain>` in kserve/kserve-ingress-gateway (the Gateway the platform installs for LLMs).
 */
export function readyLlmStatus(name: string, namespace: string, spec: any, gateway?: any, domain = cluster.domain): Record<string, unknown> {
    const conditions = [
        { type: "HTTPRoutesReady", status: "True" },
        { type: "WorkloadsReady", status: "True" },
        { type: "Ready", status: "True" },
    ];
    if (!spec?.router?.route) {
        return { addresses: [{ url: `http://${name}-kserve-workload-svc.${namespace}.svc.cluster.local` }], conditions };
    }
    const gw = gateway ?? { metadata: { name: "kserve-ingress-gateway", namespace: "kserve" }, spec: { listeners: [{ name: "http", protocol: "HTTP", port: 80, hostname: `*.${domain}` }] } };
    const urls: string[] = [];
    for (const l of gw.spec.listeners) {
        const scheme = l.protocol === "HTTP" ? "http" : "https";
        const port = (scheme === "http" && l.port !== 80) || (scheme === "https" && l.port !== 443) ? `:${l.port}` : "";
        const host = l.hostname ? l.hostname.replace(/^\*\./, "inference.") : "20.1.2.3";
        urls.push(`${scheme}://${host}${port}/${namespace}/${name}`, `${scheme}://${gw.metadata.name}-istio.${gw.metadata.namespace}.svc.cluster.local${port}/${namespace}/${name}`);
    }
    urls.sort();
    return { url: urls.find((u) => !u.includes(".svc.cluster.local")), addresses: urls.map((url) => ({ url })), conditions };
}


/**
 * What KServe v0.20.0's InferenceGraph controller reports for a Ready graph
 * (pkg/controller/v1alpha1/inferencegraph/controller.go). Knative mode: the router is a Knative
 * Service named after the graph, and `status.url` is that Service's URL once Ready, as Knative
 * renders it from `config-network` `domain-template` (no TLS configured: `http`). Standard mode:
 * `createRawURL` (reconcilers/raw/raw_kube_reconciler.go) renders KServe's `domainTemplate` with
 * the graph's name and always writes scheme `http`.
 */
export function upstreamGraphStatus(name: string, namespace: string, mode: string, gateway: any, knativeConfig: any): Record<string, unknown> {
    const render = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, f: string) => values[f]);
    const host =
        mode === "Standard" || mode === "RawDeployment"
            ? render(gateway.domainTemplate ?? "{{ .Name }}-{{ .Namespace }}.{{ .IngressDomain }}", { Name: name, Namespace: namespace, IngressDomain: gateway.domain ?? cluster.domain })
            : render(knativeConfig?.network?.["domain-template"] ?? "{{.Name}}.{{.Namespace}}.{{.Domain}}", { Name: name, Namespace: namespace, Domain: Object.keys(knativeConfig?.domain ?? {})[0] ?? cluster.domain });
    return {
        url: `http://${host}`,
        deploymentMode: mode === "Standard" || mode === "RawDeployment" ? "Standard" : "Knative",
        conditions: [
            { type: "Ready", status: "True" },
            { type: "Stopped", status: "False" },
        ],
    };
}

/**
 * What a KServe controller reports for an InferenceService: its URL from the ingress domain and
 * scheme the stack installed kserve-resources with, among the registrations so far (the mock's
 * defaults when there is no platform, as in component tests).
 */
export function kserveComputed(resources: readonly Recorded[]): Computed {
    return ({ type, inputs }) => {
        if (type === "kubernetes:serving.kserve.io/v1alpha2:LLMInferenceService") {
            const gateway = [...resources].reverse().find((r) => r.type === "kubernetes:gateway.networking.k8s.io/v1:Gateway")?.inputs;
            const kserve = [...resources].reverse().find((r) => r.inputs?.name === "kserve-resources");
            const domain = kserve?.inputs.values?.kserve?.controller?.gateway?.domain ?? cluster.domain;
            return { status: readyLlmStatus(inputs.metadata.name, inputs.metadata.namespace, inputs.spec, gateway, domain) };
        }
        if (type === "kubernetes:serving.kserve.io/v1alpha1:InferenceGraph") {
            const kserve = [...resources].reverse().find((r) => r.inputs?.name === "kserve-resources");
            const controller = kserve?.inputs.values?.kserve?.controller ?? {};
            const knative = [...resources].reverse().find((r) => r.type === "kubernetes:operator.knative.dev/v1beta1:KnativeServing");
            const mode = inputs.metadata.annotations?.["serving.kserve.io/deploymentMode"] ?? controller.deploymentMode ?? "Knative";
            return { status: upstreamGraphStatus(inputs.metadata.name, inputs.metadata.namespace, mode, controller.gateway ?? {}, knative?.inputs.spec?.config) };
        }
        if (type !== "kubernetes:serving.kserve.io/v1beta1:InferenceService") {
            return undefined;
        }
        const kserve = [...resources].reverse().find((r) => r.inputs?.name === "kserve-resources");
        const controller = kserve?.inputs.values?.kserve?.controller ?? {};
        const gateway = controller.gateway ?? {};
        const knative = [...resources].reverse().find((r) => r.type === "kubernetes:operator.knative.dev/v1beta1:KnativeServing");
        const mode = inputs.metadata.annotations?.["serving.kserve.io/deploymentMode"] ?? controller.deploymentMode ?? "Knative";
        const host = kserve || knative ? upstreamHost(inputs.metadata.name, inputs.metadata.namespace, inputs.spec ?? {}, mode, gateway, knative?.inputs.spec?.config) : undefined;
        return { status: readyIsvcStatus(inputs.metadata.name, inputs.metadata.namespace, gateway.domain ?? cluster.domain, gateway.urlScheme ?? cluster.urlScheme, host) };
    };
}

/**
 * The engine's answers: a registration gets its inputs back plus what `computed` adds (an id of
 * `<name>-id` unless one of them sets `id`); an invoke is answered by its handler, and refused
 * when there is none, so a new invoke is noticed instead of answered with nothing.
 */
export function mockResponses(computed: () => readonly Computed[], handler: (token: string) => CallHandler | undefined, onCall?: (token: string, inputs: any) => void): pulumi.runtime.Mocks {
    return {
        newResource: (args) => {
            const extra = computed().reduce<Record<string, unknown>>((acc, c) => ({ ...acc, ...(c(args) ?? {}) }), {});
            const id = typeof extra.id === "string" ? extra.id : `${args.name}-id`;
            return { id: args.custom ? id : undefined, state: { ...args.inputs, ...extra } };
        },
        call: (args) => {
            onCall?.(args.token, args.inputs);
            const answer = handler(args.token);
            if (!answer) {
                throw new Error(`no mock for invoke ${args.token}`);
            }
            return answer(args.inputs);
        },
    };
}

/**
 * Records every registration into `into` from now on: wraps the mock monitor `setMocks` installed
 * (call right after it).
 */
export function recordRegistrations(into: Recorded[]): void {
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: any) => {
        const parent: string = req.getParent();
        into.push({
            urn: monitor.newUrn(parent, req.getType(), req.getName()),
            type: req.getType(),
            name: req.getName(),
            parent,
            custom: req.getCustom(),
            remote: req.getRemote(),
            inputs: rpc.deserializeProperties(req.getObject()),
            dependencies: req.getDependenciesList(),
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            deleteBeforeReplace: req.getDeletebeforereplace(),
            replaceOnChanges: req.getReplaceonchangesList(),
            ignoreChanges: req.getIgnorechangesList(),
            provider: req.getProvider(),
            aliases: req.getAliasesList().map((a: any) => {
                const spec = a.getSpec();
                return spec
                    ? JSON.stringify({ name: spec.getName(), type: spec.getType(), stack: spec.getStack(), project: spec.getProject(), parentUrn: spec.getParenturn(), noParent: spec.getNoparent() })
                    : a.getUrn();
            }),
        });
        return register(req, callback);
    };
}

/** Waits until every registration in flight has been made. */
export async function waitForRegistrations(): Promise<void> {
    await settings.waitForRPCs();
}

const secretSig = "4dabf18193072939515e22adb298388d";

/** True when a recorded input is a secret (the engine receives it encrypted). */
export function isSecretInput(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[secretSig] === "1b47061264138c4ac30d75fd1eb44270";
}

/** A recorded input with secret wrappers removed. */
export function reveal(value: unknown): any {
    return isSecretInput(value) ? (value as { value: unknown }).value : value;
}
