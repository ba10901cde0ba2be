import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { formatTable } from "./format-table.ts";
import { noPositionals } from "./no-positionals.ts";

export interface AgentsListOptions {
  dataDir: string;
}

export const agentsList: Command<AgentsListOptions> = {
  path: ["agents", "list"],
  summary: "List the agents",
  usage: `Usage: relaydesk agents list [--data <dir>]

Lists every agent, oldest first, with its role and the apps it serves. Tokens cannot be listed:
only their hashes are stored.

Options:
${dataUsage(15)}`,
  options: DATA_OPTION,

  parse(args, env) {
    noPositionals(args, "agents list");
    return { dataDir: resolveDataDir(args, env) };
  },

  async run({ dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const agents = await storage.listAgents();
      if (agents.length === 0) {
        io.out("No agents yet. Add one with: relaydesk agents add <name>\n");
        return 0;
      }
      const rows = agents.map((a) => [
        a.id,
        a.name,
        a.role,
        a.appIds.join(","),
        new Date(a.createdAt).toISOString(),
      ]);
      io.out(formatTable(["ID", "NAME", "ROLE", "APPS", "CREATED"], rows));
      return 0;
    } finally {
      await storage.close();
    }
  },
};
