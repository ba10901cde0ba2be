import { readQueue, replayQueue } from "./command-queue.ts";
import type { LoaderConfig } from "./loader-config.ts";
import { createRelaydeskApi } from "./relaydesk-api.ts";
import { createRelaydeskCommand } from "./relaydesk-command.ts";
import type { RelaydeskGlobal, RelaydeskWindow, StartWidget } from "./types.ts";

export interface InstallOptions {
  start: StartWidget;
  forget?: (appId: string) => void;
  /** Boot from the script tag's config after the queue (widget.js); the ESM `boot` turns it off. */
  autoBoot?: boolean;
  console?: Pick<Console, "warn" | "error">;
}

/**
 * Replace the loader's queueing `window.Relaydesk` with the real API, replay the calls queued so
 * far in order, then boot with what the loader read from its script tag unless the queue booted already. Returns the API
 * already installed when there is one, so a second widget.js (or `boot` import) adds nothing.
 */
export function installRelaydesk(win: RelaydeskWindow, options: InstallOptions): RelaydeskGlobal {
  const existing = win.Relaydesk;
  if (existing?.api) return existing;
  const calls = readQueue(existing?.q);
  // What the loader read from its script tag; nothing without the loader (the npm package's `boot`).
  const config: LoaderConfig = existing?.config ?? { boot: {}, autoBoot: false };
  const log = options.console ?? globalThis.console;
  const api = createRelaydeskApi({
    start: options.start,
    defaults: config.boot,
    ...(options.forget ? { forget: options.forget } : {}),
    console: log,
  });
  const relaydesk = createRelaydeskCommand(api);
  win.Relaydesk = relaydesk;
  replayQueue(calls, relaydesk);
  const queuedBoot = calls.some((call) => call.command === "boot");
  if (options.autoBoot !== false && config.autoBoot && !queuedBoot && !api.booted) relaydesk("boot");
  return relaydesk;
}
