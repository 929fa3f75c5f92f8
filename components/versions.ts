/**
 * Every chart, image and API version the platform installs, and nowhere else.
 *
 * The set is KServe v0.20.0's tested dependency set (`kserve-deps.env` at the v0.20.0 tag):
 * bump these together, preview, then roll out (see docs/operations.md).
 */

/** Upstream release versions. */
export const versions = {
    kserve: "v0.20.0",
    knativeOperator: "v1.21.1",
    knativeServing: "1.21.1",
    istio: "1.27.1",
    certManager: "v1.17.0",
    /** NVIDIA's device plugin, installed on clusters with a GPU node pool (chart versions carry no "v"). */
    nvidiaDevicePlugin: "0.20.0",
    /** Knative Serving 1.21 refuses to start on older clusters (knative.dev/pkg `defaultMinimumVersion`). */
    minKubernetes: "1.33",
    /** The first OpenShift release on Kubernetes 1.33. */
    minOpenShift: "4.20",
} as const;

/** Where a Helm chart comes from. `repo` is omitted for OCI references and chart archive URLs. */
export interface ChartSource {
    /** Chart name in `repo`, an `oci://` reference, or an absolute URL of a chart archive. */
    readonly chart: string;
    /** Chart version; omitted when `chart` is an archive URL (the URL pins the version). */
    readonly version?: string;
    /** Classic Helm repository URL. */
    readonly repo?: string;
}

const istioRepo = "https://istio-release.storage.googleapis.com/charts";
const kserveCharts = "oci://ghcr.io/kserve/charts";

/** The official charts of the serving platform, pinned. */
export const charts = {
    certManager: { chart: "cert-manager", repo: "https://charts.jetstack.io", version: versions.certManager },
    istioBase: { chart: "base", repo: istioRepo, version: versions.istio },
    istiod: { chart: "istiod", repo: istioRepo, version: versions.istio },
    istioGateway: { chart: "gateway", repo: istioRepo, version: versions.istio },
    /** Only on OpenShift, where pods may not set up their own iptables. */
    istioCni: { chart: "cni", repo: istioRepo, version: versions.istio },
    // KServe installs the operator from the release archive when the version carries a leading "v".
    knativeOperator: {
        chart:
            "https://github.com/knative/operator/releases/download/" +
            `knative-${versions.knativeOperator}/knative-operator-${versions.knativeOperator}.tgz`,
    },
    kserveCrd: { chart: `${kserveCharts}/kserve-crd`, version: versions.kserve },
    kserveResources: { chart: `${kserveCharts}/kserve-resources`, version: versions.kserve },
    kserveRuntimeConfigs: { chart: `${kserveCharts}/kserve-runtime-configs`, version: versions.kserve },
} as const satisfies Record<string, ChartSource>;

/** Charts a cluster flavour installs for its own hardware. */
export const clusterAddonCharts = {
    nvidiaDevicePlugin: { chart: "nvidia-device-plugin", repo: "https://nvidia.github.io/k8s-device-plugin", version: versions.nvidiaDevicePlugin },
} as const satisfies Record<string, ChartSource>;

/** Kubernetes API versions of the custom resources the platform writes. */
export const apiVersions = {
    inferenceService: "serving.kserve.io/v1beta1",
    knativeServing: "operator.knative.dev/v1beta1",
    peerAuthentication: "security.istio.io/v1",
    requestAuthentication: "security.istio.io/v1",
    authorizationPolicy: "security.istio.io/v1",
} as const;
