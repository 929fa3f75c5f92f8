// The policy pack in policy/: each rule on hand-built resources (passing and failing, exact
// messages), the config files, and every stack that has a policy config run whole under mocks.
// Rules get their inputs the way the engine hands them over: proxied, and here also read-only, so
// a rule that writes to its inputs fails.
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import { expect } from "chai";
import type { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import * as pp from "../policy/policies";
import { root } from "./harness";
import { snapshotFile, snapshotStacks } from "./registrations";

// The engine's proxy, which throws on reading an unknown value (not in the package's typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy") as { unknownCheckingProxy: <T>(value: T) => T };

const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CHART = "kubernetes:helm.sh/v4:Chart";
const policyDir = path.join(root, "policy");
const levels: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A deep view of `value` that throws on any write. */
function readOnly<T>(value: T): T {
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const refuse = (): never => {
        throw new TypeError("a policy wrote to its inputs");
    };
    return new Proxy(value, {
        get: (target, key) => readOnly(Reflect.get(target, key)),
        set: refuse,
        defineProperty: refuse,
        deleteProperty: refuse,
    });
}

/** Validation args as the engine builds them, with `config` as what getConfig returns. */
function argsFor(type: string, props: Record<string, unknown>, config: object = {}): ResourceValidationArgs {
    return {
        type,
        props: unknownCheckingProxy(readOnly(structuredClone(props))),
        urn: `urn:pulumi:test::kserve-platform::${type}::subject`,
        name: "subject",
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
}

/** The messages `policy` reports for one resource. */
async function check(policy: ResourceValidationPolicy, type: string, props: Record<string, unknown>, config: object = {}): Promise<string[]> {
    const messages: string[] = [];
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validate of validations) {
        await validate(argsFor(type, props, config), (message) => messages.push(message));
    }
    return messages;
}

const sized = { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };
const waitReady = { "pulumi.com/waitFor": "condition=Ready" };

/** An InferenceService's inputs as the platform registers them. */
function isvc(spec: Record<string, unknown>, annotations: Record<string, string> = waitReady): Record<string, unknown> {
    return { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name: "m", namespace: "models", annotations }, spec };
}

const sklearnModel = (extra: Record<string, unknown> = {}) => ({ modelFormat: { name: "sklearn" }, storageUri: "gs://b/m", resources: sized, ...extra });
const digest = "sha256:" + "0123456789abcdef".repeat(4);

describe("policy: predictor-resources", () => {
    const policy = pp.predictorResourcesPolicy;
    const allowed = "the predictor's main container must set CPU and memory requests and limits (resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory)";

    it("passes a model, a framework key, and a kserve-container that is not the first container", async () => {
        expect(await check(policy, ISVC, isvc({ predictor: { model: sklearnModel() } }))).to.deep.equal([]);
        expect(await check(policy, ISVC, isvc({ predictor: { xgboost: { storageUri: "gs://b/m", resources: sized } } }))).to.deep.equal([]);
        const containers = [{ name: "sidecar", image: "envoy:1.0" }, { name: "kserve-container", image: "srv:1.0", resources: sized }];
        expect(await check(policy, ISVC, isvc({ predictor: { containers } }))).to.deep.equal([]);
    });

    it("names each missing request and limit with its path", async () => {
        const model = { modelFormat: { name: "sklearn" }, resources: { requests: { cpu: "100m" }, limits: { memory: "" } } };
        expect(await check(policy, ISVC, isvc({ predictor: { model } }))).to.deep.equal([
            `spec.predictor.model.resources.requests.memory is unset; ${allowed}`,
            `spec.predictor.model.resources.limits.cpu is unset; ${allowed}`,
            `spec.predictor.model.resources.limits.memory is ""; ${allowed}`,
        ]);
    });

    it("checks model before framework keys, and the kserve-container before the first container", async () => {
        // model wins over a (sized) framework key.
        expect(await check(policy, ISVC, isvc({ predictor: { model: { modelFormat: { name: "sklearn" }, resources: { requests: sized.requests } }, sklearn: { resources: sized } } }))).to.deep.equal([
            `spec.predictor.model.resources.limits.cpu is unset; ${allowed}`,
            `spec.predictor.model.resources.limits.memory is unset; ${allowed}`,
        ]);
        // The named container wins over a sized first container.
        const containers = [{ name: "sidecar", resources: sized }, { name: "kserve-container", image: "srv:1.0", resources: { limits: sized.limits } }];
        expect(await check(policy, ISVC, isvc({ predictor: { containers } }))).to.deep.equal([
            `spec.predictor.containers[1].resources.requests.cpu is unset; ${allowed}`,
            `spec.predictor.containers[1].resources.requests.memory is unset; ${allowed}`,
        ]);
        // Without one, the first container.
        expect(await check(policy, ISVC, isvc({ predictor: { containers: [{ name: "server", resources: { requests: sized.requests } }, { name: "other", resources: sized }] } }))).to.deep.equal([
            `spec.predictor.containers[0].resources.limits.cpu is unset; ${allowed}`,
            `spec.predictor.containers[0].resources.limits.memory is unset; ${allowed}`,
        ]);
    });

    it("reports a missing predictor or main container, and checks canary predictors", async () => {
        expect(await check(policy, ISVC, isvc({ transformer: { containers: [] } }))).to.deep.equal([`spec.predictor is unset; ${allowed}`]);
        expect(await check(policy, ISVC, isvc({ predictor: { minReplicas: 1 } }))).to.deep.equal([
            `spec.predictor has no model, framework (sklearn, xgboost, tensorflow, pytorch, triton, onnx, huggingface, pmml, lightgbm, paddle) or containers[] entry; ${allowed}`,
        ]);
        const canary = [{ trafficPercent: 10, predictor: { name: "v2", model: { modelFormat: { name: "sklearn" }, resources: { limits: sized.limits, requests: { memory: "1Gi" } } } } }];
        expect(await check(policy, ISVC, isvc({ predictor: { model: sklearnModel() }, canary }))).to.deep.equal([`spec.canary[0].predictor.model.resources.requests.cpu is unset; ${allowed}`]);
    });

    it("ignores other resource types", async () => {
        expect(await check(policy, "kubernetes:apps/v1:Deployment", { spec: {} })).to.deep.equal([]);
    });
});

