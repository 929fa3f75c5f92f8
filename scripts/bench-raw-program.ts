// The benchmark's baseline: the same models as a hand-written program of raw CustomResources,
// loaded the way the Pulumi language host loads a program (required at the top level).
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

interface Model {
    name: string;
    spec: Record<string, unknown>;
}

const models = new pulumi.Config("kserve-platform").requireObject<Model[]>("models");
const provider = new k8s.Provider("cluster", {});
for (const m of models) {
    new k8s.apiextensions.CustomResource(m.name, { apiVersion: "serving.kserve.io/v1beta1", kind: "InferenceService", metadata: { name: m.name, namespace: "models" }, spec: m.spec }, { provider });
}
