import { isIPv4, isIPv6 } from "node:net";

/** An IP address in one canonical spelling, so that one address is one limiter key. */
export interface IpAddress {
  family: "ipv4" | "ipv6";
  /** Dotted quad for IPv4 (IPv4-mapped IPv6 included), eight lower-case hex groups for IPv6. */
  text: string;
}

/**
 * Parse an address as sockets and proxies write it: `203.0.113.7`, `2001:db8::1`, `::ffff:10.0.0.1`
 * (what a dual-stack socket reports for an IPv4 client, so it becomes `10.0.0.1`), with an
 * optional IPv6 zone (`fe80::1%eth0`, dropped). Anything else (ports, brackets, names) is null.
 *
 * @example
 * parseIp("::FFFF:127.0.0.1"); // { family: "ipv4", text: "127.0.0.1" }
 */
export function parseIp(value: string): IpAddress | null {
  if (isIPv4(value)) return { family: "ipv4", text: value };
  const zone = value.indexOf("%");
  const address = zone === -1 ? value : value.slice(0, zone);
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address);
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0) {
    if (groups[5] === 0xffff) {
      const high = groups[6] ?? 0;
      const low = groups[7] ?? 0;
      return { family: "ipv4", text: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}` };
    }
  }
  return { family: "ipv6", text: groups.map((group) => group.toString(16)).join(":") };
}

/**
 * The key per-address limits count under. IPv6 is keyed by its /64: one subscriber usually gets a
 * whole /64 (and may pick any address in it), so per-address keys would be trivially dodged.
 */
export function addressKey(address: IpAddress): string {
  if (address.family === "ipv4") return address.text;
  return `${address.text.split(":", 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (checked by `isIPv6` before). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  // A trailing dotted quad stands for the last two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16));
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}