describe("policy: pinned-images", () => {
    const policy = pp.pinnedImagesPolicy;
    const allowed = "pin it with a version tag (name:1.2.3) or a digest (name@sha256:<64 hex digits>)";

    it("parses registry ports, tags and digests", () => {
        expect(pp.parseImageReference("registry:5000/ns/img")).to.deep.equal({ name: "registry:5000/ns/img" });
        expect(pp.parseImageReference("registry:5000/ns/img:2.1")).to.deep.equal({ name: "registry:5000/ns/img", tag: "2.1" });
        expect(pp.parseImageReference("img:1.2")).to.deep.equal({ name: "img", tag: "1.2" });
        expect(pp.parseImageReference(`img@${digest}`)).to.deep.equal({ name: "img", digest });
        expect(pp.parseImageReference(`registry:5000/img:1.0@${digest}`)).to.deep.equal({ name: "registry:5000/img", tag: "1.0", digest });
    });

    it("tells pinned images from unpinned ones", () => {
        const cases: [string, pp.ImageProblem | undefined][] = [
            ["img:1.2", undefined],
            ["registry:5000/ns/img:2.1", undefined],
            [`img@${digest}`, undefined],
            [`img:latest@${digest}`, undefined],
            ["img", "no-tag"],
            ["img:", "no-tag"],
            ["registry:5000/ns/img", "no-tag"],
            ["img:latest", "latest"],
            ["registry:5000/ns/img:latest", "latest"],
            ["img@sha256:abc", "bad-digest"],
        ];
        for (const [image, problem] of cases) {
            expect(pp.imagePinningProblem(image), image).to.equal(problem);
        }
    });

    it("passes an InferenceService and workloads whose images are all pinned", async () => {
        const spec = {
            predictor: { model: sklearnModel({ image: "srv:1.0" }), initContainers: [{ name: "init", image: `fetch@${digest}` }] },
            transformer: { containers: [{ name: "kserve-container", image: "registry:5000/ns/tf:0.3" }] },
            explainer: { art: { type: "SquareAttack", image: "art:0.1" } },
        };
        expect(await check(policy, ISVC, isvc(spec))).to.deep.equal([]);
        expect(await check(policy, "kubernetes:apps/v1:Deployment", { spec: { template: { spec: { containers: [{ name: "a", image: "nginx:1.27" }] } } } })).to.deep.equal([]);
    });

    it("reports every unpinned image of an InferenceService with its path", async () => {
        const spec = {
            predictor: {
                model: sklearnModel({ image: "srv" }),
                containers: [{ name: "sidecar", image: "envoy:1.0" }, { name: "agent", image: "agent:latest" }],
                initContainers: [{ name: "init", image: "registry:5000/ns/init" }],
                workerSpec: { containers: [{ name: "worker", image: "worker:latest" }] },
            },
            transformer: { containers: [{ name: "kserve-container", image: "tf@sha256:abc" }] },
            explainer: { art: { type: "SquareAttack", image: "art" } },
            canary: [{ trafficPercent: 10, predictor: { name: "v2", sklearn: { image: "sk:latest", resources: sized } } }],
        };
        expect(await check(policy, ISVC, isvc(spec))).to.deep.equal([
            `spec.predictor.model.image is "srv", which has no tag; ${allowed}`,
            `spec.predictor.containers[1].image is "agent:latest", which uses the "latest" tag; ${allowed}`,
            `spec.predictor.initContainers[0].image is "registry:5000/ns/init", which has no tag; ${allowed}`,
            `spec.predictor.workerSpec.containers[0].image is "worker:latest", which uses the "latest" tag; ${allowed}`,
            `spec.transformer.containers[0].image is "tf@sha256:abc", whose digest is not sha256:<64 hex digits>; ${allowed}`,
            `spec.explainer.art.image is "art", which has no tag; ${allowed}`,
            `spec.canary[0].predictor.sklearn.image is "sk:latest", which uses the "latest" tag; ${allowed}`,
        ]);
    });

    it("reports unpinned images in Deployment, StatefulSet, DaemonSet, Job, CronJob and Pod templates", async () => {
        const template = { spec: { containers: [{ name: "a", image: "nginx" }], initContainers: [{ name: "b", image: "busybox:latest" }] } };
        for (const kind of ["Deployment", "StatefulSet", "DaemonSet"]) {
            expect(await check(policy, `kubernetes:apps/v1:${kind}`, { spec: { template } }), kind).to.deep.equal([
                `spec.template.spec.containers[0].image is "nginx", which has no tag; ${allowed}`,
                `spec.template.spec.initContainers[0].image is "busybox:latest", which uses the "latest" tag; ${allowed}`,
            ]);
        }
        expect(await check(policy, "kubernetes:core/v1:Pod", { spec: { containers: [{ name: "a", image: "registry:5000/app" }] } })).to.deep.equal([
            `spec.containers[0].image is "registry:5000/app", which has no tag; ${allowed}`,
        ]);
        expect(await check(policy, "kubernetes:batch/v1:Job", { spec: { template: { spec: { containers: [{ name: "a", image: "job:latest" }] } } } })).to.deep.equal([
            `spec.template.spec.containers[0].image is "job:latest", which uses the "latest" tag; ${allowed}`,
        ]);
        expect(await check(policy, "kubernetes:batch/v1:CronJob", { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "a", image: "cron" }] } } } } } })).to.deep.equal([
            `spec.jobTemplate.spec.template.spec.containers[0].image is "cron", which has no tag; ${allowed}`,
        ]);
        expect(await check(policy, "kubernetes:core/v1:ConfigMap", { data: { image: "nginx" } })).to.deep.equal([]);
    });
});

