export * from "./args";
export * from "./kservePlatform";
