import { isOriginAllowed } from "../relay/origin.ts";

/** What a browser may send to the upload routes beyond the safelisted: the token and the body's type. */
const ALLOW_HEADERS = "Authorization, Content-Type";

/**
 * CORS for the upload routes. The widget calls them from the vendor's page, so a visitor
 * request's `Origin` is echoed back exactly when it is in the app's allowlist (the same matcher as
 * the visitor socket). Never `*`, and no `Access-Control-Allow-Credentials`: the token travels in
 * `Authorization`, no cookie is involved. Agent requests (no app id) get no CORS headers: the
 * console is served by the relay itself and calls it same-origin.
 *
 * Null when no CORS headers may be sent; the browser then keeps the response from the page.
 */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: readonly string[] | null,
): Record<string, string> | null {
  if (origin === undefined || allowedOrigins === null || !isOriginAllowed(origin, allowedOrigins))
    return null;
  return { "Access-Control-Allow-Origin": origin };
}

/** The extra headers of a preflight answer, for the one method the path takes. */
export function preflightHeaders(method: "GET" | "POST"): Record<string, string> {
  return {
    "Access-Control-Allow-Methods": method,
    "Access-Control-Allow-Headers": ALLOW_HEADERS,
    // Preflights repeat per file otherwise; 10 minutes is Chromium's cap.
    "Access-Control-Max-Age": "600",
  };
}
