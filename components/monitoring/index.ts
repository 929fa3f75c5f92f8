export * from "./metrics";
export * from "./scrape";
export * from "./rules";
export * from "./dashboards";
export * from "./azure";
export * from "./cluster";
export * from "./platform";
export * from "./settings";
