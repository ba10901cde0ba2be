/**
 * The relay's logging seam. Fields are structured so a log shipper can index them; callers pass
 * ids, codes and counts only. Tokens and message bodies MUST NOT be logged: the relay handles
 * other people's conversations and credentials, and logs are kept and shared more loosely.
 */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogFields = Record<string, unknown>;

type Level = "info" | "warn" | "error";

/** Errors do not survive `JSON.stringify`; keep what helps debugging and nothing else. */
function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code !== undefined ? { code } : {}),
      stack: value.stack,
    };
  }
  return value;
}

/**
 * One JSON object per line on stdout (info) or stderr (warn, error).
 *
 * @example
 * const logger = createConsoleLogger();
 * logger.info("relay listening", { url: "http://127.0.0.1:8787" });
 */
export function createConsoleLogger(): Logger {
  const write = (level: Level, msg: string, fields?: LogFields) => {
    const entry: LogFields = { time: new Date().toISOString(), level, msg };
    if (fields) for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
    const line = `${JSON.stringify(entry)}\n`;
    if (level === "info") process.stdout.write(line);
    else process.stderr.write(line);
  };
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  } satisfies Logger;
}

/** Drops everything: the relay's default, and what tests use so their output stays readable. */
export function createSilentLogger(): Logger {
  return { info: () => {}, warn: () => {}, error: () => {} } satisfies Logger;
}
