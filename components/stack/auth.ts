// How KServePlatform's args become the model auth policies' arguments.
import type * as pulumi from "@pulumi/pulumi";
import type { ModelAuthPoliciesArgs } from "../auth/modelAuth";
import type { KServePlatformArgs } from "./args";
import { llmAuthModels } from "./llmTraffic";
import { modelScrapedPlainTextPorts } from "./scrapers";

/** The policies of `auth`, with the scrape ports monitoring needs; undefined when it is off. */
export function modelAuthArgs(args: KServePlatformArgs, namespaces: Readonly<Record<string, pulumi.Resource>>, after: readonly pulumi.Resource[]): ModelAuthPoliciesArgs | undefined {
    return args.auth && { ...args.auth, models: llmAuthModels(args, args.auth.models), scrapedPorts: modelScrapedPlainTextPorts(args), namespaceDependencies: namespaces, after };
}
