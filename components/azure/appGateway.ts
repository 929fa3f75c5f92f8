import * as pulumi from "@pulumi/pulumi";
import * as dns from "@pulumi/azure-native/dns";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import { defaults, fixedNames } from "../defaults";
import { wildcardHost } from "../common/hosts";
import { zoneList } from "./network";
import { assignRole } from "./roles";

/** WAF modes: Prevention blocks what the rules match; Detection only logs it. */
export type WafMode = "Prevention" | "Detection";

/** The TLS certificate, a Key Vault certificate (or PFX secret) the gateway reads with its identity. */
export interface KeyVaultCertificateArgs {
    /** Resource id of the Key Vault (RBAC permission model). */
    keyVaultId: string;
    /** Name of the certificate (its secret) in the vault; a wildcard certificate for `*.<domain>`. */
    secretName: string;
}

/** Arguments of {@link AppGatewayIngress}. */
export interface AppGatewayIngressArgs {
    /** Resource group. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** The gateway's own subnet. */
    subnetId: pulumi.Input<string>;
    /** Private address of the Istio ingress gateway's internal load balancer. */
    backendIp: string;
    /** Model domain: every model host is one label under it (see `modelHost` in serving/endpoints). */
    domain: string;
    /** The TLS certificate for `*.<domain>`. */
    certificate: KeyVaultCertificateArgs;
    /** Fewest gateway instances. Defaults to 1. */
    minCapacity?: number;
    /** Most gateway instances. Defaults to 3. */
    maxCapacity?: number;
    /** Seconds to wait for a model's answer. Defaults to 300. */
    requestTimeoutSeconds?: number;
    /** WAF mode. Defaults to `Prevention`. */
    wafMode?: WafMode;
    /** A public DNS zone that holds `<domain>`; the gateway's wildcard record goes there. */
    dnsZone?: { name: string; resourceGroupName: string };
    /** Availability zones the gateway's instances and its public IP spread over. Unset: no zones. */
    zones?: readonly string[];
    /** Seconds to wait for the Key Vault role to apply before creating the gateway. Defaults to 300; 0 does not wait. */
    roleAssignmentWaitSeconds?: number;
    /** WAF request body limits. Defaults: no body size limit, 128 KB inspected, 100 MB uploads. */
    waf?: WafBodyLimits;
}

/** WAF request body limits (Application Gateway v2, CRS 3.2 or later). */
export interface WafBodyLimits {
    /** Largest request body in KB (8-2000); 0 turns the WAF's body size enforcement off. */
    maxRequestBodyKb?: number;
    /** How much of each body the rules inspect, in KB (8-2000). */
    requestBodyInspectKb?: number;
    /** Largest multipart file upload in MB (1-4000). */
    fileUploadLimitMb?: number;
}

/** The vault name in a Key Vault resource id; undefined when it is not one. */
export function keyVaultName(keyVaultId: string): string | undefined {
    return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/([A-Za-z0-9-]{3,24})$/i.exec(keyVaultId)?.[1];
}

/** The record name of `*.<domain>` inside `zone`; undefined when the domain is not in the zone. */
export function wildcardRecordName(domain: string, zone: string): string | undefined {
    if (domain === zone) {
        return "*";
    }
    return domain.endsWith(`.${zone}`) ? `*.${domain.slice(0, -zone.length - 1)}` : undefined;
}

/**
 * The public door of a private cluster: an Application Gateway (WAF v2) in its own subnet that
 * terminates TLS with a Key Vault certificate, redirects HTTP to HTTPS, and forwards every
 * `*.<domain>` request with its original Host header (Knative routes by host) to the Istio
 * gateway's internal load balancer, probing the gateway's readiness endpoint. A WAF policy in
 * prevention mode guards it; an optional wildcard DNS record points the domain at it.
 */
export class AppGatewayIngress extends pulumi.ComponentResource {
    readonly gateway: network.ApplicationGateway;
    readonly wafPolicy: network.WebApplicationFirewallPolicy;
    readonly publicIp: network.PublicIPAddress;
    readonly identity: managedidentity.UserAssignedIdentity;
    /** The public address clients reach. */
    readonly publicIpAddress: pulumi.Output<string | undefined>;
    /** The wildcard DNS record, when a zone was given. */
    readonly dnsRecord?: dns.RecordSet;

