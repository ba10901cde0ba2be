import { activeSecrets } from "../auth/verify-identity.ts";
import { webhookDisplayUrl } from "../webhooks/webhook-options.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { formatTable } from "./format-table.ts";
import { noPositionals } from "./no-positionals.ts";

export interface AppsListOptions {
  dataDir: string;
}

export const appsList: Command<AppsListOptions> = {
  path: ["apps", "list"],
  summary: "List the apps, their identity settings, webhook endpoints and allowed origins",
  usage: `Usage: relaydesk apps list [--data <dir>]

Options:
${dataUsage(15)}`,
  options: DATA_OPTION,

  parse(args, env) {
    noPositionals(args, "apps list");
    return { dataDir: resolveDataDir(args, env) };
  },

  async run({ dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const apps = await storage.listApps();
      if (apps.length === 0) {
        io.out("No apps yet. Add one with: relaydesk apps add <appId> --origin <url>\n");
        return 0;
      }
      const now = Date.now();
      // Never the secrets themselves: only how many verify now, and where webhooks go (origin and
      // path: a query string may hold a token).
      const rows = apps.map((app) => [
        app.appId,
        app.name,
        app.requireIdentity ? "required" : "optional",
        String(activeSecrets(app.identitySecrets, now).length),
        app.webhook === null ? "relay-wide" : webhookDisplayUrl(app.webhook.url),
        app.allowedOrigins.join(" "),
      ]);
      io.out(formatTable(["APP ID", "NAME", "IDENTITY", "SECRETS", "WEBHOOK", "ALLOWED ORIGINS"], rows));
      return 0;
    } finally {
      await storage.close();
    }
  },
};
