import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { identityJwt, signUserId } from "./sign-identity.ts";

export interface VendorUser {
  id: string;
  name: string;
  email: string;
}

export interface VendorServerOptions {
  /** The Relaydesk relay, e.g. `http://localhost:8787`; the page loads the widget from it. */
  relayUrl: string;
  appId: string;
  /** The app's identity secret. Read from the environment in a real deployment, never sent to a page. */
  secret: string;
  /** Who is signed in. A real app takes this from its session; the example has one user. */
  user?: VendorUser;
  port?: number;
  host?: string;
}

export const DEFAULTS = {
  user: { id: "user-42", name: "Ada Lovelace", email: "ada@example.com" },
  port: 8080,
  host: "127.0.0.1",
} as const satisfies Partial<VendorServerOptions>;

export interface VendorServer {
  /** e.g. `http://127.0.0.1:8080`; register it as an allowed origin of the app. */
  url: string;
  close(): Promise<void>;
}

/**
 * A vendor's web app reduced to what identity verification needs, on node:http alone:
 *
 * - `GET /` the signed-in page: the widget's one-tag embed, the user's claim as JSON data, and
 *   `/identify.js`, which hands the claim to the widget (no inline script: works under a strict CSP);
 * - `GET /identify.js` that script;
 * - `GET /relaydesk-identity[?mode=jwt]` the claim alone, for single-page apps that fetch it after
 *   sign-in: `{ userId, signature, profile }` or `{ jwt }`.
 *
 * @example
 * const vendor = await startVendorServer({ relayUrl: "http://localhost:8787", appId: "acme", secret });
 */
export async function startVendorServer(options: VendorServerOptions): Promise<VendorServer> {
  const { relayUrl, appId, secret } = options;
  const user = options.user ?? DEFAULTS.user;

  const claim = (mode: string | null) =>
    mode === "jwt"
      ? { jwt: identityJwt({ userId: user.id, appId, secret, name: user.name, email: user.email }) }
      : {
          userId: user.id,
          signature: signUserId(user.id, secret),
          profile: { name: user.name, email: user.email },
        };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://vendor.invalid");
    const send = (status: number, type: string, body: string) =>
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    if (req.method !== "GET") return send(405, "text/plain", "GET only");
    if (url.pathname === "/")
      return send(
        200,
        "text/html; charset=utf-8",
        page(relayUrl, appId, user, claim(url.searchParams.get("mode"))),
      );
    if (url.pathname === "/identify.js") return send(200, "text/javascript; charset=utf-8", IDENTIFY_JS);
    if (url.pathname === "/relaydesk-identity") {
      return send(200, "application/json", JSON.stringify(claim(url.searchParams.get("mode"))));
    }
    return send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? DEFAULTS.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Queues the call for the widget (the loader keeps the queue) with the claim the server put in the page. */
const IDENTIFY_JS = `window.Relaydesk =
  window.Relaydesk ||
  function () {
    (window.Relaydesk.q = window.Relaydesk.q || []).push(arguments);
  };
var claim = JSON.parse(document.getElementById("relaydesk-identity").textContent);
// { userId, signature, profile } or { jwt }
window.Relaydesk("identify", claim);
`;

function page(relayUrl: string, appId: string, user: VendorUser, claim: object): string {
  // JSON inside <script type="application/json"> must not be able to close the tag.
  const data = JSON.stringify(claim).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Signed in as ${escapeHtml(user.name)}</title>
  </head>
  <body>
    <h1>Welcome back, ${escapeHtml(user.name)}</h1>
    <p>The chat knows who you are: your conversations follow you to every browser you sign in on.</p>
    <script type="application/json" id="relaydesk-identity">${data}</script>
    <script src="/identify.js"></script>
    <script async src="${escapeHtml(relayUrl)}/widget/loader.js" data-app-id="${escapeHtml(appId)}"></script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
