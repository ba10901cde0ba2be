import { RelaydeskError } from "../errors.ts";
import type { ParsedArgs } from "./command.ts";

/** For commands that take flags only: a stray word is almost always a typo worth pointing out. */
export function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length > 0) {
    throw new RelaydeskError("usage", `${command} takes no arguments, got "${args.positionals.join(" ")}".`);
  }
}
