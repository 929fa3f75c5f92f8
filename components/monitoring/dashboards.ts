import * as fs from "fs";
import * as path from "path";

/** The Grafana dashboards of the repository (`dashboards/*.json`), by file name without `.json`. */
export const dashboardFiles = ["model", "platform", "llm"] as const;

/** Name of a shipped dashboard. */
export type DashboardName = (typeof dashboardFiles)[number];

/** Where the dashboards live. */
export const dashboardDirectory = path.join(__dirname, "..", "..", "dashboards");

/** A dashboard's JSON, minified (as it is imported). */
export function dashboardJson(name: DashboardName): string {
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(dashboardDirectory, `${name}.json`), "utf8")));
}
