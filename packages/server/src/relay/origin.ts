interface OriginParts {
  protocol: string;
  hostname: string;
  port: string;
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

function parseUrl(value: string): OriginParts | null {
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
 * An `Origin` header value as RFC 6454 serialises it, `scheme "://" host [ ":" port ]`, parsed;
 * null for anything else. Browsers send exactly that, so a path, query, fragment, user info,
 * backslash or whitespace (two joined headers) means it is not an origin and matches nothing.
 * Scheme and host are compared lower-cased and a spelled-out default port equals an omitted one
 * (both normalised by the URL parser, as RFC 6454 section 4 computes origins). A trailing dot is
 * kept: `example.com.` is another host to the browser (another origin, other storage).
 */
function parseHeader(value: string): OriginParts | null {
  const at = value.indexOf("://");
  if (at < 0 || /[/?#@\\\s]/.test(value.slice(at + 3))) return null;
  return parseUrl(value);
}

/**
 * The canonical form of a browser `Origin` header (`https://app.example.com`, default port
 * dropped, lower case), or null when it is missing, `null` or not an http(s) origin.
 *
 * @example
 * normalizeOrigin("HTTPS://App.example.com:443"); // "https://app.example.com"
 */
export function normalizeOrigin(origin: string | undefined): string | null {
  if (!origin || origin === "null") return null;
  const parts = parseHeader(origin);
  if (!parts) return null;
  const host = parts.hostname;
  return parts.port === DEFAULT_PORTS[parts.protocol]
    ? `${parts.protocol}//${host}`
    : `${parts.protocol}//${host}:${parts.port}`;
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
  const actual = parseHeader(origin);
  if (!actual) return false;
  return allowed.some((entry) => {
    const anyPort = entry.endsWith(":*");
    // Entries were checked when they were stored (`parseOrigin`); read them leniently.
    const expected = parseUrl(anyPort ? entry.slice(0, -2) : entry);
    if (!expected) return false;
    return (
      expected.protocol === actual.protocol &&
      expected.hostname === actual.hostname &&
      (anyPort || expected.port === actual.port)
    );
  });
}