    constructor(name: string, args: AppGatewayIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:azure:AppGatewayIngress", name, {}, opts);
        const { resourceGroupName, location } = args;
        const vault = keyVaultName(args.certificate.keyVaultId);
        if (!vault) {
            throw new Error(`certificate.keyVaultId ${args.certificate.keyVaultId} is not a Key Vault resource id`);
        }

        // The gateway reads its certificate from Key Vault with its own identity.
        this.identity = new managedidentity.UserAssignedIdentity(name, { resourceGroupName, location, resourceName: `id-agw-${name}` }, { parent: this });
        // The gateway reads the certificate while it is created: it must wait until the role applies,
        // or its HTTPS listener comes up without a certificate.
        const canReadCertificate = assignRole(
            `${name}-key-vault-secrets-user`,
            { principalId: this.identity.principalId, principalType: "ServicePrincipal", role: "keyVaultSecretsUser", scope: args.certificate.keyVaultId, waitSeconds: args.roleAssignmentWaitSeconds },
            this,
        );

        this.publicIp = new network.PublicIPAddress(
            name,
            { resourceGroupName, location, publicIpAddressName: `pip-agw-${name}`, sku: { name: "Standard" }, publicIPAllocationMethod: "Static", zones: zoneList(args.zones) },
            { parent: this },
        );
        this.publicIpAddress = this.publicIp.ipAddress;

        const maxBodyKb = args.waf?.maxRequestBodyKb ?? defaults.appGateway.wafMaxRequestBodyKb;
        this.wafPolicy = new network.WebApplicationFirewallPolicy(
            name,
            {
                resourceGroupName,
                location,
                policyName: `waf-${name}`,
                policySettings: {
                    mode: args.wafMode ?? "Prevention",
                    state: "Enabled",
                    requestBodyCheck: true,
                    requestBodyInspectLimitInKB: args.waf?.requestBodyInspectKb ?? defaults.appGateway.wafRequestBodyInspectKb,
                    // Inference payloads (JSON tensors, images, batches) outgrow even the WAF's 2 MB maximum:
                    // by default the size limit is off and only the first part of each body is inspected.
                    requestBodyEnforcement: maxBodyKb > 0,
                    ...(maxBodyKb > 0 ? { maxRequestBodySizeInKb: maxBodyKb } : {}),
                    fileUploadEnforcement: true,
                    fileUploadLimitInMb: args.waf?.fileUploadLimitMb ?? defaults.appGateway.wafFileUploadLimitMb,
                },
                managedRules: { managedRuleSets: [{ ruleSetType: "OWASP", ruleSetVersion: "3.2" }] },
            },
            { parent: this },
        );

        const ref = (collection: string, item: string) => ({ id: `$self/${collection}/${item}` });
        // Every model host is one label under the domain (modelHost), which this name and a *.<domain> certificate cover.
        const host = wildcardHost(args.domain);
        this.gateway = new network.ApplicationGateway(
            name,
            {
                resourceGroupName,
                location,
                applicationGatewayName: `agw-${name}`,
                sku: { name: "WAF_v2", tier: "WAF_v2" },
                zones: zoneList(args.zones),
                autoscaleConfiguration: { minCapacity: args.minCapacity ?? defaults.appGateway.minCapacity, maxCapacity: args.maxCapacity ?? defaults.appGateway.maxCapacity },
                identity: { type: "UserAssigned", userAssignedIdentities: [this.identity.id] },
                firewallPolicy: { id: this.wafPolicy.id },
                enableHttp2: true,
                gatewayIPConfigurations: [{ name: "gateway", subnet: { id: args.subnetId } }],
                frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: this.publicIp.id } }],
                frontendPorts: [
                    { name: "http", port: 80 },
                    { name: "https", port: 443 },
                ],
                sslCertificates: [{ name: "models", keyVaultSecretId: `https://${vault}.vault.azure.net/secrets/${args.certificate.secretName}` }],
                sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" },
                backendAddressPools: [{ name: fixedNames.ingressGatewayRelease, backendAddresses: [{ ipAddress: args.backendIp }] }],
                probes: [
                    {
                        name: "istio-ready",
                        protocol: "Http",
                        host: args.backendIp,
                        port: fixedNames.gatewayHealth.port,
                        path: fixedNames.gatewayHealth.path,
                        pickHostNameFromBackendHttpSettings: false,
                        interval: 15,
                        timeout: 10,
                        unhealthyThreshold: 3,
                        match: { statusCodes: ["200-399"] },
                    },
                ],
                backendHttpSettingsCollection: [
                    {
                        name: "istio-http",
                        port: 80,
                        protocol: "Http",
                        cookieBasedAffinity: "Disabled",
                        // No hostName and no pick-from-backend: the client's Host header reaches Istio, which routes on it.
                        pickHostNameFromBackendAddress: false,
                        requestTimeout: args.requestTimeoutSeconds ?? defaults.appGateway.requestTimeoutSeconds,
                        probe: ref("probes", "istio-ready"),
                    },
                ],
                httpListeners: [
                    {
                        name: "https",
                        frontendIPConfiguration: ref("frontendIPConfigurations", "public"),
                        frontendPort: ref("frontendPorts", "https"),
                        protocol: "Https",
                        sslCertificate: ref("sslCertificates", "models"),
                        hostNames: [host],
                        requireServerNameIndication: true,
                    },
                    {
                        name: "http",
                        frontendIPConfiguration: ref("frontendIPConfigurations", "public"),
                        frontendPort: ref("frontendPorts", "http"),
                        protocol: "Http",
                        hostNames: [host],
                    },
                ],
                redirectConfigurations: [{ name: "http-to-https", redirectType: "Permanent", targetListener: ref("httpListeners", "https"), includePath: true, includeQueryString: true }],
                requestRoutingRules: [
                    {
                        name: "models",
                        ruleType: "Basic",
                        priority: 100,
                        httpListener: ref("httpListeners", "https"),
                        backendAddressPool: ref("backendAddressPools", fixedNames.ingressGatewayRelease),
                        backendHttpSettings: ref("backendHttpSettingsCollection", "istio-http"),
                    },
                    { name: "http-to-https", ruleType: "Basic", priority: 200, httpListener: ref("httpListeners", "http"), redirectConfiguration: ref("redirectConfigurations", "http-to-https") },
                ],
            },
            // The gateway fails to start without read access to its certificate.
            { parent: this, dependsOn: [canReadCertificate.ready] },
        );

        if (args.dnsZone) {
            const recordName = wildcardRecordName(args.domain, args.dnsZone.name);
            if (!recordName) {
                throw new Error(`domain ${args.domain} is not inside DNS zone ${args.dnsZone.name}`);
            }
            this.dnsRecord = new dns.RecordSet(
                name,
                {
                    resourceGroupName: args.dnsZone.resourceGroupName,
                    zoneName: args.dnsZone.name,
                    relativeRecordSetName: recordName,
                    recordType: "A",
                    ttl: 300,
                    // An alias: the record follows the address if the IP is ever replaced.
                    targetResource: { id: this.publicIp.id },
                },
                { parent: this },
            );
        }
        this.registerOutputs({ publicIpAddress: this.publicIpAddress });
    }
}
