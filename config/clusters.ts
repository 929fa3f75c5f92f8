/** The Azure flavours' settings: the region and network, AKS and ARO. */
import { cidrContains, cidrContainsIp, cidrsOverlap, parseCidr, parseIp } from "../components/common";
import { checkAksUpgrades } from "../components/cluster/upgrades";
import { readAksMaintenance } from "./maintenance";
import { checkAksVersion, checkOpenShiftVersion, type AksSupportPlan } from "../components/versionChecks";
import { cidr, guid, Reader } from "./reader";
import type { AksSettings, AroSettings, AzureSettings, ProviderConfigSource } from "./types";

/** The region (azure-native:location), resource group, VNet and role-assignment wait shared by AKS and ARO. */
export function readAzure(r: Reader, providerConfig: ProviderConfigSource): AzureSettings {
    const location = providerConfig("azure-native", "location");
    if (!location) {
        r.problems.push({ subject: "azure-native:location", path: "", message: "is not set; the Azure flavours need a region (pulumi config set azure-native:location westeurope)" });
    }
    const vnetCidr = r.required("azureVnetCidr");
    cidr(r, "azureVnetCidr", vnetCidr);
    return { location: location ?? "", resourceGroupName: r.string("azureResourceGroup"), vnetCidr, roleAssignmentWaitSeconds: r.integer("azureRoleAssignmentWaitSeconds", 0) };
}

/** The AKS cluster: version and support plan, pools, address plan, upgrades, access. */
export function readAks(r: Reader, azure: AzureSettings): AksSettings {
    const version = r.required("aksKubernetesVersion");
    const supportPlan = r.required<AksSupportPlan>("aksSupportPlan");
    for (const p of checkAksVersion(version, r.required("aksTier"), supportPlan)) {
        r.problem(p.key, p.message);
    }

    for (const p of checkAksUpgrades(version, r.required("aksUpgradeChannel"), r.required("aksNodeOsUpgradeChannel"))) {
        r.problem(p.key, p.message);
    }

    const settings: AksSettings = {
        nodeSubnetCidr: r.required("aksNodeSubnetCidr"),
        podCidr: r.required("aksPodCidr"),
        serviceCidr: r.required("aksServiceCidr"),
        dnsServiceIp: r.required("aksDnsServiceIp"),
        kubernetesVersion: version,
        tier: r.required("aksTier"),
        supportPlan,
        maintenance: readAksMaintenance(r),
        systemPool: { vmSize: r.required("aksSystemVmSize"), count: r.integer("aksSystemNodeCount", 1) },
        userPool: { vmSize: r.required("aksUserVmSize"), minCount: r.integer("aksUserMinCount", 1), maxCount: r.integer("aksUserMaxCount", 1) },
        upgradeChannel: r.required("aksUpgradeChannel"),
        nodeOsUpgradeChannel: r.required("aksNodeOsUpgradeChannel"),
        adminGroupObjectIds: r.strings("aksAdminGroupObjectIds", guid, "an Entra ID object id (a GUID)"),
        disableLocalAccounts: r.boolean("aksDisableLocalAccounts"),
        kubeloginMode: r.required("aksKubeloginMode"),
        deployerPrincipalType: r.string("aksDeployerPrincipalType") as AksSettings["deployerPrincipalType"],
        deployerObjectId: r.string("aksDeployerObjectId"),
        privateCluster: r.boolean("aksPrivateCluster"),
        outboundType: r.required("aksOutboundType"),
        natGatewayZone: r.string("aksNatGatewayZone") || undefined,
    };
    if (settings.userPool.minCount > settings.userPool.maxCount) {
        r.problem("aksUserMinCount", `${settings.userPool.minCount} is greater than aksUserMaxCount ${settings.userPool.maxCount}`);
    }
    const gpuVmSize = r.string("aksGpuVmSize");
    if (gpuVmSize) {
        settings.gpuPool = { vmSize: gpuVmSize, minCount: r.integer("aksGpuMinCount", 0), maxCount: r.integer("aksGpuMaxCount", 1), driver: r.required("aksGpuDriver") };
        if (settings.gpuPool.minCount > settings.gpuPool.maxCount) {
            r.problem("aksGpuMinCount", `${settings.gpuPool.minCount} is greater than aksGpuMaxCount ${settings.gpuPool.maxCount}`);
        }
    }
    if (settings.deployerObjectId && !guid.test(settings.deployerObjectId)) {
        r.problem("aksDeployerObjectId", `got "${settings.deployerObjectId}"; must be an Entra ID object id (a GUID)`);
    }
    if (settings.disableLocalAccounts && settings.adminGroupObjectIds.length === 0) {
        r.problem("aksDisableLocalAccounts", "needs aksAdminGroupObjectIds: without local accounts, only Entra ID groups can administer the cluster");
    }

    const vnet = parseCidr(azure.vnetCidr);
    const nodes = cidr(r, "aksNodeSubnetCidr", settings.nodeSubnetCidr);
    const pods = cidr(r, "aksPodCidr", settings.podCidr);
    const services = cidr(r, "aksServiceCidr", settings.serviceCidr);
    const dns = parseIp(settings.dnsServiceIp);
    if (vnet && nodes && !cidrContains(vnet, nodes)) {
        r.problem("aksNodeSubnetCidr", `${settings.nodeSubnetCidr} is not inside azureVnetCidr ${azure.vnetCidr}`);
    }
    for (const [key, range] of [["aksPodCidr", pods], ["aksServiceCidr", services]] as const) {
        if (vnet && range && cidrsOverlap(vnet, range)) {
            r.problem(key, `${settings[key === "aksPodCidr" ? "podCidr" : "serviceCidr"]} overlaps azureVnetCidr ${azure.vnetCidr}; overlay ranges must lie outside the VNet`);
        }
    }
    if (pods && services && cidrsOverlap(pods, services)) {
        r.problem("aksServiceCidr", `${settings.serviceCidr} overlaps aksPodCidr ${settings.podCidr}`);
    }
    if (dns === undefined) {
        r.problem("aksDnsServiceIp", `got "${settings.dnsServiceIp}"; must be an IPv4 address`);
    } else if (services && !cidrContainsIp(services, dns)) {
        r.problem("aksDnsServiceIp", `${settings.dnsServiceIp} is not inside aksServiceCidr ${settings.serviceCidr}`);
    }
    return settings;
}

