import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { hashToken } from "../auth/tokens.ts";
import { verifyWebhook } from "../webhooks/sign-webhook.ts";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const urlIn = (text: string) => /listening on (http:\/\/\S+)/.exec(text)?.[1];
const tokenIn = (text: string) => /agent token\s+(rda_\S+)/.exec(text)?.[1];

describe("relaydesk start (in process)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-start-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Start the relay through `main`, wait until it listens, and hand back what it printed. */
  async function startRelay(argv: string[], env: Record<string, string> = {}) {
    const controller = new AbortController();
    const run = captureIo(env, controller.signal);
    const exit = main(["start", "--data", dir, ...argv], run.io);
    const url = await until(() => urlIn(run.out()), "the relay URL");
    return {
      url,
      run,
      stop: async () => {
        controller.abort();
        return exit;
      },
    };
  }

  it("--demo serves the demo page and prints the page, the console and a working agent token", async () => {
    const relay = await startRelay(["--port", "0", "--host", "127.0.0.1", "--demo"]);
    const port = new URL(relay.url).port;
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    const page = await fetch(`${relay.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const out = relay.run.out();
    expect(out).toContain(`http://localhost:${port}/\n`);
    expect(out).toContain(`http://localhost:${port}/console\n`);
    const token = tokenIn(out);
    expect(token).toBeDefined();
    expect(await relay.stop()).toBe(0);
    expect(relay.run.out()).toContain("Stopped.");
    // Storage was closed cleanly, so another process can open the file and sees the demo data.
    const storage = openDataStorage(dir);
    expect(await storage.getApp("demo")).toMatchObject({
      name: "Relaydesk demo",
      allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    });
    expect(await storage.findAgentByTokenHash(hashToken(token!))).toMatchObject({ name: "Demo Agent" });
    await storage.close();
  });

  it("--demo again keeps one demo agent and replaces its token", async () => {
    const first = await startRelay(["--port", "0", "--demo"]);
    await first.stop();
    const second = await startRelay(["--port", "0", "--demo"]);
    await second.stop();
    const [oldToken, newToken] = [tokenIn(first.run.out())!, tokenIn(second.run.out())!];
    expect(newToken).not.toBe(oldToken);
    const storage = openDataStorage(dir);
    expect((await storage.listAgents()).filter((a) => a.name === "Demo Agent")).toHaveLength(1);
    expect(await storage.findAgentByTokenHash(hashToken(oldToken))).toBeNull();
    expect(await storage.findAgentByTokenHash(hashToken(newToken))).toMatchObject({ name: "Demo Agent" });
    await storage.close();
  });

  it("without --demo serves no demo page, creates no demo data and prints no token", async () => {
    const relay = await startRelay(["--port", "0"]);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${relay.url}/`)).status).toBe(404);
    expect(await relay.stop()).toBe(0);
    expect(relay.run.out()).not.toContain("rda_");
    const storage = openDataStorage(dir);
    expect(await storage.listApps()).toEqual([]);
    expect(await storage.listAgents()).toEqual([]);
    await storage.close();
  });

  it("says how long messages are kept: forever by default, else --retention-days or its variable", async () => {
    const forever = await startRelay(["--port", "0"]);
    expect(await forever.stop()).toBe(0);
    expect(forever.run.out()).toContain("Retention: messages are kept forever\n");
    const fromEnv = await startRelay(["--port", "0"], { RELAYDESK_RETENTION_DAYS: "30" });
    expect(await fromEnv.stop()).toBe(0);
    expect(fromEnv.run.out()).toContain("Retention: messages older than 30 days are deleted\n");
    const flagWins = await startRelay(["--port", "0", "--retention-days", "7"], {
      RELAYDESK_RETENTION_DAYS: "nope",
    });
    expect(await flagWins.stop()).toBe(0);
    expect(flagWins.run.out()).toContain("Retention: messages older than 7 days are deleted\n");
  });

  it("lets agent sockets in from --public-url's and --console-origin's origins, and bots without one", async () => {
    const storage = openDataStorage(dir);
    await storage.putApp({ appId: "acme", name: "Acme", allowedOrigins: [], createdAt: 1 });
    await storage.createAgent({
      id: "agt_1",
      name: "Ada",
      tokenHash: hashToken("rda_ada"),
      role: "agent",
      appIds: ["acme"],
      createdAt: 1,
    });
    await storage.close();
    const relay = await startRelay(
      [
        "--port",
        "0",
        "--public-url",
        "https://support.example.com/",
        "--console-origin",
        "https://console.example.com",
      ],
      { RELAYDESK_CONSOLE_ORIGINS: "https://ignored.example" },
    );
    const wsUrl = `${relay.url.replace(/^http/, "ws")}/v1/ws`;
    const outcome = (origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl, origin ? { origin } : {});
        ws.on("open", () =>
          ws.send(JSON.stringify({ type: "hello", protocol: 1, role: "agent", agentToken: "rda_ada" })),
        );
        ws.on("message", (data) => {
          resolve(String(JSON.parse(String(data)).type));
          ws.close();
        });
        ws.on("close", (code) => resolve(String(code)));
      });
    try {
      expect(await outcome("https://support.example.com")).toBe("welcome");
      expect(await outcome("https://console.example.com")).toBe("welcome");
      expect(await outcome(undefined)).toBe("welcome");
      // The public URL replaces the Host the relay sees: its own http://127.0.0.1:<port> is not it.
      expect(await outcome(relay.url)).toBe("4004");
      expect(await outcome("https://ignored.example")).toBe("4004");
    } finally {
      expect(await relay.stop()).toBe(0);
    }
  });

  it("applies --limit and --trust-proxy (and their variables) to the relay it runs", async () => {
    const relay = await startRelay(
      ["--port", "0", "--limit", "connectionsPerIp=1", "--trust-proxy", "127.0.0.1"],
      {
        RELAYDESK_LIMITS: "connectionsPerIp=50",
      },
    );
    expect(relay.run.out()).toContain("Client addresses: X-Forwarded-For from trusted proxies 127.0.0.1\n");
    const wsUrl = `${relay.url.replace(/^http/, "ws")}/v1/ws`;
    /** Resolves once open, with how the relay then ended it ("open" if it kept it 300 ms). */
    const open = (forwardedFor: string) =>
      new Promise<{ ws: WebSocket; fate: Promise<number | "open"> }>((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { headers: { "X-Forwarded-For": forwardedFor } });
        const fate = new Promise<number | "open">((settle) => {
          ws.once("close", (code) => settle(code));
          ws.once("open", () => setTimeout(() => settle("open"), 300));
        });
        ws.once("open", () => resolve({ ws, fate }));
        ws.once("error", reject);
      });
    const first = await open("198.51.100.1");
    const second = await open("198.51.100.1");
    const elsewhere = await open("198.51.100.2");
    expect(await second.fate).toBe(4011);
    expect([await first.fate, await elsewhere.fate]).toEqual(["open", "open"]);
    first.ws.terminate();
    elsewhere.ws.terminate();
    expect(await relay.stop()).toBe(0);

    const fromEnv = await startRelay(["--port", "0"], { RELAYDESK_TRUST_PROXY: "10.0.0.0/8 ::1" });
    expect(fromEnv.run.out()).toContain("from trusted proxies 10.0.0.0/8, ::1\n");
    expect(await fromEnv.stop()).toBe(0);
  });

  it("reads RELAYDESK_PORT and RELAYDESK_HOST, and flags win over them", async () => {
    const fromEnv = await startRelay([], { RELAYDESK_PORT: "0", RELAYDESK_HOST: "127.0.0.1" });
    expect(fromEnv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await fromEnv.stop();
    // An unusable environment value does not matter when the flag is given.
    const flagWins = await startRelay(["--port", "0", "--host", "127.0.0.1"], {
      RELAYDESK_PORT: "nope",
      RELAYDESK_HOST: "  ",
    });
    expect(await flagWins.stop()).toBe(0);
  });

  it.each([
    [["--port", "abc"], {}, '--port "abc": a port is an integer from 0 to 65535'],
    [["--port", "65536"], {}, '--port "65536"'],
    [["--port", "-1"], {}, "--port"],
    [["--port", "1.5"], {}, '--port "1.5"'],
    [["--port"], {}, "option '--port <value>' argument missing"],
    [["--host", ""], {}, '--host ""'],
    [[], { RELAYDESK_PORT: "http" }, 'RELAYDESK_PORT "http"'],
    [["--demo=yes"], {}, "option '--demo' does not take an argument"],
    [["now"], {}, 'start takes no arguments, got "now"'],
    [
      ["--retention-days", "0"],
      {},
      '--retention-days "0": retention is a whole number of days from 1 to 36500',
    ],
    [["--retention-days", "1.5"], {}, '--retention-days "1.5"'],
    [["--retention-days", "forever"], {}, '--retention-days "forever"'],
    [["--retention-days", "36501"], {}, '--retention-days "36501"'],
    [[], { RELAYDESK_RETENTION_DAYS: "-3" }, 'RELAYDESK_RETENTION_DAYS "-3"'],
    [["--public-url", "support.example.com"], {}, '--public-url "support.example.com": give the http(s) URL'],
    [["--public-url", "ftp://support.example.com"], {}, '--public-url "ftp://support.example.com"'],
    [[], { RELAYDESK_PUBLIC_URL: "https://u:p@x.example" }, 'RELAYDESK_PUBLIC_URL "https://u:p@x.example"'],
    [
      ["--console-origin", "https://c.example/console"],
      {},
      '--console-origin "https://c.example/console": an origin has no path',
    ],
    [["--console-origin", "https://*.example"], {}, "`*` is allowed only as the port"],
    [
      [],
      { RELAYDESK_CONSOLE_ORIGINS: "https://ok.example, nope" },
      'RELAYDESK_CONSOLE_ORIGINS "nope": not a URL',
    ],
    [["--trust-proxy", "proxy.local"], {}, '--trust-proxy "proxy.local": not an IP address or CIDR range'],
    [["--trust-proxy", "127.0.0.1, 10.0.0.0/33"], {}, '--trust-proxy "10.0.0.0/33": the prefix length'],
    [["--trust-proxy", " , "], {}, '--trust-proxy " , ": give at least one address'],
    [[], { RELAYDESK_TRUST_PROXY: "::1,nope" }, 'RELAYDESK_TRUST_PROXY "nope"'],
    [["--limit", "messagesPerVisitor=0"], {}, '--limit "messagesPerVisitor=0": the count must be from 1'],
    [
      ["--limit", "messagesPerMinute=5"],
      {},
      '--limit "messagesPerMinute=5": no such limit; known: framesPerConnection',
    ],
    [
      ["--limit", "connectionsPerIp=5/1s"],
      {},
      '--limit "connectionsPerIp=5/1s": connectionsPerIp is a number',
    ],
    [["--limit", "messagesPerVisitor=5/1d"], {}, '--limit "messagesPerVisitor=5/1d": write <name>=<count>'],
    [["--limit", "messagesPerVisitor=5/0s"], {}, '--limit "messagesPerVisitor=5/0s": the window must be'],
    [
      [],
      { RELAYDESK_LIMITS: "connectionsPerIp=9,messagesPerVisitor=x" },
      'RELAYDESK_LIMITS "messagesPerVisitor=x"',
    ],
    [
      ["--webhook-url", "https://h.example/x"],
      {},
      "--webhook-url needs a signing secret: give --webhook-secret",
    ],
    [
      [],
      { RELAYDESK_WEBHOOK_SECRET: "0123456789abcdef" },
      "RELAYDESK_WEBHOOK_SECRET is set but no --webhook-url",
    ],
    [
      ["--webhook-url", "ftp://h.example/x?token=t0ps3cret", "--webhook-secret", "0123456789abcdef"],
      {},
      "--webhook-url: give the http(s) URL of your endpoint",
    ],
    [
      ["--webhook-url", "https://h.example/x", "--webhook-secret", "short"],
      {},
      "--webhook-secret: a webhook needs a signing secret of 16 to 256 characters",
    ],
    [
      [],
      { RELAYDESK_WEBHOOK_URL: "hooks.example", RELAYDESK_WEBHOOK_SECRET: "0123456789abcdef" },
      "RELAYDESK_WEBHOOK_URL: give the http(s) URL",
    ],
    [
      ["--default-capacity", "0"],
      {},
      '--default-capacity "0": a capacity is a whole number of conversations from 1 to 10000',
    ],
    [[], { RELAYDESK_DEFAULT_CAPACITY: "lots" }, 'RELAYDESK_DEFAULT_CAPACITY "lots"'],
    [
      ["--offer-timeout", "30"],
      {},
      '--offer-timeout "30": use a duration like 500ms, 30s, 5m, 24h or 7d, from 1s to 1h',
    ],
    [["--offer-timeout", "2h"], {}, '--offer-timeout "2h"'],
    [
      ["--disconnect-grace", "2d"],
      {},
      '--disconnect-grace "2d": use a duration like 500ms, 30s, 5m, 24h or 7d, at most 1d',
    ],
    [["--away-after", "never"], {}, '--away-after "never": use a duration'],
    [
      ["--signal-interval", "2m"],
      {},
      '--signal-interval "2m": use a duration like 500ms, 30s, 5m, 24h or 7d, at most 1m',
    ],
    [[], { RELAYDESK_SLA_SWEEP: "1.5s" }, 'RELAYDESK_SLA_SWEEP "1.5s"'],
  ])("rejects %j %j with exit code 2, naming the flag", async (argv, env, message) => {
    const run = captureIo(env);
    expect(await main(["start", "--data", dir, ...argv], run.io)).toBe(2);
    expect(run.err()).toContain(message);
    expect(run.err()).toContain("Usage: relaydesk start");
    expect(run.out()).toBe("");
  });

  it("applies the routing flags and sends signed webhooks to --webhook-url", async () => {
    const received: { body: string; signature: string }[] = [];
    const receiver = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["relaydesk-signature"]) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    const storage = openDataStorage(dir);
    await storage.putApp({ appId: "acme", name: "Acme", allowedOrigins: ["http://app.test"], createdAt: 1 });
    await storage.createAgent({
      id: "agt_1",
      name: "Ada",
      tokenHash: hashToken("rda_ada"),
      role: "agent",
      appIds: ["acme"],
      createdAt: 1,
    });
    await storage.close();
    const relay = await startRelay(["--port", "0", "--offer-timeout", "7s", "--webhook-url", hookUrl], {
      RELAYDESK_WEBHOOK_SECRET: "0123456789abcdef-secret",
      RELAYDESK_OFFER_TIMEOUT: "1h",
    });
    const wsUrl = `${relay.url.replace(/^http/, "ws")}/v1/ws`;
    const socket = (url: string, hello: object, origin?: string) => {
      const ws = new WebSocket(url, origin ? { origin } : {});
      const frames: { type: string; [key: string]: unknown }[] = [];
      ws.on("message", (data) => frames.push(JSON.parse(String(data))));
      ws.on("open", () => ws.send(JSON.stringify({ protocol: 1, type: "hello", ...hello })));
      return { ws, frames };
    };
    try {
      const agent = socket(wsUrl, { role: "agent", agentToken: "rda_ada" });
      await until(() => agent.frames.find((f) => f.type === "sync-complete"), "the agent's sync");
      const visitor = socket(`${wsUrl}?appId=acme`, { role: "visitor", appId: "acme" }, "http://app.test");
      await until(() => visitor.frames.find((f) => f.type === "sync-complete"), "the visitor's sync");
      visitor.ws.send(JSON.stringify({ type: "start-conversation", id: "r1" }));
      const offer = await until(() => agent.frames.find((f) => f.type === "offer"), "an offer");
      // The flag wins over the variable: 7 s to accept, not an hour (nor the default 30 s).
      expect((offer.expiresAt as number) - Date.now()).toBeGreaterThan(5_000);
      expect((offer.expiresAt as number) - Date.now()).toBeLessThanOrEqual(7_000);
      const hook = await until(() => received[0], "the webhook");
      expect(JSON.parse(hook.body)).toMatchObject({ type: "conversation.created", data: { appId: "acme" } });
      expect(verifyWebhook("0123456789abcdef-secret", hook.signature, hook.body)).toBe(true);
      agent.ws.terminate();
      visitor.ws.terminate();
    } finally {
      expect(await relay.stop()).toBe(0);
      receiver.close();
    }
  });

  it("never prints a webhook secret or the URL's query, in errors or at start", async () => {
    const bad = captureIo({});
    const argv = ["--webhook-url", "mailto:x?token=t0ps3cret", "--webhook-secret", "s3cr3t-s3cr3t-s3cr3t"];
    expect(await main(["start", "--data", dir, ...argv], bad.io)).toBe(2);
    expect(bad.err()).not.toMatch(/t0ps3cret|s3cr3t-s3cr3t/);
    const relay = await startRelay(["--port", "0"], {
      RELAYDESK_WEBHOOK_URL: "http://127.0.0.1:9/hooks?token=t0ps3cret",
      RELAYDESK_WEBHOOK_SECRET: "s3cr3t-s3cr3t-s3cr3t",
    });
    expect(relay.run.out()).toContain("Webhooks: events are POSTed to http://127.0.0.1:9/hooks, signed");
    expect(await relay.stop()).toBe(0);
    expect(relay.run.out() + relay.run.err()).not.toMatch(/t0ps3cret|s3cr3t-s3cr3t/);
  });

  it("exits 1 with a clear message when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    const run = captureIo({}, new AbortController().signal);
    try {
      expect(await main(["start", "--data", dir, "--port", String(port)], run.io)).toBe(1);
      expect(run.err()).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      blocker.close();
    }
    // The database was closed again, so it can be opened and written right away.
    const storage = openDataStorage(dir);
    await storage.putApp({ appId: "after", name: "After", allowedOrigins: [], createdAt: 1 });
    await storage.close();
  });
});

describe("relaydesk as a process", () => {
  let dir: string;
  let child: ChildProcess | undefined;
  // The real bin file next to a bundle of its own, laid out as in the package (bin/, dist/), so
  // that this test never overwrites the dist/cli.js that `npm start` or another test may be running.
  const bundleDir = join(PACKAGE_DIR, "dist", `test-${process.pid}`);
  const bin = join(bundleDir, "bin", "relaydesk.js");
  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ["build.mjs", join(bundleDir, "dist", "cli.js")], {
      cwd: PACKAGE_DIR,
    });
    await mkdir(dirname(bin), { recursive: true });
    await copyFile(join(PACKAGE_DIR, "bin", "relaydesk.js"), bin);
  });
  afterAll(async () => {
    await rm(bundleDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-process-"));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    child = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  function launch(args: string[]) {
    child = spawn(process.execPath, args, { cwd: PACKAGE_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));
    return { child, exited, out: () => out, err: () => err };
  }

  it("exits 2 on --port abc and names --port (source run with tsx)", async () => {
    const run = launch(["--import", "tsx", "src/cli/main.ts", "start", "--port", "abc", "--data", dir]);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('relaydesk: --port "abc"');
    expect(run.err()).toContain("Usage: relaydesk start");
  });

  it.each([
    ["SIGTERM", "bundled bin", [bin]],
    ["SIGINT", "source with tsx", ["--import", "tsx", "src/cli/main.ts"]],
  ] as const)("serves until %s, then closes and exits 0 (%s)", async (signal, _label, program) => {
    const run = launch([...program, "start", "--port", "0", "--data", dir, "--demo"]);
    const url = await until(() => urlIn(run.out()), `the relay URL (stderr: ${run.err()})`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain("Stopped.");
    const storage = openDataStorage(dir);
    expect(await storage.findAgentByTokenHash(hashToken(tokenIn(run.out())!))).toMatchObject({
      name: "Demo Agent",
    });
    await storage.close();
  });

  it("prints the version from the bundled bin", async () => {
    const run = launch([bin, "--version"]);
    expect(await run.exited).toBe(0);
    expect(run.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
