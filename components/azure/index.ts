export * from "./storeRef";
export * from "./network";
export * from "./roles";
export * from "./modelStore";
export * from "./appGateway";
export * from "./loadBalancer";
export * from "./nsg";
export * from "./privateEndpoint";
