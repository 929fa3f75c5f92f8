import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as yaml from "js-yaml";
import { checkAksVersion, checkOpenShiftVersion, loadConfig, openShiftFor, supportedKubernetesRange } from "../config";
import { ValidationError } from "../components/common";
import { defaults } from "../components/defaults";
import { aksCalendarSource, aksKubernetesCalendar, charts, compatibility, versions } from "../components/versions";
import { root, stackConfig } from "./harness";

const minor = (v: string) => v.split(".").slice(0, 2).map(Number) as [number, number];
const cmp = (a: string, b: string) => minor(a)[0] - minor(b)[0] || minor(a)[1] - minor(b)[1];
/** Whether a Kubernetes version lies in a component's stated range. */
const inside = (v: string, r: { min?: string; max?: string }) => (!r.min || cmp(v, r.min) >= 0) && (!r.max || cmp(v, r.max) <= 0);

/** The Kubernetes version of the kind node image the e2e workflow pins. */
function e2eKubernetes(): string {
    const wf = yaml.load(fs.readFileSync(path.join(root, ".github", "workflows", "e2e.yml"), "utf8")) as { jobs: Record<string, { steps: { with?: Record<string, string> }[] }> };
    const image = Object.values(wf.jobs)
        .flatMap((j) => j.steps)
        .map((s) => s.with?.node_image)
        .find(Boolean)!;
    return /^kindest\/node:v(\d+\.\d+)\.\d+@sha256:[0-9a-f]{64}$/.exec(image)![1];
}

describe("versions: the compatibility table", () => {
    it("records the pinned versions, nothing else", () => {
        expect(compatibility.kserve.pinned).to.equal(versions.kserve);
        expect(compatibility.knative.pinned).to.equal(versions.knativeServing);
        expect(compatibility.istio.pinned).to.equal(versions.istio);
        expect(compatibility.certManager.pinned).to.equal(versions.certManager);
        for (const [id, c] of Object.entries(compatibility)) {
            expect(c.pinned.replace(/^v/, ""), id).to.match(new RegExp(`^${c.release.replace(".", "\\.")}\\.\\d+$`));
        }
        // The operator installs only Serving releases its archive carries: knative/operator
        // knative-v1.21.4 cmd/operator/kodata/knative-serving holds 1.21.0-1.21.3.
        expect(versions.knativeOperator).to.equal("v1.21.4");
        expect(charts.knativeOperator.chart).to.equal("https://github.com/knative/operator/releases/download/knative-v1.21.4/knative-operator-v1.21.4.tgz");
    });

    it("derives the platform's range from every component and keeps versions.ts's bounds equal to it", () => {
        const range = supportedKubernetesRange();
        expect(range).to.deep.equal({ min: "1.33", max: "1.36", why: "Knative Serving 1.21: 1.33-any; Istio 1.30: 1.32-1.36; cert-manager 1.21: 1.33-1.36" });
        expect([versions.minKubernetes, versions.maxKubernetes]).to.deep.equal([range.min, range.max]);
        expect(versions.minOpenShift).to.equal(openShiftFor(range.min));
    });

    it("fails loudly when the pinned components share no Kubernetes version", () => {
        const table = { a: { ...compatibility.istio, kubernetes: { min: "1.32", max: "1.33" } }, b: { ...compatibility.certManager, kubernetes: { min: "1.34" } } };
        expect(() => supportedKubernetesRange(table)).to.throw("components/versions.ts: the pinned components share no Kubernetes version (a 1.30: 1.32-1.33; b 1.21: 1.34-any)");
    });

    it("puts the defaults inside every component's range: AKS, OpenShift 4.20 and the e2e kind cluster", () => {
        // OpenShift 4.20 ships Kubernetes 1.33 (OpenShift 4.20 release notes).
        const targets = { aks: defaults.aks.kubernetesVersion, openShift: "1.33", e2e: e2eKubernetes() };
        for (const [id, c] of Object.entries(compatibility)) {
            for (const [target, v] of Object.entries(targets)) {
                expect(inside(v, c.kubernetes), `${target} Kubernetes ${v} vs ${id} ${JSON.stringify(c.kubernetes)}`).to.equal(true);
            }
        }
        // And AKS still offers the default under community support (supported-kubernetes-versions.md).
        const entry = aksKubernetesCalendar[defaults.aks.kubernetesVersion as keyof typeof aksKubernetesCalendar];
        expect(entry.endOfLife > aksCalendarSource.asOf).to.equal(true);
        expect(checkAksVersion(defaults.aks.kubernetesVersion, defaults.aks.tier, defaults.aks.supportPlan)).to.deep.equal([]);
    });
});

