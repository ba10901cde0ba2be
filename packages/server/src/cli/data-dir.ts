import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { RelaydeskError } from "../errors.ts";
import { createSqliteStorage, type SqliteStorage } from "../storage/sqlite-storage.ts";
import type { CliIo, OptionSpecs, ParsedArgs } from "./command.ts";
import { flagOrEnv } from "./parse-args.ts";

export const DATA_DIR_DEFAULT = "./data";
export const DATA_DIR_ENV = "RELAYDESK_DATA_DIR";
export const DATABASE_FILE = "relaydesk.sqlite";

export const DATA_OPTION = { data: { type: "string" } } as const satisfies OptionSpecs;

/** The `--data` line of a command's usage, its description starting at `column` like the others. */
export function dataUsage(column: number): string {
  return `  ${"--data <dir>".padEnd(column)}Folder of the database (env ${DATA_DIR_ENV}, default ${DATA_DIR_DEFAULT})`;
}

/**
 * The data folder from `--data`, else `RELAYDESK_DATA_DIR`, else `./data`, as an absolute path.
 * It is created here, so that a folder that cannot be created is reported as a bad option
 * (naming where the value came from) before anything starts.
 */
export function resolveDataDir(args: ParsedArgs, env: CliIo["env"]): string {
  const given = flagOrEnv(args, env, "data", DATA_DIR_ENV) ?? { value: DATA_DIR_DEFAULT, source: "--data" };
  if (given.value.trim() === "") {
    throw new RelaydeskError("invalid-option", `${given.source} must not be empty.`);
  }
  const dir = resolve(given.value);
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error("it exists and is not a folder");
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RelaydeskError(
      "invalid-option",
      `${given.source} ${given.value}: cannot use it as the data folder (${reason}).`,
      {
        cause,
      },
    );
  }
  return dir;
}

/** The relay's database in a data folder. */
export function openDataStorage(dataDir: string): SqliteStorage {
  return createSqliteStorage({ path: join(dataDir, DATABASE_FILE) });
}
