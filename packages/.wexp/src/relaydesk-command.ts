import { describe } from "./boot-options.ts";
import type { RelaydeskApi, RelaydeskCommand, RelaydeskGlobal } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

export const COMMANDS: readonly RelaydeskCommand[] = [
  "boot",
  "open",
  "close",
  "toggle",
  "identify",
  "on",
  "off",
  "shutdown",
];

/**
 * `window.Relaydesk(command, ...args)` over the typed API. It never throws into the host page:
 * misuse is logged as a readable error (`Relaydesk: unknown command "opne"`).
 *
 * @example
 * window.Relaydesk = createRelaydeskCommand(api);
 * Relaydesk("on", "message", (message) => console.log(message.body));
 */
export function createRelaydeskCommand(
  api: RelaydeskApi,
  log: Pick<Console, "error"> = globalThis.console,
): RelaydeskGlobal {
  const relaydesk: RelaydeskGlobal = (command: unknown, ...args: unknown[]) => {
    try {
      if (!COMMANDS.includes(command as RelaydeskCommand)) {
        throw new WidgetError(
          "unknown-command",
          `unknown command ${describe(command)} (commands: ${COMMANDS.join(", ")})`,
        );
      }
      const method = api[command as RelaydeskCommand] as (...input: unknown[]) => void;
      method(...args);
    } catch (error) {
      log.error(error instanceof WidgetError ? error.message : error);
    }
  };
  relaydesk.api = api;
  relaydesk.loaded = true;
  return relaydesk;
}