describe("versions: AKS version checks", () => {
    const range = "Knative Serving 1.21: 1.33-any; Istio 1.30: 1.32-1.36; cert-manager 1.21: 1.33-1.36";
    // supported-kubernetes-versions.md, 2026-11: 1.35-1.37 GA; 1.33 ended Jul 2026, 1.34 Nov 2026; LTS a year later.
    it("accepts the GA versions inside the range with the community plan", () => {
        for (const v of ["1.35", "1.35.7", "1.36", "1.36.2"]) {
            expect(checkAksVersion(v, "Free", "KubernetesOfficial"), v).to.deep.equal([]);
        }
    });
    it("refuses versions past community support without LTS, and says how to get it", () => {
        expect(checkAksVersion("1.34", "Standard", "KubernetesOfficial")).to.deep.equal([
            {
                key: "aksKubernetesVersion",
                message: "AKS ended community support for 1.34 in 2026-11; use a GA version, or Long Term Support (aksTier Premium and aksSupportPlan AKSLongTermSupport, until 2027-11)",
            },
        ]);
        expect(checkAksVersion("1.33.5", "Free", "KubernetesOfficial")[0].message).to.contain("ended community support for 1.33 in 2026-07");
    });
    it("accepts 1.33 and 1.34 under Long Term Support on the Premium tier only", () => {
        expect(checkAksVersion("1.33", "Premium", "AKSLongTermSupport")).to.deep.equal([]);
        expect(checkAksVersion("1.34.3", "Premium", "AKSLongTermSupport")).to.deep.equal([]);
        // long-term-support.md: enabling LTS requires the Premium tier.
        expect(checkAksVersion("1.34", "Standard", "AKSLongTermSupport")).to.deep.equal([
            { key: "aksSupportPlan", message: "AKSLongTermSupport needs aksTier Premium (got Standard); AKS enables Long Term Support only on the Premium tier" },
        ]);
    });
    it("refuses versions outside the platform's range and names it", () => {
        for (const v of ["1.32", "1.37", "2.0"]) {
            expect(checkAksVersion(v, "Premium", "AKSLongTermSupport"), v).to.deep.equal([
                { key: "aksKubernetesVersion", message: `${v} is outside Kubernetes 1.33-1.36, the range every pinned component supports (${range})` },
            ]);
        }
    });
    it("needs a version number", () =>
        expect(checkAksVersion("stable", "Free", "KubernetesOfficial")).to.deep.equal([{ key: "aksKubernetesVersion", message: 'got "stable"; must be major.minor or major.minor.patch, e.g. 1.35' }]));
});

describe("versions: OpenShift version checks", () => {
    it("accepts 4.20 to 4.23 as x.y.z", () => {
        for (const v of ["4.20.8", "4.21.0", "4.23.1"]) {
            expect(checkOpenShiftVersion(v), v).to.deep.equal([]);
        }
    });
    it("refuses other releases and names the range", () => {
        for (const v of ["4.19.20", "4.24.0", "5.20.0"]) {
            expect(checkOpenShiftVersion(v), v).to.deep.equal([
                {
                    key: "aroVersion",
                    message: `${v} is outside OpenShift 4.20-4.23 (Kubernetes 1.33-1.36, the range every pinned component supports: Knative Serving 1.21: 1.33-any; Istio 1.30: 1.32-1.36; cert-manager 1.21: 1.33-1.36)`,
                },
            ]);
        }
    });
    it("takes only x.y.z, the form az aro get-versions lists", () =>
        expect(checkOpenShiftVersion("4.20")).to.deep.equal([{ key: "aroVersion", message: 'got "4.20"; must be x.y.z as az aro get-versions --location <region> lists it' }]));
});

