/**
 * KServe's node-local model cache as typed resources (`serving.kserve.io/v1alpha1`, KServe v0.20.0
 * `pkg/apis/serving/v1alpha1/local_model_*_types.go`): a LocalModelNodeGroup (the nodes and the
 * volume the models land on), LocalModelCache (a model cached for every namespace) and
 * LocalModelNamespaceCache (for one namespace's models). Each is checked as the CRD and KServe's
 * webhook check it before it is registered.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { isRecord, Problem, quantityBytes, show, throwIfProblems } from "../common";

/** API version of the LocalModel kinds. */
export const localModelApiVersion = "serving.kserve.io/v1alpha1";

/** Credentials of a cache's download (`LocalModelStorageSpec`). */
export interface LocalModelStorageSpec {
    /** Key in the storage-config secret. */
    key?: string;
    /** Overrides of the default storage parameters. */
    parameters?: Record<string, string>;
}

/** `LocalModelCacheSpec` / `LocalModelNamespaceCacheSpec`, KServe's field names. */
export interface LocalModelCacheSpec {
    /** The model's URI; models whose storageUri is this URI or lies under it use the cache. Immutable. */
    sourceModelUri: string;
    /** Space the model takes (a Kubernetes quantity, e.g. `20Gi`), counted against the node group's limit. */
    modelSize: string;
    /** Node groups to cache the model on; KServe uses the first unless a model names one. At least one. */
    nodeGroups: string[];
    /** Service account whose credentials the download uses. */
    serviceAccountName?: string;
    /** Storage credentials of the download. */
    storage?: LocalModelStorageSpec;
}

/** `LocalModelNodeGroupSpec`: nodes are those the persistent volume's node affinity selects. */
export interface LocalModelNodeGroupSpec {
    /** Most space the cache may take on each node (a quantity). */
    storageLimit: string;
    /** The PersistentVolume KServe creates for downloads and for each model namespace. */
    persistentVolumeSpec: k8s.types.input.core.v1.PersistentVolumeSpec;
    /** The PersistentVolumeClaim KServe creates with it. */
    persistentVolumeClaimSpec: k8s.types.input.core.v1.PersistentVolumeClaimSpec;
}

const dns1123Subdomain = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * KServe's `MatchStorageURI` (v0.20.0 `pkg/apis/serving/v1alpha1/storage_uri_utils.go`): the
 * model's URI equals the cache's or lies under it, trailing slashes ignored.
 */
export function matchStorageUri(cachedUri: string, storageUri: string): boolean {
    const cached = cachedUri.replace(/\/$/, "");
    const uri = storageUri.replace(/\/$/, "");
    return uri === cached || (uri.startsWith(cached) && uri[cached.length] === "/");
}

/** KServe's `GetStorageKey`: the folder of a cached model, the first 16 hex digits of sha256(URI). */
export function localModelStorageKey(sourceModelUri: string): string {
    return createHash("sha256").update(sourceModelUri).digest("hex").slice(0, 16);
}

/** Problems of a cache spec, as the CRD (required fields, `minItems: 1`) and KServe's validation see them. */
export function localModelCacheProblems(name: string, spec: LocalModelCacheSpec, subject: string, nodeGroups?: readonly string[]): Problem[] {
    const problems: Problem[] = [];
    if (!dns1123Subdomain.test(name)) {
        problems.push({ subject, path: "name", message: `got ${show(name)}; must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')` });
    }
    if (typeof spec.sourceModelUri !== "string" || spec.sourceModelUri === "") {
        problems.push({ subject, path: "sourceModelUri", message: "is required: the URI of the model to cache" });
    } else if (!/^[a-z][a-z0-9+.-]*:\/\//.test(spec.sourceModelUri)) {
        problems.push({ subject, path: "sourceModelUri", message: `got ${show(spec.sourceModelUri)}; must be a storage URI such as https://<account>.blob.core.windows.net/<container>/<path>` });
    }
    if (typeof spec.modelSize !== "string" || quantityBytes(spec.modelSize) === undefined || quantityBytes(spec.modelSize)! <= 0) {
        problems.push({ subject, path: "modelSize", message: `got ${show(spec.modelSize)}; must be a positive Kubernetes quantity such as 20Gi` });
    }
    if (!Array.isArray(spec.nodeGroups) || spec.nodeGroups.length === 0) {
        problems.push({ subject, path: "nodeGroups", message: "needs at least one node group (CRD minItems 1)" });
    } else if (nodeGroups) {
        spec.nodeGroups.forEach((g, i) => {
            if (!nodeGroups.includes(g)) {
                problems.push({ subject, path: `nodeGroups[${i}]`, message: `${show(g)} is not a node group of the stack; known: ${nodeGroups.join(", ") || "none"}` });
            }
        });
    }
    return problems;
}

/**
 * Problems across caches: KServe's webhooks refuse a second cache with the same `sourceModelUri`
 * (cluster-wide for LocalModelCache, per namespace for LocalModelNamespaceCache).
 */
