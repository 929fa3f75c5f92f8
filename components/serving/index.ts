export * from "./types";
export * from "./fields";
export * from "./runtimes";
export * from "./validate";
export * from "./features";
export * from "./endpoints";
export * from "./inferenceService";
export * from "./models";
