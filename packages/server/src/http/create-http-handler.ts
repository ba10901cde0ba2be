import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Logger } from "../logger.ts";
import { DEMO_PAGE_CSS, DEMO_PAGE_HTML } from "./demo-page.ts";
import { resolveInside, sendFile } from "./static-file.ts";

export interface HttpAssets {
  /** Folder holding the built `loader.js`, `widget.js` and `chunks/*.js`, served under `/widget/`. */
  widgetDir?: string;
  /** Folder holding the built console (`index.html` and its assets), served under `/console/`. */
  consoleDir?: string;
  /** Serve the "Acme Analytics" demo host page at `/`. */
  demoPage?: boolean;
}

export interface HttpHandlerOptions {
  assets: HttpAssets;
  logger: Logger;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The console talks only to its own origin (HTTP and the relay's WebSocket) and is never framed. */
export const CONSOLE_CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";

/** As strict as a careful vendor's page: the widget must run without any inline allowance. */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self'; img-src 'self' data:";

const WIDGET_FILES = new Set(["loader.js", "widget.js"]);
/** widget.js's lazy parts (`import()`ed as modules, so CORS applies), named by their content hash. */
const WIDGET_CHUNK = /^chunks\/[A-Za-z0-9_-]+\.js$/;

/**
 * Every path the HTTP handler answers; anything else is 404 before any other work. Exported so
 * tests can walk the whole surface (test/authorization.test.ts checks that none serves data).
 * None of them serves conversation data: that travels only over the authenticated WebSocket.
 */
export const HTTP_ROUTES = [
  { path: "/healthz", match: "exact", serves: "health" },
  { path: "/widget/", match: "prefix", serves: "widget files (loader.js, widget.js, chunks/*.js), CORS *" },
  { path: "/console", match: "exact", serves: "console" },
  { path: "/console/", match: "prefix", serves: "console files and client-side routes" },
  { path: "/", match: "exact", serves: "demo page", demoOnly: true },
  { path: "/demo.css", match: "exact", serves: "demo page", demoOnly: true },
] as const satisfies readonly {
  path: string;
  match: "exact" | "prefix";
  serves: string;
  demoOnly?: boolean;
}[];

// The loader URL is what vendors paste, so it cannot be versioned: keep its cache short so a relay
// upgrade reaches pages quickly. widget.js is fetched by the loader and may be kept longer.
// widget.js names its chunks by content hash: a widget.js cached across a relay upgrade would ask
// for chunks that no longer exist, so it is revalidated every time (a 304 by ETag when unchanged),
// and the chunks, which never change under their names, are cached for good.
const WIDGET_CACHE: Record<string, string> = {
  "loader.js": "public, max-age=300",
  "widget.js": "no-cache",
};
const CHUNK_CACHE = "public, max-age=31536000, immutable";

/**
 * The relay's plain HTTP routes, all read-only: health, the widget files, the console, and the
 * optional demo page. Every response carries `nosniff`; everything else is 404.
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { assets, logger } = options;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let path: string;
    try {
      path = new URL(req.url ?? "/", "http://relay.invalid").pathname;
    } catch {
      return text(res, 400, "bad request");
    }
    const known = HTTP_ROUTES.some(
      (route) =>
        (route.match === "exact" ? path === route.path : path.startsWith(route.path)) &&
        (!("demoOnly" in route) || assets.demoPage === true),
    );
    if (!known) return text(res, 404, "not found");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return text(res, 405, "method not allowed");
    }

    if (path === "/healthz") {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify({ ok: true }));
      return;
    }
    if (path === "/")
      return inline(req, res, DEMO_PAGE_HTML, "text/html; charset=utf-8", {
        "Content-Security-Policy": DEMO_CSP,
      });
    if (path === "/demo.css") return inline(req, res, DEMO_PAGE_CSS, "text/css; charset=utf-8", {});

    if (path.startsWith("/widget/")) {
      const name = path.slice("/widget/".length);
      const chunk = WIDGET_CHUNK.test(name);
      if (!assets.widgetDir || !(WIDGET_FILES.has(name) || chunk)) return text(res, 404, "not found");
      const served = await sendFile(req, res, join(assets.widgetDir, name), {
        contentType: "text/javascript; charset=utf-8",
        // The build's Zopfli and Brotli copies: about 19 kB on the wire for widget.js, not 50.
        precompressed: true,
        headers: {
          "Access-Control-Allow-Origin": "*",
          "Cache-Control": chunk ? CHUNK_CACHE : (WIDGET_CACHE[name] ?? "no-cache"),
        },
      });
      if (!served) text(res, 404, "not found");
      return;
    }

    // /console and /console/...
    if (!assets.consoleDir) return text(res, 404, "not found");
    // "/console" -> [], "/console/" -> [""], "/console/a/b.js" -> ["a", "b.js"]; a folder means its index.html.
    const segments = path.slice("/console".length).split("/").slice(1);
    if (segments.length === 0 || segments.at(-1) === "") segments.splice(-1, 1, "index.html");
    const file = resolveInside(assets.consoleDir, segments);
    const headers = { "Content-Security-Policy": CONSOLE_CSP, "Cache-Control": "no-cache" };
    if (!file) return text(res, 404, "not found");
    // A request for a copy itself (`console.js.gz`) gets it as a plain file of its type: harmless.
    if (await sendFile(req, res, file, { headers, precompressed: true })) return;
    // Client-side routes (/console/conversations/…) have no file; the app's index.html handles them.
    const last = segments.at(-1) ?? "";
    if (!last.includes(".")) {
      const index = resolveInside(assets.consoleDir, ["index.html"]);
      if (index && (await sendFile(req, res, index, { headers, precompressed: true }))) return;
    }
    text(res, 404, "not found");
  };

  return (req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    route(req, res).catch((error: unknown) => {
      logger.error("http request failed", { path: req.url?.split("?")[0], error });
      if (!res.headersSent) text(res, 500, "internal error");
      else res.destroy();
    });
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

function inline(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  contentType: string,
  headers: Record<string, string>,
): void {
  res.writeHead(200, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache",
    ...headers,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
