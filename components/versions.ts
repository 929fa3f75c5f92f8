/**
 * Every chart, image and API version the platform installs, and nowhere else.
 *
 * The set starts from KServe v0.20.0's tested dependency set (`kserve-deps.env` at the v0.20.0
 * tag) and moves each component to the newest release that still works with the others on every
 * cluster the platform targets; {@link compatibility} records why, per component. Bump these
 * together, preview, then roll out (README "Versions", docs/operations.md).
 */

/** Upstream release versions. */
export const versions = {
    kserve: "v0.20.0",
    // The operator archive pins which Serving releases it can install (its kodata): v1.21.4
    // carries Serving 1.21.0-1.21.3.
    knativeOperator: "v1.21.4",
    knativeServing: "1.21.3",
    // The newest Istio release with a tag to cite (istio/istio tag 1.30.3, 2026-07-13): the repository
    // shows 1.31 only up to 1.31.0-rc.0 and the release-1.31 branch, no final 1.31.0 (issue 15 §5).
    istio: "1.30.3",
    certManager: "v1.21.1",
    /** NVIDIA's device plugin, installed on clusters with a GPU node pool (chart versions carry no "v"). */
    nvidiaDevicePlugin: "0.20.0",
    /** Oldest Kubernetes every pinned component supports: Knative Serving 1.21's floor (knative.dev/pkg `defaultMinimumVersion`). */
    minKubernetes: "1.33",
    /** Newest Kubernetes every pinned component supports: cert-manager 1.21's ceiling. */
    maxKubernetes: "1.36",
    /** The first OpenShift release on Kubernetes 1.33. */
    minOpenShift: "4.20",
    /**
     * Kubernetes of new AKS clusters: GA on AKS today (1.35-1.37, supported-kubernetes-versions.md),
     * inside the range above, and in community support until 2027-03 (aksKubernetesCalendar).
     */
    defaultAksKubernetes: "1.35",
    /** Gateway API CRDs of KServe's LLM path (kserve v0.20.0 kserve-deps.env GATEWAY_API_VERSION). */
    gatewayApi: "v1.5.1",
    /** Gateway API Inference Extension CRDs, InferencePool v1 (kserve v0.20.0 kserve-deps.env GIE_VERSION). */
    gatewayApiInferenceExtension: "v1.5.0",
    /** llm-d router, whose release carries the `llm-d.ai` InferenceObjective/InferenceModelRewrite CRDs (kserve-deps.env LLMD_ROUTER_VERSION). */
    llmdRouter: "v0.9.0",
    /** LeaderWorkerSet, for multi-node LLM workers (kserve-deps.env LWS_VERSION). */
    leaderWorkerSet: "v0.8.0",
    /** KEDA chart and app (kedacore/charts tag v2.18.3, the last patch of the 2.18 line KServe tests: kserve-deps.env KEDA_VERSION=2.18.0). */
    keda: "2.18.3",
    /** Azure CLI image of the deployment script that imports Grafana dashboards (mcr.microsoft.com/azure-cli). */
    azureCli: "2.77.0",
} as const;

/** A range of Kubernetes minor versions (`major.minor`), both ends included. */
export interface KubernetesRange {
    /** Oldest supported minor; omitted when the project states none. */
    readonly min?: string;
    /** Newest supported minor; omitted when the project states none. */
    readonly max?: string;
}

/** What one upstream release line promises, and where that is written. */
export interface ComponentCompatibility {
    /** The pinned release (a key of {@link versions}'s values). */
    readonly pinned: string;
    /** The release line, e.g. `1.31`. */
    readonly release: string;
    /** Released on (ISO date). */
    readonly released: string;
    /** End of upstream support: an ISO date, or how the project defines it when no date is set. */
    readonly endOfLife: string;
    /** Kubernetes versions the release line supports. */
    readonly kubernetes: KubernetesRange;
    /** Where these facts come from (repository, tag and file, or page). */
    readonly source: string;
}

/**
 * The evidence for each pin, read from the upstream sources on 2026-11-30. Config validation
 * refuses a cluster version outside the intersection of the `kubernetes` ranges, and a test keeps
 * the defaults inside every range.
 */
