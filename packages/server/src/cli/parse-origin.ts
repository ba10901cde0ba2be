import { RelaydeskError } from "../errors.ts";

const EXAMPLE = "e.g. https://app.example.com, http://localhost:3000 or http://localhost:*";

/**
 * Check one allowed origin for an app and return its canonical form (lower-case host, default
 * port dropped). It must be an exact origin, `scheme://host[:port]` with http or https and no
 * path, query or credentials, because browsers send exactly that in the `Origin` header and the
 * relay compares whole values. `*` may stand for the port only: hosts are never wildcarded, so a
 * lookalike subdomain cannot match.
 *
 * @example
 * parseOrigin("https://App.example.com:443/"); // "https://app.example.com"
 * parseOrigin("http://localhost:*"); // "http://localhost:*"
 */
export function parseOrigin(value: string, source = "--origin"): string {
  const fail = (why: string): never => {
    throw new RelaydeskError("invalid-option", `${source} ${JSON.stringify(value)}: ${why} (${EXAMPLE}).`);
  };
  const anyPort = value.endsWith(":*");
  const text = anyPort ? value.slice(0, -2) : value.replace(/\/$/, "");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return fail("only http and https origins can be allowed");
  if (url.username || url.password) return fail("an origin has no user name or password");
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(text)) {
    return fail("an origin has no path, query or fragment");
  }
  if (url.hostname.includes("*")) return fail("`*` is allowed only as the port");
  if (anyPort && /:\d*$/.test(text)) return fail("give either a port or `*`, not both");
  return anyPort ? `${url.origin}:*` : url.origin;
}
