// The model store as models see it: what serving binds models to, without the Azure resources.

/** The store, as models see it. */
export interface ModelStoreRef {
    /** Storage account name. */
    accountName: string;
    /** Blob container with the models. */
    containerName: string;
    /** ServiceAccount that carries the store's identity. */
    serviceAccountName: string;
}

/** The `https://<account>.blob.core.windows.net/<container>/` prefix of URIs in the store. */
export function storePrefix(store: ModelStoreRef): string {
    return `https://${store.accountName}.blob.core.windows.net/${store.containerName}/`;
}