export const compatibility = {
    kserve: {
        pinned: versions.kserve,
        release: "0.20",
        released: "2026-08-06",
        // KServe publishes no support window; v0.21.0-rc0 (2026-09-08) is not a release.
        endOfLife: "none announced; superseded by the next minor",
        // KServe states no range; its CI runs Kubernetes 1.34 (.github/actions/minikube-setup).
        kubernetes: {},
        source: "kserve/kserve v0.20.0: kserve-deps.env, go.mod, .github/actions/minikube-setup/action.yml",
    },
    knative: {
        pinned: versions.knativeServing,
        release: "1.21",
        released: "2026-01-27",
        // The community supports the two newest releases; 1.23 (2026-08-04) ended 1.21's support.
        // 1.22 and 1.23 need Kubernetes 1.34, which would drop OpenShift 4.20 and KServe v0.20.0's tested line.
        endOfLife: "2026-08-04",
        kubernetes: { min: "1.33" },
        source: "knative/serving knative-v1.21.3 go.mod -> knative.dev/pkg version/version.go defaultMinimumVersion; knative/operator knative-v1.21.4 cmd/operator/kodata",
    },
    istio: {
        pinned: versions.istio,
        // Pinned to 1.30.3 (tag dated 2026-07-13), the newest release we can cite: istio/istio has
        // tags up to 1.31.0-rc.0 only, so a final 1.31.0 is not shown anywhere we can read. The
        // chart check workflow (.github/workflows/chart-pins.yml) proves each pin on every change.
        release: "1.30",
        released: "2026-05-15",
        // Istio supports a minor until six weeks after the N+2 minor is released.
        endOfLife: "six weeks after Istio 1.32.0",
        // istioctl refuses below MinK8SVersion 32 (tag 1.30.3); 1.36 is the newest version Istio's support table lists for 1.30.
        kubernetes: { min: "1.32", max: "1.36" },
        source: "istio/istio tags 1.30.3 and 1.31.0-rc.0 (no 1.31.0 tag); 1.30.3 istioctl/pkg/install/k8sversion/version.go; istio/istio.io data/compatibility/supportStatus.yml",
    },
    certManager: {
        pinned: versions.certManager,
        release: "1.21",
        released: "2026-07-08",
        endOfLife: "release of cert-manager 1.23",
        // The same table lists OpenShift 4.20 to 4.22.
        kubernetes: { min: "1.33", max: "1.36" },
        source: "cert-manager/website content/docs/releases/README.md",
    },
} as const satisfies Record<string, ComponentCompatibility>;

/**
 * AKS's Kubernetes calendar: when each minor leaves community support, and when its Long Term
 * Support (Premium tier, `supportPlan: AKSLongTermSupport`) ends. Months as `YYYY-MM`.
 */
export const aksKubernetesCalendar = {
    "1.32": { endOfLife: "2026-03", ltsEndOfLife: "2027-03" },
    "1.33": { endOfLife: "2026-07", ltsEndOfLife: "2027-07" },
    "1.34": { endOfLife: "2026-11", ltsEndOfLife: "2027-11" },
    "1.35": { endOfLife: "2027-03", ltsEndOfLife: "2028-03" },
    "1.36": { endOfLife: "2027-06", ltsEndOfLife: "2028-06" },
    "1.37": { endOfLife: "2027-10", ltsEndOfLife: "2028-10" },
} as const satisfies Record<string, { endOfLife: string; ltsEndOfLife: string }>;

/** Where {@link aksKubernetesCalendar} comes from, and the month it was read for. */
export const aksCalendarSource = { source: "MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md", asOf: "2026-11" } as const;

/** OpenShift 4.y ships Kubernetes 1.(y + 13): 4.20 is 1.33 (OpenShift release notes). */
export const openShiftKubernetesOffset = 13;

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

/**
 * Installed only when used (LLM serving, multi-node workers, KEDA), so they are not in
 * {@link compatibility}, whose ranges bound every stack's Kubernetes version. What each promises:
 * - Gateway API v1.5.1 and GIE v1.5.0: the versions KServe v0.20.0 tests its LLM path with
 *   (kserve-deps.env); GIE v1.5.0's InferencePool is `inference.networking.k8s.io/v1`, the version
 *   Istio 1.30 reads (istio/istio 1.30.3 pilot/pkg/config/kube/gateway/controller.go).
 * - LeaderWorkerSet v0.8.0: KServe's LWS_VERSION, installed from the release manifest as
 *   `hack/setup/infra/manage.lws-operator.sh` does.
 * - KEDA 2.18: KServe's tested line (KEDA_VERSION=2.18.0). KEDA's own matrix (keda.sh
 *   docs/2.20/operate/cluster) lists 2.18 as tested on Kubernetes 1.31-1.33 and 2.20 on 1.33-1.35;
 *   KEDA is community supported, newest minor first. On AKS the managed KEDA add-on is the
 *   alternative (README "LLM serving").
 */
export const llmManifests = {
    /** kubernetes-sigs/gateway-api release asset (kserve v0.20.0 hack/setup/infra/gateway-api/manage.gateway-api-crd.sh). */
    gatewayApiCrds: `https://github.com/kubernetes-sigs/gateway-api/releases/download/${versions.gatewayApi}/standard-install.yaml`,
    /** kubernetes-sigs/gateway-api-inference-extension release asset (manage.gateway-api-extension-crd.sh). */
    inferenceExtensionCrds: `https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/${versions.gatewayApiInferenceExtension}/v1-manifests.yaml`,
    /** llm-d/llm-d-router release asset with the llm-d.ai CRDs (manage.gateway-api-extension-crd.sh). */
    llmdRouterCrds: `https://github.com/llm-d/llm-d-router/releases/download/${versions.llmdRouter}/manifests.yaml`,
    /** kubernetes-sigs/lws release asset (hack/setup/infra/manage.lws-operator.sh). */
    leaderWorkerSet: `https://github.com/kubernetes-sigs/lws/releases/download/${versions.leaderWorkerSet}/manifests.yaml`,
} as const;

