import { parseArgs } from "node:util";
import { RelaydeskError } from "../errors.ts";
import type { OptionSpecs, ParsedArgs } from "./command.ts";

/**
 * `node:util` `parseArgs` in strict mode (unknown flags and missing values are errors), with its
 * errors turned into `usage` errors that read well on a terminal.
 */
export function parseCommandArgs(args: readonly string[], options: OptionSpecs): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
    });
    return { values, positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      // Node appends advice about `--` that does not apply to any relaydesk command.
      const message = (error as Error).message.split(". To specify a positional")[0]!;
      throw new RelaydeskError("usage", `${message[0]!.toLowerCase()}${message.slice(1)}.`, { cause: error });
    }
    throw error;
  }
}

/** The value of a string flag, falling back to an environment variable, then to a default. */
export function flagOrEnv(
  args: ParsedArgs,
  env: Readonly<Record<string, string | undefined>>,
  flag: string,
  variable: string,
): { value: string; source: string } | undefined {
  const fromFlag = args.values[flag];
  if (typeof fromFlag === "string") return { value: fromFlag, source: `--${flag}` };
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: variable };
  return undefined;
}
