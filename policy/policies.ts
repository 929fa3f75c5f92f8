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
import { fixedNames } from "../components/defaults";

/** Pulumi type tokens the rules inspect. */
export const resourceTypes = {
    inferenceService: "kubernetes:serving.kserve.io/v1beta1:InferenceService",
    deployment: "kubernetes:apps/v1:Deployment",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    daemonSet: "kubernetes:apps/v1:DaemonSet",
    job: "kubernetes:batch/v1:Job",
    cronJob: "kubernetes:batch/v1:CronJob",
    pod: "kubernetes:core/v1:Pod",
    service: "kubernetes:core/v1:Service",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    helmChart: "kubernetes:helm.sh/v4:Chart",
    managedCluster: "azure-native:containerservice:ManagedCluster",
    openShiftCluster: "azure-native:redhatopenshift:OpenShiftCluster",
    storageAccount: "azure-native:storage:StorageAccount",
} as const;

/**
 * Annotation that lets an InferenceService scale to zero in prod (value `"true"`); without it,
 * `min-replicas-in-prod` requires `minReplicas >= 1` on every component. Shared with the program.
 */
export const allowScaleToZeroAnnotation = fixedNames.allowScaleToZeroAnnotation;

/** Annotation that puts an AKS `LoadBalancer` Service on an internal (VNet-only) load balancer. */
export const internalLoadBalancerAnnotation = fixedNames.azureInternalLoadBalancer;

/** Annotation that tells pulumi-kubernetes what to wait for before a resource counts as created. */
export const waitForAnnotation = fixedNames.waitForAnnotation;

/** Annotation that turns pulumi-kubernetes' waiting off altogether. */
export const skipAwaitAnnotation = "pulumi.com/skipAwait";

/** The environment a stack runs in; the `prod` rules only bite in `prod`. */
export type Environment = "local" | "dev" | "prod";

/** Every environment, in the order the config schema lists them. */
export const environments: readonly Environment[] = ["local", "dev", "prod"];

/** A component of an InferenceService. */
export type ComponentKind = "predictor" | "transformer" | "explainer";

/** Legacy framework keys of a predictor; each holds the predictor's main container inline. */
export const frameworkKeys = ["sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface", "pmml", "lightgbm", "paddle"] as const;

/** Storage URI prefixes approved when the config does not name any. */
export const defaultApprovedPrefixes: readonly string[] = ["gs://", "s3://", "https://", "pvc://", "hf://", "oci://"];

/** Config of `approved-storage-schemes`. */
export interface StorageSchemeConfig {
    /** A storageUri must start with one of these. */
    readonly approvedPrefixes: readonly string[];
    /** Accept paths without a `scheme://` (KServe reads them from the container's file system). */
    readonly allowLocalPaths: boolean;
}

/** Inputs as the engine hands them over: read-only, possibly proxied. */
type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isUnset(value: unknown): boolean {
    return value === undefined || value === null;
}

/** The value at `keys` under `value`, or undefined where a step is not an object. */
function at(value: unknown, ...keys: string[]): unknown {
    let current = value;
    for (const key of keys) {
        if (!isRecord(current)) {
            return undefined;
        }
        current = current[key];
    }
    return current;
}

/** A plain copy of a list (indexing, not array methods, so a proxied list is only read). */
function listOf(value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        return [];
    }
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        items.push(value[i]);
    }
    return items;
}

/** "is unset" or `is <JSON>`: the state of a field, for messages. */
function stateOf(value: unknown): string {
    return isUnset(value) ? "is unset" : `is ${JSON.stringify(value)}`;
}

function annotationPath(prefix: string, key: string): string {
    return `${prefix}["${key}"]`;
}

/** Reports every message; the policies' shared glue. */
function reportAll(messages: readonly string[], reportViolation: ReportViolation): void {
    for (const message of messages) {
        reportViolation(message);
    }
}

/** Matches azure-native tokens with or without an explicit API version module (`storage/v20240101`). */
function isAzureType(type: string, module: string, resource: string): boolean {
    return type === `azure-native:${module}:${resource}` || new RegExp(`^azure-native:${module}/v[0-9a-z]+:${resource}$`).test(type);
}

