import { readFileSync } from "node:fs";
import { RelaydeskError } from "../errors.ts";
import { parseRoutingConfig } from "../routing/routing-config.ts";
import type { RoutingConfig } from "../routing/types.ts";
import type { Storage } from "../storage/types.ts";
import { checkAppExists, requiredApp } from "./app-flag.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { noPositionals } from "./no-positionals.ts";

export interface RoutingSetOptions {
  appId: string;
  file: string;
  /** Parsed and checked against the schema in `parse`; members are checked against the data in `run`. */
  config: RoutingConfig;
  document: unknown;
  dataDir: string;
}

export const routingSet: Command<RoutingSetOptions> = {
  path: ["routing", "set"],
  summary: "Set an app's queues and routing rules from a JSON file",
  usage: `Usage: relaydesk routing set --app <appId> --file <routing.json> [--data <dir>]

Replaces the app's routing: its queues (strategy round-robin, least-busy or manual; members;
skills; offer timeout; priority), its ordered rules and its default queue. Every problem is
reported with its path in the document (e.g. queues[1].strategy). A running relay uses the new
routing from its next routing step. See the server README for the format and a full example.

Options:
  --app <appId>   The app to configure
  --file <path>   The routing document (JSON)
${dataUsage(16)}`,
  options: { app: { type: "string" }, file: { type: "string" }, ...DATA_OPTION },

  parse(args, env) {
    noPositionals(args, "routing set");
    const appId = requiredApp(args, "routing set");
    const file = args.values.file;
    if (typeof file !== "string")
      throw new RelaydeskError("usage", "routing set needs --file <routing.json>.");
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, "utf8"));
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new RelaydeskError("invalid-option", `--file ${file}: cannot read it as JSON (${reason}).`, {
        cause,
      });
    }
    const parsed = parseRoutingConfig(document);
    if (!parsed.ok) {
      const lines = parsed.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n");
      throw new RelaydeskError("invalid-option", `--file ${file} is not a valid routing document:\n${lines}`);
    }
    return { appId, file, config: parsed.config, document, dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, file, config, document, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      await checkAppExists(storage, appId);
      await checkMembers(storage, appId, file, config);
      await storage.putRoutingConfig(appId, document, Date.now());
      const queues = config.queues.map((q) => `${q.id} (${q.strategy})`).join(", ");
      io.out(
        `Routing of ${appId}: queues ${queues}; ${config.rules.length} rule(s); default ${config.defaultQueue}.\n`,
      );
      return 0;
    } finally {
      await storage.close();
    }
  },
};

/** Queue members must be agents serving the app: a typo would silently leave a queue short. */
async function checkMembers(
  storage: Storage,
  appId: string,
  file: string,
  config: RoutingConfig,
): Promise<void> {
  const agents = new Map((await storage.listAgents()).map((agent) => [agent.id, agent]));
  const problems: string[] = [];
  config.queues.forEach((queue, i) => {
    queue.members?.forEach((member, j) => {
      const agent = agents.get(member);
      if (!agent) problems.push(`  queues[${i}].members[${j}]: no agent "${member}" (relaydesk agents list)`);
      else if (!agent.appIds.includes(appId))
        problems.push(`  queues[${i}].members[${j}]: ${agent.name} (${member}) does not serve ${appId}`);
    });
  });
  if (problems.length > 0) {
    throw new RelaydeskError(
      "invalid-option",
      `--file ${file} is not a valid routing document:\n${problems.join("\n")}`,
    );
  }
}