describe("versions: stack config", () => {
    const aks = (values: Record<string, string>): string[] => {
        const raw: Record<string, string> = { clusterFlavor: "aks", ...values };
        try {
            loadConfig({ get: (k) => raw[k] }, (ns, k) => (ns === "azure-native" && k === "location" ? "westeurope" : undefined));
            return [];
        } catch (e) {
            return (e as ValidationError).problems.map((p) => `${p.subject}: ${p.message}`);
        }
    };
    it("takes Long Term Support with the Premium tier", () => {
        expect(aks({ aksKubernetesVersion: "1.34", aksTier: "Premium", aksSupportPlan: "AKSLongTermSupport" })).to.deep.equal([]);
        expect(aks({ aksKubernetesVersion: "1.34", aksSupportPlan: "AKSLongTermSupport" })).to.deep.equal([
            "kserve-platform:aksSupportPlan: AKSLongTermSupport needs aksTier Premium (got Free); AKS enables Long Term Support only on the Premium tier",
        ]);
        expect(aks({ aksSupportPlan: "Extended" })).to.deep.equal(['kserve-platform:aksSupportPlan: got "Extended"; allowed: KubernetesOfficial, AKSLongTermSupport']);
    });
    it("reads the maintenance window and refuses malformed ones", () => {
        expect(aks({ aksMaintenanceWindow: "true", aksMaintenanceStartTime: "25:00", aksMaintenanceDurationHours: "30", aksMaintenanceUtcOffset: "CET", aksMaintenanceDay: "Sun" })).to.deep.equal([
            'kserve-platform:aksMaintenanceDay: got "Sun"; allowed: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
            'kserve-platform:aksMaintenanceStartTime: got "25:00"; must be HH:mm (24-hour), e.g. 01:00',
            "kserve-platform:aksMaintenanceDurationHours: got 30; AKS allows at most 24 hours",
            'kserve-platform:aksMaintenanceUtcOffset: got "CET"; must be +HH:mm or -HH:mm, e.g. +01:00',
        ]);
        // azure-native MaintenanceWindow.durationHours: 4 to 24 hours.
        expect(aks({ aksMaintenanceWindow: "true", aksMaintenanceDurationHours: "2" })).to.deep.equal(['kserve-platform:aksMaintenanceDurationHours: got "2"; must be an integer >= 4']);
        // Off: the window's keys would be ignored, so they are refused.
        expect(aks({ aksMaintenanceStartTime: "02:00" })).to.deep.equal([
            "kserve-platform:aksMaintenanceStartTime: only applies when kserve-platform:aksMaintenanceWindow is true; without it the key is ignored",
        ]);
    });
    it("turns the maintenance window on in prod only", () => {
        const read = (stack: string) => {
            const values = stackConfig(stack);
            return loadConfig({ get: (k) => values[`kserve-platform:${k}`] }, (ns, k) => values[`${ns}:${k}`]).aks;
        };
        expect(read("prod")!.maintenance).to.deep.equal({ day: "Sunday", startTime: "01:00", durationHours: 4, utcOffset: "+00:00" });
        expect(read("dev")!.maintenance).to.equal(undefined);
    });
    it("requires aroVersion on the aro flavour: there is no default z-stream", () => {
        const project = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
        expect(project.config.aroVersion.default).to.equal("");
        const stack = yaml.load(fs.readFileSync(path.join(root, "Pulumi.aro.yaml"), "utf8")) as { config: Record<string, unknown> };
        expect(checkOpenShiftVersion(String(stack.config["kserve-platform:aroVersion"]))).to.deep.equal([]);
    });
});
