export { boot, type RelaydeskHandle } from "./boot.ts";
export type { BootOptions, RelaydeskEventName, RelaydeskEvents, RelaydeskHandler } from "./types.ts";
export { WidgetError, type WidgetErrorCode } from "./widget-error.ts";
