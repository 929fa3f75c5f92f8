// The library: every component and helper, importable as `kserve-platform`.
export * from "./common";
export * from "./versions";
export * from "./defaults";
export * from "./versionChecks";
export * from "./cluster";
export * from "./azure";
export * from "./platform";
export * from "./serving";
export * from "./stack";
