export type { VisitorActions } from "./types.ts";
export { visitorActions } from "./visitor-actions.ts";
