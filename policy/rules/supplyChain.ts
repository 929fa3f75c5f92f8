// Rules over what is installed: pinned images and pinned chart versions.
import { at, listOf, resourceTypes, stateOf } from "./common";
import { implementationKeys, inferenceServiceComponents } from "./inferenceService";

// ---------------------------------------------------------------------------------------------
// b. pinned-images
// ---------------------------------------------------------------------------------------------

/** An image reference split into its parts. */
export interface ImageReference {
    /** Registry (with port), path and name, e.g. `registry:5000/ns/img`. */
    readonly name: string;
    /** The tag, if any (`1.2` in `img:1.2`). */
    readonly tag?: string;
    /** The digest, if any (`sha256:…` in `img@sha256:…`). */
    readonly digest?: string;
}

/**
 * Splits an image reference. A colon is a tag separator only after the last slash, so the port in
 * `registry:5000/ns/img` is not a tag.
 */
export function parseImageReference(image: string): ImageReference {
    const atSign = image.indexOf("@");
    const digest = atSign >= 0 ? image.slice(atSign + 1) : undefined;
    const rest = atSign >= 0 ? image.slice(0, atSign) : image;
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
        const tag = rest.slice(colon + 1);
        return { name: rest.slice(0, colon), ...(tag === "" ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
    }
    return { name: rest, ...(digest === undefined ? {} : { digest }) };
}

/** Why an image is not pinned. */
export type ImageProblem = "no-tag" | "latest" | "bad-digest";

/** Why `image` is not pinned, or undefined when a version tag or a sha256 digest pins it. */
export function imagePinningProblem(image: string): ImageProblem | undefined {
    const ref = parseImageReference(image);
    if (ref.digest !== undefined) {
        // A digest pins the content whatever the tag says.
        return /^sha256:[0-9a-f]{64}$/.test(ref.digest) ? undefined : "bad-digest";
    }
    if (ref.tag === undefined) {
        return "no-tag";
    }
    return ref.tag === "latest" ? "latest" : undefined;
}

/** An image reference found in a resource, with its field path. */
export interface ImageAt {
    /** Field path of the `image` field. */
    readonly path: string;
    /** The reference. */
    readonly image: string;
}

/** Images of a pod spec's `containers`, `initContainers` and `ephemeralContainers`. */
function podSpecImages(podSpec: unknown, path: string): ImageAt[] {
    const found: ImageAt[] = [];
    for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
        listOf(at(podSpec, list)).forEach((container, i) => {
            const image = at(container, "image");
            if (typeof image === "string" && image !== "") {
                found.push({ path: `${path}.${list}[${i}].image`, image });
            }
        });
    }
    return found;
}

/** Where a workload type keeps its pod spec. */
const podSpecPaths: Readonly<Record<string, readonly string[]>> = {
    [resourceTypes.deployment]: ["spec", "template", "spec"],
    [resourceTypes.statefulSet]: ["spec", "template", "spec"],
    [resourceTypes.daemonSet]: ["spec", "template", "spec"],
    [resourceTypes.job]: ["spec", "template", "spec"],
    [resourceTypes.cronJob]: ["spec", "jobTemplate", "spec", "template", "spec"],
    [resourceTypes.pod]: ["spec"],
};

/** Every image a resource runs: InferenceService components and workload pod templates. */
export function resourceImages(type: string, props: unknown): ImageAt[] {
    if (type === resourceTypes.inferenceService) {
        const found: ImageAt[] = [];
        for (const component of inferenceServiceComponents(props)) {
            for (const key of implementationKeys(component.kind)) {
                const image = at(component.spec, key, "image");
                if (typeof image === "string" && image !== "") {
                    found.push({ path: `${component.path}.${key}.image`, image });
                }
            }
            found.push(...podSpecImages(component.spec, component.path));
            if (component.kind === "predictor") {
                found.push(...podSpecImages(at(component.spec, "workerSpec"), `${component.path}.workerSpec`));
            }
        }
        return found;
    }
    const podSpecPath = podSpecPaths[type];
    return podSpecPath ? podSpecImages(at(props, ...podSpecPath), podSpecPath.join(".")) : [];
}

const imageAllowed = "pin it with a version tag (name:1.2.3) or a digest (name@sha256:<64 hex digits>)";
const imageProblemText: Readonly<Record<ImageProblem, string>> = {
    "no-tag": "which has no tag",
    latest: 'which uses the "latest" tag',
    "bad-digest": "whose digest is not sha256:<64 hex digits>",
};

/** Violations of `pinned-images` for one resource. */
export function imageViolations(type: string, props: unknown): string[] {
    const violations: string[] = [];
    for (const { path, image } of resourceImages(type, props)) {
        const problem = imagePinningProblem(image);
        if (problem) {
            violations.push(`${path} is ${JSON.stringify(image)}, ${imageProblemText[problem]}; ${imageAllowed}`);
        }
    }
    return violations;
}

// ---------------------------------------------------------------------------------------------
// h. pinned-chart-versions
// ---------------------------------------------------------------------------------------------

/** True for one exact semantic version (`1.27.1`, `v0.20.0`, `1.2.3-rc.1`), not a range or wildcard. */
export function isExactChartVersion(version: unknown): boolean {
    return typeof version === "string" && /^v?\d+\.\d+\.\d+(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/.test(version);
}

/** True for a chart given as an archive URL (`https://…/chart-1.2.3.tgz`), whose URL pins the version. */
export function isChartArchiveUrl(chart: unknown): boolean {
    return typeof chart === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+\.tgz$/.test(chart);
}

/** Violations of `pinned-chart-versions` for one resource. */
export function chartVersionViolations(type: string, props: unknown): string[] {
    if (type !== resourceTypes.helmRelease && type !== resourceTypes.helmChart) {
        return [];
    }
    const chart = at(props, "chart");
    const version = at(props, "version");
    if (isChartArchiveUrl(chart) || isExactChartVersion(version)) {
        return [];
    }
    return [
        `version ${stateOf(version)} for chart ${JSON.stringify(chart)}; pin an exact version such as 1.2.3 or v1.2.3 ` +
            '(no ranges, wildcards or "latest"); only a chart archive URL ending in .tgz may leave it unset',
    ];
}
