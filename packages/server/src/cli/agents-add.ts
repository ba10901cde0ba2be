import { hashToken, newToken } from "../auth/tokens.ts";
import { RelaydeskError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";

export interface AgentsAddOptions {
  name: string;
  dataDir: string;
}

/** Long enough for a full name, short enough for the widget's "Ada is answering" line. */
const MAX_NAME_CHARS = 80;

export const agentsAdd: Command<AgentsAddOptions> = {
  path: ["agents", "add"],
  summary: "Create an agent and print its sign-in token",
  usage: `Usage: relaydesk agents add <name> [--data <dir>]

Creates an agent and prints its id and sign-in token. The token is shown only this once: the
database keeps only its hash.

Options:
${dataUsage(15)}`,
  options: DATA_OPTION,

  parse(args, env) {
    // Unquoted words are one name: `relaydesk agents add Ada Lovelace`.
    const name = args.positionals.join(" ").trim();
    if (name === "") throw new RelaydeskError("usage", "agents add needs the agent's name.");
    checkName(name);
    return { name, dataDir: resolveDataDir(args, env) };
  },

  async run({ name, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const token = newToken("rda");
      const agent = await storage.createAgent({
        id: newId("agt"),
        name,
        tokenHash: hashToken(token),
        createdAt: Date.now(),
      });
      io.out(`Created agent "${agent.name}" (${agent.id}).\n`);
      io.out(`Sign-in token, shown only this once:\n  ${token}\n`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};

function checkName(name: string): void {
  if (name.length > MAX_NAME_CHARS) {
    throw new RelaydeskError("invalid-option", `<name> must be at most ${MAX_NAME_CHARS} characters.`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw new RelaydeskError("invalid-option", "<name> must not contain control characters.");
  }
}
