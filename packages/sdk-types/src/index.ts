export * from "./code-descriptions.ts";
export * from "./codes.ts";
export * from "./frames/client-frames.ts";
export * from "./frames/common.ts";
export * from "./frames/server-frames.ts";
export * from "./limits.ts";
export * from "./parse-frame.ts";
