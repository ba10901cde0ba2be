import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Attachment, ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  ORIGIN,
  openSocket,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";

const OTHER_APP = "globex";
const OTHER_ORIGIN = "https://globex.test";
const LIMITS = { maxBytes: 64 * 1024, maxPerConversation: 4, maxPerUploaderPerHour: 6 };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]);
const FILES = {
  png: PNG,
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]),
  gif: Buffer.concat([Buffer.from("GIF89a"), randomBytes(100)]),
  webp: Buffer.concat([
    Buffer.from("RIFF"),
    Buffer.from([0, 1, 0, 0]),
    Buffer.from("WEBPVP8 "),
    randomBytes(50),
  ]),
  pdf: Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"),
  text: Buffer.from("Order #1234 failed at checkout.\nGrüße 🎉\n"),
};

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): { error?: { code: string; message: string } } & Partial<Attachment>;
}

let h: Harness;
let uploadsDir: string;

async function start(uploads: Record<string, number> = LIMITS): Promise<void> {
  uploadsDir = mkdtempSync(join(tmpdir(), "relaydesk-uploads-"));
  h = await startHarness({ uploadsDir, uploads });
  await h.storage.putApp({
    appId: OTHER_APP,
    name: "Globex",
    allowedOrigins: [OTHER_ORIGIN],
    createdAt: Date.now(),
  });
}

beforeEach(() => start());
afterEach(async () => {
  await h.stop();
  rmSync(uploadsDir, { recursive: true, force: true });
});

/** Raw HTTP, so the test controls every header (Origin included) and how the body is sent. */
function http(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | ((write: (chunk: Buffer) => boolean) => Promise<void>),
): Promise<Reply> {
  const url = new URL(h.relay.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const data = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: data,
          json: () => JSON.parse(data.toString("utf8")),
        });
      });
    });
    // A refused upload may be cut off while we still write; the answer came first.
    req.on("error", (error) => reject(error));
    if (typeof body === "function") {
      body((chunk) => req.write(chunk)).then(
        () => req.end(),
        () => req.destroy(),
      );
    } else req.end(body);
  });
}

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();

function upload(
  token: string | null,
  conversationId: string,
  name: string,
  body: Buffer,
  options: { appId?: string | null; origin?: string; contentType?: string } = {},
): Promise<Reply> {
  const appId = options.appId === undefined ? APP_ID : (options.appId ?? undefined);
  const headers: Record<string, string> = {
    "Content-Type": options.contentType ?? "application/octet-stream",
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.origin) headers.Origin = options.origin;
  return http("POST", `/v1/uploads?${query({ conversationId, name, appId })}`, headers, body);
}

function download(
  token: string | null,
  id: string,
  options: { appId?: string | null; origin?: string } = {},
): Promise<Reply> {
  const appId = options.appId === undefined ? APP_ID : (options.appId ?? undefined);
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.origin) headers.Origin = options.origin;
  const search = appId ? `?${query({ appId })}` : "";
  return http("GET", `/v1/uploads/${id}${search}`, headers);
}

async function visitorWithConversation() {
  const visitor = await connectVisitor(h);
  const conversationId = await startConversation(visitor);
  return { visitor, token: visitor.token, conversationId };
}

function send(socket: Awaited<ReturnType<typeof connectVisitor>>, frame: Record<string, unknown>) {
  return request(socket, {
    type: "send-message",
    clientMsgId: `m${randomBytes(6).toString("hex")}`,
    ...frame,
  });
}

const filesOnDisk = () => readdirSync(uploadsDir);

