export * from "./modelAuth";