// ---------------------------------------------------------------------------------------------
// InferenceService structure
// ---------------------------------------------------------------------------------------------

/** One component of an InferenceService and where it sits. */
export interface ComponentAt {
    /** Field path, e.g. `spec.predictor` or `spec.canary[0].predictor`. */
    readonly path: string;
    /** Which component it is. */
    readonly kind: ComponentKind;
    /** True for a Standard-mode canary predictor (`spec.canary[]`), which runs fixed replicas. */
    readonly canary: boolean;
    /** The component spec. */
    readonly spec: Fields;
}

/** The components an InferenceService declares, canary predictors included. */
export function inferenceServiceComponents(props: unknown): ComponentAt[] {
    const spec = at(props, "spec");
    const found: ComponentAt[] = [];
    for (const kind of ["predictor", "transformer", "explainer"] as const) {
        const component = at(spec, kind);
        if (isRecord(component)) {
            found.push({ path: `spec.${kind}`, kind, canary: false, spec: component });
        }
    }
    listOf(at(spec, "canary")).forEach((entry, i) => {
        const predictor = at(entry, "predictor");
        if (isRecord(predictor)) {
            found.push({ path: `spec.canary[${i}].predictor`, kind: "predictor", canary: true, spec: predictor });
        }
    });
    return found;
}

/** Keys of a component that hold an inline container with its own storageUri. */
function implementationKeys(kind: ComponentKind): readonly string[] {
    switch (kind) {
        case "predictor":
            return ["model", ...frameworkKeys];
        case "explainer":
            return ["art"];
        case "transformer":
            return [];
    }
}

/** A container found in a resource, with its field path. */
export interface ContainerAt {
    /** Field path of the container, e.g. `spec.predictor.containers[0]`. */
    readonly path: string;
    /** The container. */
    readonly container: Fields;
}

/**
 * The predictor's main container: `model`, else the first framework key present, else the
 * `containers[]` entry named `kserve-container`, else the first entry. Undefined when there is none.
 */
export function predictorMainContainer(predictor: unknown, path = "spec.predictor"): ContainerAt | undefined {
    for (const key of ["model", ...frameworkKeys]) {
        const container = at(predictor, key);
        if (isRecord(container)) {
            return { path: `${path}.${key}`, container };
        }
    }
    const containers = listOf(at(predictor, "containers"));
    const named = containers.findIndex((c) => at(c, "name") === "kserve-container");
    const index = named >= 0 ? named : 0;
    const container = containers[index];
    return isRecord(container) ? { path: `${path}.containers[${index}]`, container } : undefined;
}

// ---------------------------------------------------------------------------------------------
// a. predictor-resources
// ---------------------------------------------------------------------------------------------

const resourcesAllowed = "the predictor's main container must set CPU and memory requests and limits (resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory)";

function isQuantity(value: unknown): boolean {
    return typeof value === "number" || (typeof value === "string" && value.trim() !== "");
}

