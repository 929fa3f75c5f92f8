// The library: every component and helper, importable as `kserve-platform` (tests/example.test.ts
// checks that every component class under components/ is exported here).
export * from "./common";
export * from "./versions";
export * from "./defaults";
export * from "./versionChecks";
export * from "./cluster";
export * from "./azure";
export * from "./platform";
export * from "./serving";
export * from "./stack";
export * from "./monitoring";
export * from "./auth";