describe("policy: approved-storage-schemes", () => {
    const policy = pp.approvedStorageSchemesPolicy;
    const defaults = "allowed prefixes: gs://, s3://, https://, pvc://, hf://, oci://";
    const prodConfig = JSON.parse(fs.readFileSync(path.join(policyDir, "config", "prod.json"), "utf8"))["approved-storage-schemes"];
    const withUri = (storageUri: string) => isvc({ predictor: { model: sklearnModel({ storageUri }) } });

    it("accepts KServe's usual schemes by default, Azure Blob URIs included", async () => {
        for (const uri of ["gs://b/m", "s3://b/m", "https://acct.blob.core.windows.net/models/m", "pvc://claim/m", "hf://org/model", "oci://registry/model:1"]) {
            expect(await check(policy, ISVC, withUri(uri)), uri).to.deep.equal([]);
        }
    });

    it("rejects other schemes and local paths, on implementations and in storageUris", async () => {
        const spec = {
            predictor: { model: sklearnModel({ storageUri: "/mnt/models/iris" }), storageUris: [{ uri: "gs://b/extra", mountPath: "/extra" }, { uri: "ftp://host/m" }] },
            transformer: { storageUris: [{ uri: "http://host/t" }], containers: [] },
            explainer: { art: { type: "SquareAttack", storageUri: "webhdfs://host/e" } },
        };
        expect(await check(policy, ISVC, isvc(spec))).to.deep.equal([
            `spec.predictor.model.storageUri is "/mnt/models/iris", a local path, which is not allowed (allowLocalPaths is false); ${defaults}`,
            `spec.predictor.storageUris[1].uri is "ftp://host/m"; ${defaults}`,
            `spec.transformer.storageUris[0].uri is "http://host/t"; ${defaults}`,
            `spec.explainer.art.storageUri is "webhdfs://host/e"; ${defaults}`,
        ]);
    });

    it("follows approvedPrefixes and allowLocalPaths from the config", async () => {
        expect(await check(policy, ISVC, withUri("gs://b/m"), prodConfig)).to.deep.equal(['spec.predictor.model.storageUri is "gs://b/m"; allowed prefixes: https://, pvc://, oci://, hf://']);
        expect(await check(policy, ISVC, withUri("https://acct.blob.core.windows.net/models/m"), prodConfig)).to.deep.equal([]);
        expect(await check(policy, ISVC, withUri("/mnt/models"), { allowLocalPaths: true })).to.deep.equal([]);
        expect(await check(policy, ISVC, withUri("ftp://h/m"), { allowLocalPaths: true })).to.deep.equal([`spec.predictor.model.storageUri is "ftp://h/m"; ${defaults}`]);
        expect(await check(policy, ISVC, withUri("s3://b/m"), { approvedPrefixes: [] })).to.deep.equal(['spec.predictor.model.storageUri is "s3://b/m"; allowed prefixes: none']);
    });
});

