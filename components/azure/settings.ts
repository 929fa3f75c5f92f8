// The Azure settings a stack gives KServePlatform (and the config layer reads from stack config).

/** Azure settings shared by the Azure flavours. */
export interface AzureSettings {
    /** Region, from `azure-native:location`. */
    location: string;
    /** Existing resource group, if any. */
    resourceGroupName?: string;
    /** Address space of the stack's VNet. */
    vnetCidr: string;
    /** Seconds to wait after creating a role assignment. */
    roleAssignmentWaitSeconds: number;
}

/** The validated baseline settings. */
export interface AzureBaselineSettings {
    /** Availability zones (`"1"`, `"2"`, `"3"`); empty: none. */
    zones: string[];
    /** AKS only. */
    aks?: {
        /** CIDRs allowed to reach a public API server. */
        authorizedIpRanges: string[];
        /** Defender for Containers, with the workspace it reports to (unset: the stack creates one). */
        defender?: { logAnalyticsWorkspaceId?: string };
        /** The Azure Policy add-on. */
        azurePolicy: boolean;
    };
    /** The model store's network access, when there is a store. */
    modelStore?: { privateEndpoint: boolean; publicNetworkAccess: boolean };
    /** Subnet of private endpoints, when one is needed. */
    privateEndpointSubnetCidr?: string;
}

/** The Application Gateway in front of the internal Istio gateway. */
export interface AppGatewaySettings {
    /** Subnet of the gateway, inside the VNet. */
    subnetCidr: string;
    /** The TLS certificate of `*.<domain>`: a Key Vault and the secret that holds it. */
    certificate: { keyVaultId: string; secretName: string };
    /** Fewest gateway instances. */
    minCapacity: number;
    /** Most gateway instances. */
    maxCapacity: number;
    /** WAF mode. */
    wafMode: "Prevention" | "Detection";
    /** A public DNS zone that holds the domain; the wildcard record goes there. */
    dnsZone?: { name: string; resourceGroupName: string };
    /** WAF request body limits. */
    waf: WafBodySettings;
}

/** The WAF request body settings of the stack. */
export interface WafBodySettings {
    /** Largest body in KB; 0 turns the WAF's size enforcement off. */
    maxRequestBodyKb: number;
    /** How deep into each body the rules look, in KB. */
    requestBodyInspectKb: number;
    /** Largest file upload in MB. */
    fileUploadLimitMb: number;
}

/** The model store, when configured. */
export interface ModelStoreSettings {
    /** Storage account name (globally unique). */
    accountName: string;
    /** Blob container with the models. */
    containerName: string;
    /** ServiceAccount that carries the store's workload identity in the model namespaces. */
    serviceAccountName: string;
    /** Storage redundancy. */
    sku: "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS";
    /** Protect the account from deletion. */
    protect: boolean;
    /** Namespaces with models on the store. */
    namespaces: string[];
}
