import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as storage from "@pulumi/azure-native/storage";
import { defaults, fixedNames } from "../defaults";
import type { ServiceAccountDeclaration } from "../common";
import { ModelStoreRef, storePrefix } from "./storeRef";
import { BlobPrivateEndpoint, blobPrivateEndpoint } from "./privateEndpoint";
import { assignRole } from "./roles";

/** Storage redundancy of the account. */
export type StoreSku = "Standard_LRS" | "Standard_ZRS" | "Standard_GRS" | "Standard_GZRS";

/** Arguments of {@link ModelStore}. */
export interface ModelStoreArgs {
    /** Resource group. */
    resourceGroupName: pulumi.Input<string>;
    /** Azure region. */
    location: string;
    /** Storage account name: 3-24 lower-case letters and digits, globally unique. */
    accountName: string;
    /** Blob container of the models. Defaults to `models`. */
    containerName?: string;
    /** Redundancy. Defaults to `Standard_LRS`. */
    sku?: StoreSku;
    /** The cluster's OIDC issuer URL; the federated credentials trust tokens it signs. */
    oidcIssuerUrl: pulumi.Input<string>;
    /** ServiceAccount the models read the store as. Defaults to `kserve-model-reader`. */
    serviceAccountName?: string;
    /** Namespaces with models on the store: each gets the ServiceAccount and a federated credential. */
    namespaces: readonly string[];
    /** Protect the storage account (it holds the models) from deletion. Defaults to true. */
    protect?: boolean;
    /** Seconds to wait for the reader role to apply before models start. Defaults to 300; 0 does not wait. */
    roleAssignmentWaitSeconds?: number;
    /** Reach the store through a private endpoint in this subnet, named in the VNet's private DNS. */
    privateEndpoint?: { subnetId: pulumi.Input<string>; vnetId: pulumi.Input<string> };
    /** Let the public endpoint take traffic. Defaults to true; false leaves private endpoints only. */
    publicNetworkAccess?: boolean;
}

/**
 * Blob storage for models, read through AKS workload identity alone: a storage account with
 * shared keys and public access off, a container, a user-assigned identity trusted (federated
 * credential) for the model ServiceAccount of each namespace, and `Storage Blob Data Reader` on the
 * container. No account key is created, read or handed out.
 */
export class ModelStore extends pulumi.ComponentResource {
    readonly account: storage.StorageAccount;
    readonly container: storage.BlobContainer;
    readonly identity: managedidentity.UserAssignedIdentity;
    /** Client id of the identity, which the ServiceAccounts carry. */
    readonly clientId: pulumi.Output<string>;
    /** Federated credentials by namespace. */
    readonly federatedCredentials: Record<string, managedidentity.FederatedIdentityCredential>;
    readonly roleAssignment: authorization.RoleAssignment;
    /** The ServiceAccounts the models need, for the Models component to create in their namespaces. */
    readonly serviceAccounts: ServiceAccountDeclaration[];
    /** What the models must wait for: the federated credentials and the reader role having applied. */
    readonly readyForModels: pulumi.Resource[];
    /** How models address the store. */
    readonly ref: ModelStoreRef;
    /** `https://<account>.blob.core.windows.net/<container>/`, the prefix of model URIs in the store. */
    readonly uriPrefix: string;
    /** The private endpoint and its DNS, when asked for. */
    readonly privateEndpoint?: BlobPrivateEndpoint;

    constructor(name: string, args: ModelStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kserve-platform:azure:ModelStore", name, {}, opts);
        const { resourceGroupName, location } = args;
        this.ref = {
            accountName: args.accountName,
            containerName: args.containerName ?? defaults.modelStore.containerName,
            serviceAccountName: args.serviceAccountName ?? defaults.modelStore.serviceAccountName,
        };
        this.uriPrefix = storePrefix(this.ref);

        this.account = new storage.StorageAccount(
            name,
            {
                resourceGroupName,
                location,
                accountName: this.ref.accountName,
                kind: "StorageV2",
                sku: { name: args.sku ?? defaults.modelStore.sku },
                allowSharedKeyAccess: false,
                allowBlobPublicAccess: false,
                defaultToOAuthAuthentication: true,
                minimumTlsVersion: "TLS1_2",
                enableHttpsTrafficOnly: true,
                publicNetworkAccess: args.publicNetworkAccess === false ? "Disabled" : "Enabled",
            },
            // The models live here: deleting the account by accident loses them.
            { parent: this, protect: args.protect ?? true },
        );
        this.container = new storage.BlobContainer(
            name,
            { resourceGroupName, accountName: this.account.name, containerName: this.ref.containerName, publicAccess: "None" },
            { parent: this },
        );
        this.identity = new managedidentity.UserAssignedIdentity(name, { resourceGroupName, location, resourceName: `id-${name}` }, { parent: this });
        this.clientId = this.identity.clientId;

        this.federatedCredentials = {};
        // Azure answers 409 to concurrent credential writes on one identity: one at a time.
        let previous: pulumi.Resource | undefined;
        for (const namespace of args.namespaces) {
            this.federatedCredentials[namespace] = new managedidentity.FederatedIdentityCredential(
                `${name}-${namespace}`,
                {
                    resourceGroupName,
                    resourceName: this.identity.name,
                    federatedIdentityCredentialResourceName: `${namespace}-${this.ref.serviceAccountName}`,
                    issuer: args.oidcIssuerUrl,
                    subject: `system:serviceaccount:${namespace}:${this.ref.serviceAccountName}`,
                    audiences: [fixedNames.workloadIdentityAudience],
                },
                { parent: this, dependsOn: previous ? [previous] : [] },
            );
            previous = this.federatedCredentials[namespace];
        }
        // Least privilege: the container, not the account. Models download as soon as they start: they
        // wait until the role applies.
        const reader = assignRole(
            `${name}-blob-reader`,
            { principalId: this.identity.principalId, principalType: "ServicePrincipal", role: "storageBlobDataReader", scope: this.container.id, waitSeconds: args.roleAssignmentWaitSeconds },
            this,
        );
        this.roleAssignment = reader.assignment;
        this.serviceAccounts = args.namespaces.map((namespace) => ({
            namespace,
            name: this.ref.serviceAccountName,
            annotations: { [fixedNames.workloadIdentityClientIdAnnotation]: this.clientId },
        }));
        if (args.privateEndpoint) {
            this.privateEndpoint = blobPrivateEndpoint(name, { resourceGroupName, location, accountId: this.account.id, ...args.privateEndpoint }, this);
        }
        this.readyForModels = [...Object.values(this.federatedCredentials), reader.ready, ...(this.privateEndpoint ? [this.privateEndpoint.dnsZoneGroup] : [])];
        this.registerOutputs({ clientId: this.clientId, uriPrefix: this.uriPrefix });
    }
}
