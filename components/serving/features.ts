/**
 * Knative feature flags the declared models need. In Knative mode KServe copies each component's
 * PodSpec into a Knative Service, and Knative's webhook rejects PodSpec fields whose
 * `kubernetes.podspec-*` flag is off ("must not set the field(s)"). Deriving the flags from the
 * models turns on exactly what is used, instead of a fixed, over-broad list.
 */
import { isRecord } from "../common";
import type { DeploymentMode } from "./types";
import { componentContainers, effectiveDeploymentMode } from "./validate";

/** PodSpec field → the flag that allows it (knative/serving `pkg/apis/config/features.go`, 1.21). */
const podSpecFlags: Readonly<Record<string, string>> = {
    affinity: "kubernetes.podspec-affinity",
    dnsConfig: "kubernetes.podspec-dnsconfig",
    dnsPolicy: "kubernetes.podspec-dnspolicy",
    hostAliases: "kubernetes.podspec-hostaliases",
    hostIPC: "kubernetes.podspec-hostipc",
    hostNetwork: "kubernetes.podspec-hostnetwork",
    hostPID: "kubernetes.podspec-hostpid",
    initContainers: "kubernetes.podspec-init-containers",
    nodeSelector: "kubernetes.podspec-nodeselector",
    priorityClassName: "kubernetes.podspec-priorityclassname",
    runtimeClassName: "kubernetes.podspec-runtimeclassname",
    schedulerName: "kubernetes.podspec-schedulername",
    securityContext: "kubernetes.podspec-securitycontext",
    shareProcessNamespace: "kubernetes.podspec-shareprocessnamespace",
    tolerations: "kubernetes.podspec-tolerations",
    topologySpreadConstraints: "kubernetes.podspec-topologyspreadconstraints",
};

/** Volume source → flag. */
const volumeFlags: Readonly<Record<string, string>> = {
    hostPath: "kubernetes.podspec-volumes-hostpath",
    csi: "kubernetes.podspec-volumes-csi",
    image: "kubernetes.podspec-volumes-image",
    persistentVolumeClaim: "kubernetes.podspec-persistent-volume-claim",
};

/** Every flag this module can turn on, for documentation and tests. */
export const knownKnativeFlags: readonly string[] = [
    ...new Set([
        ...Object.values(podSpecFlags),
        ...Object.values(volumeFlags),
        "kubernetes.podspec-persistent-volume-write",
        "kubernetes.podspec-fieldref",
        "kubernetes.containerspec-addcapabilities",
        "kubernetes.podspec-volumes-mount-propagation",
    ]),
].sort();

/** The Knative feature flags needed by the components of one InferenceService spec. */
export function knativeFlagsFor(spec: unknown): Set<string> {
    const flags = new Set<string>();
    if (!isRecord(spec)) {
        return flags;
    }
    for (const key of ["predictor", "transformer", "explainer"]) {
        const component = spec[key];
        if (isRecord(component)) {
            addComponentFlags(component, flags);
        }
    }
    return flags;
}

/** Flags needed by all the given specs, as `KnativeServing.spec.config.features` wants them. */
export function knativeFeatureFlags(specs: readonly unknown[]): Record<string, "enabled"> {
    const all = new Set<string>();
    for (const spec of specs) {
        knativeFlagsFor(spec).forEach((f) => all.add(f));
    }
    return Object.fromEntries([...all].sort().map((f) => [f, "enabled" as const]));
}

function addComponentFlags(component: Record<string, unknown>, flags: Set<string>): void {
    for (const [field, flag] of Object.entries(podSpecFlags)) {
        if (isSet(component[field])) {
            flags.add(flag);
        }
    }
    const volumes = Array.isArray(component.volumes) ? component.volumes.filter(isRecord) : [];
    for (const volume of volumes) {
        for (const [source, flag] of Object.entries(volumeFlags)) {
            if (isRecord(volume[source])) {
                flags.add(flag);
            }
        }
        if (isRecord(volume.persistentVolumeClaim) && volume.persistentVolumeClaim.readOnly !== true) {
            flags.add("kubernetes.podspec-persistent-volume-write");
        }
    }
    const containers = [...componentContainers(component), ...(Array.isArray(component.initContainers) ? component.initContainers.filter(isRecord) : [])];
    for (const container of containers) {
        const env = Array.isArray(container.env) ? container.env.filter(isRecord) : [];
        if (env.some((e) => isRecord(e.valueFrom) && (e.valueFrom.fieldRef !== undefined || e.valueFrom.resourceFieldRef !== undefined))) {
            flags.add("kubernetes.podspec-fieldref");
        }
        const sc = container.securityContext;
        if (isRecord(sc) && isRecord(sc.capabilities) && Array.isArray(sc.capabilities.add) && sc.capabilities.add.length > 0) {
            flags.add("kubernetes.containerspec-addcapabilities");
        }
        const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isRecord) : [];
        if (mounts.some((m) => m.mountPropagation !== undefined)) {
            flags.add("kubernetes.podspec-volumes-mount-propagation");
        }
    }
}

/** A field counts as used when it holds something: false, empty lists and empty maps do not. */
function isSet(value: unknown): boolean {
    if (value === undefined || value === null || value === false || value === "") {
        return false;
    }
    if (Array.isArray(value)) {
        return value.length > 0;
    }
    return !isRecord(value) || Object.keys(value).length > 0;
}

/** Flags needed by the models that run in Knative mode (Standard-mode models never reach Knative). */
export function knativeFeatureFlagsForModels(models: readonly { name?: string; annotations?: Record<string, string>; spec: unknown }[], defaultMode?: DeploymentMode): Record<string, "enabled"> {
    return knativeFeatureFlags(models.filter((m) => effectiveDeploymentMode(m.annotations, defaultMode) === "Knative").map((m) => m.spec));
}
