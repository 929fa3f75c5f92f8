// The Application Gateway in front of a private cluster, its WAF and its DNS zone. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import type { ConfigKey } from "./key";

/** The Application Gateway in front of a private cluster, its WAF and its DNS zone. */
export const appGatewayKeys = {
    appGateway: {
        type: "boolean",
        description: "Azure: expose models through an Application Gateway (WAF v2) in front of the internal Istio gateway.",
        default: false,
    },
    appGatewaySubnetCidr: {
        type: "string",
        description: "Azure: the Application Gateway's own subnet, inside azureVnetCidr.",
        default: defaults.appGateway.subnetCidr,
    },
    appGatewayCertificateKeyVaultId: {
        type: "string",
        description: "Azure: resource id of the Key Vault (RBAC model) holding the TLS certificate for *.<domain>.",
        default: "",
    },
    appGatewayCertificateName: {
        type: "string",
        description: "Azure: name of that certificate in the Key Vault.",
        default: "",
    },
    appGatewayMinCapacity: {
        type: "integer",
        description: "Azure: fewest Application Gateway instances (autoscaling).",
        default: defaults.appGateway.minCapacity,
    },
    appGatewayMaxCapacity: {
        type: "integer",
        description: "Azure: most Application Gateway instances.",
        default: defaults.appGateway.maxCapacity,
    },
    appGatewayWafMode: {
        type: "string",
        description: "Azure: WAF policy mode.",
        default: "Prevention",
        allowed: ["Prevention", "Detection"],
    },
    appGatewayWafMaxRequestBodyKb: {
        type: "integer",
        description:
            "Azure: largest request body (KB, 8-2000) the WAF lets through; 0 turns the WAF's size limit off so JSON tensors of several MB pass (Application Gateway's own 4 GB limit applies) while the first appGatewayWafRequestBodyInspectKb are still inspected.",
        default: defaults.appGateway.wafMaxRequestBodyKb,
    },
    appGatewayWafRequestBodyInspectKb: {
        type: "integer",
        description: "Azure: how much of each request body (KB, 8-2000) the WAF rules inspect; more inspects deeper and costs latency.",
        default: defaults.appGateway.wafRequestBodyInspectKb,
    },
    appGatewayWafFileUploadLimitMb: {
        type: "integer",
        description: "Azure: largest multipart/form-data file upload (MB, 1-4000) the WAF lets through.",
        default: defaults.appGateway.wafFileUploadLimitMb,
    },
    dnsZoneName: {
        type: "string",
        description: "Azure: public DNS zone containing the domain; the wildcard record *.<domain> → the Application Gateway goes there.",
        default: "",
    },
    dnsZoneResourceGroup: {
        type: "string",
        description: "Azure: resource group of dnsZoneName.",
        default: "",
    },
} as const satisfies Record<string, ConfigKey>;