describe("policy: min-replicas-in-prod", () => {
    const policy = pp.minReplicasInProdPolicy;
    const prod = { environment: "prod" };
    const allowed = `in prod every component keeps minReplicas >= 1 (unset means KServe's default, 1) unless the InferenceService has the annotation ${pp.allowScaleToZeroAnnotation}: "true"`;
    const scaleToZero = { predictor: { minReplicas: 0, model: sklearnModel() }, transformer: { minReplicas: 0, containers: [] }, explainer: { art: { type: "SquareAttack" } } };

    it("exports the opt-out annotation", () => {
        expect(pp.allowScaleToZeroAnnotation).to.equal("kserve-platform.io/allow-scale-to-zero");
    });

    it("reports every component that may scale to zero in prod", async () => {
        expect(await check(policy, ISVC, isvc(scaleToZero), prod)).to.deep.equal([`spec.predictor.minReplicas is 0; ${allowed}`, `spec.transformer.minReplicas is 0; ${allowed}`]);
        expect(await check(policy, ISVC, isvc({ predictor: { minReplicas: -1, model: sklearnModel() } }), prod)).to.deep.equal([`spec.predictor.minReplicas is -1; ${allowed}`]);
    });

    it("passes minReplicas >= 1 or unset in prod, and the annotation", async () => {
        expect(await check(policy, ISVC, isvc({ predictor: { minReplicas: 1, model: sklearnModel() }, transformer: { containers: [] } }), prod)).to.deep.equal([]);
        expect(await check(policy, ISVC, isvc(scaleToZero, { ...waitReady, [pp.allowScaleToZeroAnnotation]: "true" }), prod)).to.deep.equal([]);
        expect(await check(policy, ISVC, isvc(scaleToZero, { ...waitReady, [pp.allowScaleToZeroAnnotation]: "false" }), prod)).to.have.length(2);
    });

    it("only reports in prod (the environment defaults to dev)", async () => {
        expect(await check(policy, ISVC, isvc(scaleToZero))).to.deep.equal([]);
        expect(await check(policy, ISVC, isvc(scaleToZero), { environment: "dev" })).to.deep.equal([]);
        expect(await check(policy, ISVC, isvc(scaleToZero), { environment: "local" })).to.deep.equal([]);
    });
});