export function duplicateCacheProblems(caches: readonly { name: string; namespace?: string; sourceModelUri: string }[], subjectOf: (i: number) => string): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    caches.forEach((c, i) => {
        const key = `${c.namespace ?? ""}\u0000${c.sourceModelUri}`;
        const first = seen.get(key);
        if (first !== undefined) {
            problems.push({ subject: subjectOf(i), path: "sourceModelUri", message: `"${c.sourceModelUri}" is already cached by "${caches[first].name}"; KServe admits one cache per URI${c.namespace ? " in a namespace" : ""}` });
        } else {
            seen.set(key, i);
        }
    });
    return problems;
}

/** Arguments of {@link LocalModelCache} and {@link LocalModelNamespaceCache}. */
export interface LocalModelCacheArgs extends LocalModelCacheSpec {
    /** `metadata.name`; defaults to the resource name. */
    name?: string;
    /** Labels. */
    labels?: Record<string, string>;
}

/** Arguments of {@link LocalModelNamespaceCache}. */
export interface LocalModelNamespaceCacheArgs extends LocalModelCacheArgs {
    /** Namespace whose models may use the cache. */
    namespace: string;
}

/** Arguments of {@link LocalModelNodeGroup}. */
export interface LocalModelNodeGroupArgs extends LocalModelNodeGroupSpec {
    /** `metadata.name`; defaults to the resource name. */
    name?: string;
}

function cacheSpec(args: LocalModelCacheSpec): Record<string, unknown> {
    return {
        sourceModelUri: args.sourceModelUri,
        modelSize: args.modelSize,
        nodeGroups: [...args.nodeGroups],
        ...(args.serviceAccountName ? { serviceAccountName: args.serviceAccountName } : {}),
        ...(args.storage ? { storage: args.storage } : {}),
    };
}

// sourceModelUri is immutable (CRD x-kubernetes-validations "self == oldSelf"): a new URI is a new
// cache, deleted first since the name stays.
const immutableUri: pulumi.CustomResourceOptions = { replaceOnChanges: ["spec.sourceModelUri"], deleteBeforeReplace: true };

/** A cluster-scoped `LocalModelCache`: the model cached on its node groups for every namespace. */
export class LocalModelCache extends k8s.apiextensions.CustomResource {
    /** `metadata.name`. */
    readonly cacheName: string;

    constructor(name: string, args: LocalModelCacheArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.name ?? name;
        throwIfProblems(`LocalModelCache "${metadataName}"`, localModelCacheProblems(metadataName, args, `LocalModelCache "${metadataName}"`));
        super(name, { apiVersion: localModelApiVersion, kind: "LocalModelCache", metadata: { name: metadataName, labels: args.labels }, spec: cacheSpec(args) }, pulumi.mergeOptions(opts, immutableUri));
        this.cacheName = metadataName;
    }
}

/** A `LocalModelNamespaceCache`: the model cached for one namespace's models, which prefer it to a cluster cache. */
export class LocalModelNamespaceCache extends k8s.apiextensions.CustomResource {
    /** `metadata.name`. */
    readonly cacheName: string;

    constructor(name: string, args: LocalModelNamespaceCacheArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.name ?? name;
        const subject = `LocalModelNamespaceCache "${args.namespace}/${metadataName}"`;
        throwIfProblems(subject, localModelCacheProblems(metadataName, args, subject));
        super(
            name,
            { apiVersion: localModelApiVersion, kind: "LocalModelNamespaceCache", metadata: { name: metadataName, namespace: args.namespace, labels: args.labels }, spec: cacheSpec(args) },
            pulumi.mergeOptions(opts, immutableUri),
        );
        this.cacheName = metadataName;
    }
}

/** A `LocalModelNodeGroup`: the nodes its persistent volume's node affinity selects, and that volume. */
export class LocalModelNodeGroup extends k8s.apiextensions.CustomResource {
    /** `metadata.name`, which caches name in `nodeGroups`. */
    readonly groupName: string;

    constructor(name: string, args: LocalModelNodeGroupArgs, opts?: pulumi.CustomResourceOptions) {
        const metadataName = args.name ?? name;
        const subject = `LocalModelNodeGroup "${metadataName}"`;
        const problems: Problem[] = [];
        if (!dns1123Subdomain.test(metadataName)) {
            problems.push({ subject, path: "name", message: `got ${show(metadataName)}; must be a DNS-1123 subdomain` });
        }
        if (quantityBytes(args.storageLimit) === undefined) {
            problems.push({ subject, path: "storageLimit", message: `got ${show(args.storageLimit)}; must be a Kubernetes quantity such as 800Gi` });
        }
        // KServe picks a group's nodes by the volume's node affinity (GetNodesFromNodeGroup, CheckNodeAffinity).
        if (!isRecord(args.persistentVolumeSpec) || !isRecord(args.persistentVolumeSpec.nodeAffinity)) {
            problems.push({ subject, path: "persistentVolumeSpec.nodeAffinity", message: "is required: KServe selects the group's nodes by it" });
        }
        throwIfProblems(subject, problems);
        super(
            name,
            {
                apiVersion: localModelApiVersion,
                kind: "LocalModelNodeGroup",
                metadata: { name: metadataName },
                spec: { storageLimit: args.storageLimit, persistentVolumeSpec: args.persistentVolumeSpec, persistentVolumeClaimSpec: args.persistentVolumeClaimSpec },
            },
            opts,
        );
        this.groupName = metadataName;
    }
}
