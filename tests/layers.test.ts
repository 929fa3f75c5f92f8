// The import graph of the library and the config layer: no loop of files, no import from a lower
// layer to a higher one, and nothing under components/ reads config/ (docs/architecture.md).
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");

/**
 * The layers, lowest first: a file may import its own layer or a lower one. A folder or file
 * matches a path prefix (relative to the repository, with `/`); the longest prefix wins.
 */
export const layers: readonly (readonly string[])[] = [
    // core: problems, CIDR and kube helpers, versions and defaults.
    ["components/common/", "components/versions.ts", "components/versionChecks.ts", "components/defaults.ts"],
    ["components/azure/", "components/cluster/"],
    ["components/serving/"],
    ["components/platform/"],
    ["components/monitoring/", "components/auth/"],
    // KServePlatform and the mapping of its args to its children's; the library entry.
    ["components/stack/", "components/index.ts"],
    // Pulumi config -> KServePlatformArgs.
    ["config/"],
    // The program.
    ["index.ts"],
];

/** The layer of a file (index into {@link layers}), by its longest matching prefix. */
export function layerOf(file: string): number {
    let best = -1;
    let bestLength = -1;
    layers.forEach((prefixes, i) => {
        for (const p of prefixes) {
            if ((file === p || (p.endsWith("/") && file.startsWith(p))) && p.length > bestLength) {
                best = i;
                bestLength = p.length;
            }
        }
    });
    return best;
}

/** Every `import ... from "x"`, `export ... from "x"`, `import "x"` and `import("x")` of a source text (comments removed). */
export function importSpecifiers(source: string): string[] {
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const found: string[] = [];
    const patterns = [/\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g];
    for (const re of patterns) {
        for (const m of code.matchAll(re)) {
            found.push(m[1]);
        }
    }
    return found;
}

/** Resolves a relative specifier to a repository file (`x.ts` or `x/index.ts`); undefined for packages. */
function resolve(from: string, specifier: string): string | undefined {
    if (!specifier.startsWith(".")) {
        return undefined;
    }
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
        if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) {
            return candidate;
        }
    }
    throw new Error(`${from}: cannot resolve "${specifier}"`);
}

function sourceFiles(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) {
            out.push(...sourceFiles(rel));
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            out.push(rel);
        }
    }
    return out;
}

/** The import graph: file -> the repository files it imports. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of files) {
        const targets = importSpecifiers(fs.readFileSync(path.join(root, file), "utf8"))
            .map((s) => resolve(file, s))
            .filter((t): t is string => t !== undefined);
        graph.set(file, [...new Set(targets)]);
    }
    return graph;
}

/** Every loop of files (strongly connected components with more than one file, or a file importing itself). */
export function importLoops(graph: Map<string, string[]>): string[][] {
    // Tarjan's algorithm.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const loops: string[][] = [];
    const visit = (v: string): void => {
        indices.set(v, index);
        low.set(v, index);
        index++;
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!indices.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) {
                low.set(v, Math.min(low.get(v)!, indices.get(w)!));
            }
        }
        if (low.get(v) === indices.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (graph.get(v) ?? []).includes(v)) {
                loops.push(component.sort());
            }
        }
    };
    for (const v of graph.keys()) {
        if (!indices.has(v)) {
            visit(v);
        }
    }
    return loops;
}

describe("layers: components/, config/ and index.ts import downward only", () => {
    const files = [...sourceFiles("components"), ...sourceFiles("config"), "index.ts"];
    const graph = importGraph(files);

    it("the parser finds imports, re-exports and type-only imports", () => {
        const text = 'import * as a from "./a";\nimport type { B } from "../b";\nexport * from "./c";\nexport { d } from "./d";\n// import x from "./commented";\nimport {\n  e,\n  f,\n} from "./ef";\nimport "./side";\n';
        expect(importSpecifiers(text)).to.have.members(["./a", "../b", "./c", "./d", "./ef", "./side"]);
    });

    it("every file belongs to a layer", () => {
        expect(files.filter((f) => layerOf(f) < 0)).to.deep.equal([]);
    });

    it("has no loop of files", () => {
        // A loop in a fixture graph is found (the check itself works).
        expect(importLoops(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).to.deep.equal([["a", "b", "c"]]);
        expect(importLoops(graph)).to.deep.equal([]);
    });

    it("no file imports a higher layer", () => {
        const upward: string[] = [];
        for (const [file, targets] of graph) {
            for (const target of targets) {
                if (layerOf(target) > layerOf(file)) {
                    upward.push(`${file} -> ${target}`);
                }
            }
        }
        expect(upward).to.deep.equal([]);
    });

    it("nothing under components/ imports config/", () => {
        const intoConfig = [...graph].flatMap(([file, targets]) => (file.startsWith("components/") ? targets.filter((t) => t.startsWith("config/")).map((t) => `${file} -> ${t}`) : []));
        expect(intoConfig).to.deep.equal([]);
    });
});
