export * from "./schema";
export * from "./load";
export * from "./keys";
export * from "./knativeFeatures";
export * from "./namespaces";
export * from "./monitoring";
export * from "../components/versionChecks";
export * from "./maintenance";
