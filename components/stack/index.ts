export * from "./kservePlatform";
