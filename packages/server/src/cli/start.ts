import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createMemoryBus } from "../bus/memory-bus.ts";
import { RelaydeskError } from "../errors.ts";
import { LIMIT_DEFAULTS, type RateLimits } from "../limits/rate-limits.ts";
import { createRelay, DEFAULTS as RELAY_DEFAULTS, type Relay } from "../relay/create-relay.ts";
import { ROUTING_TIMING_RANGES, type RoutingTimingName } from "../routing/routing-timings.ts";
import { webhookSettings } from "../webhooks/webhook-options.ts";
import type { CliIo, Command, ParsedArgs } from "./command.ts";
import { DATA_OPTION, DATABASE_FILE, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { parseLimits, parseTrustProxy, splitLimitSpecs } from "./limit-options.ts";
import { noPositionals } from "./no-positionals.ts";
import { flagOrEnv } from "./parse-args.ts";
import { formatDuration, parseDuration } from "./parse-duration.ts";
import { parseOrigin } from "./parse-origin.ts";
import { serverPackage } from "./server-package.ts";
import { prepareDemo } from "./start-demo.ts";

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** Delete messages older than this many days; null keeps them forever. */
  retentionDays: number | null;
  /** Where browsers reach the relay, when it differs from the Host they send (a TLS proxy). */
  publicUrl: string | null;
  /** Origins besides the relay's own whose pages may open agent sockets. */
  consoleOrigins: string[];
  /** Reverse proxies whose X-Forwarded-For is believed; none by default. */
  trustProxy: string[];
  limits: RateLimits;
  /** Routing timings given on the command line; the rest keep the relay's defaults. */
  routing: Partial<Record<RoutingTimingName, number>>;
  /** Where to POST the relay's events, and the signing secret; null: no webhooks. */
  webhook: { url: string; secret: string } | null;
}

/** The routing flags: flag, variable, option, and whether it is a duration (else a count). */
const ROUTING_FLAGS = [
  ["default-capacity", "RELAYDESK_DEFAULT_CAPACITY", "defaultCapacity"],
  ["offer-timeout", "RELAYDESK_OFFER_TIMEOUT", "offerTimeoutMs"],
  ["disconnect-grace", "RELAYDESK_DISCONNECT_GRACE", "disconnectGraceMs"],
  ["away-after", "RELAYDESK_AWAY_AFTER", "awayAfterMs"],
  ["signal-interval", "RELAYDESK_SIGNAL_INTERVAL", "signalIntervalMs"],
  ["sla-sweep", "RELAYDESK_SLA_SWEEP", "slaSweepMs"],
] as const satisfies readonly (readonly [string, string, RoutingTimingName])[];

export const DEFAULTS = { port: 8787, host: "127.0.0.1", retentionDays: null } as const;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Uploaded files live beside the database, in the same data folder. */
const UPLOADS_DIR = "uploads";
/** A century: beyond it a "retention" is a typo, and the cutoff would underflow nothing useful. */
const MAX_RETENTION_DAYS = 36_500;

/** One line per limit for the usage text, with its default. */
const LIMIT_NAMES_USAGE = Object.entries(LIMIT_DEFAULTS)
  .map(([name, value]) => {
    const shown =
      typeof value === "number" ? String(value) : `${value.count}/${formatWindow(value.windowMs)}`;
    return `                   ${name.padEnd(22)} ${shown}`;
  })
  .join("\n");

