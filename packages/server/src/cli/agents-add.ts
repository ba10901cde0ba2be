import { IdSchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { hashToken, newToken } from "../auth/tokens.ts";
import { RelaydeskError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { AgentRole, Storage } from "../storage/types.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";

export interface AgentsAddOptions {
  name: string;
  /** As given; empty means "the only app there is" (checked against the database in `run`). */
  appIds: string[];
  role: AgentRole;
  dataDir: string;
}

/** Long enough for a full name, short enough for the widget's "Ada is answering" line. */
const MAX_NAME_CHARS = 80;
const ROLES: readonly AgentRole[] = ["agent", "admin"];

export const agentsAdd: Command<AgentsAddOptions> = {
  path: ["agents", "add"],
  summary: "Create an agent of one or more apps and print its sign-in token",
  usage: `Usage: relaydesk agents add <name> [--app <appId>...] [--role agent|admin] [--data <dir>]

Creates an agent and prints its id and sign-in token. The token is shown only this once: the
database keeps only its hash. An agent sees and answers only the conversations of its apps.

Options:
  --name <name>   The agent's name, instead of giving it as <name>
  --app <appId>   An app the agent serves; repeat for several. Required when there are several
                  apps; with exactly one app, that one is the default
  --role <role>   agent (default) or admin; admin is reserved for admin routes (none on the
                  socket yet) and sees only its apps like any agent
${dataUsage(16)}`,
  options: {
    name: { type: "string" },
    app: { type: "string", multiple: true },
    role: { type: "string" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    // Unquoted words are one name: `relaydesk agents add Ada Lovelace`.
    const positional = args.positionals.join(" ").trim();
    const flag = typeof args.values.name === "string" ? args.values.name.trim() : undefined;
    if (flag !== undefined && positional !== "") {
      throw new RelaydeskError("usage", `give the name once: either <name> or --name, not both.`);
    }
    const name = flag ?? positional;
    if (name === "") throw new RelaydeskError("usage", "agents add needs the agent's name.");
    checkName(name);
    const appIds = [...new Set(((args.values.app ?? []) as string[]).map(checkAppId))];
    const role = typeof args.values.role === "string" ? args.values.role : "agent";
    if (!ROLES.includes(role as AgentRole)) {
      throw new RelaydeskError("invalid-option", `--role "${role}": give agent or admin.`);
    }
    return { name, appIds, role: role as AgentRole, dataDir: resolveDataDir(args, env) };
  },

  async run({ name, appIds, role, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const apps = await appsToServe(storage, appIds);
      const token = newToken("rda");
      const agent = await storage.createAgent({
        id: newId("agt"),
        name,
        tokenHash: hashToken(token),
        role,
        appIds: apps,
        createdAt: Date.now(),
      });
      io.out(
        `Created agent "${agent.name}" (${agent.id}), role ${agent.role}, apps: ${agent.appIds.join(", ")}.\n`,
      );
      io.out(`Sign-in token, shown only this once:\n  ${token}\n`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};

/**
 * The apps given, each checked to exist; none given means the only app, since with one app
 * there is nothing to choose, and with several, guessing would hand an agent the wrong vendor's
 * conversations.
 */
async function appsToServe(storage: Storage, given: readonly string[]): Promise<string[]> {
  const existing = (await storage.listApps()).map((app) => app.appId);
  const known = existing.length > 0 ? existing.join(", ") : "none yet";
  if (given.length === 0) {
    if (existing.length === 1) return existing;
    if (existing.length === 0) {
      throw new RelaydeskError(
        "usage",
        "there are no apps yet: an agent serves at least one. Create one first with relaydesk apps add <appId> --origin <url>.",
      );
    }
    throw new RelaydeskError(
      "usage",
      `there are several apps (${known}): say which this agent serves with --app.`,
    );
  }
  const missing = given.filter((appId) => !existing.includes(appId));
  if (missing.length > 0) {
    throw new RelaydeskError(
      "invalid-option",
      `--app ${missing.map((m) => `"${m}"`).join(", ")}: no such app (apps: ${known}).`,
    );
  }
  return [...given];
}

function checkAppId(appId: string): string {
  const checked = v.safeParse(IdSchema, appId);
  if (!checked.success) {
    throw new RelaydeskError("invalid-option", `--app "${appId}": ${checked.issues[0].message}.`);
  }
  return appId;
}

function checkName(name: string): void {
  if (name.length > MAX_NAME_CHARS) {
    throw new RelaydeskError("invalid-option", `<name> must be at most ${MAX_NAME_CHARS} characters.`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new RelaydeskError("invalid-option", "<name> must not contain control characters.");
  }
}
