// The kserve-platform policy pack, as the Pulumi CLI runs it (`pulumi preview --policy-pack ./policy`).
// The rules live in policies.ts so tests can import them: constructing a PolicyPack starts the
// analyzer's gRPC server, which only the CLI should do.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("kserve-platform", { policies, enforcementLevel: "advisory" });
