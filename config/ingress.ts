/** The ingress settings: the internal gateway address and the Application Gateway in front of it. */
import { keyVaultName, wildcardRecordName } from "../components/azure/appGateway";
import { cidrContains, cidrContainsIp, cidrsOverlap, parseCidr, parseIp } from "../components/common";
import { reservedSubnetAddress, wafProblems } from "./azureLimits";
import { ConfigKeyName } from "./schema";
import { cidr, Reader } from "./reader";
import type { AppGatewaySettings, StackConfig } from "./types";

/** The subnet the internal gateway address must come from. */
export function gatewaySubnet(config: StackConfig): { key: ConfigKeyName; cidr: string } | undefined {
    if (config.aks) {
        return { key: "aksNodeSubnetCidr", cidr: config.aks.nodeSubnetCidr };
    }
    if (config.aro) {
        return { key: "aroWorkerSubnetCidr", cidr: config.aro.workerSubnetCidr };
    }
    return undefined;
}

/** The internal gateway address and, with `appGateway`, the Application Gateway in front of it. */
export function readIngress(r: Reader, config: StackConfig): void {
    const ip = config.ingressPrivateIp;
    if (ip !== undefined) {
        const parsed = parseIp(ip);
        const subnet = gatewaySubnet(config);
        const range = subnet && parseCidr(subnet.cidr);
        if (parsed === undefined) {
            r.problem("ingressPrivateIp", `got "${ip}"; must be an IPv4 address`);
        } else if (range && !cidrContainsIp(range, parsed)) {
            r.problem("ingressPrivateIp", `${ip} is not inside ${subnet.key} ${subnet.cidr}, where the internal load balancer takes its address`);
        } else if (subnet) {
            const reserved = reservedSubnetAddress("ingressPrivateIp", ip, subnet.key, subnet.cidr);
            r.problems.push(...(reserved ? [reserved] : []));
        }
        if (!config.ingressInternal) {
            r.problem("ingressPrivateIp", "only applies to an internal gateway; set kserve-platform:ingressInternal true");
        }
    }
    if (!r.boolean("appGateway")) {
        return;
    }
    if (config.clusterFlavor === "existing" || !config.azure) {
        r.problem("appGateway", "needs an Azure cluster (clusterFlavor aks or aro): the gateway lives in the cluster's VNet");
        return;
    }
    const keyVaultId = r.string("appGatewayCertificateKeyVaultId");
    const secretName = r.string("appGatewayCertificateName");
    if (!keyVaultId || !secretName) {
        r.problem("appGateway", "has no TLS certificate; set appGatewayCertificateKeyVaultId and appGatewayCertificateName (a certificate for *.<domain> in a Key Vault)");
    } else if (!keyVaultName(keyVaultId)) {
        r.problem("appGatewayCertificateKeyVaultId", `got "${keyVaultId}"; must be a Key Vault resource id /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>`);
    }
    if (!config.ingressInternal || ip === undefined) {
        r.problem("appGateway", "forwards to the internal Istio gateway: set ingressInternal true and ingressPrivateIp (its fixed address)");
    }
    if (config.urlScheme !== "https") {
        r.problem("urlScheme", 'must be "https" behind the Application Gateway, which terminates TLS: status.url and endpoints then show what clients call');
    }
    const subnetCidr = r.required("appGatewaySubnetCidr");
    const subnet = cidr(r, "appGatewaySubnetCidr", subnetCidr);
    const vnet = parseCidr(config.azure.vnetCidr);
    const nodes = gatewaySubnet(config);
    const nodeRange = nodes && parseCidr(nodes.cidr);
    if (subnet && vnet && !cidrContains(vnet, subnet)) {
        r.problem("appGatewaySubnetCidr", `${subnetCidr} is not inside azureVnetCidr ${config.azure.vnetCidr}`);
    } else if (subnet && nodeRange && cidrsOverlap(subnet, nodeRange)) {
        r.problem("appGatewaySubnetCidr", `${subnetCidr} overlaps ${nodes.key} ${nodes.cidr}; the gateway needs a subnet of its own`);
    }
    const minCapacity = r.integer("appGatewayMinCapacity", 0);
    const maxCapacity = r.integer("appGatewayMaxCapacity", 2);
    if (minCapacity > maxCapacity) {
        r.problem("appGatewayMinCapacity", `${minCapacity} is greater than appGatewayMaxCapacity ${maxCapacity}`);
    }
    let dnsZone: AppGatewaySettings["dnsZone"];
    const zoneName = r.string("dnsZoneName");
    if (zoneName) {
        dnsZone = { name: zoneName, resourceGroupName: r.needed("dnsZoneResourceGroup", "dnsZoneName") };
        if (!wildcardRecordName(config.domain, zoneName)) {
            r.problem("dnsZoneName", `${zoneName} does not contain the domain ${config.domain}`);
        }
    }
    config.appGateway = {
        subnetCidr,
        certificate: { keyVaultId: keyVaultId ?? "", secretName: secretName ?? "" },
        minCapacity,
        maxCapacity,
        wafMode: r.required("appGatewayWafMode"),
        dnsZone,
        waf: {
            maxRequestBodyKb: r.integer("appGatewayWafMaxRequestBodyKb", 0),
            requestBodyInspectKb: r.integer("appGatewayWafRequestBodyInspectKb", 0),
            fileUploadLimitMb: r.integer("appGatewayWafFileUploadLimitMb", 0),
        },
    };
    r.problems.push(...wafProblems(config.appGateway.waf));
}
