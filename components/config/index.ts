export * from "./schema";
export * from "./load";
export * from "./versions";
export * from "./maintenance";
