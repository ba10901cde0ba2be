import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";
import { addressKey, parseIp } from "./ip-address.ts";
import { parseTrustedProxies } from "./trusted-proxies.ts";

const text = (peer: string | undefined, header: string | undefined, trusted: string[]) =>
  clientAddress(peer, header, parseTrustedProxies(trusted)).text;

describe("parseIp and addressKey", () => {
  it("spells one address one way", () => {
    expect(parseIp("::ffff:127.0.0.1")).toEqual({ family: "ipv4", text: "127.0.0.1" });
    expect(parseIp("::FFFF:7f00:1")).toEqual({ family: "ipv4", text: "127.0.0.1" });
    expect(parseIp("2001:DB8::1")?.text).toBe("2001:db8:0:0:0:0:0:1");
    expect(parseIp("2001:0db8:0000::0001")?.text).toBe("2001:db8:0:0:0:0:0:1");
    expect(parseIp("fe80::1%eth0")?.text).toBe("fe80:0:0:0:0:0:0:1");
    expect(parseIp("::")?.text).toBe("0:0:0:0:0:0:0:0");
    for (const bad of ["", "1.2.3", "1.2.3.4:80", "[::1]", "example.com", "1.2.3.256", " 1.2.3.4"]) {
      expect(parseIp(bad)).toBeNull();
    }
  });

  it("keys IPv6 by its /64 and IPv4 by the address", () => {
    expect(addressKey(parseIp("2001:db8:1:2:aaaa::1")!)).toBe("2001:db8:1:2::/64");
    expect(addressKey(parseIp("2001:db8:1:2:bbbb::9")!)).toBe("2001:db8:1:2::/64");
    expect(addressKey(parseIp("2001:db8:1:3::1")!)).toBe("2001:db8:1:3::/64");
    expect(addressKey(parseIp("::ffff:10.0.0.1")!)).toBe("10.0.0.1");
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(text("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(text("203.0.113.9", "198.51.100.1", ["10.0.0.0/8"])).toBe("203.0.113.9");
  });

  it("walks the header from the right past trusted proxies to the first other address", () => {
    const trusted = ["127.0.0.1", "10.0.0.0/8"];
    expect(text("127.0.0.1", "198.51.100.1", trusted)).toBe("198.51.100.1");
    // The client may write anything at the left; only what trusted proxies appended counts.
    expect(text("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3", trusted)).toBe("198.51.100.1");
    expect(text("::ffff:127.0.0.1", "2001:db8::7", trusted)).toBe("2001:db8:0:0:0:0:0:7");
    // Every hop trusted: the leftmost is the nearest thing to the client.
    expect(text("127.0.0.1", "10.0.0.5, 10.0.0.6", trusted)).toBe("10.0.0.5");
    // No header: the proxy itself.
    expect(text("127.0.0.1", undefined, trusted)).toBe("127.0.0.1");
  });

  it("believes none of a malformed header", () => {
    const trusted = ["127.0.0.1"];
    for (const header of ["", "nonsense", "198.51.100.1, ", "198.51.100.1:443", "198.51.100.1,,"]) {
      expect(text("127.0.0.1", header, trusted)).toBe("127.0.0.1");
    }
    expect(text("127.0.0.1", "garbage, 198.51.100.1", trusted)).toBe("198.51.100.1");
  });

  it("keys a socket without a readable peer address in one place", () => {
    expect(text(undefined, "198.51.100.1", ["127.0.0.1"])).toBe("0.0.0.0");
  });
});

describe("parseTrustedProxies", () => {
  it("takes IPv4 and IPv6 addresses and ranges, IPv4-mapped ones as IPv4", () => {
    const trusted = parseTrustedProxies(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::ffff:192.168.0.0/112"]);
    for (const yes of ["127.0.0.1", "::ffff:127.0.0.1", "10.200.0.1", "fd12::1", "192.168.3.4"]) {
      expect(trusted.has(parseIp(yes)!)).toBe(true);
    }
    for (const no of ["127.0.0.2", "11.0.0.1", "fe00::1", "192.169.0.1"]) {
      expect(trusted.has(parseIp(no)!)).toBe(false);
    }
  });

  it("names the bad entry", () => {
    expect(() => parseTrustedProxies(["10.0.0.1", "proxy.local"])).toThrow(/"proxy.local": not an IP/);
    expect(() => parseTrustedProxies(["10.0.0.0/33"])).toThrow(
      /"10.0.0.0\/33": the prefix length must be from 0 to 32/,
    );
    expect(() => parseTrustedProxies(["fd00::/x"])).toThrow(/"fd00::\/x"/);
    expect(() => parseTrustedProxies(["::ffff:10.0.0.0/64"])).toThrow(/from 96 to 128/);
  });
});
