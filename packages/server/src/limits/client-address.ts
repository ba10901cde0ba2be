import { type IpAddress, parseIp } from "./ip-address.ts";
import type { TrustedProxies } from "./trusted-proxies.ts";

/** What a socket is keyed by when its own address cannot be read (it is already gone). */
const UNKNOWN: IpAddress = { family: "ipv4", text: "0.0.0.0" };

/**
 * The address of the client behind a socket. It is the socket's peer, unless that peer is a trusted
 * proxy: then `X-Forwarded-For` is read from the right (each proxy appends the address it was
 * connected from), skipping trusted proxies, and the first address that is not one is the client.
 * A header that is not a plain list of IP addresses is not believed at all: the peer is used. Without
 * trusted proxies the header is never read, so a client cannot pick its own address.
 *
 * @example
 * clientAddress("10.0.0.2", "198.51.100.7, 10.0.0.3", parseTrustedProxies(["10.0.0.0/8"])); // 198.51.100.7
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): IpAddress {
  const direct = (peer !== undefined && parseIp(peer)) || UNKNOWN;
  if (forwardedFor === undefined || trusted.size === 0 || !trusted.has(direct)) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  let client = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp((hops[i] ?? "").trim());
    if (!hop) return direct;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the leftmost one is as close to the client as anyone can tell.
  return client;
}
