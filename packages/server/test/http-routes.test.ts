import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMemoryBus } from "../src/bus/memory-bus.ts";
import { createRelay, type Relay } from "../src/relay/create-relay.ts";
import { createSqliteStorage, type SqliteStorage } from "../src/storage/sqlite-storage.ts";

let dir: string;
let storage: SqliteStorage;
let relay: Relay | null = null;
const bus = createMemoryBus();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "relaydesk-http-test-"));
  mkdirSync(join(dir, "widget", "chunks"), { recursive: true });
  mkdirSync(join(dir, "console", "assets"), { recursive: true });
  writeFileSync(join(dir, "widget", "loader.js"), "/* loader */");
  writeFileSync(join(dir, "widget", "widget.js"), "/* widget */");
  writeFileSync(join(dir, "widget", "secret.js"), "/* not exposed */");
  writeFileSync(join(dir, "widget", "chunks", "conversations-AB12CD34.js"), "/* chunk */");
  writeFileSync(join(dir, "widget", "chunks", "notes.txt"), "not a chunk");
  // The build's compressed copies (scripts/precompress.mjs) of widget.js and of one chunk;
  // another chunk's gzip copy is older than the chunk, as if left from an earlier build.
  writeFileSync(join(dir, "widget", "widget.js.gz"), gzipSync("/* widget */"));
  writeFileSync(join(dir, "widget", "widget.js.br"), brotliCompressSync("/* widget */"));
  writeFileSync(join(dir, "widget", "chunks", "panel-AB12CD34.js"), "/* panel */");
  writeFileSync(join(dir, "widget", "chunks", "panel-AB12CD34.js.gz"), gzipSync("/* panel */"));
  writeFileSync(join(dir, "widget", "chunks", "stale-AB12CD34.js"), "/* new build */");
  writeFileSync(join(dir, "widget", "chunks", "stale-AB12CD34.js.gz"), gzipSync("/* old build */"));
  utimesSync(
    join(dir, "widget", "chunks", "stale-AB12CD34.js.gz"),
    new Date(2020, 0, 1),
    new Date(2020, 0, 1),
  );
  writeFileSync(join(dir, "console", "index.html"), "<!doctype html><title>Console</title>");
  writeFileSync(join(dir, "console", "assets", "app.js"), "console.log('console');");
  writeFileSync(join(dir, "console", "assets", "app.css"), "body{}");
  writeFileSync(join(dir, "console", "assets", "app.js.br"), brotliCompressSync("console.log('console');"));
  writeFileSync(join(dir, "console", ".env"), "SECRET=1");
  writeFileSync(join(dir, "outside.txt"), "outside the console folder");
  storage = createSqliteStorage({ path: join(dir, "db.sqlite") });
});
afterAll(async () => {
  await bus.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await relay?.close();
  relay = null;
});

async function start(demoPage = true): Promise<Relay> {
  relay = await createRelay({
    storage,
    bus,
    port: 0,
    assets: { widgetDir: join(dir, "widget"), consoleDir: join(dir, "console"), demoPage },
  });
  return relay;
}

