import { parseOrigin } from "../cli/parse-origin.ts";
import { RelaydeskError } from "../errors.ts";
import { isOriginAllowed, normalizeOrigin } from "./origin.ts";

export interface AgentOriginOptions {
  /**
   * The URL browsers reach the relay at (`https://support.example.com`), when it differs from
   * what the relay sees (a TLS-terminating proxy) or to pin it. Set, it is the relay's only own
   * origin and the `Host` header is ignored.
   */
  publicUrl?: string | undefined;
  /** Further origins whose pages may open agent sockets (a console hosted elsewhere). */
  consoleOrigins?: readonly string[] | undefined;
}

/** Decides whether an agent socket's `Origin` may connect, given the upgrade request's `Host`. */
export type AgentOriginCheck = (origin: string | undefined, host: string | undefined) => boolean;

/**
 * The origin rule for agent sockets (no `?appId`). An agent authenticates with a token in
 * `hello`, not a cookie, so a foreign page cannot borrow a signed-in console's session; the check
 * still keeps a token that leaked into a hostile page from being used by it, and closes the
 * door before a future console session (cookie) opens it. Allowed:
 *
 * - no `Origin` at all: bots and integrations (Node, curl) send none, and a browser always does;
 * - the relay's own origin, where the console is served (`/console`): `publicUrl`'s origin when
 *   configured, else `http://` + the request's `Host` (the relay itself speaks plain HTTP; behind a
 *   TLS proxy the browser's origin is `https://…`, so configure `publicUrl` there);
 * - an origin in `consoleOrigins` (same format as an app's allowed origins, `*` only as the port).
 *
 * `Origin: null` (sandboxed frames, file://) is a browser page without an origin and is refused.
 * Without `publicUrl`, a DNS-rebinding page (its own name pointed at the relay's address) sends
 * matching `Host` and `Origin`; it still needs a token, and setting `publicUrl` shuts it out.
 *
 * @example
 * const allowed = createAgentOriginCheck({ publicUrl: "https://support.example.com" });
 * allowed("https://support.example.com", "127.0.0.1:8787"); // true
 * allowed("https://evil.example", "support.example.com"); // false
 */
export function createAgentOriginCheck(options: AgentOriginOptions = {}): AgentOriginCheck {
  const pinned = options.publicUrl === undefined ? null : publicOrigin(options.publicUrl);
  const extra = (options.consoleOrigins ?? []).map((origin) => parseOrigin(origin, "consoleOrigins"));
  return (origin, host) => {
    if (origin === undefined) return true;
    const actual = normalizeOrigin(origin);
    if (actual === null) return false;
    const own = pinned ?? hostOrigin(host);
    return actual === own || isOriginAllowed(origin, extra);
  };
}

/** `http://<Host>` normalised like an Origin, or null for a Host that is not a bare host[:port]. */
function hostOrigin(host: string | undefined): string | null {
  if (!host || /[/?#@\\\s]/.test(host)) return null;
  return normalizeOrigin(`http://${host}`);
}

function publicOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new RelaydeskError("invalid-option", `publicUrl "${url}" is not a URL.`, { cause });
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.username || parsed.password) {
    throw new RelaydeskError(
      "invalid-option",
      `publicUrl "${url}": give the http(s) URL browsers open the relay at, e.g. https://support.example.com.`,
    );
  }
  return parsed.origin;
}
