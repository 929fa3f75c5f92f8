/**
 * Version checks of the stack config and the AKS cluster: the cluster's Kubernetes (or OpenShift) version must lie in
 * the range every pinned component supports (`compatibility` in components/versions.ts), and AKS
 * must still offer it, under community support or Long Term Support.
 */
import { aksCalendarSource, aksKubernetesCalendar, compatibility, openShiftKubernetesOffset, type ComponentCompatibility } from "./versions";

/** AKS support plans (azure-native `KubernetesSupportPlan`). */
export type AksSupportPlan = "KubernetesOfficial" | "AKSLongTermSupport";

/** A problem with one config key, reported by the config loader. */
export interface VersionProblem {
    /** The config key, without the project prefix. */
    readonly key: "aksKubernetesVersion" | "aksSupportPlan" | "aroVersion";
    readonly message: string;
}

/** `major.minor` as a comparable number pair. */
type Minor = readonly [number, number];

const parseMinor = (v: string): Minor => {
    const [major, minor] = v.split(".").map(Number);
    return [major, minor];
};
const compare = (a: Minor, b: Minor): number => a[0] - b[0] || a[1] - b[1];
const show = (m: Minor): string => `${m[0]}.${m[1]}`;

const names: Record<keyof typeof compatibility, string> = { kserve: "KServe", knative: "Knative Serving", istio: "Istio", certManager: "cert-manager" };

/** The Kubernetes range every pinned component supports, and what each one contributes. */
export function supportedKubernetesRange(table: Record<string, ComponentCompatibility> = compatibility): { min: string; max: string; why: string } {
    let min: Minor | undefined;
    let max: Minor | undefined;
    const why: string[] = [];
    for (const [id, c] of Object.entries(table)) {
        const { min: lo, max: hi } = c.kubernetes;
        if (lo && (!min || compare(parseMinor(lo), min) > 0)) {
            min = parseMinor(lo);
        }
        if (hi && (!max || compare(parseMinor(hi), max) < 0)) {
            max = parseMinor(hi);
        }
        if (lo || hi) {
            why.push(`${names[id as keyof typeof names] ?? id} ${c.release}: ${lo ?? "any"}-${hi ?? "any"}`);
        }
    }
    if (!min || !max || compare(min, max) > 0) {
        throw new Error(`components/versions.ts: the pinned components share no Kubernetes version (${why.join("; ")})`);
    }
    return { min: show(min), max: show(max), why: why.join("; ") };
}

/** The OpenShift minor that ships a Kubernetes minor, e.g. 1.33 → 4.20. */
export const openShiftFor = (kubernetes: string): string => `4.${parseMinor(kubernetes)[1] - openShiftKubernetesOffset}`;

const kubernetesVersion = /^(\d+)\.(\d+)(\.\d+)?$/;
const openShiftVersion = /^(\d+)\.(\d+)\.(\d+)$/;

function inRange(minor: Minor, range: { min: string; max: string }): boolean {
    return compare(minor, parseMinor(range.min)) >= 0 && compare(minor, parseMinor(range.max)) <= 0;
}

/**
 * Checks an AKS cluster's Kubernetes version against the platform's range and AKS's calendar.
 * Versions AKS has moved out of community support need Long Term Support, which needs the Premium tier.
 */
export function checkAksVersion(version: string, tier: string, supportPlan: AksSupportPlan): VersionProblem[] {
    const problems: VersionProblem[] = [];
    const lts = supportPlan === "AKSLongTermSupport";
    if (lts && tier !== "Premium") {
        problems.push({ key: "aksSupportPlan", message: `AKSLongTermSupport needs aksTier Premium (got ${tier}); AKS enables Long Term Support only on the Premium tier` });
    }
    const m = kubernetesVersion.exec(version);
    if (!m) {
        problems.push({ key: "aksKubernetesVersion", message: `got "${version}"; must be major.minor or major.minor.patch, e.g. 1.35` });
        return problems;
    }
    const minor: Minor = [Number(m[1]), Number(m[2])];
    const range = supportedKubernetesRange();
    if (!inRange(minor, range)) {
        problems.push({ key: "aksKubernetesVersion", message: `${version} is outside Kubernetes ${range.min}-${range.max}, the range every pinned component supports (${range.why})` });
        return problems;
    }
    const entry = (aksKubernetesCalendar as Record<string, { endOfLife: string; ltsEndOfLife: string }>)[show(minor)];
    if (!entry) {
        problems.push({ key: "aksKubernetesVersion", message: `AKS does not list Kubernetes ${show(minor)} (${aksCalendarSource.source}, ${aksCalendarSource.asOf})` });
    } else if (entry.endOfLife <= aksCalendarSource.asOf) {
        if (!lts) {
            problems.push({
                key: "aksKubernetesVersion",
                message: `AKS ended community support for ${show(minor)} in ${entry.endOfLife}; use a GA version, or Long Term Support (aksTier Premium and aksSupportPlan AKSLongTermSupport, until ${entry.ltsEndOfLife})`,
            });
        } else if (entry.ltsEndOfLife <= aksCalendarSource.asOf) {
            problems.push({ key: "aksKubernetesVersion", message: `AKS Long Term Support for ${show(minor)} ended in ${entry.ltsEndOfLife}; upgrade to a supported version` });
        }
    }
    return problems;
}

/**
 * Checks an ARO cluster's OpenShift version: `x.y.z` as `az aro get-versions` lists it, on a
 * Kubernetes inside the platform's range. It has no default: Azure withdraws z-streams.
 */
export function checkOpenShiftVersion(version: string): VersionProblem[] {
    if (!version) {
        return [];
    }
    const m = openShiftVersion.exec(version);
    if (!m) {
        return [{ key: "aroVersion", message: `got "${version}"; must be x.y.z as az aro get-versions --location <region> lists it` }];
    }
    const range = supportedKubernetesRange();
    const lo = openShiftFor(range.min);
    const hi = openShiftFor(range.max);
    const kubernetes: Minor = [1, Number(m[2]) + openShiftKubernetesOffset];
    if (Number(m[1]) !== 4 || !inRange(kubernetes, range)) {
        return [{ key: "aroVersion", message: `${version} is outside OpenShift ${lo}-${hi} (Kubernetes ${range.min}-${range.max}, the range every pinned component supports: ${range.why})` }];
    }
    return [];
}
