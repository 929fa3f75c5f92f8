// Writes Pulumi.yaml from components/config/schema.ts, the one source of the config schema.
// Run with `npm run gen:pulumi-yaml`; a test fails when Pulumi.yaml and the schema disagree.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { configKeys, projectName, pulumiYamlConfig } from "../components/config/schema";

const undeclared = Object.entries(configKeys)
    .filter(([, k]) => "inSchema" in k && k.inSchema === false)
    .map(([name]) => `${projectName}:${name}`);

const header = `# Generated from components/config/schema.ts by \`npm run gen:pulumi-yaml\`; edit the schema, not this file.
# Pulumi's config schema has no object type, so ${undeclared.join(", ")} (a list of objects) is not
# declared here; components/config validates it, with every other key, when the program starts.
`;

const project = {
    name: projectName,
    description: "A KServe model-serving platform (cert-manager, Istio, Knative Serving, KServe) and the models it serves.",
    runtime: { name: "nodejs", options: { typescript: true, packagemanager: "npm" } },
    config: pulumiYamlConfig(),
};

fs.writeFileSync(path.join(__dirname, "..", "Pulumi.yaml"), header + yaml.dump(project, { lineWidth: 120, noRefs: true }));
