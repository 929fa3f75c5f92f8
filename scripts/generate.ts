// Writes what is derived from config/schema.ts, the one source of the config schema:
// the `config:` block of Pulumi.yaml and the config reference table of README.md.
// Run `npm run gen`; tests fail when either file disagrees with the schema.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { ConfigKey, configKeys, projectName, pulumiYamlConfig } from "../config/schema";

const root = path.join(__dirname, "..");
export const readmeStart = "<!-- config-reference:start (npm run gen) -->";
export const readmeEnd = "<!-- config-reference:end -->";

/** Pulumi.yaml as generated from the schema. */
export function pulumiYaml(): string {
    const undeclared = Object.entries(configKeys)
        .filter(([, k]) => "inSchema" in k && k.inSchema === false)
        .map(([name]) => `${projectName}:${name}`);
    const header =
        "# Generated from config/schema.ts by `npm run gen`; edit the schema, not this file.\n" +
        `# Pulumi's config schema has no object type, so ${undeclared.join(", ")} (${undeclared.length === 1 ? "a list of objects) is" : "lists of objects) are"} not\n` +
        `# declared here; config/ validates ${undeclared.length === 1 ? "it" : "them"}, with every other key, when the program starts.\n`;
    const project = {
        name: projectName,
        description: "A KServe model-serving platform (cert-manager, Istio, Knative Serving, KServe) and the models it serves.",
        runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
        // The program's entry; package.json's `main` is the component package's (PulumiPlugin.yaml).
        main: "index.ts",
        config: pulumiYamlConfig(),
    };
    return header + yaml.dump(project, { lineWidth: 120, noRefs: true });
}

/** The README's config reference table. */
export function configTable(): string {
    const rows = (Object.entries(configKeys) as [string, ConfigKey][]).map(([name, key]) => {
        const type = key.type === "array" ? `list of ${key.items}s` : key.type;
        const fallback = key.default === "" ? "—" : Array.isArray(key.default) ? (key.default.length ? `\`${key.default.join(", ")}\`` : "`[]`") : `\`${String(key.default)}\``;
        const allowed = key.allowed ? ` One of ${key.allowed.map((a) => `\`${a}\``).join(", ")}.` : "";
        const secret = key.sensitive ? " Secret: set it with `pulumi config set --secret`." : "";
        return `| \`${name}\` | ${type} | ${fallback} | ${key.description.replace(/\|/g, "\\|")}${allowed}${secret} |`;
    });
    return ["| key (`kserve-platform:`…) | type | default | what it does |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** README.md with its config reference replaced by the generated one. */
export function readme(current: string): string {
    const start = current.indexOf(readmeStart);
    const end = current.indexOf(readmeEnd);
    if (start < 0 || end < start) {
        throw new Error(`README.md needs the markers ${readmeStart} and ${readmeEnd}`);
    }
    return current.slice(0, start + readmeStart.length) + "\n" + configTable() + "\n" + current.slice(end);
}

if (require.main === module) {
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), pulumiYaml());
    const readmePath = path.join(root, "README.md");
    fs.writeFileSync(readmePath, readme(fs.readFileSync(readmePath, "utf8")));
}
