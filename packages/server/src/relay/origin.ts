interface OriginParts {
  protocol: string;
  hostname: string;
  port: string;
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

function parse(value: string): OriginParts | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port || DEFAULT_PORTS[url.protocol] || "",
    };
  } catch {
    return null;
  }
}

/**
 * Whether a browser `Origin` header matches one entry of an app's allowlist: same scheme, host
 * and port (an omitted port is the scheme's default, so `https://a.com` equals `https://a.com:443`).
 * An entry may say `*` for the port only (`http://localhost:*`); hosts are never wildcarded, so a
 * lookalike subdomain cannot slip through. A missing or `null` Origin (sandboxed frames, file://,
 * non-browser clients that do not set one) matches nothing.
 *
 * @example
 * isOriginAllowed("http://localhost:5173", ["http://localhost:*"]); // true
 */
export function isOriginAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  const actual = parse(origin);
  if (!actual) return false;
  return allowed.some((entry) => {
    const anyPort = entry.endsWith(":*");
    const expected = parse(anyPort ? entry.slice(0, -2) : entry);
    if (!expected) return false;
    return (
      expected.protocol === actual.protocol &&
      expected.hostname === actual.hostname &&
      (anyPort || expected.port === actual.port)
    );
  });
}
