/**
 * KServe's node-local model cache on the GPU nodes: the LocalModel charts, a LocalModelNodeGroup of
 * the GPU nodes, the caches, and what KServe v0.20.0 leaves to the cluster: one host directory for
 * the agent and the volumes, local NVMe under it, and the download jobs' identity and tolerations.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { throwIfProblems } from "../common";
import { defaults, fixedNames } from "../defaults";
import { duplicateCacheProblems, LocalModelCache, LocalModelCacheSpec, LocalModelNamespaceCache, LocalModelNodeGroup, localModelCacheProblems } from "../serving";
import type { Taint } from "../common";
import { localModelCharts, nodePrepImage } from "../versions";
import { ChartInstallSettings, helmInstall, platformNamespace } from "../common/helm";

/** One cached model. */
export interface ModelCacheEntry extends Omit<LocalModelCacheSpec, "nodeGroups"> {
    /** `metadata.name` of the cache. */
    name: string;
    /** Set: a LocalModelNamespaceCache for this namespace's models; unset: a cluster-wide LocalModelCache. */
    namespace?: string;
    /** Node groups; defaults to the component's node group. */
    nodeGroups?: string[];
}

/** The model store the download jobs read, through workload identity. */
export interface ModelCacheStoreAccess {
    /** ServiceAccount name the store's federated credential trusts in the jobs namespace. */
    serviceAccountName: string;
    /** Client id of the store's identity. */
    clientId: pulumi.Input<string>;
}

/** Arguments of {@link ModelCache}. */
export interface ModelCacheArgs extends ChartInstallSettings {
    /**
     * The one host directory of the cache: the agent DaemonSet's `hostPath` volume and the node
     * group's PersistentVolume `hostPath` are both this path, so the agent finds what the download
     * jobs write (they loop forever when the two differ: kserve#4151, kserve#4852). Defaults to `/mnt/models`.
     */
    hostPath?: string;
    /** Most space the cache takes on each node (a quantity). Defaults to 100Gi. */
    storageLimit?: string;
    /** Labels of the nodes that cache models (the GPU nodes); the agent and the node group select them. */
    nodeSelector: Record<string, string>;
    /** Taints of those nodes, tolerated by the agent and the download jobs. */
    tolerations: readonly Taint[];
    /** Name of the node group. Defaults to `gpu`. */
    nodeGroupName?: string;
    /** Local NVMe data disks of the nodes, formatted and mounted at `hostPath` before the agent starts. */
    nvme?: { disks: number };
    /** Namespace of KServe's controller (the charts' release namespace). Defaults to `kserve`. */
    namespace?: string;
    /** Namespace of the download jobs (`kserve.localmodel.jobNamespace`). Defaults to `kserve-localmodel-jobs`. */
    jobNamespace?: string;
    /** The model store the jobs read through workload identity. */
    store?: ModelCacheStoreAccess;
    /** The cached models. */
    caches: readonly ModelCacheEntry[];
    /** What the charts install after: KServe's controller release (its `selfsigned-issuer` signs the webhook). */
    after?: readonly pulumi.Resource[];
}

/** The download jobs' agent runs as UID 1000 and hostPath volumes ignore fsGroup (kserve/website#586). */
const agentUid = 1000;

/**
 * The init container that puts the nodes' local NVMe disks under the cache directory: one disk is
 * formatted as is, several are striped (RAID 0) first; a node that already has it mounted is left
 * alone. NVMe contents do not survive deallocation, so this runs again on every start.
 */
function nvmeInitContainer(hostPath: string, disks: number): k8s.types.input.core.v1.Container {
    const script = [
        "set -eu",
        `dir="${hostPath}"`,
        'if mountpoint -q "$dir"; then chown ' + `${agentUid}:${agentUid}` + ' "$dir"; exit 0; fi',
        // AKS names local NVMe data disks "Microsoft NVMe Direct Disk" (best-practices-storage-nvme.md); the OS disk is not one.
        "devs=$(lsblk -dpno NAME,MODEL | awk '/Microsoft NVMe Direct Disk/ {print $1}')",
        'n=$(echo "$devs" | grep -c . || true)',
        `if [ "$n" -lt ${disks} ]; then echo "expected ${disks} local NVMe disks, found $n"; exit 1; fi`,
        'if [ "$n" -gt 1 ]; then dev=/dev/md/kserve-models; [ -e "$dev" ] || mdadm --create "$dev" --level=0 --raid-devices="$n" $devs --run; else dev=$devs; fi',
        'blkid "$dev" >/dev/null 2>&1 || mkfs.ext4 -F -L kserve-models "$dev"',
        'mkdir -p "$dir" && mount "$dev" "$dir"',
        `chown ${agentUid}:${agentUid} "$dir"`,
    ].join("\n");
    return {
        name: "mount-local-nvme",
        image: nodePrepImage,
        command: ["chroot", "/host", "/bin/bash", "-c", script],
        securityContext: { privileged: true },
        // Bidirectional: the mount is made on the host, where the agent, the jobs and the models see it.
        volumeMounts: [{ name: "host-root", mountPath: "/host", mountPropagation: "Bidirectional" }],
    };
}

