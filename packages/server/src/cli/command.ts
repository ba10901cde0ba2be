import type { ParseArgsConfig } from "node:util";
import type { Logger } from "../logger.ts";

/** Where a command writes, and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  /** Normal output (results, URLs, tokens). Each call writes whole lines. */
  out(text: string): void;
  /** Diagnostics and usage errors. */
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Ends a long-running command (`start`) the way SIGINT or SIGTERM does. */
  stop?: AbortSignal;
  /** Where the relay logs (JSON lines on stdout/stderr for the real process); default silent. */
  logger?: Logger;
}

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

/** What `node:util` `parseArgs` made of the command line, before the command checked it. */
export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * One `relaydesk` command: how its arguments look, how they become typed options (throwing a
 * `RelaydeskError` with code `usage` or `invalid-option` for the user to fix), and what it does.
 */
export interface Command<Options> {
  /** The words that select it, e.g. `["agents", "add"]`. */
  path: readonly string[];
  summary: string;
  /** Synopsis and option list, printed by `--help` and after usage errors. */
  usage: string;
  options: OptionSpecs;
  /** Keeps running until `io.stop` aborts; `main` wires that to SIGINT and SIGTERM. */
  runsUntilStopped?: boolean;
  parse(args: ParsedArgs, env: CliIo["env"]): Options;
  /** Resolves with the process exit code. */
  run(options: Options, io: CliIo): Promise<number>;
}

/** Lets `main` keep commands of different option types in one list. */
// biome-ignore lint/suspicious/noExplicitAny: each entry is only ever called with its own parse result
export type AnyCommand = Command<any>;