/** Violations of `predictor-resources` for one resource. */
export function predictorResourceViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const predictors = inferenceServiceComponents(props).filter((c) => c.kind === "predictor");
    if (predictors.length === 0) {
        return [`spec.predictor is unset; ${resourcesAllowed}`];
    }
    const violations: string[] = [];
    for (const predictor of predictors) {
        const main = predictorMainContainer(predictor.spec, predictor.path);
        if (!main) {
            violations.push(`${predictor.path} has no model, framework (${frameworkKeys.join(", ")}) or containers[] entry; ${resourcesAllowed}`);
            continue;
        }
        for (const bound of ["requests", "limits"] as const) {
            for (const resource of ["cpu", "memory"] as const) {
                const value = at(main.container, "resources", bound, resource);
                if (!isQuantity(value)) {
                    violations.push(`${main.path}.resources.${bound}.${resource} ${stateOf(value)}; ${resourcesAllowed}`);
                }
            }
        }
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// b. pinned-images
// ---------------------------------------------------------------------------------------------

/** An image reference split into its parts. */
export interface ImageReference {
    /** Registry (with port), path and name, e.g. `registry:5000/ns/img`. */
    readonly name: string;
    /** The tag, if any (`1.2` in `img:1.2`). */
    readonly tag?: string;
    /** The digest, if any (`sha256:…` in `img@sha256:…`). */
    readonly digest?: string;
}

/**
 * Splits an image reference. A colon is a tag separator only after the last slash, so the port in
 * `registry:5000/ns/img` is not a tag.
 */
export function parseImageReference(image: string): ImageReference {
    const atSign = image.indexOf("@");
    const digest = atSign >= 0 ? image.slice(atSign + 1) : undefined;
    const rest = atSign >= 0 ? image.slice(0, atSign) : image;
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
        const tag = rest.slice(colon + 1);
        return { name: rest.slice(0, colon), ...(tag === "" ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
    }
    return { name: rest, ...(digest === undefined ? {} : { digest }) };
}

/** Why an image is not pinned. */
export type ImageProblem = "no-tag" | "latest" | "bad-digest";

/** Why `image` is not pinned, or undefined when a version tag or a sha256 digest pins it. */
export function imagePinningProblem(image: string): ImageProblem | undefined {
    const ref = parseImageReference(image);
    if (ref.digest !== undefined) {
        // A digest pins the content whatever the tag says.
        return /^sha256:[0-9a-f]{64}$/.test(ref.digest) ? undefined : "bad-digest";
    }
    if (ref.tag === undefined) {
        return "no-tag";
    }
    return ref.tag === "latest" ? "latest" : undefined;
}

/** An image reference found in a resource, with its field path. */
export interface ImageAt {
    /** Field path of the `image` field. */
    readonly path: string;
    /** The reference. */
    readonly image: string;
}

/** Images of a pod spec's `containers`, `initContainers` and `ephemeralContainers`. */
function podSpecImages(podSpec: unknown, path: string): ImageAt[] {
    const found: ImageAt[] = [];
    for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
        listOf(at(podSpec, list)).forEach((container, i) => {
            const image = at(container, "image");
            if (typeof image === "string" && image !== "") {
                found.push({ path: `${path}.${list}[${i}].image`, image });
            }
        });
    }
    return found;
}

/** Where a workload type keeps its pod spec. */
const podSpecPaths: Readonly<Record<string, readonly string[]>> = {
    [resourceTypes.deployment]: ["spec", "template", "spec"],
    [resourceTypes.statefulSet]: ["spec", "template", "spec"],
    [resourceTypes.daemonSet]: ["spec", "template", "spec"],
    [resourceTypes.job]: ["spec", "template", "spec"],
    [resourceTypes.cronJob]: ["spec", "jobTemplate", "spec", "template", "spec"],
    [resourceTypes.pod]: ["spec"],
};

/** Every image a resource runs: InferenceService components and workload pod templates. */
export function resourceImages(type: string, props: unknown): ImageAt[] {
    if (type === resourceTypes.inferenceService) {
        const found: ImageAt[] = [];
        for (const component of inferenceServiceComponents(props)) {
            for (const key of implementationKeys(component.kind)) {
                const image = at(component.spec, key, "image");
                if (typeof image === "string" && image !== "") {
                    found.push({ path: `${component.path}.${key}.image`, image });
                }
            }
            found.push(...podSpecImages(component.spec, component.path));
            if (component.kind === "predictor") {
                found.push(...podSpecImages(at(component.spec, "workerSpec"), `${component.path}.workerSpec`));
            }
        }
        return found;
    }
    const podSpecPath = podSpecPaths[type];
    return podSpecPath ? podSpecImages(at(props, ...podSpecPath), podSpecPath.join(".")) : [];
}

const imageAllowed = "pin it with a version tag (name:1.2.3) or a digest (name@sha256:<64 hex digits>)";
const imageProblemText: Readonly<Record<ImageProblem, string>> = {
    "no-tag": "which has no tag",
    latest: 'which uses the "latest" tag',
    "bad-digest": "whose digest is not sha256:<64 hex digits>",
};

/** Violations of `pinned-images` for one resource. */
export function imageViolations(type: string, props: unknown): string[] {
    const violations: string[] = [];
    for (const { path, image } of resourceImages(type, props)) {
        const problem = imagePinningProblem(image);
        if (problem) {
            violations.push(`${path} is ${JSON.stringify(image)}, ${imageProblemText[problem]}; ${imageAllowed}`);
        }
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// c. approved-storage-schemes
// ---------------------------------------------------------------------------------------------

/** A storage URI found in an InferenceService, with its field path. */
export interface StorageUriAt {
    /** Field path, e.g. `spec.predictor.model.storageUri` or `spec.predictor.storageUris[0].uri`. */
    readonly path: string;
    /** The URI. */
    readonly uri: string;
}

/** Every storageUri of an InferenceService: on each implementation and in each `storageUris[]`. */
export function inferenceServiceStorageUris(props: unknown): StorageUriAt[] {
    const found: StorageUriAt[] = [];
    for (const component of inferenceServiceComponents(props)) {
        for (const key of implementationKeys(component.kind)) {
            const uri = at(component.spec, key, "storageUri");
            if (typeof uri === "string" && uri !== "") {
                found.push({ path: `${component.path}.${key}.storageUri`, uri });
            }
        }
        listOf(at(component.spec, "storageUris")).forEach((entry, i) => {
            const uri = at(entry, "uri");
            if (typeof uri === "string" && uri !== "") {
                found.push({ path: `${component.path}.storageUris[${i}].uri`, uri });
            }
        });
    }
    return found;
}

/** True for a URI without a `scheme://`, which KServe reads as a path in the container. */
export function isLocalPath(uri: string): boolean {
    return !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri);
}

/** Violations of `approved-storage-schemes` for one resource. */
export function storageUriViolations(type: string, props: unknown, config: StorageSchemeConfig): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const allowed = `allowed prefixes: ${config.approvedPrefixes.length > 0 ? config.approvedPrefixes.join(", ") : "none"}`;
    const violations: string[] = [];
    for (const { path, uri } of inferenceServiceStorageUris(props)) {
        if (config.approvedPrefixes.some((prefix) => uri.startsWith(prefix))) {
            continue;
        }
        if (isLocalPath(uri)) {
            if (!config.allowLocalPaths) {
                violations.push(`${path} is ${JSON.stringify(uri)}, a local path, which is not allowed (allowLocalPaths is false); ${allowed}`);
            }
            continue;
        }
        violations.push(`${path} is ${JSON.stringify(uri)}; ${allowed}`);
    }
    return violations;
}

/** The policy's config with defaults filled in (the engine fills them too; tests may not). */
export function storageSchemeConfig(raw: Partial<StorageSchemeConfig>): StorageSchemeConfig {
    const prefixes = raw.approvedPrefixes;
    return {
        approvedPrefixes: Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === "string") : defaultApprovedPrefixes,
        allowLocalPaths: raw.allowLocalPaths === true,
    };
}

