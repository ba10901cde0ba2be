import { isRelaydeskError, RelaydeskError } from "../errors.ts";
import { newId } from "../ids.ts";
import { checkAppExists, requiredApp } from "./app-flag.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { noPositionals } from "./no-positionals.ts";

export interface CannedAddOptions {
  appId: string;
  shortcut: string;
  text: string;
  dataDir: string;
}

const MAX_TEXT = 10_000;

export const cannedAdd: Command<CannedAddOptions> = {
  path: ["canned", "add"],
  summary: "Add a canned reply agents can insert",
  usage: `Usage: relaydesk canned add --app <appId> --shortcut <word> --text <text> [--data <dir>]

Adds a canned reply to an app. The text may hold placeholders, filled in when an agent uses it:
{visitor.name}, {visitor.email}, {agent.name}, {conversation.id} (empty when unknown; any other
{...} is left as written).

Options:
  --app <appId>        The app
  --shortcut <word>    What agents type to find it: 1-40 of a-z 0-9 . _ -
  --text <text>        The reply (1-${MAX_TEXT} characters)
${dataUsage(21)}`,
  options: {
    app: { type: "string" },
    shortcut: { type: "string" },
    text: { type: "string" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    noPositionals(args, "canned add");
    const appId = requiredApp(args, "canned add");
    const { shortcut, text } = args.values;
    if (typeof shortcut !== "string")
      throw new RelaydeskError("usage", "canned add needs --shortcut <word>.");
    if (typeof text !== "string") throw new RelaydeskError("usage", "canned add needs --text <text>.");
    if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(shortcut)) {
      throw new RelaydeskError(
        "invalid-option",
        `--shortcut "${shortcut}": use 1-40 of a-z 0-9 . _ - (lower case).`,
      );
    }
    if (text.trim() === "" || text.length > MAX_TEXT) {
      throw new RelaydeskError("invalid-option", `--text must be 1-${MAX_TEXT} characters and not blank.`);
    }
    return { appId, shortcut, text, dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, shortcut, text, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      await checkAppExists(storage, appId);
      try {
        await storage.addCannedReply({ id: newId("can"), appId, shortcut, text, createdAt: Date.now() });
      } catch (error) {
        if (isRelaydeskError(error, "conflict")) {
          throw new RelaydeskError(
            "invalid-option",
            `--shortcut "${shortcut}": ${appId} has a canned reply with it already.`,
          );
        }
        throw error;
      }
      io.out(`Added canned reply "${shortcut}" to ${appId}.\n`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
