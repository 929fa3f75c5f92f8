/**
 * Limits Azure enforces only when it is too late (a half-created stack): checked on the stack
 * config before anything is registered. Pure functions returning problems, called from load.ts.
 */
import { parseCidr, parseIp, Problem } from "../components/common";
import type { WafBodySettings } from "../components/azure";
import { projectName } from "./schema";

/** Dotted form of an address held as a number. */
function ipText(ip: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join(".");
}

/**
 * Whether Azure keeps `ip` for itself in the subnet `cidr`: the first four addresses (network,
 * default gateway, two for Azure DNS) and the last (broadcast) of every subnet (Azure Virtual
 * Network FAQ, "Are there any restrictions on using IP addresses within these subnets?").
 * Returns the problem, or undefined when the address is usable or either text does not parse.
 */
export function reservedSubnetAddress(key: string, ip: string, subnetKey: string, cidr: string): Problem | undefined {
    const address = parseIp(ip);
    const range = parseCidr(cidr);
    if (address === undefined || !range) {
        return undefined;
    }
    const first = range.start;
    const last = range.start + 2 ** (32 - range.bits) - 1;
    if (address < first || address > last || (address > first + 3 && address < last)) {
        return undefined;
    }
    return {
        subject: `${projectName}:${key}`,
        path: "",
        message:
            `${ip} is reserved by Azure in ${subnetKey} ${cidr} (the first four addresses, ${ipText(first)}-${ipText(first + 3)}, and the last, ${ipText(last)}); ` +
            `use an address from ${ipText(first + 4)} to ${ipText(last - 1)}`,
    };
}

/** Federated identity credentials one user-assigned managed identity takes (Microsoft Entra workload identity federation limits). */
export const maxFederatedCredentialsPerIdentity = 20;

/**
 * The model store's identity trusts one ServiceAccount per namespace through one federated
 * credential each, and Azure refuses the 21st: more namespaces than that cannot read the store.
 */
export function federatedCredentialProblems(namespaces: readonly string[]): Problem[] {
    if (namespaces.length <= maxFederatedCredentialsPerIdentity) {
        return [];
    }
    return [
        {
            subject: `${projectName}:models`,
            path: "",
            message:
                `models that read the model store live in ${namespaces.length} namespaces (${namespaces.join(", ")}); its identity takes one federated credential per namespace ` +
                `and Azure allows at most ${maxFederatedCredentialsPerIdentity} per identity: put store models in at most ${maxFederatedCredentialsPerIdentity} namespaces`,
        },
    ];
}

/**
 * WAF policy bounds for Application Gateway v2 with CRS 3.2 or later (the gateway runs OWASP 3.2):
 * request body and inspection limit 8 KB-2 MB (2000 KB as the API takes it), file uploads 1 MB-4 GB
 * (Azure subscription limits, "Application Gateway limits"; the WAF request size limits page).
 */
export const wafLimits = {
    maxRequestBodyKb: { min: 8, max: 2000 },
    requestBodyInspectKb: { min: 8, max: 2000 },
    fileUploadLimitMb: { min: 1, max: 4000 },
} as const;

/** Values outside what the WAF policy API accepts. */
export function wafProblems(waf: WafBodySettings): Problem[] {
    const problems: Problem[] = [];
    const check = (key: string, value: number, limit: { min: number; max: number }, unit: string, off?: string) => {
        if (Number.isInteger(value) && (value < limit.min || value > limit.max) && !(off && value === 0)) {
            problems.push({ subject: `${projectName}:${key}`, path: "", message: `got ${value}; must be ${limit.min}-${limit.max} ${unit}${off ? `, or 0 ${off}` : ""}` });
        }
    };
    check("appGatewayWafMaxRequestBodyKb", waf.maxRequestBodyKb, wafLimits.maxRequestBodyKb, "KB", "to turn the WAF's body size limit off");
    check("appGatewayWafRequestBodyInspectKb", waf.requestBodyInspectKb, wafLimits.requestBodyInspectKb, "KB");
    check("appGatewayWafFileUploadLimitMb", waf.fileUploadLimitMb, wafLimits.fileUploadLimitMb, "MB");
    return problems;
}
