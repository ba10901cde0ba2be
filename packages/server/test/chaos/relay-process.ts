import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/**
 * The real `bin/relaydesk.js` beside a bundle of its own (laid out as in the package: bin/, dist/),
 * so the test runs what an operator runs without overwriting the dist/cli.js something else may be
 * running. Inside the package folder, so the bundle's imports (ws, better-sqlite3) resolve.
 */
export async function buildRelaydeskBin(): Promise<{ bin: string; remove(): Promise<void> }> {
  const bundleDir = join(PACKAGE_DIR, "dist", `chaos-${process.pid}`);
  await run(process.execPath, ["build.mjs", join(bundleDir, "dist", "cli.js")], { cwd: PACKAGE_DIR });
  const bin = join(bundleDir, "bin", "relaydesk.js");
  await mkdir(dirname(bin), { recursive: true });
  await copyFile(join(PACKAGE_DIR, "bin", "relaydesk.js"), bin);
  return { bin, remove: () => rm(bundleDir, { recursive: true, force: true }) };
}

/** Run a one-shot `relaydesk` command (apps add, agents add) and return what it printed. */
export async function relaydesk(bin: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args], { cwd: PACKAGE_DIR });
  return stdout;
}

/**
 * `relaydesk start` as a child process on one data folder and, once it has listened, always the
 * same port, so clients reconnect to the restarted relay as they would after an operator's restart.
 */
export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  kill(): Promise<void>;
  /** Start again on the same port and data folder; resolves once it listens. */
  restart(): Promise<void>;
  /** SIGTERM (a clean shutdown); resolves with the exit code. */
  stop(): Promise<number | null>;
  /** The last lines the relay printed (for failure messages). */
  tail(): string;
}

const TAIL_CHARS = 20_000;

/**
 * The chaos run tests delivery under faults, not the abuse limits: its 70-odd sockets all come from
 * 127.0.0.1 and one visitor flushes an 80-message outbox at once, which the defaults would (rightly)
 * slow down to a pace the run's time limits do not allow for.
 */
const GENEROUS_LIMITS = [
  "framesPerConnection=1000000/1s",
  "messagesPerConnection=1000000/1s",
  "messagesPerVisitor=1000000/1s",
  "conversationsPerIp=1000000/1s",
  "connectionsPerIp=100000",
].flatMap((spec) => ["--limit", spec]);
const LISTEN_TIMEOUT_MS = 15_000;

export async function startRelayProcess(bin: string, dataDir: string): Promise<RelayProcess> {
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  let output = "";
  let port = 0;

  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-TAIL_CHARS);
  };

  const launch = async (): Promise<string> => {
    const proc = spawn(
      process.execPath,
      [bin, "start", "--host", "127.0.0.1", "--port", String(port), "--data", dataDir, ...GENEROUS_LIMITS],
      { cwd: PACKAGE_DIR, stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    exited = new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
    let printed = "";
    const onData = (chunk: Buffer) => {
      if (printed.length < TAIL_CHARS) printed += chunk.toString();
      const url = /is listening on (http:\/\/\S+)/.exec(printed)?.[1];
      if (url) done(null, url);
    };
    const onExit = (code: number | null) => done(new Error(`the relay exited with ${code} before listening`));
    let done: (error: Error | null, url?: string) => void = () => {};
    const listening = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error("the relay did not listen in time")), LISTEN_TIMEOUT_MS);
      done = (error, url) => {
        clearTimeout(timer);
        proc.stdout!.off("data", onData);
        proc.stderr!.off("data", onData);
        proc.off("exit", onExit);
        if (error) reject(new Error(`${error.message}\n${printed}`));
        else resolve(url!);
      };
    });
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.stdout!.on("data", record);
    proc.stderr!.on("data", record);
    proc.once("exit", onExit);
    return listening;
  };

  const kill = async () => {
    child?.kill("SIGKILL");
    await exited;
    child = null;
  };

  let url = await launch();
  port = Number(new URL(url).port);

  return {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    kill,
    async restart() {
      await kill();
      // The port is free once the process is gone; a few tries cover a slow kernel.
      for (let attempt = 0; ; attempt++) {
        try {
          url = await launch();
          return;
        } catch (error) {
          if (attempt >= 5 || !/EADDRINUSE/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    },
    async stop() {
      if (!child) return null;
      child.kill("SIGTERM");
      const code = await exited;
      child = null;
      return code;
    },
    tail: () => output,
  };
}