/** Charts installed only when LLM serving or KEDA is used. */
export const llmCharts = {
    kserveLlmisvcCrd: { chart: `${kserveCharts}/kserve-llmisvc-crd`, version: versions.kserve },
    kserveLlmisvcResources: { chart: `${kserveCharts}/kserve-llmisvc-resources`, version: versions.kserve },
    /** kedacore/charts `keda` (kserve v0.20.0 hack/setup/infra/manage.keda-helm.sh: `helm install keda kedacore/keda`). */
    keda: { chart: "keda", repo: "https://kedacore.github.io/charts", version: versions.keda },
} as const satisfies Record<string, ChartSource>;

/**
 * KServe's node-local model cache, installed when the cache is on: published beside KServe's other
 * charts at the same version (kserve/kserve v0.20.0 hack/setup/infra/manage.kserve-helm.sh installs
 * `oci://ghcr.io/kserve/charts/kserve-localmodel-crd` and `-resources` with `--type localmodel`).
 */
export const localModelCharts = {
    crd: { chart: `${kserveCharts}/kserve-localmodel-crd`, version: versions.kserve },
    resources: { chart: `${kserveCharts}/kserve-localmodel-resources`, version: versions.kserve },
} as const satisfies Record<string, ChartSource>;

/**
 * Image of the init container that mounts a GPU node's local NVMe disks under the model cache: the
 * Azure CLI image already pinned for deployment scripts (Azure Linux with a shell; it runs the
 * node's own tools through chroot).
 */
export const nodePrepImage = `mcr.microsoft.com/azure-cli:${versions.azureCli}`;

/** Charts a cluster flavour installs for its own hardware. */
export const clusterAddonCharts = {
    nvidiaDevicePlugin: { chart: "nvidia-device-plugin", repo: "https://nvidia.github.io/k8s-device-plugin", version: versions.nvidiaDevicePlugin },
} as const satisfies Record<string, ChartSource>;

/**
 * Charts the kind end-to-end job (.github/workflows/e2e.yml, `e2e-prod-features`) installs before the
 * platform, as a user's cluster would have them; the platform itself never installs these.
 */
export const e2eCharts = {
    /**
     * The Prometheus Operator and a Prometheus, for `monitoringPrometheusOperator` on kind:
     * prometheus-community/helm-charts tag kube-prometheus-stack-88.5.3 (2026-08-21; operator
     * v0.93.1, kubeVersion >=1.25). Its Prometheus selects monitors labelled `release: <release name>`
     * (values.yaml `*SelectorNilUsesHelmValues: true`), hence `monitoringSelectorLabels` in Pulumi.kind.yaml.
     */
    kubePrometheusStack: { chart: "kube-prometheus-stack", repo: "https://prometheus-community.github.io/helm-charts", version: "88.5.3" },
} as const satisfies Record<string, ChartSource>;

/** Kubernetes API versions of the custom resources the platform writes. */
export const apiVersions = {
    inferenceService: "serving.kserve.io/v1beta1",
    /** LLMInferenceService and LLMInferenceServiceConfig (KServe v0.20.0 storage version, `pkg/apis/serving/v1alpha2`). */
    llmInferenceService: "serving.kserve.io/v1alpha2",
    /** InferenceGraph, ServingRuntime and ClusterServingRuntime (KServe v0.20.0 pkg/apis/serving/v1alpha1). */
    inferenceGraph: "serving.kserve.io/v1alpha1",
    servingRuntime: "serving.kserve.io/v1alpha1",
    knativeServing: "operator.knative.dev/v1beta1",
    peerAuthentication: "security.istio.io/v1",
    /** PodMonitor/ServiceMonitor read by AKS managed Prometheus (Azure docs, prometheus-metrics-scrape-crd). */
    azureMonitors: "azmonitoring.coreos.com/v1",
    /** PodMonitor/ServiceMonitor/PrometheusRule of the Prometheus Operator and OpenShift user-workload monitoring. */
    prometheusOperator: "monitoring.coreos.com/v1",
    requestAuthentication: "security.istio.io/v1",
    authorizationPolicy: "security.istio.io/v1",
    /** Gateway API v1.5.1 standard channel: Gateway and GatewayClass are served at v1. */
    gateway: "gateway.networking.k8s.io/v1",
} as const;
