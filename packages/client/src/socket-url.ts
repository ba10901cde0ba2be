import type { ClientAuth } from "./types.ts";

/**
 * The WebSocket URL for a relay base URL: `http(s)://` becomes `ws(s)://`, `/v1/ws` is appended to
 * the base path (so a relay mounted under a path prefix works), and visitors add their public app
 * id. Credentials never go in the URL: URLs end up in proxy and server logs.
 *
 * @example
 * socketUrl("https://support.example.com/", { role: "visitor", appId: "acme" });
 * // "wss://support.example.com/v1/ws?appId=acme"
 */
export function socketUrl(base: string, auth: ClientAuth): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch (cause) {
    throw new TypeError(`Relaydesk: options.url must be an absolute URL, got ${JSON.stringify(base)}`, {
      cause,
    });
  }
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  else if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new TypeError(`Relaydesk: options.url must use http(s) or ws(s), got ${url.protocol}`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/ws`;
  url.search = "";
  url.hash = "";
  if (auth.role === "visitor") url.searchParams.set("appId", auth.appId);
  return url.toString();
}
