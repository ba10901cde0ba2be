import type { CoreCommand, RelaydeskController, RelaydeskGlobal } from "./types.ts";

/** Properties of the API that are not commands. */
const INTERNAL = ["booted", "run", "report"];

/**
 * `window.Relaydesk(command, ...args)` over the typed API. It never throws into the host page:
 * misuse is logged as a readable error and emitted as `error`. The less common commands, and
 * unknown ones, go to the extras chunk, which suggests the closest command for a typo
 * (`unknown command "opne"; did you mean "open"?`); before `boot` they wait for it.
 *
 * @example
 * window.Relaydesk = createRelaydeskCommand(api);
 * Relaydesk("on", "message", (message) => console.log(message.body));
 */
export function createRelaydeskCommand(api: RelaydeskController): RelaydeskGlobal {
  const relaydesk: RelaydeskGlobal = (command: unknown, ...args: unknown[]) => {
    try {
      // The extras chunk carries out the other commands, and explains an unknown one.
      const name = String(command);
      if (!Object.hasOwn(api, name) || INTERNAL.includes(name)) return api.run(name, args);
      const method = api[name as CoreCommand] as (...input: unknown[]) => void;
      method(...args);
    } catch (error) {
      api.report(error);
    }
  };
  relaydesk.api = api;
  relaydesk.loaded = true;
  return relaydesk;
}
