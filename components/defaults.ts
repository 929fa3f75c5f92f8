import { versions } from "./versions";

/**
 * Every default of the platform, in one place. Components fall back to these when an argument is
 * omitted, and the stack config schema (`config/schema.ts`, mirrored in `Pulumi.yaml`)
 * uses the same values.
 */
export const defaults = {
    /** Ingress domain shared by Knative (`config-domain`) and KServe (`ingressDomain`). */
    domain: "example.com",
    /** Scheme KServe writes into `status.url`. */
    urlScheme: "http",
    /** Namespace for models that do not name one. */
    modelNamespace: "models",
    /** How KServe runs models; the mission is Knative (scale to zero, canary rollouts). */
    deploymentMode: "Knative",
    /** Knative's `progress-deadline` (its default, 600s, kills slow model downloads). */
    knativeProgressDeadline: "1200s",
    /** Registries Knative must not resolve tags to digests for (Knative's defaults plus KServe's). */
    registriesSkippingTagResolving: ["kind.local", "ko.local", "dev.local", "nvcr.io", "index.docker.io"],
    /** How long `pulumi up` waits for an InferenceService to become Ready (longer than the progress deadline). */
    modelReadyTimeoutSeconds: 1800,
    /** How long a Helm release may take to install or upgrade. */
    helmTimeoutSeconds: 600,
    /** Mesh-wide Istio mutual TLS mode. */
    meshMtlsMode: "PERMISSIVE",
    /**
     * Seconds to wait after creating an Azure role assignment before using it: Azure applies
     * assignments minutes after accepting them (up to 10 minutes in its RBAC troubleshooting guide).
     */
    roleAssignmentWaitSeconds: 300,
    /** Install the default ClusterServingRuntimes (`kserve-runtime-configs`). */
    installRuntimes: true,
    /** Namespaces of the platform's own components. */
    namespaces: {
        certManager: "cert-manager",
        istio: "istio-system",
        knativeOperator: "knative-operator",
        knativeServing: "knative-serving",
        kserve: "kserve",
    },
    /** The NVIDIA extended resource and the taint that keeps other pods off GPU nodes. */
    gpu: {
        resource: "nvidia.com/gpu",
        taint: { key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" },
    },
    /** AKS: a small tainted system pool, an autoscaling user pool, an optional GPU pool. */
    aks: {
        // A GA minor AKS supports until Mar 2027, inside every component's range (components/versions.ts).
        kubernetesVersion: versions.defaultAksKubernetes,
        supportPlan: "KubernetesOfficial",
        /** Weekly window for automatic upgrades and node OS updates, when turned on. */
        maintenance: { day: "Sunday", startTime: "01:00", durationHours: 4, utcOffset: "+00:00" },
        systemVmSize: "Standard_D4ds_v5",
        systemNodeCount: 2,
        userVmSize: "Standard_D8ds_v5",
        userMinCount: 1,
        userMaxCount: 5,
        gpuMinCount: 0,
        gpuMaxCount: 2,
        gpuDriver: "Install",
        /** OS of GPU nodes: Azure Linux GPU nodes get no automatic security patches (AKS use-nvidia-gpu.md). */
        gpuOsSku: "Ubuntu",
        tier: "Free",
        upgradeChannel: "patch",
        nodeOsUpgradeChannel: "NodeImage",
        outboundType: "loadBalancer",
        /** kubelogin login mode without local accounts: the Azure CLI's session. */
        kubeloginMode: "azurecli",
    },
    /**
     * GPU economics (docs/gpu.md): the cluster autoscaler profile for GPU pools, spot GPU pools and
     * the node-local model cache. Field names and units are azure-native 3.28.0's
     * `ManagedClusterPropertiesAutoScalerProfileArgs` (AKS API 2025-09-01): durations are whole minutes.
     */
    gpuEconomics: {
        /** AKS default 10m (cluster-autoscaler.md): an idle GPU node is released after 5 minutes instead. */
        scaleDownUnneededTime: "5m",
        /** AKS default 10m: kept, so a node that just came up is not judged before its model has loaded. */
        scaleDownDelayAfterAdd: "10m",
        /** AKS default 15m: GPU nodes install the NVIDIA driver before they are Ready. */
        maxNodeProvisionTime: "20m",
        /** AKS default `random`: pick the pool that wastes the least CPU and memory (and GPUs) on scale-up. */
        expander: "least-waste",
        /** Regular GPU pools delete nodes on scale-down unless asked to deallocate them (scale-down-mode.md). */
        gpuScaleDownMode: "Delete",
        /** Spot pool: what an evicted node becomes, and the price cap (-1: up to the on-demand price). */
        spotEvictionPolicy: "Delete",
        spotMaxPrice: -1,
        spotMinCount: 0,
        spotMaxCount: 2,
        /** Node-local model cache: the host directory of the agent and of the node group's volumes. */
        cacheHostPath: "/mnt/models",
        /** Per-node cache limit when the VM size has no local NVMe the platform knows. */
        cacheStorageLimit: "100Gi",
        /** Name of the LocalModelNodeGroup of the GPU nodes. */
        cacheNodeGroup: "gpu",
        /** Namespace of KServe's download jobs (chart value `kserve.localmodel.jobNamespace`). */
        cacheJobNamespace: "kserve-localmodel-jobs",
    },
    /** Azure address plan: pods and services use Azure CNI overlay ranges outside the VNet. */
    azureNetwork: {
        vnetCidr: "10.40.0.0/16",
        nodeSubnetCidr: "10.40.0.0/20",
        podCidr: "10.244.0.0/16",
        serviceCidr: "10.0.0.0/16",
        dnsServiceIp: "10.0.0.10",
        /** Subnet of private endpoints (the model store's), beside the node and gateway subnets. */
        privateEndpointSubnetCidr: "10.40.17.0/24",
    },
    /** Availability zones pools, the Application Gateway and public IPs spread over (`azureZones`); none unless set. */
    azureZones: [] as readonly string[],
    /** Application Gateway (WAF v2) in front of a private cluster. */
    appGateway: {
        subnetCidr: "10.40.16.0/24",
        minCapacity: 1,
        maxCapacity: 3,
        /** Seconds the gateway waits for a model's answer (large models answer slowly). */
        requestTimeoutSeconds: 300,
        /**
         * WAF request body limits. 0 = no WAF size limit on bodies, so JSON tensors of several MB
         * pass (the WAF's enforced maximum is 2 MB); the first `requestBodyInspectKb` of each body
         * is still inspected (Azure's default, 128 KB). File uploads keep Azure's default, 100 MB.
         */
        wafMaxRequestBodyKb: 0,
        wafRequestBodyInspectKb: 128,
        wafFileUploadLimitMb: 100,
    },
    /** Azure Red Hat OpenShift. */
    aro: {
        masterSubnetCidr: "10.40.32.0/23",
        workerSubnetCidr: "10.40.36.0/23",
        podCidr: "10.128.0.0/14",
        serviceCidr: "172.30.0.0/16",
        masterVmSize: "Standard_D8s_v5",
        workerVmSize: "Standard_D8s_v5",
        workerCount: 3,
        workerDiskSizeGb: 128,
    },
    /** Metrics, alerts and dashboards (components/monitoring, docs/operations.md "Dashboards and alerts"). */
    monitoring: {
        /** Log Analytics retention of Container Insights and diagnostic logs, in days (30 is included in the price). */
        logRetentionDays: 30,
        /** A model's 5xx share of requests, in percent, over 5 minutes. */
        alert5xxPercent: 5,
        /** A model's p99 latency over 5 minutes, in milliseconds. */
        alertP99LatencyMs: 2000,
        /** How long a revision may wait for its first pod after scaling from zero, in seconds. */
        alertColdStartSeconds: 120,
        /** How long a model's pods may stay pending, failed or in a crash or image-pull loop, in minutes. */
        alertModelNotReadyMinutes: 10,
        /** How long a platform controller may have no available replica, in minutes. */
        alertControllerDownMinutes: 5,
        /** How often Prometheus rule groups are evaluated (ISO 8601 duration, as Azure takes it). */
        ruleInterval: "PT1M",
        /** Azure Managed Grafana SKU; Standard is the one with an SLA and Entra sign-in. */
        grafanaSku: "Standard",
    },
    /** Blob model storage read through workload identity. */
    modelStore: {
        containerName: "models",
        serviceAccountName: "kserve-model-reader",
        sku: "Standard_LRS",
    },
} as const;

/**
 * Names that other software depends on: not defaults, since changing them breaks the platform.
 */
export const fixedNames = {
    /** Knative's net-istio gateways select `istio: ingressgateway`, which the gateway chart derives from this release name. */
    ingressGatewayRelease: "istio-ingressgateway",
    /** The KnativeServing CR KServe and the operator expect. */
    knativeServing: "knative-serving",
    /** Istio's mesh-wide PeerAuthentication lives in the root namespace under this name. */
    meshPeerAuthentication: "default",
    /** IngressClass KServe uses for Standard-mode models (`ingressGateway.className`). */
    ingressClass: "istio",
    /** Label of GPU pool nodes; also the label NVIDIA's device plugin chart accepts in place of NFD's. */
    gpuNodeLabel: { key: "nvidia.com/gpu.present", value: "true" },
    /**
     * Annotation naming the cache a model's storageUri matches: a cache added or removed changes the
     * InferenceService, so the next `pulumi up` sends an update and KServe's defaulter (CREATE and
     * UPDATE) labels it for the cache, or unlabels it.
     */
    modelCacheAnnotation: "kserve-platform.io/model-cache",
    /** Node label KServe's model cache agent selects (kserve-localmodel-resources values `kserve.localmodelnode.controller.nodeSelector`, v0.20.0). */
    localModelNodeLabel: { key: "kserve/localmodel", value: "worker" },
    /** Pod label the AKS workload identity webhook acts on. */
    workloadIdentityLabel: "azure.workload.identity/use",
    /** ServiceAccount annotation naming the identity a pod gets tokens for. */
    workloadIdentityClientIdAnnotation: "azure.workload.identity/client-id",
    /** Audience of federated credentials for Kubernetes service account tokens. */
    workloadIdentityAudience: "api://AzureADTokenExchange",
    /** pulumi-kubernetes: what to wait for before a resource counts as created, and for how long. */
    waitForAnnotation: "pulumi.com/waitFor",
    timeoutSecondsAnnotation: "pulumi.com/timeoutSeconds",
    /** Annotation that lets a production InferenceService scale to zero (`"true"`). */
    allowScaleToZeroAnnotation: "kserve-platform.io/allow-scale-to-zero",
    /** Namespace label that turns on Istio sidecar injection. */
    sidecarInjectionLabel: "istio-injection",
    /** Azure annotations of a Service on an internal load balancer, with a fixed address. */
    azureInternalLoadBalancer: "service.beta.kubernetes.io/azure-load-balancer-internal",
    azureLoadBalancerIpv4: "service.beta.kubernetes.io/azure-load-balancer-ipv4",
    azureLoadBalancerSubnet: "service.beta.kubernetes.io/azure-load-balancer-internal-subnet",
    /** Istio gateway readiness endpoint on its status port, which health probes target. */
    gatewayHealth: { port: 15021, path: "/healthz/ready" },
} as const;

/** Model endpoint authentication (Istio RequestAuthentication + AuthorizationPolicy in model namespaces). */
export const modelAuthNames = {
    /** Entra ID v2.0 token issuer of a tenant (access tokens of APIs with requestedAccessTokenVersion 2). */
    entraIssuer: (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`,
    /** Entra ID signing keys of a tenant, as its v2.0 OpenID configuration lists them. */
    entraJwksUri: (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
    /** Pod label KServe puts on every component of an InferenceService (pkg/constants InferenceServicePodLabelKey). */
    inferenceServicePodLabel: "serving.kserve.io/inferenceservice",
    /** Pod label KServe puts on the router pods of an InferenceGraph (pkg/constants InferenceGraphLabel; knative_reconciler.go, raw_ig.go). */
    inferenceGraphPodLabel: "serving.kserve.io/inferencegraph",
    /** Paths Knative's system pods call on a service without a token (knative docs, serving/istio-authorization). */
    knativeSystemPaths: ["/healthz", "/metrics"],
    /** Names of the policies in each model namespace. */
    requestAuthentication: "kserve-platform-jwt",
    authorizationPolicyPrefix: "kserve-platform-callers-",
} as const;

/** Azure networking names and ports fixed by Azure. */
export const azureNetworkNames = {
    /** Private DNS zone of Blob private endpoints, and the endpoint's group id. */
    blobPrivateDnsZone: "privatelink.blob.core.windows.net",
    blobGroupId: "blob",
    /** Application Gateway v2 infrastructure ports the GatewayManager service tag must reach. */
    appGatewayInfrastructurePorts: "65200-65535",
} as const;

/** Azure built-in role definition ids (learn.microsoft.com, "Azure built-in roles"). */
export const azureRoles = {
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    /** Grafana reads an Azure Monitor workspace (learn.microsoft.com, built-in roles for Monitor). */
    monitoringDataReader: "b0d8363b-8ddd-447d-831f-62ca05bff136",
    /** Everything in a Managed Grafana instance, dashboards included (learn.microsoft.com, managed-grafana concept-role-based-access-control). */
    grafanaAdmin: "22926164-76b3-42b3-bc55-97df8dab3e41",
    /** Lets the deployer install the platform on an AKS cluster with Azure RBAC and no local accounts. */
    aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
} as const;

/** Names and namespaces of what the platform installs only for LLM serving, KEDA or multi-node workers. */
export const llmNames = {
    /**
     * The Gateway LLM routes attach to. KServe v0.20.0's llmisvc controller reads it from
     * `inferenceservice-config` `ingress.kserveIngressGateway` (kserve-resources values
     * `kserve.controller.gateway.ingressGateway.kserveGateway`, default `kserve/kserve-ingress-gateway`;
     * pkg/controller/v1alpha2/llmisvc/config_loader.go NewConfig).
     */
    gateway: "kserve-ingress-gateway",
    /** istiod creates and manages this GatewayClass itself (PILOT_ENABLE_GATEWAY_API_GATEWAYCLASS_CONTROLLER, default on). */
    gatewayClass: "istio",
    /**
     * First label of the LLM host `<label>.<domain>` (the LLM Gateway's listener hostname), which the
     * `*.<domain>` certificate covers; `inference` is also the label KServe's controller uses under a
     * wildcard listener (router_discovery.go, GATEWAY_API_WILDCARD_HOSTNAME default).
     */
    wildcardHostLabel: "inference",
    /** kserve v0.20.0 hack/setup/global-vars.env KEDA_NAMESPACE. */
    kedaNamespace: "keda",
    /** The namespace the LeaderWorkerSet v0.8.0 release manifest creates. */
    leaderWorkerSetNamespace: "lws-system",
} as const;