describe("policy: no-public-load-balancer", () => {
    const policy = pp.noPublicLoadBalancerPolicy;
    const prod = { environment: "prod" };
    const SERVICE = "kubernetes:core/v1:Service";
    const key = "service.beta.kubernetes.io/azure-load-balancer-internal";
    const serviceAllowed = 'in prod load balancers must be internal: set the annotation to "true", or use type ClusterIP or NodePort';
    const gatewayAllowed = 'in prod the Istio gateway must sit behind an internal load balancer: set the annotation to "true", or values.service.type to ClusterIP or NodePort';
    const gateway = (values?: Record<string, unknown>) => ({ name: "istio-ingressgateway", chart: "gateway", version: "1.27.1", values });

    it("reports a LoadBalancer Service without the internal annotation in prod", async () => {
        expect(await check(policy, SERVICE, { metadata: { name: "s" }, spec: { type: "LoadBalancer" } }, prod)).to.deep.equal([`metadata.annotations["${key}"] is unset on a Service of type LoadBalancer; ${serviceAllowed}`]);
        expect(await check(policy, SERVICE, { metadata: { annotations: { [key]: "false" } }, spec: { type: "LoadBalancer" } }, prod)).to.deep.equal([
            `metadata.annotations["${key}"] is "false" on a Service of type LoadBalancer; ${serviceAllowed}`,
        ]);
    });

    it("passes internal LoadBalancers and other Service types", async () => {
        expect(await check(policy, SERVICE, { metadata: { annotations: { [key]: "true" } }, spec: { type: "LoadBalancer" } }, prod)).to.deep.equal([]);
        expect(await check(policy, SERVICE, { spec: { type: "ClusterIP" } }, prod)).to.deep.equal([]);
        expect(await check(policy, SERVICE, { spec: {} }, prod)).to.deep.equal([]);
    });

    it("reports the gateway chart's public load balancer, for Releases and v4 Charts", async () => {
        for (const type of [RELEASE, CHART]) {
            expect(await check(policy, type, gateway(), prod), type).to.deep.equal([
                `values.service.annotations["${key}"] is unset while values.service.type is unset (the gateway chart's default, LoadBalancer); ${gatewayAllowed}`,
            ]);
            expect(await check(policy, type, gateway({ service: { type: "LoadBalancer", annotations: { [key]: "false" } } }), prod), type).to.deep.equal([
                `values.service.annotations["${key}"] is "false" while values.service.type is LoadBalancer; ${gatewayAllowed}`,
            ]);
        }
    });

    it("passes an internal or non-LoadBalancer gateway, other charts, and every non-prod environment", async () => {
        expect(await check(policy, RELEASE, gateway({ service: { annotations: { [key]: "true" } } }), prod)).to.deep.equal([]);
        expect(await check(policy, RELEASE, gateway({ service: { type: "NodePort" } }), prod)).to.deep.equal([]);
        expect(await check(policy, RELEASE, { chart: "istiod", version: "1.27.1" }, prod)).to.deep.equal([]);
        expect(await check(policy, RELEASE, gateway({ service: { type: "LoadBalancer" } }), { environment: "dev" })).to.deep.equal([]);
        expect(await check(policy, SERVICE, { spec: { type: "LoadBalancer" } })).to.deep.equal([]);
    });
});

describe("policy: no-public-api-server", () => {
    const policy = pp.noPublicApiServerPolicy;
    const prod = { environment: "prod" };
    const AKS = "azure-native:containerservice:ManagedCluster";
    const ARO = "azure-native:redhatopenshift:OpenShiftCluster";

    it("reports public AKS and ARO API servers in prod", async () => {
        expect(await check(policy, AKS, { resourceName: "c" }, prod)).to.deep.equal(["apiServerAccessProfile.enablePrivateCluster is unset; in prod the AKS API server must be private: set it to true"]);
        expect(await check(policy, "azure-native:containerservice/v20250101:ManagedCluster", { apiServerAccessProfile: { enablePrivateCluster: false } }, prod)).to.deep.equal([
            "apiServerAccessProfile.enablePrivateCluster is false; in prod the AKS API server must be private: set it to true",
        ]);
        expect(await check(policy, ARO, { apiserverProfile: { visibility: "Public" } }, prod)).to.deep.equal(['apiserverProfile.visibility is "Public"; in prod the ARO API server must be private: set it to "Private"']);
        expect(await check(policy, ARO, {}, prod)).to.deep.equal(['apiserverProfile.visibility is unset; in prod the ARO API server must be private: set it to "Private"']);
    });

    it("passes private API servers, and public ones outside prod", async () => {
        expect(await check(policy, AKS, { apiServerAccessProfile: { enablePrivateCluster: true } }, prod)).to.deep.equal([]);
        expect(await check(policy, ARO, { apiserverProfile: { visibility: "Private" } }, prod)).to.deep.equal([]);
        expect(await check(policy, AKS, {}, { environment: "dev" })).to.deep.equal([]);
        expect(await check(policy, ARO, {})).to.deep.equal([]);
    });
});

describe("policy: storage-no-shared-keys", () => {
    const policy = pp.storageNoSharedKeysPolicy;
    const ACCOUNT = "azure-native:storage:StorageAccount";

    it("passes an account reached with Entra ID only, over TLS 1.2 or later", async () => {
        expect(await check(policy, ACCOUNT, { allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: "TLS1_2" })).to.deep.equal([]);
        expect(await check(policy, ACCOUNT, { allowSharedKeyAccess: false, minimumTlsVersion: "TLS1_3" })).to.deep.equal([]);
    });

    it("reports shared keys left at Azure's default and a missing TLS floor", async () => {
        expect(await check(policy, ACCOUNT, { accountName: "a" })).to.deep.equal([
            "allowSharedKeyAccess is unset (Azure's default is true); set it to false so the account is reached with Entra ID only",
            "minimumTlsVersion is unset; allowed: TLS1_2 or later",
        ]);
    });

    it("reports shared keys, public blob access and old TLS", async () => {
        expect(await check(policy, ACCOUNT, { allowSharedKeyAccess: true, allowBlobPublicAccess: true, minimumTlsVersion: "TLS1_0" })).to.deep.equal([
            "allowSharedKeyAccess is true; set it to false so the account is reached with Entra ID only",
            "allowBlobPublicAccess is true; it must be false or unset",
            'minimumTlsVersion is "TLS1_0"; allowed: TLS1_2 or later',
        ]);
        expect(await check(policy, "azure-native:storage:BlobContainer", { publicAccess: "Blob" })).to.deep.equal([]);
    });
});

