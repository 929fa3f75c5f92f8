export * from "./types";
export * from "./existing";