/**
 * The node-local model cache: KServe's `kserve-localmodel-crd` and `kserve-localmodel-resources`
 * charts, the agent on the cache nodes (patched onto the one host directory, with local NVMe mounted
 * there first), the jobs namespace with a MutatingAdmissionPolicy that gives download pods the
 * store's workload identity and the nodes' tolerations (KServe v0.20.0's agent sets neither:
 * `localmodelnode/controller.go` `launchJob`), the LocalModelNodeGroup, and the caches.
 */
export class ModelCache extends pulumi.ComponentResource {
    /** The CRD release. */
    readonly crds: pulumi.Resource;
    /** The controller and agent release. */
    readonly controller: pulumi.Resource;
    /** The node group of the cache nodes. */
    readonly nodeGroup: LocalModelNodeGroup;
    /** The caches, by name (`namespace/name` for namespace caches). */
    readonly caches: Readonly<Record<string, LocalModelCache | LocalModelNamespaceCache>>;
    /** What models must be created after: KServe's defaulter labels a model only if its cache exists then. */
    readonly readyForModels: pulumi.Resource[];
    /** The host directory of the cache. */
    readonly hostPath: string;

    constructor(name: string, args: ModelCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        const e = defaults.gpuEconomics;
        const hostPath = args.hostPath ?? e.cacheHostPath;
        const groupName = args.nodeGroupName ?? e.cacheNodeGroup;
        const problems = [
            ...(hostPath.startsWith("/") && !hostPath.endsWith("/") && hostPath !== "/" ? [] : [{ subject: `ModelCache "${name}"`, path: "hostPath", message: `got "${hostPath}"; must be an absolute directory without a trailing slash` }]),
            ...args.caches.flatMap((c) =>
                localModelCacheProblems(c.name, { ...c, nodeGroups: c.nodeGroups ?? [groupName] }, `ModelCache "${name}" cache "${c.namespace ? `${c.namespace}/` : ""}${c.name}"`, [groupName]),
            ),
            ...duplicateCacheProblems(args.caches, (i) => `ModelCache "${name}" cache "${args.caches[i].name}"`),
        ];
        throwIfProblems(`ModelCache "${name}"`, problems);
        super("kserve-platform:platform:ModelCache", name, {}, opts);
        this.hostPath = hostPath;
        const namespace = args.namespace ?? defaults.namespaces.kserve;
        const jobNamespace = args.jobNamespace ?? e.cacheJobNamespace;
        const storageLimit = args.storageLimit ?? e.cacheStorageLimit;
        const install = { chartResource: args.chartResource, helmTimeoutSeconds: args.helmTimeoutSeconds, namespace };
        const tolerations = args.tolerations.map((t) => ({ key: t.key, operator: "Exists", effect: t.effect }));

        this.crds = helmInstall(`${name}-crd`, { ...install, source: localModelCharts.crd, releaseName: "kserve-localmodel-crd" }, { parent: this, dependsOn: [...(args.after ?? [])], retainOnDelete: true });
        this.controller = helmInstall(
            `${name}-resources`,
            {
                ...install,
                source: localModelCharts.resources,
                releaseName: "kserve-localmodel-resources",
                values: {
                    kserve: {
                        // The agent DaemonSet's scheduling (chart files/daemonset-patch.yaml).
                        localmodelnode: { controller: { nodeSelector: args.nodeSelector, tolerations } },
                        // Documented by the chart but unused by its templates at v0.20.0 (the DaemonSet's
                        // hostPath is fixed at /models in files/resources.yaml); set for readers, patched below.
                        localmodel: { agent: { hostPath } },
                    },
                },
            },
            { parent: this, dependsOn: [this.crds, ...(args.after ?? [])] },
        );

        // The chart cannot move the agent's host directory: the patch puts it on `hostPath`, the same
        // path the node group's volumes use, with local NVMe mounted there first.
        const agent = new k8s.apps.v1.DaemonSetPatch(
            `${name}-agent-host-path`,
            {
                metadata: { name: "kserve-localmodelnode-agent", namespace, annotations: { "pulumi.com/patchForce": "true" } },
                spec: {
                    template: {
                        spec: {
                            ...(args.nvme ? { initContainers: [nvmeInitContainer(hostPath, args.nvme.disks)] } : {}),
                            volumes: [
                                { name: "models", hostPath: { path: hostPath, type: "DirectoryOrCreate" } },
                                ...(args.nvme ? [{ name: "host-root", hostPath: { path: "/", type: "Directory" } }] : []),
                            ],
                        },
                    },
                },
            },
            { parent: this, dependsOn: [this.controller] },
        );

        const jobs = platformNamespace(`${name}-jobs`, jobNamespace, this);
        const downloads: pulumi.Resource[] = [jobs];
        if (args.store) {
            const account = new k8s.core.v1.ServiceAccount(
                `${name}-jobs-store-reader`,
                { metadata: { name: args.store.serviceAccountName, namespace: jobNamespace, annotations: { [fixedNames.workloadIdentityClientIdAnnotation]: args.store.clientId } } },
                { parent: this, dependsOn: [jobs] },
            );
            downloads.push(account);
        }
        downloads.push(...this.downloadPolicy(name, jobNamespace, tolerations, args.store?.serviceAccountName, jobs));

        // KServe picks the group's nodes by the volume's node affinity, and mounts the volume at the
        // same host directory as the agent.
        const nodeAffinity = {
            required: { nodeSelectorTerms: [{ matchExpressions: Object.entries(args.nodeSelector).map(([key, value]) => ({ key, operator: "In", values: [value] })) }] },
        };
        this.nodeGroup = new LocalModelNodeGroup(
            `${name}-${groupName}`,
            {
                name: groupName,
                storageLimit,
                persistentVolumeSpec: {
                    accessModes: ["ReadWriteOnce"],
                    volumeMode: "Filesystem",
                    capacity: { storage: storageLimit },
                    hostPath: { path: hostPath, type: "DirectoryOrCreate" },
                    persistentVolumeReclaimPolicy: "Delete",
                    storageClassName: "kserve-local-models",
                    nodeAffinity,
                },
                persistentVolumeClaimSpec: {
                    accessModes: ["ReadWriteOnce"],
                    volumeMode: "Filesystem",
                    resources: { requests: { storage: storageLimit } },
                    storageClassName: "kserve-local-models",
                },
            },
            { parent: this, dependsOn: [this.controller, agent] },
        );

        const caches: Record<string, LocalModelCache | LocalModelNamespaceCache> = {};
        for (const c of args.caches) {
            const spec = { name: c.name, sourceModelUri: c.sourceModelUri, modelSize: c.modelSize, nodeGroups: c.nodeGroups ?? [groupName], serviceAccountName: c.serviceAccountName, storage: c.storage };
            const dependsOn = [this.nodeGroup, ...downloads];
            if (c.namespace) {
                caches[`${c.namespace}/${c.name}`] = new LocalModelNamespaceCache(`${name}-${c.namespace}-${c.name}`, { ...spec, namespace: c.namespace }, { parent: this, dependsOn });
            } else {
                caches[c.name] = new LocalModelCache(`${name}-${c.name}`, spec, { parent: this, dependsOn });
            }
        }
        this.caches = caches;
        this.readyForModels = Object.values(caches);
        this.registerOutputs({ hostPath, nodeGroup: groupName });
    }

