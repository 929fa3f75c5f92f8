import { versions } from "../components/versions";

/**
 * The keys of Knative Serving's `config-features` ConfigMap at the pinned version: the flags its
 * `NewFeaturesConfigFromMap` parses (knative/serving `pkg/apis/config/features.go`, tag
 * knative-v1.21.3, unchanged since knative-v1.21.1). Every one of them accepts `enabled`; any other key is ignored by Knative, so a
 * misspelt flag would silently leave its feature off.
 */
export const knativeConfigFeatures: readonly string[] = [
    "autodetect-http2",
    "kubernetes.containerspec-addcapabilities",
    "kubernetes.podspec-affinity",
    "kubernetes.podspec-dnsconfig",
    "kubernetes.podspec-dnspolicy",
    "kubernetes.podspec-fieldref",
    "kubernetes.podspec-hostaliases",
    "kubernetes.podspec-hostipc",
    "kubernetes.podspec-hostnetwork",
    "kubernetes.podspec-hostpid",
    "kubernetes.podspec-init-containers",
    "kubernetes.podspec-nodeselector",
    "kubernetes.podspec-persistent-volume-claim",
    "kubernetes.podspec-persistent-volume-write",
    "kubernetes.podspec-priorityclassname",
    "kubernetes.podspec-runtimeclassname",
    "kubernetes.podspec-schedulername",
    "kubernetes.podspec-securitycontext",
    "kubernetes.podspec-shareprocessnamespace",
    "kubernetes.podspec-tolerations",
    "kubernetes.podspec-topologyspreadconstraints",
    "kubernetes.podspec-volumes-csi",
    "kubernetes.podspec-volumes-emptydir",
    "kubernetes.podspec-volumes-hostpath",
    "kubernetes.podspec-volumes-image",
    "kubernetes.podspec-volumes-mount-propagation",
    "multi-container",
    "multi-container-probing",
    "queueproxy.mount-podinfo",
    "queueproxy.resource-defaults",
    "secure-pod-defaults",
    "tag-header-based-routing",
];

/** Why `flag` is not a feature flag Knative knows, or undefined when it is one. */
export function knativeFeatureRefusal(flag: string, suggest: (key: string, candidates: readonly string[]) => string | undefined): string | undefined {
    if (knativeConfigFeatures.includes(flag)) {
        return undefined;
    }
    const hint = suggest(flag, knativeConfigFeatures);
    return `got "${flag}", which is not a flag of Knative Serving ${versions.knativeServing}'s config-features (Knative would ignore it)${hint ? `; did you mean ${hint}?` : ""}; allowed: ${knativeConfigFeatures.join(", ")}`;
}