describe("policy: pinned-chart-versions", () => {
    const policy = pp.pinnedChartVersionsPolicy;
    const allowed = 'pin an exact version such as 1.2.3 or v1.2.3 (no ranges, wildcards or "latest"); only a chart archive URL ending in .tgz may leave it unset';

    it("passes exact versions and archive URLs", async () => {
        for (const version of ["1.27.1", "v0.20.0", "1.2.3-rc.1", "2.0.0+build.5"]) {
            expect(await check(policy, RELEASE, { chart: "gateway", version }), version).to.deep.equal([]);
        }
        expect(await check(policy, CHART, { chart: "https://github.com/knative/operator/releases/download/knative-v1.21.1/knative-operator-v1.21.1.tgz" })).to.deep.equal([]);
    });

    it("reports unset versions, ranges, wildcards and latest", async () => {
        expect(await check(policy, RELEASE, { chart: "gateway" })).to.deep.equal([`version is unset for chart "gateway"; ${allowed}`]);
        for (const version of ["", "*", "x", "^1.2", "~1", ">=1", "1.x", "latest", "1.2", "1.2.*", "^1.2.3", "~1.2.3", ">=1.2.3", "1.2.3 - 1.4.0", "1.2.3 || 1.3.0", " 1.2.3"]) {
            for (const type of [RELEASE, CHART]) {
                expect(await check(policy, type, { chart: "oci://ghcr.io/kserve/charts/kserve-crd", version }), `${type} ${version}`).to.deep.equal([
                    `version is ${JSON.stringify(version)} for chart "oci://ghcr.io/kserve/charts/kserve-crd"; ${allowed}`,
                ]);
            }
        }
        expect(await check(policy, RELEASE, { chart: "./charts/local-chart" })).to.deep.equal([`version is unset for chart "./charts/local-chart"; ${allowed}`]);
    });
});

describe("policy: inference-services-wait-for-ready", () => {
    const policy = pp.inferenceServicesWaitForReadyPolicy;
    const allowed = 'allowed: "condition=Ready", "condition=Ready=True", or a JSON list of expressions that includes one of them';
    const spec = { predictor: { model: sklearnModel() } };

    it("passes condition=Ready, alone or in a JSON list", async () => {
        for (const waitFor of ["condition=Ready", "condition=Ready=True", "condition=Ready=true", '["jsonpath={.status.url}", "condition=Ready"]']) {
            expect(await check(policy, ISVC, isvc(spec, { "pulumi.com/waitFor": waitFor })), waitFor).to.deep.equal([]);
        }
    });

    it("reports a missing annotation, other conditions, and skipAwait", async () => {
        expect(await check(policy, ISVC, isvc(spec, {}))).to.deep.equal([`metadata.annotations["pulumi.com/waitFor"] is unset, which does not wait for condition Ready; ${allowed}`]);
        for (const waitFor of ["condition=PredictorReady", "condition=Ready=False", "jsonpath={.status.url}", '["condition=IngressReady"]', "[condition=Ready"]) {
            expect(await check(policy, ISVC, isvc(spec, { "pulumi.com/waitFor": waitFor })), waitFor).to.deep.equal([
                `metadata.annotations["pulumi.com/waitFor"] is ${JSON.stringify(waitFor)}, which does not wait for condition Ready; ${allowed}`,
            ]);
        }
        expect(await check(policy, ISVC, isvc(spec, { ...waitReady, "pulumi.com/skipAwait": "true" }))).to.deep.equal([
            'metadata.annotations["pulumi.com/skipAwait"] is "true", which turns waiting off; remove it so pulumi up waits for condition Ready',
        ]);
    });
});

/** A policy-pack-config file: policy name (or "all") to a level or `{ enforcementLevel?, ...properties }`. */
type PackConfig = Record<string, unknown>;

function readPackConfig(file: string): PackConfig {
    return JSON.parse(fs.readFileSync(path.join(policyDir, "config", file), "utf8")) as PackConfig;
}

function levelIn(entry: unknown): EnforcementLevel | undefined {
    const level: unknown = typeof entry === "string" ? entry : typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).enforcementLevel : undefined;
    return levels.find((l) => l === level);
}

