import type { CliIo } from "./command.ts";

/** A `CliIo` that keeps what commands write, for tests. */
export function captureIo(env: CliIo["env"] = {}, stop?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text), env };
  if (stop) io.stop = stop;
  return { io, out: () => out.join(""), err: () => err.join("") };
}
