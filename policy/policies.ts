/**
 * The kserve-platform policy rules. Each rule is a `ResourceValidationPolicy` constant; its logic
 * is a small pure function over the resource's type and inputs, exported so tests can call it
 * without the Pulumi engine. Every message names the field path, what it is, and what is allowed.
 *
 * At runtime the engine hands the inputs over wrapped in proxies (reading an unknown preview value
 * throws, which the engine reports as "can't run during preview"), so the rules only ever read
 * them: no writes, no in-place sorting, and arrays are walked by index.
 */
import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { Environment, StorageSchemeConfig, allowScaleToZeroAnnotation, defaultApprovedPrefixes, environments, reportAll } from "./rules/common";
import { environmentOf, minReplicasViolations, predictorResourceViolations, storageSchemeConfig, storageUriViolations, waitForViolations } from "./rules/models";
import { chartVersionViolations, imageViolations } from "./rules/supplyChain";
import { apiServerViolations, loadBalancerViolations, storageAccountViolations } from "./rules/exposure";

// The rule families, one file each; their checks are exported for tests.
export * from "./rules/common";
export * from "./rules/inferenceService";
export * from "./rules/models";
export * from "./rules/supplyChain";
export * from "./rules/exposure";

// ---------------------------------------------------------------------------------------------
// The policies
// ---------------------------------------------------------------------------------------------

/** Config schema of the rules that only apply in prod. */
const environmentSchema: PolicyConfigSchema = {
    properties: {
        environment: {
            type: "string",
            enum: [...environments],
            default: "dev",
            description: "Environment of the stack; this rule only reports in prod.",
        },
    },
};

/** A rule over one resource's type and inputs, reporting what its check finds. */
function rule(name: string, description: string, check: (type: string, props: unknown) => string[]): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: "advisory",
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => reportAll(check(args.type, args.props), reportViolation),
    };
}

/** A rule that applies in some environments: its config names the stack's environment. */
function environmentRule(name: string, description: string, check: (type: string, props: unknown, environment: Environment) => string[]): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: "advisory",
        configSchema: environmentSchema,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
            reportAll(check(args.type, args.props, environmentOf(args.getConfig<{ environment?: unknown }>())), reportViolation),
    };
}

/** Every InferenceService predictor's main container sets CPU and memory requests and limits. */
export const predictorResourcesPolicy = rule(
    "predictor-resources",
    "Every InferenceService predictor's main container sets CPU and memory requests and limits.",
    predictorResourceViolations,
);

/** Every container image is pinned by a version tag or a digest; never untagged or `latest`. */
export const pinnedImagesPolicy = rule(
    "pinned-images",
    "Container images of InferenceServices and workloads carry a version tag or a sha256 digest, never no tag or latest.",
    imageViolations,
);

/** Every InferenceService storageUri starts with an approved prefix. */
export const approvedStorageSchemesPolicy: ResourceValidationPolicy = {
    name: "approved-storage-schemes",
    description: "Every InferenceService storageUri starts with an approved prefix; local paths only when allowed.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            approvedPrefixes: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: [...defaultApprovedPrefixes],
                description: "Prefixes a storageUri may start with (Azure Blob URIs are https://).",
            },
            allowLocalPaths: {
                type: "boolean",
                default: false,
                description: "Accept storageUris without a scheme:// (paths inside the container).",
            },
        },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const config = storageSchemeConfig(args.getConfig<Partial<StorageSchemeConfig>>());
        reportAll(storageUriViolations(args.type, args.props, config), reportViolation);
    },
};

/** In prod, InferenceService components keep at least one replica unless allowed to scale to zero. */
export const minReplicasInProdPolicy = environmentRule(
    "min-replicas-in-prod",
    `In prod, every InferenceService component keeps minReplicas >= 1 unless annotated ${allowScaleToZeroAnnotation}: "true".`,
    minReplicasViolations,
);

/** In prod, LoadBalancer Services and the Istio gateway chart use an internal Azure load balancer. */
export const noPublicLoadBalancerPolicy = environmentRule(
    "no-public-load-balancer",
    "In prod, LoadBalancer Services and the Istio gateway chart's Service use an internal Azure load balancer.",
    loadBalancerViolations,
);

/** In prod, AKS and ARO clusters have private API servers. */
export const noPublicApiServerPolicy = environmentRule(
    "no-public-api-server",
    "In prod, AKS clusters are private clusters and ARO clusters have a private API server.",
    apiServerViolations,
);

/** Storage accounts refuse shared keys and anonymous blob access, and require TLS 1.2 or later. */
export const storageNoSharedKeysPolicy = rule(
    "storage-no-shared-keys",
    "Storage accounts set allowSharedKeyAccess: false, do not allow public blob access, and require TLS1_2 or later.",
    storageAccountViolations,
);

/** Helm releases and charts pin an exact chart version. */
export const pinnedChartVersionsPolicy = rule(
    "pinned-chart-versions",
    "Helm Releases and Charts pin an exact chart version (a .tgz archive URL pins it by itself).",
    chartVersionViolations,
);

/** InferenceServices make pulumi wait for their Ready condition. */
export const inferenceServicesWaitForReadyPolicy = rule(
    "inference-services-wait-for-ready",
    'Every InferenceService has the annotation pulumi.com/waitFor: "condition=Ready", so pulumi up fails when a model does not become Ready.',
    waitForViolations,
);

/** Every policy of the kserve-platform pack. */
export const policies: ResourceValidationPolicy[] = [
    predictorResourcesPolicy,
    pinnedImagesPolicy,
    approvedStorageSchemesPolicy,
    minReplicasInProdPolicy,
    noPublicLoadBalancerPolicy,
    noPublicApiServerPolicy,
    storageNoSharedKeysPolicy,
    pinnedChartVersionsPolicy,
    inferenceServicesWaitForReadyPolicy,
];
