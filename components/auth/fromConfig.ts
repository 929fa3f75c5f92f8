// How the stack config becomes the model auth policies' arguments (used by KServePlatform).
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import { modelScrapedPlainTextPorts } from "../monitoring/scrapersFromConfig";
import type { ModelAuthPoliciesArgs } from "./modelAuth";

/** The policies of `modelAuth`, with the scrape ports monitoring needs; undefined when it is off. */
export function modelAuthArgs(config: StackConfig, namespaces: Readonly<Record<string, pulumi.Resource>>, after: readonly pulumi.Resource[]): ModelAuthPoliciesArgs | undefined {
    return config.modelAuth && { ...config.modelAuth, scrapedPorts: modelScrapedPlainTextPorts(config), namespaceDependencies: namespaces, after };
}
