/**
 * AKS without local accounts hands out an `exec` kubeconfig that runs `kubelogin get-token --login
 * devicecode`: it waits for a person to enter a code in a browser, so a pipeline stalls. This turns
 * it into a kubeconfig for a login mode that needs nobody, as `kubelogin convert-kubeconfig -l <mode>`
 * does (Azure/kubelogin v0.2.19 `pkg/internal/converter/convert.go`).
 */
import * as yaml from "js-yaml";
import { isRecord } from "../common";

/**
 * Non-interactive kubelogin login modes (Azure/kubelogin docs, concepts/login-modes):
 * - `azurecli`: the Azure CLI's login (`az login`, or `azure/login` in GitHub Actions);
 * - `workloadidentity`: a federated token from `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`,
 *   `AZURE_FEDERATED_TOKEN_FILE` and `AZURE_AUTHORITY_HOST` (GitHub Actions OIDC, pods);
 * - `msi`: the machine's managed identity (a self-hosted runner on an Azure VM);
 * - `spn`: a service principal from `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET` (or a certificate).
 */
export type KubeloginMode = "azurecli" | "workloadidentity" | "msi" | "spn";

/** The login modes, for config validation. */
export const kubeloginModes: readonly KubeloginMode[] = ["azurecli", "workloadidentity", "msi", "spn"];

/** The value following `flag` in an argument list. */
function argValue(args: readonly string[], flag: string): string | undefined {
    const i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
}

/**
 * The `kubelogin get-token` arguments for `mode`, from those of the interactive kubeconfig. Every
 * mode needs `--server-id` (the AKS server application); `spn` keeps `--client-id`,
 * `--tenant-id` and `--environment` (the environment variables override the client id), the
 * others take their identity from the environment or the Azure CLI, as the converter does.
 */
export function kubeloginArgs(args: readonly string[], mode: KubeloginMode): string[] {
    const serverId = argValue(args, "--server-id");
    if (!serverId) {
        throw new Error(`the kubelogin exec arguments have no --server-id (${args.join(" ")}); cannot convert them to --login ${mode}`);
    }
    const converted = ["get-token", "--login", mode, "--server-id", serverId];
    if (mode === "spn") {
        for (const flag of ["--client-id", "--tenant-id", "--environment"]) {
            const value = argValue(args, flag);
            if (value === undefined && flag !== "--environment") {
                throw new Error(`the kubelogin exec arguments have no ${flag}, which --login spn needs`);
            }
            if (value !== undefined) {
                converted.push(flag, value);
            }
        }
    }
    return converted;
}

/**
 * The kubeconfig with every user that runs kubelogin switched to `mode`; other users, clusters
 * and contexts are kept as they are. Throws when the text is not a kubeconfig.
 */
export function convertKubeconfig(kubeconfig: string, mode: KubeloginMode): string {
    const doc = yaml.load(kubeconfig);
    if (!isRecord(doc) || !Array.isArray(doc.users)) {
        throw new Error("the cluster's credentials are not a kubeconfig with users");
    }
    const users = doc.users.map((entry: unknown) => {
        const exec = isRecord(entry) && isRecord(entry.user) && isRecord(entry.user.exec) ? entry.user.exec : undefined;
        if (!exec || typeof exec.command !== "string" || !exec.command.toLowerCase().includes("kubelogin") || !Array.isArray(exec.args)) {
            return entry;
        }
        const user = (entry as { user: Record<string, unknown> }).user;
        return { ...(entry as Record<string, unknown>), user: { ...user, exec: { ...exec, args: kubeloginArgs(exec.args.map(String), mode) } } };
    });
    return yaml.dump({ ...doc, users }, { lineWidth: -1, noRefs: true });
}
