import { RelaydeskError } from "../errors.ts";
import {
  LIMIT_NAMES,
  type RateLimitOptions,
  type RateLimits,
  resolveRateLimits,
} from "../limits/rate-limits.ts";
import { parseTrustedProxies } from "../limits/trusted-proxies.ts";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
/** Timers and the limiter's arithmetic stay exact below this (about 24 days as a window). */
const MAX_VALUE = 2 ** 31 - 1;
const LIMIT_EXAMPLE = "e.g. messagesPerVisitor=40/20s or connectionsPerIp=500";

/**
 * `--limit` values (or the comma-separated `RELAYDESK_LIMITS`): `<name>=<count>` or
 * `<name>=<count>/<window>` with the window in ms, s, m or h; `connectionsPerIp` takes a count only.
 * Returns every limit, the ones not given at their defaults; a bad spec throws `invalid-option`
 * naming it.
 *
 * @example
 * parseLimits(["messagesPerVisitor=40/20s"], "--limit").messagesPerVisitor; // { count: 40, windowMs: 20000 }
 */
export function parseLimits(specs: readonly string[], source: string): RateLimits {
  const options: Record<string, unknown> = {};
  for (const raw of specs) {
    const fail = (why: string): never => {
      throw new RelaydeskError(
        "invalid-option",
        `${source} ${JSON.stringify(raw)}: ${why} (${LIMIT_EXAMPLE}).`,
      );
    };
    const match = /^([A-Za-z]+)=(\d{1,10})(?:\/(\d{1,10})(ms|s|m|h))?$/.exec(raw.trim());
    if (!match) return fail("write <name>=<count> or <name>=<count>/<window>, the window in ms, s, m or h");
    const [, name = "", countText = "", window, unit = "ms"] = match;
    if (!(LIMIT_NAMES as string[]).includes(name))
      return fail(`no such limit; known: ${LIMIT_NAMES.join(", ")}`);
    const count = Number(countText);
    if (!(count >= 1 && count <= MAX_VALUE)) return fail(`the count must be from 1 to ${MAX_VALUE}`);
    if (name === "connectionsPerIp") {
      if (window !== undefined) return fail("connectionsPerIp is a number of open sockets, without a window");
      options[name] = count;
      continue;
    }
    const windowMs =
      window === undefined ? undefined : Number(window) * UNIT_MS[unit as keyof typeof UNIT_MS];
    if (windowMs !== undefined && !(windowMs >= 1 && windowMs <= MAX_VALUE)) {
      return fail(`the window must be from 1 ms to ${MAX_VALUE} ms`);
    }
    options[name] = { count, ...(windowMs === undefined ? {} : { windowMs }) };
  }
  return resolveRateLimits(options as RateLimitOptions, source);
}

/**
 * `--trust-proxy` (or `RELAYDESK_TRUST_PROXY`): addresses and CIDR ranges separated by commas or
 * spaces, each checked (a bad one throws `invalid-option` naming it).
 */
export function parseTrustProxy(value: string, source: string): string[] {
  const entries = value.split(/[\s,]+/).filter((entry) => entry !== "");
  if (entries.length === 0) {
    throw new RelaydeskError(
      "invalid-option",
      `${source} ${JSON.stringify(value)}: give at least one address.`,
    );
  }
  parseTrustedProxies(entries, source);
  return entries;
}

/** The comma-separated specs of `RELAYDESK_LIMITS`, as `--limit` would take them one by one. */
export function splitLimitSpecs(value: string): string[] {
  return value
    .split(",")
    .map((spec) => spec.trim())
    .filter((spec) => spec !== "");
}