// ---------------------------------------------------------------------------------------------
// d. min-replicas-in-prod
// ---------------------------------------------------------------------------------------------

/** The environment named in a policy's config; `dev` when unset or unknown. */
export function environmentOf(raw: { readonly environment?: unknown }): Environment {
    const found = environments.find((e) => e === raw.environment);
    return found ?? "dev";
}

/** Violations of `min-replicas-in-prod` for one resource. */
export function minReplicasViolations(type: string, props: unknown, environment: Environment): string[] {
    if (type !== resourceTypes.inferenceService || environment !== "prod") {
        return [];
    }
    if (at(props, "metadata", "annotations", allowScaleToZeroAnnotation) === "true") {
        return [];
    }
    const violations: string[] = [];
    // Canary predictors run fixed replicas; KServe rejects minReplicas on them.
    for (const component of inferenceServiceComponents(props).filter((c) => !c.canary)) {
        const minReplicas = component.spec.minReplicas;
        // Unset means KServe's default, 1.
        if (isUnset(minReplicas) || (typeof minReplicas === "number" && minReplicas >= 1)) {
            continue;
        }
        violations.push(
            `${component.path}.minReplicas ${stateOf(minReplicas)}; in prod every component keeps minReplicas >= 1 (unset means KServe's default, 1) ` +
                `unless the InferenceService has the annotation ${allowScaleToZeroAnnotation}: "true"`,
        );
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// e. no-public-load-balancer
// ---------------------------------------------------------------------------------------------

/** True for a Helm chart reference to Istio's `gateway` chart (`gateway`, `istio/gateway`, `oci://…/gateway`). */
export function isGatewayChart(chart: unknown): boolean {
    return typeof chart === "string" && (chart === "gateway" || chart.endsWith("/gateway"));
}

/** Violations of `no-public-load-balancer` for one resource. */
export function loadBalancerViolations(type: string, props: unknown, environment: Environment): string[] {
    if (environment !== "prod") {
        return [];
    }
    if (type === resourceTypes.service) {
        if (at(props, "spec", "type") !== "LoadBalancer") {
            return [];
        }
        const internal = at(props, "metadata", "annotations", internalLoadBalancerAnnotation);
        return internal === "true"
            ? []
            : [
                  `${annotationPath("metadata.annotations", internalLoadBalancerAnnotation)} ${stateOf(internal)} on a Service of type LoadBalancer; ` +
                      'in prod load balancers must be internal: set the annotation to "true", or use type ClusterIP or NodePort',
              ];
    }
    if ((type === resourceTypes.helmRelease || type === resourceTypes.helmChart) && isGatewayChart(at(props, "chart"))) {
        const serviceType = at(props, "values", "service", "type");
        // The gateway chart's own default is a LoadBalancer Service.
        if ((serviceType ?? "LoadBalancer") !== "LoadBalancer") {
            return [];
        }
        const internal = at(props, "values", "service", "annotations", internalLoadBalancerAnnotation);
        return internal === "true"
            ? []
            : [
                  `${annotationPath("values.service.annotations", internalLoadBalancerAnnotation)} ${stateOf(internal)} while values.service.type ` +
                      `${isUnset(serviceType) ? "is unset (the gateway chart's default, LoadBalancer)" : "is LoadBalancer"}; ` +
                      'in prod the Istio gateway must sit behind an internal load balancer: set the annotation to "true", or values.service.type to ClusterIP or NodePort',
              ];
    }
    return [];
}

// ---------------------------------------------------------------------------------------------
// f. no-public-api-server
// ---------------------------------------------------------------------------------------------

/** Violations of `no-public-api-server` for one resource. */
export function apiServerViolations(type: string, props: unknown, environment: Environment): string[] {
    if (environment !== "prod") {
        return [];
    }
    if (isAzureType(type, "containerservice", "ManagedCluster")) {
        const privateCluster = at(props, "apiServerAccessProfile", "enablePrivateCluster");
        return privateCluster === true ? [] : [`apiServerAccessProfile.enablePrivateCluster ${stateOf(privateCluster)}; in prod the AKS API server must be private: set it to true`];
    }
    if (isAzureType(type, "redhatopenshift", "OpenShiftCluster")) {
        const visibility = at(props, "apiserverProfile", "visibility");
        return visibility === "Private" ? [] : [`apiserverProfile.visibility ${stateOf(visibility)}; in prod the ARO API server must be private: set it to "Private"`];
    }
    return [];
}

// ---------------------------------------------------------------------------------------------
// g. storage-no-shared-keys
// ---------------------------------------------------------------------------------------------

/** True for `TLS1_2` or a later `TLS<major>_<minor>`. */
export function isTls12OrLater(version: unknown): boolean {
    const match = typeof version === "string" ? /^TLS(\d+)_(\d+)$/.exec(version) : null;
    if (!match) {
        return false;
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    return major > 1 || (major === 1 && minor >= 2);
}

/** Violations of `storage-no-shared-keys` for one resource. */
export function storageAccountViolations(type: string, props: unknown): string[] {
    if (!isAzureType(type, "storage", "StorageAccount")) {
        return [];
    }
    const violations: string[] = [];
    const sharedKey = at(props, "allowSharedKeyAccess");
    if (sharedKey !== false) {
        // Unset is not enough: Azure's default is true.
        violations.push(`allowSharedKeyAccess ${stateOf(sharedKey)}${isUnset(sharedKey) ? " (Azure's default is true)" : ""}; set it to false so the account is reached with Entra ID only`);
    }
    const publicAccess = at(props, "allowBlobPublicAccess");
    if (publicAccess === true) {
        violations.push("allowBlobPublicAccess is true; it must be false or unset");
    }
    const tls = at(props, "minimumTlsVersion");
    if (!isTls12OrLater(tls)) {
        violations.push(`minimumTlsVersion ${stateOf(tls)}; allowed: TLS1_2 or later`);
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// h. pinned-chart-versions
// ---------------------------------------------------------------------------------------------

/** True for one exact semantic version (`1.27.1`, `v0.20.0`, `1.2.3-rc.1`), not a range or wildcard. */
export function isExactChartVersion(version: unknown): boolean {
    return typeof version === "string" && /^v?\d+\.\d+\.\d+(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/.test(version);
}

/** True for a chart given as an archive URL (`https://…/chart-1.2.3.tgz`), whose URL pins the version. */
export function isChartArchiveUrl(chart: unknown): boolean {
    return typeof chart === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+\.tgz$/.test(chart);
}

/** Violations of `pinned-chart-versions` for one resource. */
export function chartVersionViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.helmRelease && type !== resourceTypes.helmChart) {
        return [];
    }
    const chart = at(props, "chart");
    const version = at(props, "version");
    if (isChartArchiveUrl(chart) || isExactChartVersion(version)) {
        return [];
    }
    return [
        `version ${stateOf(version)} for chart ${JSON.stringify(chart)}; pin an exact version such as 1.2.3 or v1.2.3 ` +
            '(no ranges, wildcards or "latest"); only a chart archive URL ending in .tgz may leave it unset',
    ];
}

// ---------------------------------------------------------------------------------------------
// i. inference-services-wait-for-ready
// ---------------------------------------------------------------------------------------------

/** True for `condition=Ready` or `condition=Ready=True` (the value compares case-insensitively, as in kubectl). */
function isReadyCondition(expression: unknown): boolean {
    const match = typeof expression === "string" ? /^condition=([^=]+)(?:=(.*))?$/.exec(expression.trim()) : null;
    return match !== null && match[1] === "Ready" && (match[2] === undefined || match[2].toLowerCase() === "true");
}

/**
 * True when a `pulumi.com/waitFor` value waits for condition Ready: the expression itself, or a
 * JSON list of expressions (all of which must hold) that includes it.
 */
export function waitsForReady(value: unknown): boolean {
    if (typeof value !== "string") {
        return false;
    }
    const trimmed = value.trim();
    if (!trimmed.startsWith("[")) {
        return isReadyCondition(trimmed);
    }
    try {
        return listOf(JSON.parse(trimmed)).some(isReadyCondition);
    } catch {
        return false;
    }
}

const waitForAllowed = 'allowed: "condition=Ready", "condition=Ready=True", or a JSON list of expressions that includes one of them';

/** Violations of `inference-services-wait-for-ready` for one resource. */
export function waitForViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.inferenceService) {
        return [];
    }
    const violations: string[] = [];
    const waitFor = at(props, "metadata", "annotations", waitForAnnotation);
    if (!waitsForReady(waitFor)) {
        violations.push(`${annotationPath("metadata.annotations", waitForAnnotation)} ${stateOf(waitFor)}, which does not wait for condition Ready; ${waitForAllowed}`);
    }
    const skipAwait = at(props, "metadata", "annotations", skipAwaitAnnotation);
    if (skipAwait === "true") {
        violations.push(`${annotationPath("metadata.annotations", skipAwaitAnnotation)} is "true", which turns waiting off; remove it so pulumi up waits for condition Ready`);
    }
    return violations;
}

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
