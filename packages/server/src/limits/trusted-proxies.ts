import { BlockList } from "node:net";
import { RelaydeskError } from "../errors.ts";
import { type IpAddress, parseIp } from "./ip-address.ts";

/** The reverse proxies whose `X-Forwarded-For` the relay believes. */
export interface TrustedProxies {
  has(address: IpAddress): boolean;
  readonly size: number;
}

const EXAMPLE = "e.g. 127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8";

/**
 * Check a trusted proxy list: each entry an IPv4 or IPv6 address or a CIDR range of them. An
 * IPv4-mapped IPv6 entry (`::ffff:127.0.0.1`, `::ffff:10.0.0.0/104`) means its IPv4 address or range,
 * which is also how a dual-stack socket reports IPv4 peers. A bad entry throws `invalid-option`
 * naming it.
 *
 * @example
 * parseTrustedProxies(["127.0.0.1", "10.0.0.0/8"]).has(parseIp("::ffff:10.1.2.3")!); // true
 */
export function parseTrustedProxies(entries: readonly string[], source = "trustProxy"): TrustedProxies {
  const list = new BlockList();
  for (const raw of entries) {
    const fail = (why: string): never => {
      throw new RelaydeskError("invalid-option", `${source} ${JSON.stringify(raw)}: ${why} (${EXAMPLE}).`);
    };
    if (typeof raw !== "string") return fail("not a string");
    const entry = raw.trim();
    const slash = entry.indexOf("/");
    const address = parseIp(slash === -1 ? entry : entry.slice(0, slash));
    if (!address) return fail("not an IP address or CIDR range");
    if (slash === -1) {
      list.addAddress(address.text, address.family);
      continue;
    }
    const prefixText = entry.slice(slash + 1);
    let prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    // An IPv4-mapped range counts its prefix over 128 bits; the IPv4 range it stands for over 32.
    const mapped = address.family === "ipv4" && entry.includes(":");
    if (mapped) prefix -= 96;
    const bits = address.family === "ipv4" ? 32 : 128;
    if (!(prefix >= 0 && prefix <= bits)) {
      return fail(`the prefix length must be from ${mapped ? 96 : 0} to ${mapped ? 128 : bits}`);
    }
    list.addSubnet(address.text, prefix, address.family);
  }
  return {
    has: (address) => list.check(address.text, address.family),
    size: entries.length,
  } satisfies TrustedProxies;
}