/** What the engine gives a policy for a config file: its level and its properties over the schema's defaults. */
function effectiveConfig(config: PackConfig, policy: ResourceValidationPolicy): { level: EnforcementLevel; properties: Record<string, unknown> } {
    const properties: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema.default !== undefined) {
            properties[name] = schema.default;
        }
    }
    const own = config[policy.name];
    if (typeof own === "object" && own !== null) {
        for (const [name, value] of Object.entries(own)) {
            if (name !== "enforcementLevel") {
                properties[name] = value;
            }
        }
    }
    return { level: levelIn(own) ?? levelIn(config.all) ?? policy.enforcementLevel ?? "advisory", properties };
}

describe("policy pack: files and config", () => {
    const configFiles = fs.readdirSync(path.join(policyDir, "config")).filter((f) => f.endsWith(".json"));
    const byName = new Map(pp.policies.map((p) => [p.name, p]));
    const environmentOfStack: Record<string, string> = { local: "local", dev: "dev", prod: "prod", aro: "prod" };

    it("has nine uniquely named, described, advisory-by-default policies", () => {
        expect(pp.policies.map((p) => p.name)).to.deep.equal([
            "predictor-resources",
            "pinned-images",
            "approved-storage-schemes",
            "min-replicas-in-prod",
            "no-public-load-balancer",
            "no-public-api-server",
            "storage-no-shared-keys",
            "pinned-chart-versions",
            "inference-services-wait-for-ready",
        ]);
        for (const p of pp.policies) {
            expect(p.name).to.match(/^[a-z]+(-[a-z]+)*$/);
            expect(p.description.length, p.name).to.be.greaterThan(20);
            expect(p.enforcementLevel, p.name).to.equal("advisory");
            expect(p.configSchema?.properties ?? {}, p.name).not.to.have.property("enforcementLevel");
        }
    });

    it("is laid out as a TypeScript policy pack with exact dependency pins", () => {
        const manifest = yaml.load(fs.readFileSync(path.join(policyDir, "PulumiPolicy.yaml"), "utf8")) as Record<string, unknown>;
        expect(manifest.runtime).to.equal("nodejs");
        expect(manifest.description).to.be.a("string");
        const pkg = JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8"));
        expect(pkg.version, "PolicyPack reads the version from package.json").to.be.a("string");
        expect(fs.existsSync(path.join(policyDir, pkg.main))).to.equal(true);
        expect(pkg.dependencies).to.deep.equal({ "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.248.0" });
        for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
            expect(version, name).to.match(/^\d+\.\d+\.\d+$/);
        }
        const lock = JSON.parse(fs.readFileSync(path.join(policyDir, "package-lock.json"), "utf8"));
        expect(lock.packages[""].dependencies).to.deep.equal(pkg.dependencies);
        expect(lock.packages["node_modules/@pulumi/pulumi"].version).to.equal("3.248.0");
        expect(fs.readFileSync(path.join(policyDir, "index.ts"), "utf8")).to.contain('new PolicyPack("kserve-platform", { policies, enforcementLevel: "advisory" })');
    });

    it("has a config for local, dev, prod and aro", () => {
        expect(configFiles).to.include.members(["local.json", "dev.json", "prod.json", "aro.json"]);
    });

    for (const file of configFiles) {
        it(`config/${file} names only existing policies, with valid levels and properties`, () => {
            const config = readPackConfig(file);
            const ajv = new Ajv({ allErrors: true });
            for (const [name, entry] of Object.entries(config)) {
                expect(name === "all" || byName.has(name), `${file}: unknown policy ${name}`).to.equal(true);
                expect(typeof entry === "string" || (typeof entry === "object" && entry !== null && !Array.isArray(entry)), `${file}: ${name}`).to.equal(true);
                if (typeof entry === "string" || (entry as Record<string, unknown>).enforcementLevel !== undefined) {
                    expect(levelIn(entry), `${file}: ${name} enforcement level`).to.be.a("string");
                }
                const policy = byName.get(name);
                if (policy && typeof entry === "object" && entry !== null) {
                    const properties = Object.keys(entry).filter((k) => k !== "enforcementLevel");
                    expect(Object.keys(policy.configSchema?.properties ?? {}), `${file}: ${name} properties`).to.include.members(properties);
                    // The engine checks the merged config against the schema the same way.
                    const validate = ajv.compile({ type: "object", properties: policy.configSchema?.properties ?? {} });
                    expect(validate(effectiveConfig(config, policy).properties), `${file}: ${name} ${ajv.errorsText(validate.errors)}`).to.equal(true);
                }
            }
        });
    }

    it("sets each environment's levels and properties", () => {
        for (const [stack, environment] of Object.entries(environmentOfStack)) {
            const config = readPackConfig(`${stack}.json`);
            const level = environment === "prod" ? "mandatory" : "advisory";
            for (const policy of pp.policies) {
                const effective = effectiveConfig(config, policy);
                expect(effective.level, `${stack}: ${policy.name}`).to.equal(level);
                if (policy.configSchema?.properties.environment) {
                    expect(effective.properties.environment, `${stack}: ${policy.name}`).to.equal(environment);
                }
            }
            const storage = effectiveConfig(config, pp.approvedStorageSchemesPolicy).properties;
            expect(storage.approvedPrefixes, stack).to.deep.equal(environment === "prod" ? ["https://", "pvc://", "oci://", "hf://"] : ["gs://", "s3://", "https://", "pvc://", "hf://", "oci://"]);
            expect(storage.allowLocalPaths, stack).to.equal(false);
        }
    });

    it("drives the environment-aware rules from the config files", async () => {
        const scaleToZero = isvc({ predictor: { minReplicas: 0, model: sklearnModel() } });
        const dev = effectiveConfig(readPackConfig("dev.json"), pp.minReplicasInProdPolicy).properties;
        const prod = effectiveConfig(readPackConfig("prod.json"), pp.minReplicasInProdPolicy).properties;
        expect(await check(pp.minReplicasInProdPolicy, ISVC, scaleToZero, dev)).to.deep.equal([]);
        expect(await check(pp.minReplicasInProdPolicy, ISVC, scaleToZero, prod)).to.have.length(1);
    });
});

