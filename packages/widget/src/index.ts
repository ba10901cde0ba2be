export { boot, type RelaydeskHandle } from "./boot.ts";
export type {
  BootOptions,
  ColorScheme,
  RelaydeskApi,
  RelaydeskCommand,
  RelaydeskEventName,
  RelaydeskEvents,
  RelaydeskHandler,
  VisitorAttributes,
} from "./types.ts";
export { WidgetError, type WidgetErrorCode } from "./widget-error.ts";
