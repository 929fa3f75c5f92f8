export * from "./types";
export * from "./existing";
export * from "./aks";
export * from "./aro";
export * from "./settings";
export * from "./gpuPools";