export const start: Command<StartOptions> = {
  path: ["start"],
  summary: "Run the relay",
  runsUntilStopped: true,
  usage: `Usage: relaydesk start [--port <port>] [--host <host>] [--data <dir>] [--retention-days <n>]
                       [--public-url <url>] [--console-origin <url>...] [--trust-proxy <list>]
                       [--limit <name>=<count>[/<window>]...] [--webhook-url <url> --webhook-secret <s>]
                       [--default-capacity <n>] [--offer-timeout <d>] [--disconnect-grace <d>]
                       [--away-after <d>|off] [--signal-interval <d>] [--sla-sweep <d>] [--demo]

Runs the relay (HTTP, WebSocket, the agents' console at /console) until SIGINT or SIGTERM.

Options:
  --port <port>  Port to listen on, 0 for any free one (env RELAYDESK_PORT, default ${DEFAULTS.port})
  --host <host>  Address to listen on (env RELAYDESK_HOST, default ${DEFAULTS.host})
${dataUsage(15)}
  --retention-days <n>
                 Delete messages older than n days (checked hourly); clients that come back
                 later are told what is gone and reload what is kept (env
                 RELAYDESK_RETENTION_DAYS, default: keep every message forever)
  --public-url <url>
                 The URL browsers open the relay at, e.g. https://support.example.com behind a
                 TLS proxy; agent sockets from a browser must come from its origin (env
                 RELAYDESK_PUBLIC_URL, default: http:// and the Host the browser sent)
  --console-origin <url>
                 Another origin whose pages may open agent sockets, e.g. a console hosted
                 elsewhere; repeat for several, * only as the port (env
                 RELAYDESK_CONSOLE_ORIGINS, comma-separated)
  --trust-proxy <list>
                 Reverse proxies in front of the relay, IP addresses or CIDR ranges separated
                 by commas (e.g. 127.0.0.1,10.0.0.0/8). Only sockets from them have their
                 X-Forwarded-For read for the client's address (env RELAYDESK_TRUST_PROXY,
                 default: none, the socket's own address counts)
  --limit <name>=<count>[/<window>]
                 Change an abuse limit; the window in ms, s, m or h. Repeat for several (env
                 RELAYDESK_LIMITS, comma-separated). Limits and defaults:
${LIMIT_NAMES_USAGE}
  --webhook-url <url>
                 POST every event (conversation.created, .closed, .offline, sla.breached) to this
                 http(s) URL, signed and retried (env RELAYDESK_WEBHOOK_URL; see the README)
  --webhook-secret <secret>
                 The signing secret, 16 to 256 characters; required with --webhook-url. Prefer
                 the variable, which other users of the machine cannot read in the process list
                 (env RELAYDESK_WEBHOOK_SECRET)
  --default-capacity <n>
                 Conversations an agent holds at once unless \`agents set --capacity\` says
                 otherwise, 1-10000 (env RELAYDESK_DEFAULT_CAPACITY, default ${RELAY_DEFAULTS.defaultCapacity})
Durations below are a whole number with ms, s, m, h or d, e.g. 30s or 5m:
  --offer-timeout <d>
                 How long an offer waits for an accept in queues that set no offerTimeoutMs,
                 1s-1h (env RELAYDESK_OFFER_TIMEOUT, default ${formatDuration(RELAY_DEFAULTS.offerTimeoutMs)})
  --disconnect-grace <d>
                 How long an agent with no socket open keeps its conversations before they are
                 re-queued, 0-1d (env RELAYDESK_DISCONNECT_GRACE, default ${formatDuration(RELAY_DEFAULTS.disconnectGraceMs)})
  --away-after <d>|off
                 Show an online agent that sends nothing but pings for this long as away, 100ms-1d
                 (env RELAYDESK_AWAY_AFTER, default off: a bot waiting for work sends nothing)
  --signal-interval <d>
                 Typing, read and delivered signals are passed on at most once per this, per
                 sender and conversation, 0-1m (env RELAYDESK_SIGNAL_INTERVAL, default ${formatDuration(RELAY_DEFAULTS.signalIntervalMs)})
  --sla-sweep <d>
                 How often SLA clocks due by now are recorded as breached, 10ms-1h (env
                 RELAYDESK_SLA_SWEEP, default ${formatDuration(RELAY_DEFAULTS.slaSweepMs)})
  --demo         Also serve a demo host page, create the app "demo" for localhost, and print
                 a new sign-in token for the agent "Demo Agent"`,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "retention-days": { type: "string" },
    "public-url": { type: "string" },
    "console-origin": { type: "string", multiple: true },
    "trust-proxy": { type: "string" },
    limit: { type: "string", multiple: true },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    ...Object.fromEntries(ROUTING_FLAGS.map(([flag]) => [flag, { type: "string" } as const])),
    demo: { type: "boolean" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    noPositionals(args, "start");
    const port = flagOrEnv(args, env, "port", "RELAYDESK_PORT");
    const host = flagOrEnv(args, env, "host", "RELAYDESK_HOST");
    const retention = flagOrEnv(args, env, "retention-days", "RELAYDESK_RETENTION_DAYS");
    const publicUrl = flagOrEnv(args, env, "public-url", "RELAYDESK_PUBLIC_URL");
    const trustProxy = flagOrEnv(args, env, "trust-proxy", "RELAYDESK_TRUST_PROXY");
    const limitFlags = (args.values.limit ?? []) as string[];
    return {
      port: port ? parsePort(port.value, port.source) : DEFAULTS.port,
      host: host ? parseHost(host.value, host.source) : DEFAULTS.host,
      dataDir: resolveDataDir(args, env),
      demo: args.values.demo === true,
      retentionDays: retention
        ? parseRetentionDays(retention.value, retention.source)
        : DEFAULTS.retentionDays,
      publicUrl: publicUrl ? parsePublicUrl(publicUrl.value, publicUrl.source) : null,
      consoleOrigins: consoleOrigins(args, env),
      trustProxy: trustProxy ? parseTrustProxy(trustProxy.value, trustProxy.source) : [],
      limits:
        limitFlags.length > 0 || !env.RELAYDESK_LIMITS
          ? parseLimits(limitFlags, "--limit")
          : parseLimits(splitLimitSpecs(env.RELAYDESK_LIMITS), "RELAYDESK_LIMITS"),
      routing: routingTimings(args, env),
      webhook: webhook(args, env),
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
        ...(options.publicUrl === null ? {} : { publicUrl: options.publicUrl }),
        consoleOrigins: options.consoleOrigins,
        limits: options.limits,
        trustProxy: options.trustProxy,
        ...options.routing,
        ...(options.webhook === null ? {} : { webhook: options.webhook }),
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
    io.out(
      options.trustProxy.length === 0
        ? "Client addresses: the socket's own (no trusted proxy)\n"
        : `Client addresses: X-Forwarded-For from trusted proxies ${options.trustProxy.join(", ")}\n`,
    );
    if (options.webhook !== null) {
      // Origin and path only: a query string may hold the vendor's token.
      const target = new URL(options.webhook.url);
      io.out(`Webhooks: events are POSTed to ${target.origin}${target.pathname}, signed\n`);
    }
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

/** The routing flags given (flag over variable), each checked against its range. */
function routingTimings(args: ParsedArgs, env: CliIo["env"]): StartOptions["routing"] {
  const timings: StartOptions["routing"] = {};
  for (const [flag, variable, name] of ROUTING_FLAGS) {
    const given = flagOrEnv(args, env, flag, variable);
    if (!given) continue;
    const range = ROUTING_TIMING_RANGES[name];
    if (name === "awayAfterMs" && given.value.trim() === "off") continue;
    if (name === "defaultCapacity") {
      const count = /^\d{1,6}$/.test(given.value.trim()) ? Number(given.value.trim()) : Number.NaN;
      if (!(count >= range.min && count <= range.max)) {
        throw new RelaydeskError(
          "invalid-option",
          `${given.source} "${given.value}": a capacity is a whole number of conversations from ${range.min} to ${range.max}.`,
        );
      }
      timings[name] = count;
    } else timings[name] = parseDuration(given.value, given.source, range);
  }
  return timings;
}

/** --webhook-url and --webhook-secret (or their variables): both or neither. */
function webhook(args: ParsedArgs, env: CliIo["env"]): StartOptions["webhook"] {
  const url = flagOrEnv(args, env, "webhook-url", "RELAYDESK_WEBHOOK_URL");
  const secret = flagOrEnv(args, env, "webhook-secret", "RELAYDESK_WEBHOOK_SECRET");
  if (!url && !secret) return null;
  if (!url) {
    throw new RelaydeskError(
      "invalid-option",
      `${secret!.source} is set but no --webhook-url (or RELAYDESK_WEBHOOK_URL) says where to send events.`,
    );
  }
  if (!secret) {
    throw new RelaydeskError(
      "invalid-option",
      `${url.source} needs a signing secret: give --webhook-secret or RELAYDESK_WEBHOOK_SECRET (16 to 256 characters, e.g. from \`openssl rand -hex 32\`).`,
    );
  }
  const settings = webhookSettings(
    { url: url.value, secret: secret.value },
    { url: url.source, secret: secret.source },
  );
  return { url: settings.url, secret: settings.secret };
}

function formatWindow(ms: number): string {
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

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

function parsePublicUrl(value: string, source: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value.trim());
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    throw new RelaydeskError(
      "invalid-option",
      `${source} "${value}": give the http(s) URL browsers open the relay at, e.g. https://support.example.com.`,
    );
  }
  return url.href;
}

/** Every --console-origin, or else the comma-separated RELAYDESK_CONSOLE_ORIGINS, checked. */
function consoleOrigins(args: ParsedArgs, env: CliIo["env"]): string[] {
  const flags = (args.values["console-origin"] ?? []) as string[];
  if (flags.length > 0) return [...new Set(flags.map((origin) => parseOrigin(origin, "--console-origin")))];
  const fromEnv = env.RELAYDESK_CONSOLE_ORIGINS ?? "";
  const entries = fromEnv
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return [...new Set(entries.map((origin) => parseOrigin(origin, "RELAYDESK_CONSOLE_ORIGINS")))];
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
