import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isRelaydeskError } from "../errors.ts";
import { createConsoleLogger } from "../logger.ts";
import { agentsAdd } from "./agents-add.ts";
import { agentsList } from "./agents-list.ts";
import { agentsSet } from "./agents-set.ts";
import { appsAdd } from "./apps-add.ts";
import { appsList } from "./apps-list.ts";
import { appsSecret } from "./apps-secret.ts";
import { appsSet } from "./apps-set.ts";
import { cannedAdd } from "./canned-add.ts";
import { cannedList } from "./canned-list.ts";
import type { AnyCommand, CliIo } from "./command.ts";
import { parseCommandArgs } from "./parse-args.ts";
import { routingSet } from "./routing-set.ts";
import { routingShow } from "./routing-show.ts";
import { serverPackage } from "./server-package.ts";
import { start } from "./start.ts";

export const COMMANDS: readonly AnyCommand[] = [
  start,
  agentsAdd,
  agentsList,
  appsAdd,
  appsList,
  appsSecret,
  appsSet,
  agentsSet,
  routingSet,
  routingShow,
  cannedAdd,
  cannedList,
];

/** Exit code for a command line that could not be understood, as most Unix tools use. */
const USAGE_EXIT = 2;

function overview(): string {
  const lines = COMMANDS.map((c) => `  relaydesk ${c.path.join(" ").padEnd(12)} ${c.summary}`);
  return `Relaydesk ${serverPackage().version}: the self-hosted relay of the Relaydesk support chat.

Usage: relaydesk <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help     Show help; after a command, that command's help (relaydesk start --help)
  -v, --version  Print the version

Flags win over the environment variables RELAYDESK_PORT, RELAYDESK_HOST, RELAYDESK_DATA_DIR and
RELAYDESK_RETENTION_DAYS.`;
}

function groupUsage(group: string): string {
  const lines = COMMANDS.filter((c) => c.path[0] === group).map((c) =>
    c.usage.split("\n")[0]!.replace("Usage: ", "  "),
  );
  return `Usage:\n${lines.join("\n")}\n\nRun relaydesk ${group} <command> --help for details.`;
}

const wantsHelp = (args: readonly string[]) => {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
};

/**
 * Run the `relaydesk` command line and resolve with the exit code: 0 done, 1 failed, 2 the
 * command line was wrong (the message and the usage go to stderr).
 *
 * Without `io`, it writes to the process's stdout and stderr, reads `process.env`, and stops a
 * running `start` on SIGINT or SIGTERM.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  const words = [...argv];
  const first = words[0];
  const sink = io ?? processIo();
  if (first === undefined) return usageError(sink, "no command given.", overview());
  if (first === "--version" || first === "-v") return done(sink, serverPackage().version);
  if (first === "--help" || first === "-h" || first === "help") return done(sink, overview());

  const command = COMMANDS.find((c) => c.path.every((word, i) => words[i] === word));
  if (!command) {
    if (COMMANDS.some((c) => c.path[0] === first && c.path.length > 1)) {
      const sub = words[1];
      if (sub === undefined) return usageError(sink, `${first} needs a command.`, groupUsage(first));
      if (sub === "--help" || sub === "-h") return done(sink, groupUsage(first));
      return usageError(sink, `unknown command "${first} ${sub}".`, groupUsage(first));
    }
    return usageError(sink, `unknown command "${first}".`, overview());
  }

  const rest = words.slice(command.path.length);
  if (wantsHelp(rest)) return done(sink, command.usage);
  let options: unknown;
  try {
    options = command.parse(parseCommandArgs(rest, command.options), sink.env);
  } catch (error) {
    if (isRelaydeskError(error, "usage") || isRelaydeskError(error, "invalid-option")) {
      return usageError(sink, error.message, command.usage);
    }
    throw error;
  }

  const stopping = io ? undefined : command.runsUntilStopped ? stopOnSignals(sink) : undefined;
  try {
    return await command.run(options, sink);
  } catch (error) {
    // Some command lines can only be judged against the data (`agents add` without --app when
    // there are several apps): still the caller's mistake, answered like one.
    if (isRelaydeskError(error, "usage") || isRelaydeskError(error, "invalid-option")) {
      return usageError(sink, error.message, command.usage);
    }
    sink.err(`relaydesk: ${isRelaydeskError(error) ? error.message : errorText(error)}\n`);
    return 1;
  } finally {
    stopping?.();
  }
}

function done(io: CliIo, text: string): number {
  io.out(`${text}\n`);
  return 0;
}

function usageError(io: CliIo, message: string, usage: string): number {
  io.err(`relaydesk: ${message}\n\n${usage}\n`);
  return USAGE_EXIT;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    logger: createConsoleLogger(),
  };
}

/**
 * The first SIGINT or SIGTERM asks the command to stop cleanly; after that the listeners are
 * gone, so a second Ctrl+C kills the process the usual way if shutting down hangs.
 */
function stopOnSignals(io: CliIo): () => void {
  const controller = new AbortController();
  io.stop = controller.signal;
  const onSignal = () => {
    remove();
    controller.abort();
  };
  const remove = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return remove;
}

// Run when this file is the program (`tsx src/cli/main.ts start`, `node dist/cli.js start`);
// `bin/relaydesk.js` imports the bundle and calls `main` itself.
if (isProgram(process.argv[1])) process.exitCode = await main(process.argv.slice(2));

function isProgram(script: string | undefined): boolean {
  try {
    return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