/** Raw HTTP so that paths reach the relay exactly as written (fetch would normalise `..`). */
function get(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}> {
  const url = new URL(relay!.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? "GET", headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString("utf8"), bytes });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP routes", () => {
  it("answers /healthz with {ok:true}", async () => {
    await start();
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves the widget files as JavaScript for any origin, loader with a short cache", async () => {
    await start();
    for (const name of ["loader.js", "widget.js"]) {
      const res = await get(`/widget/${name}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(name === "loader.js" ? "/* loader */" : "/* widget */");
      expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
      expect(res.headers["access-control-allow-origin"]).toBe("*");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect((await get("/widget/loader.js")).headers["cache-control"]).toBe("public, max-age=300");
    // widget.js names its chunks: revalidated each time (304 when unchanged), so a relay upgrade
    // never leaves a page with a widget.js whose chunks are gone.
    const widget = await get("/widget/widget.js");
    expect(widget.headers["cache-control"]).toBe("no-cache");
    const again = await get("/widget/widget.js", {
      headers: { "if-none-match": String(widget.headers.etag) },
    });
    expect(again.status).toBe(304);
    // Only the two widget files: other files in the folder are not exposed.
    expect((await get("/widget/secret.js")).status).toBe(404);
  });

  it("serves the build's Brotli or gzip copy of a widget file to a browser that takes it", async () => {
    await start();
    const br = await get("/widget/widget.js", { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.bytes).toString()).toBe("/* widget */");
    expect(br.headers["content-length"]).toBe(String(br.bytes.length));
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const gzip = await get("/widget/widget.js", { headers: { "accept-encoding": "gzip, br;q=0" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.bytes).toString()).toBe("/* widget */");
    // Each representation has its own ETag, and revalidates as itself.
    expect(gzip.headers.etag).not.toBe(br.headers.etag);
    const again = await get("/widget/widget.js", {
      headers: { "accept-encoding": "gzip", "if-none-match": String(gzip.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.headers["content-encoding"]).toBe("gzip");
    // No Accept-Encoding, or only codings we have no copy for: the plain file.
    for (const accept of [undefined, "identity", "deflate, zstd", "*;q=0"]) {
      const plain = await get("/widget/widget.js", accept ? { headers: { "accept-encoding": accept } } : {});
      expect(plain.headers["content-encoding"], accept).toBeUndefined();
      expect(plain.body, accept).toBe("/* widget */");
      expect(plain.headers.vary).toBe("Accept-Encoding");
    }
    // Brotli wanted but only gzip there: gzip. A copy older than its file is never served.
    const chunk = await get("/widget/chunks/panel-AB12CD34.js", {
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(chunk.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(chunk.bytes).toString()).toBe("/* panel */");
    const stale = await get("/widget/chunks/stale-AB12CD34.js", { headers: { "accept-encoding": "gzip" } });
    expect(stale.headers["content-encoding"]).toBeUndefined();
    expect(stale.body).toBe("/* new build */");
    // The console's files too.
    const app = await get("/console/assets/app.js", { headers: { "accept-encoding": "br" } });
    expect(app.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(app.bytes).toString()).toBe("console.log('console');");
    expect(app.headers["content-security-policy"]).toBeDefined();
    // The copies themselves are not files of the widget route.
    expect((await get("/widget/widget.js.gz")).status).toBe(404);
    expect((await get("/widget/chunks/panel-AB12CD34.js.gz")).status).toBe(404);
  });

  it("serves widget.js's lazy chunks to any origin (they are module scripts) with a long cache", async () => {
    await start();
    const chunk = await get("/widget/chunks/conversations-AB12CD34.js");
    expect(chunk.status).toBe(200);
    expect(chunk.body).toBe("/* chunk */");
    expect(chunk.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(chunk.headers["access-control-allow-origin"]).toBe("*");
    // Named by content hash: a new build has new names, so the old ones may be kept forever.
    expect(chunk.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of [
      "/widget/chunks/notes.txt",
      "/widget/chunks/missing-AB12CD34.js",
      "/widget/chunks/../secret.js",
      "/widget/chunks/..%2fsecret.js",
      "/widget/chunks/a/b.js",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("revalidates with the ETag", async () => {
    await start();
    const first = await get("/widget/loader.js");
    const etag = String(first.headers.etag);
    const again = await get("/widget/loader.js", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
  });

  it("serves the console's index.html and assets with the console CSP", async () => {
    await start();
    for (const path of ["/console", "/console/", "/console/conversations/cnv_1"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain("<title>Console</title>");
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["content-security-policy"]).toBe(
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'",
      );
    }
    const js = await get("/console/assets/app.js");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await get("/console/assets/app.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await get("/console/assets/missing.js")).status).toBe(404);
  });

  it("refuses path traversal and dotfiles under /console", async () => {
    await start();
    for (const path of [
      "/console/../outside.txt",
      "/console/%2e%2e/outside.txt",
      "/console/..%2foutside.txt",
      "/console/assets%2f..%2f..%2foutside.txt",
      "/console/..%5coutside.txt",
      "/console/.env",
      "/console//etc/passwd",
      "/console/%00",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain("outside the console folder");
      expect(res.body).not.toContain("SECRET");
    }
  });

  it("serves the demo host page with a strict CSP and the one-line embed", async () => {
    await start();
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toBe(
      "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; style-src 'self'; img-src 'self' data:",
    );
    expect(page.body).toContain('<script async src="/widget/loader.js" data-app-id="demo"></script>');
    expect(page.body).toContain("Acme Analytics");
    // Nothing the CSP would block: no inline script, no inline style.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/<style|\sstyle=/);
    const css = await get("/demo.css");
    expect(css.status).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("answers 404 for the demo page when it is off, for unknown paths, and 405 for other methods", async () => {
    await start(false);
    expect((await get("/")).status).toBe(404);
    expect((await get("/demo.css")).status).toBe(404);
    const unknown = await get("/admin");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["x-content-type-options"]).toBe("nosniff");
    const post = await get("/healthz", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it("answers 404 for widget and console routes when their folders are not configured", async () => {
    relay = await createRelay({ storage, bus, port: 0 });
    expect((await get("/widget/loader.js")).status).toBe(404);
    expect((await get("/console")).status).toBe(404);
  });
});
