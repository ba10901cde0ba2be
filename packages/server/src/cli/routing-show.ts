import { implicitRoutingConfig } from "../routing/routing-config.ts";
import { checkAppExists, requiredApp } from "./app-flag.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { noPositionals } from "./no-positionals.ts";

export interface RoutingShowOptions {
  appId: string;
  dataDir: string;
}

export const routingShow: Command<RoutingShowOptions> = {
  path: ["routing", "show"],
  summary: "Print an app's routing document",
  usage: `Usage: relaydesk routing show --app <appId> [--data <dir>]

Prints the app's routing document as JSON, as it was set (so it can be edited and set again).
An app without one prints the implicit routing it gets: one round-robin queue of all its agents.

Options:
  --app <appId>   The app
${dataUsage(16)}`,
  options: { app: { type: "string" }, ...DATA_OPTION },

  parse(args, env) {
    noPositionals(args, "routing show");
    return { appId: requiredApp(args, "routing show"), dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      await checkAppExists(storage, appId);
      const stored = await storage.getRoutingConfig(appId);
      if (stored === null) {
        const implicit = implicitRoutingConfig();
        const queue = implicit.queues[0]!;
        const document = {
          queues: [
            {
              id: queue.id,
              name: queue.name,
              strategy: queue.strategy,
              offerTimeoutMs: queue.offerTimeoutMs,
            },
          ],
          rules: [],
          defaultQueue: implicit.defaultQueue,
        };
        io.err(`${appId} has no routing document; this is the implicit one it uses:\n`);
        io.out(`${JSON.stringify(document, null, 2)}\n`);
        return 0;
      }
      io.out(`${JSON.stringify(stored, null, 2)}\n`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