    /**
     * Pods of the download jobs get the store's service account and the workload identity label
     * (the AKS webhook then injects the federated token, which the storage initializer's
     * DefaultAzureCredential reads), and tolerate the cache nodes' taints. Admission policies run
     * before admission webhooks, so the workload identity webhook sees the label.
     */
    private downloadPolicy(name: string, jobNamespace: string, tolerations: readonly Record<string, string>[], serviceAccountName: string | undefined, after: pulumi.Resource): pulumi.Resource[] {
        const policyName = "kserve-platform-model-cache-downloads";
        const toleration = (t: Record<string, string>) => `Object.spec.tolerations{key: "${t.key}", operator: "${t.operator}", effect: "${t.effect}"}`;
        const list = `[${tolerations.map(toleration).join(", ")}]`;
        const patches = [
            `(has(object.spec.tolerations) ? ${list}.map(t, JSONPatch{op: "add", path: "/spec/tolerations/-", value: t}) : [JSONPatch{op: "add", path: "/spec/tolerations", value: ${list}}])`,
            ...(serviceAccountName
                ? [
                      `[JSONPatch{op: "add", path: "/spec/serviceAccountName", value: "${serviceAccountName}"}]`,
                      `[JSONPatch{op: "add", path: "/metadata/labels/" + jsonpatch.escapeKey("${fixedNames.workloadIdentityLabel}"), value: "true"}]`,
                  ]
                : []),
        ];
        const match = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": jobNamespace } } };
        const policy = new k8s.admissionregistration.v1.MutatingAdmissionPolicy(
            `${name}-downloads`,
            {
                metadata: { name: policyName },
                spec: {
                    failurePolicy: "Fail",
                    // Never: a second pass would append the tolerations again.
                    reinvocationPolicy: "Never",
                    matchConstraints: { ...match, resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }] },
                    // Pods of Jobs carry the job-name label (batch/v1 Job controller).
                    matchConditions: [{ name: "download-job-pods", expression: "has(object.metadata.labels) && 'job-name' in object.metadata.labels" }],
                    mutations: [{ patchType: "JSONPatch", jsonPatch: { expression: patches.join(" + ") } }],
                },
            },
            { parent: this, dependsOn: [after] },
        );
        const binding = new k8s.admissionregistration.v1.MutatingAdmissionPolicyBinding(
            `${name}-downloads`,
            { metadata: { name: policyName }, spec: { policyName, matchResources: match } },
            { parent: this, dependsOn: [policy] },
        );
        return [policy, binding];
    }
}
