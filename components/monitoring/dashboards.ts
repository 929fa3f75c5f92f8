import * as fs from "fs";
import * as path from "path";

/** The Grafana dashboards of the repository (`dashboards/*.json`), by file name without `.json`. */
export const dashboardFiles = ["model", "platform", "llm"] as const;

/** Name of a shipped dashboard. */
export type DashboardName = (typeof dashboardFiles)[number];

/**
 * Where the dashboards live: `dashboards/` at the package root, the nearest folder up with a
 * package.json (the sources are two folders down from it, the build in dist/ three).
 */
export const dashboardDirectory = path.join(packageRoot(__dirname), "dashboards");

function packageRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return path.join(from, "..", "..");
        }
    }
}

/** A dashboard's JSON, minified (as it is imported). */
export function dashboardJson(name: DashboardName): string {
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(dashboardDirectory, `${name}.json`), "utf8")));
}
