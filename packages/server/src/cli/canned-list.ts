import { checkAppExists, requiredApp } from "./app-flag.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { formatTable } from "./format-table.ts";
import { noPositionals } from "./no-positionals.ts";

export interface CannedListOptions {
  appId: string;
  dataDir: string;
}

export const cannedList: Command<CannedListOptions> = {
  path: ["canned", "list"],
  summary: "List an app's canned replies",
  usage: `Usage: relaydesk canned list --app <appId> [--data <dir>]

Options:
  --app <appId>   The app
${dataUsage(16)}`,
  options: { app: { type: "string" }, ...DATA_OPTION },

  parse(args, env) {
    noPositionals(args, "canned list");
    return { appId: requiredApp(args, "canned list"), dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      await checkAppExists(storage, appId);
      const replies = await storage.listCannedReplies(appId);
      if (replies.length === 0) {
        io.out(
          `No canned replies for ${appId} yet. Add one with: relaydesk canned add --app ${appId} --shortcut <word> --text <text>\n`,
        );
        return 0;
      }
      io.out(
        formatTable(
          ["SHORTCUT", "TEXT"],
          replies.map((r) => [r.shortcut, r.text.replace(/\s+/g, " ").slice(0, 80)]),
        ),
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
};
