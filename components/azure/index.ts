export * from "./binding";
export * from "./network";
export * from "./roles";
export * from "./modelStore";
export * from "./appGateway";
export * from "./loadBalancer";
