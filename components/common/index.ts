export * from "./problems";
export * from "./cidr";
