import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createMemoryBus } from "../bus/memory-bus.ts";
import { RelaydeskError } from "../errors.ts";
import { createRelay, type Relay } from "../relay/create-relay.ts";
import type { CliIo, Command } from "./command.ts";
import { DATA_OPTION, DATABASE_FILE, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { noPositionals } from "./no-positionals.ts";
import { flagOrEnv } from "./parse-args.ts";
import { serverPackage } from "./server-package.ts";
import { prepareDemo } from "./start-demo.ts";

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** Delete messages older than this many days; null keeps them forever. */
  retentionDays: number | null;
}

export const DEFAULTS = { port: 8787, host: "127.0.0.1", retentionDays: null } as const;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Uploaded files live beside the database, in the same data folder. */
const UPLOADS_DIR = "uploads";
/** A century: beyond it a "retention" is a typo, and the cutoff would underflow nothing useful. */
const MAX_RETENTION_DAYS = 36_500;

export const start: Command<StartOptions> = {
  path: ["start"],
  summary: "Run the relay",
  runsUntilStopped: true,
  usage: `Usage: relaydesk start [--port <port>] [--host <host>] [--data <dir>] [--retention-days <n>] [--demo]

Runs the relay (HTTP, WebSocket, the agents' console at /console) until SIGINT or SIGTERM.

Options:
  --port <port>  Port to listen on, 0 for any free one (env RELAYDESK_PORT, default ${DEFAULTS.port})
  --host <host>  Address to listen on (env RELAYDESK_HOST, default ${DEFAULTS.host})
${dataUsage(15)}
  --retention-days <n>
                 Delete messages older than n days (checked hourly); clients that come back
                 later are told what is gone and reload what is kept (env
                 RELAYDESK_RETENTION_DAYS, default: keep every message forever)
  --demo         Also serve a demo host page, create the app "demo" for localhost, and print
                 a new sign-in token for the agent "Demo Agent"`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "retention-days": { type: "string" },
    demo: { type: "boolean" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    noPositionals(args, "start");
    const port = flagOrEnv(args, env, "port", "RELAYDESK_PORT");
    const host = flagOrEnv(args, env, "host", "RELAYDESK_HOST");
    const retention = flagOrEnv(args, env, "retention-days", "RELAYDESK_RETENTION_DAYS");
    return {
      port: port ? parsePort(port.value, port.source) : DEFAULTS.port,
      host: host ? parseHost(host.value, host.source) : DEFAULTS.host,
      dataDir: resolveDataDir(args, env),
      demo: args.values.demo === true,
      retentionDays: retention
        ? parseRetentionDays(retention.value, retention.source)
        : DEFAULTS.retentionDays,
    };
  },

  async run(options, io) {
    const storage = openDataStorage(options.dataDir);
    const bus = createMemoryBus();
    let relay: Relay;
    let agentToken: string | undefined;
    try {
      if (options.demo) ({ agentToken } = await prepareDemo(storage));
      relay = await createRelay({
        storage,
        bus,
        port: options.port,
        host: options.host,
        assets: { ...assetDirs(io), demoPage: options.demo },
        logger: io.logger,
        uploadsDir: join(options.dataDir, UPLOADS_DIR),
        ...(options.retentionDays === null ? {} : { retentionMs: options.retentionDays * DAY_MS }),
      });
    } catch (error) {
      await bus.close();
      await storage.close();
      const code = (error as { code?: unknown }).code;
      if (code === "EADDRINUSE" || code === "EADDRNOTAVAIL" || code === "EACCES") {
        io.err(
          `relaydesk: cannot listen on ${options.host}:${options.port} (${code}); choose another --port or --host.\n`,
        );
        return 1;
      }
      throw error;
    }

    io.out(`Relaydesk ${serverPackage().version} is listening on ${relay.url}\n`);
    io.out(`Database: ${join(options.dataDir, DATABASE_FILE)}\n`);
    io.out(`Uploads: ${join(options.dataDir, UPLOADS_DIR)}\n`);
    io.out(
      options.retentionDays === null
        ? "Retention: messages are kept forever\n"
        : `Retention: messages older than ${options.retentionDays} days are deleted\n`,
    );
    if (agentToken) {
      io.out(`\nDemo:\n`);
      io.out(`  host page    http://localhost:${relay.port}/\n`);
      io.out(`  console      http://localhost:${relay.port}/console\n`);
      io.out(`  agent token  ${agentToken}\n`);
      io.out(
        `  (sign in to the console as "Demo Agent" with this token; each --demo start makes a new one)\n`,
      );
    }
    io.out(`\nPress Ctrl+C to stop.\n`);

    await stopped(io.stop);
    io.out("Stopping...\n");
    // Sockets first (they still write to storage while draining), then the bus, then storage;
    // storage is closed even if draining failed, so the WAL is checkpointed and the file unlocked.
    try {
      await relay.close();
    } finally {
      try {
        await bus.close();
      } finally {
        await storage.close();
      }
    }
    io.out("Stopped.\n");
    return 0;
  },
};

function parsePort(value: string, source: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new RelaydeskError("invalid-option", `${source} "${value}": a port is an integer from 0 to 65535.`);
  }
  return port;
}

function parseRetentionDays(value: string, source: string): number {
  const days = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) {
    throw new RelaydeskError(
      "invalid-option",
      `${source} "${value}": retention is a whole number of days from 1 to ${MAX_RETENTION_DAYS}; leave it unset to keep messages forever.`,
    );
  }
  return days;
}

function parseHost(value: string, source: string): string {
  const host = value.trim();
  if (host === "" || /\s/.test(host)) {
    throw new RelaydeskError(
      "invalid-option",
      `${source} "${value}": give a host name or IP address, e.g. 127.0.0.1.`,
    );
  }
  return host;
}

/** The UI bundles, built by their own packages; the server serves their files but never imports them. */
function assetDirs(io: CliIo): { widgetDir: string; consoleDir: string } {
  const packages = resolve(serverPackage().dir, "..");
  const dirs = { widgetDir: resolve(packages, "widget/dist"), consoleDir: resolve(packages, "console/dist") };
  for (const [what, dir] of [
    ["widget", dirs.widgetDir],
    ["console", dirs.consoleDir],
  ] as const) {
    if (!existsSync(dir))
      io.err(`relaydesk: the ${what} is not built (${dir} is missing); run \`pnpm build\`.\n`);
  }
  return dirs;
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener("abort", () => done(), { once: true }));
}
