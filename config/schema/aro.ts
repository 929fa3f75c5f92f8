// Azure Red Hat OpenShift. Part of the config schema (config/schema.ts).
import { defaults } from "../../components/defaults";
import { versions } from "../../components/versions";
import type { ConfigKey } from "./key";

/** Azure Red Hat OpenShift. */
export const aroKeys = {
    aroVersion: {
        type: "string",
        description: `ARO: OpenShift version x.y.z, required, from \`az aro get-versions --location <region>\` (no default: Azure withdraws old z-streams); ${versions.minOpenShift} or later, on Kubernetes ${versions.minKubernetes}-${versions.maxKubernetes}.`,
        default: "",
    },
    aroDomain: {
        type: "string",
        description: "ARO: cluster domain, a prefix (→ <prefix>.<region>.aroapp.io) or a custom domain.",
        default: "",
    },
    aroPullSecret: {
        type: "string",
        description: "ARO: Red Hat pull secret JSON (console.redhat.com).",
        sensitive: true,
        default: "",
    },
    aroClientId: {
        type: "string",
        description: "ARO: application (client) id of the cluster's service principal.",
        default: "",
    },
    aroClientSecret: {
        type: "string",
        description: "ARO: client secret of the cluster's service principal.",
        sensitive: true,
        default: "",
    },
    aroServicePrincipalObjectId: {
        type: "string",
        description: "ARO: object id of the cluster's service principal (it gets Network Contributor on the VNet).",
        default: "",
    },
    aroRpObjectId: {
        type: "string",
        description: "ARO: object id of the \"Azure Red Hat OpenShift RP\" service principal in your tenant (az ad sp list --display-name ...).",
        default: "",
    },
    aroApiVisibility: {
        type: "string",
        description: "ARO: API server visibility.",
        default: "Private",
        allowed: ["Private", "Public"],
    },
    aroIngressVisibility: {
        type: "string",
        description: "ARO: default router visibility.",
        default: "Private",
        allowed: ["Private", "Public"],
    },
    aroMasterVmSize: {
        type: "string",
        description: "ARO: control-plane VM size.",
        default: defaults.aro.masterVmSize,
    },
    aroWorkerVmSize: {
        type: "string",
        description: "ARO: worker VM size.",
        default: defaults.aro.workerVmSize,
    },
    aroWorkerCount: {
        type: "integer",
        description: "ARO: workers (at least 3).",
        default: defaults.aro.workerCount,
    },
    aroMasterSubnetCidr: {
        type: "string",
        description: "ARO: control-plane subnet, inside azureVnetCidr.",
        default: defaults.aro.masterSubnetCidr,
    },
    aroWorkerSubnetCidr: {
        type: "string",
        description: "ARO: worker subnet, inside azureVnetCidr.",
        default: defaults.aro.workerSubnetCidr,
    },
    aroPodCidr: {
        type: "string",
        description: "ARO: pod network.",
        default: defaults.aro.podCidr,
    },
    aroServiceCidr: {
        type: "string",
        description: "ARO: service network.",
        default: defaults.aro.serviceCidr,
    },
} as const satisfies Record<string, ConfigKey>;
