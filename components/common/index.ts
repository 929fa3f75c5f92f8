export * from "./problems";
export * from "./cidr";
export * from "./helm";
export * from "./kube";
export * from "./hosts";
