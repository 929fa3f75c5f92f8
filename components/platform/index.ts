export * from "./helm";
export * from "./certManager";
export * from "./istio";
export * from "./knative";
export * from "./kserve";
export * from "./servingPlatform";
export * from "./localModel";