/** The ARO cluster: version, domain, service principal, pull secret, visibility, subnets. */
export function readAro(r: Reader, azure: AzureSettings): AroSettings {
    const requiredFor = "clusterFlavor aro";
    const version = r.needed("aroVersion", requiredFor);
    for (const p of checkOpenShiftVersion(version)) {
        r.problem(p.key, p.message);
    }
    const settings: AroSettings = {
        version,
        domain: r.needed("aroDomain", requiredFor),
        pullSecret: r.secret("aroPullSecret", requiredFor),
        clientId: r.needed("aroClientId", requiredFor),
        clientSecret: r.secret("aroClientSecret", requiredFor),
        servicePrincipalObjectId: r.needed("aroServicePrincipalObjectId", requiredFor),
        resourceProviderObjectId: r.needed("aroRpObjectId", requiredFor),
        apiVisibility: r.required("aroApiVisibility"),
        ingressVisibility: r.required("aroIngressVisibility"),
        masterVmSize: r.required("aroMasterVmSize"),
        workerVmSize: r.required("aroWorkerVmSize"),
        workerCount: r.integer("aroWorkerCount", 3),
        masterSubnetCidr: r.required("aroMasterSubnetCidr"),
        workerSubnetCidr: r.required("aroWorkerSubnetCidr"),
        podCidr: r.required("aroPodCidr"),
        serviceCidr: r.required("aroServiceCidr"),
    };
    for (const key of ["aroClientId", "aroServicePrincipalObjectId", "aroRpObjectId"] as const) {
        const value = r.string(key);
        if (value && !guid.test(value)) {
            r.problem(key, `got "${value}"; must be a GUID`);
        }
    }
    if (settings.domain && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(settings.domain)) {
        r.problem("aroDomain", `got "${settings.domain}"; must be a lower-case DNS name or prefix`);
    }
    const vnet = parseCidr(azure.vnetCidr);
    const master = cidr(r, "aroMasterSubnetCidr", settings.masterSubnetCidr);
    const worker = cidr(r, "aroWorkerSubnetCidr", settings.workerSubnetCidr);
    for (const [key, range, text] of [["aroMasterSubnetCidr", master, settings.masterSubnetCidr], ["aroWorkerSubnetCidr", worker, settings.workerSubnetCidr]] as const) {
        if (vnet && range && !cidrContains(vnet, range)) {
            r.problem(key, `${text} is not inside azureVnetCidr ${azure.vnetCidr}`);
        }
    }
    if (master && worker && cidrsOverlap(master, worker)) {
        r.problem("aroWorkerSubnetCidr", `${settings.workerSubnetCidr} overlaps aroMasterSubnetCidr ${settings.masterSubnetCidr}`);
    }
    cidr(r, "aroPodCidr", settings.podCidr);
    cidr(r, "aroServiceCidr", settings.serviceCidr);
    return settings;
}
