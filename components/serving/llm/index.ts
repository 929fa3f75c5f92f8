export * from "./types";
export * from "./schema";
export * from "./webhook";
export * from "./validate";
export * from "./endpoints";
export * from "./placement";
export * from "./models";
export * from "./llmInferenceService";