/** A snapshot's inputs with each `{ secret: value }` replaced by its value. */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (typeof value === "object" && value !== null) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === "secret") {
            return unwrapSecrets((value as { secret: unknown }).secret);
        }
        return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, unwrapSecrets(x)]));
    }
    return value;
}


interface Violation {
    policy: string;
    level: EnforcementLevel;
    resource: string;
    message: string;
}

interface StackEvaluation {
    checked: { type: string; name: string }[];
    violations: Violation[];
}

/**
 * Applies every policy, with the stack's config, to every custom resource the stack's program
 * registers. What it registers is tests/snapshots/<stack>.json, which tests/snapshots.test.ts
 * proves equal to a run of the program under mocks; reading it saves running each stack again.
 */
async function evaluateStack(stack: string): Promise<StackEvaluation> {
    const config = readPackConfig(`${stack}.json`);
    const registered = JSON.parse(fs.readFileSync(snapshotFile(stack), "utf8")) as { urn: string; custom: boolean; inputs: unknown }[];
    // A URN ends in <parent types $ type>::<name>; a secret input is { secret: value } (tests/registrations.ts).
    const custom = registered.filter((r) => r.custom).map((r) => ({ type: r.urn.split("::")[2].split("$").pop()!, name: r.urn.split("::").slice(3).join("::"), inputs: unwrapSecrets(r.inputs) }));
    const violations: Violation[] = [];
    for (const policy of pp.policies) {
        const { level, properties } = effectiveConfig(config, policy);
        if (level === "disabled") {
            continue;
        }
        for (const r of custom) {
            for (const message of await check(policy, r.type, r.inputs as Record<string, unknown>, properties)) {
                violations.push({ policy: policy.name, level, resource: `${r.type}::${r.name}`, message });
            }
        }
    }
    return { checked: custom.map((r) => ({ type: r.type, name: r.name })), violations };
}

describe("policy pack: the stacks, as they register under mocks", function () {
    this.timeout(120000);
    const stacks = fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.([A-Za-z0-9_-]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined && fs.existsSync(path.join(policyDir, "config", `${s}.json`)));
    const evaluations = new Map<string, Promise<StackEvaluation>>();
    const evaluation = (stack: string): Promise<StackEvaluation> => {
        if (!evaluations.has(stack)) {
            evaluations.set(stack, evaluateStack(stack));
        }
        return evaluations.get(stack)!;
    };

    it("covers every stack file that has a policy config (local and dev at least), each with its snapshot", () => {
        expect(stacks).to.include.members(["local", "dev"]);
        expect(Object.keys(snapshotStacks)).to.include.members(stacks);
    });

    for (const stack of stacks) {
        it(`Pulumi.${stack}.yaml breaks no policy that config/${stack}.json makes mandatory`, async () => {
            const { checked, violations } = await evaluation(stack);
            expect(checked.filter((r) => r.type === ISVC), "InferenceServices checked").to.not.be.empty;
            expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy} ${v.resource}: ${v.message}`)).to.deep.equal([]);
        });
    }

    it("the local stack pins every chart and waits for every InferenceService", async () => {
        const { violations } = await evaluation("local");
        expect(violations.filter((v) => v.policy === "pinned-chart-versions" || v.policy === "inference-services-wait-for-ready").map((v) => `${v.policy} ${v.resource}: ${v.message}`)).to.deep.equal([]);
    });
});