describe("uploads over HTTP", () => {
  it("round-trips every allowed type byte for byte, typed by its bytes", async () => {
    const { visitor, token, conversationId } = await visitorWithConversation();
    // Six files: three in each of two conversations, within the per-conversation quota of four.
    const second = await request(visitor, { type: "start-conversation", clientConversationId: "second" });
    const secondId = (second as Extract<ServerFrame, { type: "conversation" }>).conversation.id;
    const expected = {
      png: "image/png",
      jpeg: "image/jpeg",
      gif: "image/gif",
      webp: "image/webp",
      pdf: "application/pdf",
      text: "text/plain",
    } as const;
    for (const [i, [kind, bytes]] of (Object.entries(FILES) as [keyof typeof FILES, Buffer][]).entries()) {
      // The Content-Type the client claims is ignored.
      const posted = await upload(token, i % 2 ? secondId : conversationId, `file.${kind}`, bytes, {
        contentType: "text/html",
      });
      expect(posted.status, kind).toBe(201);
      const attachment = posted.json();
      expect(attachment).toEqual({
        id: attachment.id,
        name: `file.${kind}`,
        type: expected[kind],
        size: bytes.length,
      });
      const got = await download(token, attachment.id!);
      expect(got.status, kind).toBe(200);
      expect(got.body.equals(bytes), kind).toBe(true);
      expect(got.headers["content-type"]).toBe(
        kind === "text" ? "text/plain; charset=utf-8" : expected[kind],
      );
      expect(got.headers["content-length"]).toBe(String(bytes.length));
    }
  });

  it("serves a PNG named evil.html as an inline image/png, with every protective header", async () => {
    const { token, conversationId } = await visitorWithConversation();
    const posted = await upload(token, conversationId, "evil.html", PNG);
    expect(posted.status).toBe(201);
    expect(posted.json()).toMatchObject({ name: "evil.html", type: "image/png" });
    const got = await download(token, posted.json().id!);
    expect(got.headers).toMatchObject({
      "content-type": "image/png",
      "content-disposition": "inline; filename=\"evil.html\"; filename*=UTF-8''evil.html",
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cross-origin-resource-policy": "same-origin",
      "cache-control": "private, max-age=3600",
    });
    expect(got.headers.vary).toContain("Authorization");
  });

  it("serves text as an attachment, never inline", async () => {
    const { token, conversationId } = await visitorWithConversation();
    const posted = await upload(token, conversationId, "notes.png", FILES.text);
    expect(posted.json().type).toBe("text/plain");
    const got = await download(token, posted.json().id!);
    expect(got.headers["content-disposition"]).toBe(
      "attachment; filename=\"notes.png\"; filename*=UTF-8''notes.png",
    );
    expect(got.headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("refuses HTML named cat.png and SVG with 415, saying why, and keeps nothing", async () => {
    const { token, conversationId } = await visitorWithConversation();
    for (const [name, bytes] of [
      ["cat.png", Buffer.from("<!doctype html><script>fetch('/steal')</script>")],
      ["logo.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ["logo.png", Buffer.from('<?xml version="1.0"?>\n<svg onload="alert(1)"/>')],
    ] as const) {
      const refused = await upload(token, conversationId, name, bytes, { contentType: "image/png" });
      expect(refused.status, name).toBe(415);
      expect(refused.json().error).toEqual({
        code: "upload-type-not-allowed",
        message: expect.stringMatching(/HTML, SVG or XML/),
      });
    }
    const zip = await upload(
      token,
      conversationId,
      "report.pdf",
      Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]),
    );
    expect(zip.status).toBe(415);
    expect(filesOnDisk()).toEqual([]);
  });

  it("keeps hostile names only as sanitised display names, safely encoded in the header", async () => {
    const { token, conversationId } = await visitorWithConversation();
    const hostile = '../"quoted"\r\nSet-Cookie: a=b; \u202Egnp.exe';
    const posted = await upload(token, conversationId, hostile, PNG);
    const { id, name } = posted.json();
    expect(name).toBe('.._"quoted"Set-Cookie: a=b; gnp.exe');
    expect(filesOnDisk()).toEqual([id]);
    const got = await download(token, id!);
    expect(got.headers["set-cookie"]).toBeUndefined();
    const disposition = String(got.headers["content-disposition"]);
    expect(disposition).toBe(
      "inline; filename=\"..__quoted_Set-Cookie: a=b; gnp.exe\"; filename*=UTF-8''.._%22quoted%22Set-Cookie%3A%20a%3Db%3B%20gnp.exe",
    );
  });

  it("gives each upload its own unguessable id (upl_ + 128 bits)", async () => {
    const { token, conversationId } = await visitorWithConversation();
    const ids = new Set<string>();
    for (let i = 0; i < 4; i++) ids.add((await upload(token, conversationId, "a.png", PNG)).json().id!);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^upl_[A-Za-z0-9_-]{22}$/);
  });

  describe("size limit", () => {
    it("refuses a declared Content-Length over the limit before reading the body", async () => {
      const { token, conversationId } = await visitorWithConversation();
      const refused = await upload(
        token,
        conversationId,
        "big.png",
        Buffer.concat([PNG, Buffer.alloc(LIMITS.maxBytes)]),
      );
      expect(refused.status).toBe(413);
      expect(refused.json().error?.code).toBe("upload-too-large");
      expect(filesOnDisk()).toEqual([]);
    });

    it("cuts a chunked upload off at limit + 1 bytes mid-stream and leaves no partial file", async () => {
      const { token, conversationId } = await visitorWithConversation();
      let written = 0;
      let answered = false;
      const reply = http(
        "POST",
        `/v1/uploads?${query({ conversationId, name: "stream.png", appId: APP_ID })}`,
        { Authorization: `Bearer ${token}`, "Transfer-Encoding": "chunked" },
        async (write) => {
          write(PNG);
          written = PNG.length;
          // Keep sending well past the limit, in small steps, until the relay answers.
          while (!answered && written < LIMITS.maxBytes * 20) {
            const chunk = randomBytes(4096);
            write(chunk);
            written += chunk.length;
            await delay(1);
          }
        },
      ).then((r) => {
        answered = true;
        return r;
      });
      const refused = await reply;
      expect(refused.status).toBe(413);
      expect(refused.json().error).toEqual({
        code: "upload-too-large",
        message: `the file is larger than the limit of ${LIMITS.maxBytes} bytes`,
      });
      // Answered mid-stream: long before the client would have finished.
      expect(written).toBeLessThan(LIMITS.maxBytes * 20);
      await delay(50);
      expect(filesOnDisk()).toEqual([]);
    });

    it("keeps a file of exactly the limit", async () => {
      const { token, conversationId } = await visitorWithConversation();
      const exact = Buffer.concat([PNG, randomBytes(LIMITS.maxBytes - PNG.length)]);
      const posted = await upload(token, conversationId, "exact.png", exact);
      expect(posted.status).toBe(201);
      expect((await download(token, posted.json().id!)).body.equals(exact)).toBe(true);
    });
  });

  describe("counts", () => {
    it("refuses uploads past the conversation's quota with 413 upload-quota-exceeded", async () => {
      const { token, conversationId } = await visitorWithConversation();
      for (let i = 0; i < LIMITS.maxPerConversation; i++) {
        expect((await upload(token, conversationId, "a.png", PNG)).status).toBe(201);
      }
      const refused = await upload(token, conversationId, "a.png", PNG);
      expect(refused.status).toBe(413);
      expect(refused.json().error?.code).toBe("upload-quota-exceeded");
    });

    it("refuses an uploader's uploads past the hourly limit with 429, across conversations", async () => {
      const { visitor, token, conversationId } = await visitorWithConversation();
      const second = await request(visitor, { type: "start-conversation", clientConversationId: "second" });
      const secondId = (second as Extract<ServerFrame, { type: "conversation" }>).conversation.id;
      for (let i = 0; i < LIMITS.maxPerUploaderPerHour; i++) {
        const target = i < 3 ? conversationId : secondId;
        expect((await upload(token, target, "a.png", PNG)).status).toBe(201);
      }
      const refused = await upload(token, secondId, "a.png", PNG);
      expect(refused.status).toBe(429);
      expect(refused.json().error?.code).toBe("upload-rate-limited");
      // Someone else is not affected.
      const other = await visitorWithConversation();
      expect((await upload(other.token, other.conversationId, "a.png", PNG)).status).toBe(201);
    });
  });

  describe("who may upload and download", () => {
    it("answers 404 to another visitor, another app's visitor and no token; 200 to the owner", async () => {
      const owner = await visitorWithConversation();
      const posted = await upload(owner.token, owner.conversationId, "a.png", PNG);
      const { id } = posted.json();
      await send(owner.visitor, { conversationId: owner.conversationId, body: "", attachments: [id] });

      const sameApp = await connectVisitor(h);
      const otherApp = await openSocket(`${h.wsUrl}?appId=${OTHER_APP}`, { origin: OTHER_ORIGIN });
      otherApp.send({ type: "hello", protocol: 1, role: "visitor", appId: OTHER_APP });
      const otherToken = (await otherApp.next("welcome")).visitorToken!;

      const refusals = [
        await download(sameApp.token, id!),
        await download(otherToken, id!, { appId: OTHER_APP }),
        // The owner's token presented for another app finds no visitor there.
        await download(owner.token, id!, { appId: OTHER_APP }),
        await download(null, id!),
        await download(null, id!, { appId: null }),
        await download(owner.token, "upl_AAAAAAAAAAAAAAAAAAAAAA"),
        await download(owner.token, "..%2F..%2Fetc%2Fpasswd"),
      ];
      for (const refused of refusals) {
        expect(refused.status).toBe(404);
        expect(refused.json().error?.code).toBe("not-found");
        expect(refused.body.includes(PNG)).toBe(false);
      }
      // One answer for all of them: nothing tells "exists" from "not yours".
      expect(new Set(refusals.slice(0, 6).map((r) => r.body.toString())).size).toBe(1);
      expect((await download(owner.token, id!)).status).toBe(200);
    });

    it("answers 404 to an upload into a conversation that is not the caller's", async () => {
      const owner = await visitorWithConversation();
      const sameApp = await connectVisitor(h);
      const otherApp = await openSocket(`${h.wsUrl}?appId=${OTHER_APP}`, { origin: OTHER_ORIGIN });
      otherApp.send({ type: "hello", protocol: 1, role: "visitor", appId: OTHER_APP });
      const otherToken = (await otherApp.next("welcome")).visitorToken!;
      for (const refused of [
        await upload(sameApp.token, owner.conversationId, "a.png", PNG),
        await upload(otherToken, owner.conversationId, "a.png", PNG, { appId: OTHER_APP }),
        await upload(null, owner.conversationId, "a.png", PNG),
        await upload("rda_not-a-real-token", owner.conversationId, "a.png", PNG, { appId: null }),
        await upload(owner.token, "cnv_nope", "a.png", PNG),
      ]) {
        expect(refused.status).toBe(404);
        expect(refused.json().error?.code).toBe("not-found");
      }
      expect(filesOnDisk()).toEqual([]);
    });

    it("lets an agent upload with its token and see a visitor's file once it is sent, not before", async () => {
      const agent = await h.addAgent("Ada");
      const owner = await visitorWithConversation();
      const { id } = (await upload(owner.token, owner.conversationId, "a.png", PNG)).json();
      expect((await download(agent.token, id!, { appId: null })).status).toBe(404);
      await send(owner.visitor, { conversationId: owner.conversationId, body: "see", attachments: [id] });
      const got = await download(agent.token, id!, { appId: null });
      expect(got.status).toBe(200);
      expect(got.body.equals(PNG)).toBe(true);
      // Agents call same-origin from the console: never any CORS headers for them.
      expect(got.headers["access-control-allow-origin"]).toBeUndefined();

      const byAgent = await upload(agent.token, owner.conversationId, "reply.pdf", FILES.pdf, {
        appId: null,
      });
      expect(byAgent.status).toBe(201);
      expect(byAgent.json().type).toBe("application/pdf");
    });

    it("refuses uploads to a closed conversation with 409", async () => {
      const agent = await h.addAgent("Ada");
      const owner = await visitorWithConversation();
      const console = await connectAgent(h, agent.token);
      await request(console, { type: "close-conversation", conversationId: owner.conversationId });
      const refused = await upload(owner.token, owner.conversationId, "a.png", PNG);
      expect(refused.status).toBe(409);
      expect(refused.json().error?.code).toBe("conversation-closed");
    });
  });

  describe("CORS", () => {
    it("answers a preflight from an allowed origin with exactly what the widget needs", async () => {
      const preflight = await http("OPTIONS", `/v1/uploads?appId=${APP_ID}&conversationId=cnv_x&name=a`, {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers).toMatchObject({
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "Authorization, Content-Type",
        vary: "Origin",
      });
      expect(preflight.headers["access-control-allow-credentials"]).toBeUndefined();
      const forGet = await http("OPTIONS", `/v1/uploads/upl_x?appId=${APP_ID}`, {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "GET",
      });
      expect(forGet.headers["access-control-allow-methods"]).toBe("GET");
    });

    it("gives a disallowed origin no CORS headers, and refuses its visitor requests with 403", async () => {
      for (const origin of ["https://evil.test", OTHER_ORIGIN, "http://app.acme.test:3001", "null"]) {
        const preflight = await http("OPTIONS", `/v1/uploads?appId=${APP_ID}`, {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
        });
        expect(preflight.headers["access-control-allow-origin"], origin).toBeUndefined();
        expect(preflight.headers["access-control-allow-methods"], origin).toBeUndefined();
      }
      const { token, conversationId } = await visitorWithConversation();
      const refused = await upload(token, conversationId, "a.png", PNG, { origin: "https://evil.test" });
      expect(refused.status).toBe(403);
      expect(refused.json().error?.code).toBe("origin-not-allowed");
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
      expect(filesOnDisk()).toEqual([]);
    });

    it("echoes an allowed origin on the actual responses, errors included, never *", async () => {
      const { token, conversationId } = await visitorWithConversation();
      const posted = await upload(token, conversationId, "a.png", PNG, { origin: ORIGIN });
      expect(posted.status).toBe(201);
      expect(posted.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(posted.headers.vary).toContain("Origin");
      const got = await download(token, posted.json().id!, { origin: ORIGIN });
      expect(got.headers["access-control-allow-origin"]).toBe(ORIGIN);
      const refused = await upload(token, conversationId, "x.svg", Buffer.from("<svg/>"), { origin: ORIGIN });
      expect(refused.status).toBe(415);
      expect(refused.headers["access-control-allow-origin"]).toBe(ORIGIN);
    });
  });

  describe("attachments on messages", () => {
    it("sends files with a message (body may be empty); everyone sees them, live and in history", async () => {
      const agent = await h.addAgent("Ada");
      const console = await connectAgent(h, agent.token);
      const { visitor, token, conversationId } = await visitorWithConversation();
      const a = (await upload(token, conversationId, "screen.png", PNG)).json();
      const b = (await upload(token, conversationId, "log.txt", FILES.text)).json();
      const clientMsgId = "m-with-files";
      const ack = await send(visitor, { conversationId, clientMsgId, body: "", attachments: [a.id, b.id] });
      expect(ack).toMatchObject({ type: "ack", duplicate: false });
      const attachments = [a, b];
      const live = await console.next("message-created", (f) => f.message.clientMsgId === clientMsgId);
      expect(live.message.attachments).toEqual(attachments);
      expect(live.message.body).toBe("");
      const history = await request(console, { type: "get-history", conversationId });
      expect(history.type === "history" && history.messages.at(-1)?.attachments).toEqual(attachments);

      // A retry of the same send is the original ack, not a refusal of already-attached files.
      const retry = await send(visitor, { conversationId, clientMsgId, body: "", attachments: [a.id, b.id] });
      expect(retry).toMatchObject({
        type: "ack",
        duplicate: true,
        messageId: (ack as { messageId: string }).messageId,
      });
      // A new message cannot take them again.
      const again = await send(visitor, { conversationId, body: "again", attachments: [a.id] });
      expect(again).toMatchObject({ type: "error", code: "invalid-attachment" });
    });

    it("refuses another conversation's, another sender's and unknown uploads with invalid-attachment", async () => {
      const { visitor, token, conversationId } = await visitorWithConversation();
      const second = await request(visitor, { type: "start-conversation", clientConversationId: "k2" });
      const secondId = (second as Extract<ServerFrame, { type: "conversation" }>).conversation.id;
      const elsewhere = (await upload(token, secondId, "a.png", PNG)).json();
      const stranger = await visitorWithConversation();
      const theirs = (await upload(stranger.token, stranger.conversationId, "b.png", PNG)).json();
      for (const id of [elsewhere.id, theirs.id, "upl_AAAAAAAAAAAAAAAAAAAAAA"]) {
        const refused = await send(visitor, { conversationId, body: "x", attachments: [id] });
        expect(refused, id).toMatchObject({ type: "error", code: "invalid-attachment", retry: false });
      }
      const history = await request(visitor, { type: "get-history", conversationId });
      expect(history.type === "history" && history.messages).toEqual([]);
    });

    it("still refuses an empty body without attachments, and more than 10 attachments", async () => {
      const { visitor, conversationId } = await visitorWithConversation();
      expect(await send(visitor, { conversationId, body: "" })).toMatchObject({
        type: "error",
        code: "bad-frame",
        message: "body: body must not be empty",
      });
      const ids = Array.from({ length: 11 }, (_, i) => `upl_${i}`);
      expect(await send(visitor, { conversationId, body: "x", attachments: ids })).toMatchObject({
        type: "error",
        code: "bad-frame",
      });
    });
  });
});

describe("upload retention", () => {
  it("deletes unattached uploads past their time, row and file, and keeps sent ones", async () => {
    await h.stop();
    rmSync(uploadsDir, { recursive: true, force: true });
    uploadsDir = mkdtempSync(join(tmpdir(), "relaydesk-uploads-"));
    h = await startHarness({ uploadsDir, uploads: { ...LIMITS, unattachedTtlMs: 200 }, pruneIntervalMs: 50 });
    const { visitor, token, conversationId } = await visitorWithConversation();
    const kept = (await upload(token, conversationId, "kept.png", PNG)).json();
    const loose = (await upload(token, conversationId, "loose.png", PNG)).json();
    await send(visitor, { conversationId, body: "", attachments: [kept.id] });
    const deadline = Date.now() + 5_000;
    while (filesOnDisk().includes(loose.id!) && Date.now() < deadline) await delay(25);
    expect(filesOnDisk()).toEqual([kept.id]);
    expect(await h.storage.getUpload(loose.id!)).toBeNull();
    expect((await download(token, loose.id!)).status).toBe(404);
    expect((await download(token, kept.id!)).status).toBe(200);
  });
});
