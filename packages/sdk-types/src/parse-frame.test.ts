import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closeCodeInfo } from "./close-codes.ts";
import { CODES } from "./codes.ts";
import type { Message } from "./frames/common.ts";
import { LIMITS } from "./limits.ts";
import { parseHello, parseRequest, parseServerFrame } from "./parse-frame.ts";

const j = (value: unknown) => JSON.stringify(value);

const message: Message = {
  id: "msg_1",
  conversationId: "cnv_1",
  seq: 1,
  author: { kind: "visitor", id: "vis_1" },
  kind: "text",
  body: "hi",
  clientMsgId: "c1",
  createdAt: 1_700_000_000_000,
};
const conversation = {
  id: "cnv_1",
  appId: "demo",
  visitorId: "vis_1",
  status: "assigned",
  assignee: { id: "agt_1", name: "Ana" },
  lastSeq: 1,
  createdAt: 1,
  updatedAt: 2,
  attributes: { pageUrl: "https://x.test/" },
};

describe("parseHello", () => {
  it("accepts a visitor hello with and without token and resume", () => {
    expect(parseHello(j({ type: "hello", protocol: 1, role: "visitor", appId: "demo" })).ok).toBe(true);
    const full = parseHello(
      j({
        type: "hello",
        protocol: 1,
        role: "visitor",
        appId: "demo",
        visitorToken: "rdv_abc",
        resume: { cnv_1: 4 },
        page: { url: "https://a.test/x", title: "X" },
      }),
    );
    expect(full).toMatchObject({ ok: true, frame: { role: "visitor", resume: { cnv_1: 4 } } });
  });

  it("accepts an agent hello", () => {
    const r = parseHello(j({ type: "hello", protocol: 1, role: "agent", agentToken: "rda_x" }));
    expect(r).toMatchObject({ ok: true, frame: { role: "agent", agentToken: "rda_x" } });
  });

  it.each([
    ["not JSON", "{hello"],
    ["another type", j({ type: "ping" })],
    ["an unknown role", j({ type: "hello", protocol: 1, role: "admin", appId: "demo" })],
    ["an agent without token", j({ type: "hello", protocol: 1, role: "agent" })],
    ["a visitor without app id", j({ type: "hello", protocol: 1, role: "visitor" })],
    ["protocol 2", j({ type: "hello", protocol: 2, role: "visitor", appId: "demo" })],
    [
      "a negative resume seq",
      j({ type: "hello", protocol: 1, role: "visitor", appId: "d", resume: { c: -1 } }),
    ],
    ["an app id with spaces", j({ type: "hello", protocol: 1, role: "visitor", appId: "a b" })],
  ])("rejects %s as bad-frame", (_name, text) => {
    expect(parseHello(text)).toMatchObject({ ok: false, code: "bad-frame" });
  });
});

describe("parseRequest", () => {
  const valid = {
    visitor: [
      { type: "start-conversation", id: "r1" },
      { type: "send-message", id: "r2", conversationId: "cnv_1", clientMsgId: "c1", body: "hello" },
      { type: "list-conversations", id: "r3" },
      { type: "get-history", id: "r4", conversationId: "cnv_1", afterSeq: 3, limit: 50 },
      { type: "typing", conversationId: "cnv_1", active: true },
      { type: "read", conversationId: "cnv_1", seq: 3 },
      { type: "delivered", conversationId: "cnv_1", seq: 3 },
      { type: "ping", id: "p1", t: 123 },
      { type: "ping" },
      { type: "start-conversation", id: "r1b", clientConversationId: "cc_1" },
      { type: "page-view", page: { url: "https://app.example.com/billing", title: "Billing" } },
    ],
    agent: [
      { type: "send-message", id: "r2", conversationId: "cnv_1", clientMsgId: "c1", body: "hello" },
      { type: "close-conversation", id: "r5", conversationId: "cnv_1" },
      { type: "delivered", conversationId: "cnv_1", seq: 2 },
    ],
  } as const;

  it("accepts every valid request of each role", () => {
    for (const frame of valid.visitor) expect(parseRequest("visitor", j(frame))).toEqual({ ok: true, frame });
    for (const frame of valid.agent) expect(parseRequest("agent", j(frame))).toEqual({ ok: true, frame });
  });

  it("answers a request a role may not send with unknown-type and keeps the id", () => {
    expect(parseRequest("visitor", j({ type: "close-conversation", id: "r9", conversationId: "c" }))).toEqual(
      {
        ok: false,
        code: "unknown-type",
        message: 'type: "close-conversation" is not a request a visitor may send',
        replyTo: "r9",
      },
    );
    expect(parseRequest("agent", j({ type: "start-conversation", id: "r1" }))).toMatchObject({
      code: "unknown-type",
    });
    expect(parseRequest("agent", j({ type: "launch-missiles", id: "x" }))).toMatchObject({
      code: "unknown-type",
    });
    // Only visitors say which page they are on.
    expect(
      parseRequest("agent", j({ type: "page-view", page: { url: "https://x.example/" } })),
    ).toMatchObject({
      code: "unknown-type",
    });
  });

  it("refuses a page-view without a URL or with one over 2048 characters", () => {
    expect(parseRequest("visitor", j({ type: "page-view", page: { title: "Billing" } }))).toMatchObject({
      ok: false,
      code: "bad-frame",
    });
    const long = parseRequest(
      "visitor",
      j({ type: "page-view", page: { url: `https://x.example/${"a".repeat(2048)}` } }),
    );
    expect(long).toMatchObject({ ok: false, code: "bad-frame" });
    expect(!long.ok && long.message).toMatch(/^page\.url: /);
  });

  it("says which field is wrong", () => {
    const r = parseRequest(
      "visitor",
      j({ type: "send-message", id: "r1", conversationId: "c", clientMsgId: "m" }),
    );
    expect(r).toMatchObject({ ok: false, code: "bad-frame", replyTo: "r1" });
    expect(!r.ok && r.message).toMatch(/^body: /);
    const empty = parseRequest("visitor", j({ ...valid.visitor[1], body: "" }));
    expect(!empty.ok && empty.message).toBe("body: body must not be empty");
  });

  it("refuses a ping clock JSON cannot echo (1e309 parses to Infinity, which serialises as null)", () => {
    expect(parseRequest("agent", '{"type":"ping","id":"p1","t":1e309}')).toMatchObject({
      ok: false,
      code: "bad-frame",
      replyTo: "p1",
    });
    expect(parseRequest("agent", '{"type":"ping","id":"p1","t":-1.5e300}').ok).toBe(true);
  });

  it("rejects bodies over the limit and ids with unsafe characters", () => {
    const long = "x".repeat(LIMITS.maxBodyChars + 1);
    expect(parseRequest("visitor", j({ ...valid.visitor[1], body: long }))).toMatchObject({
      code: "bad-frame",
    });
    expect(
      parseRequest("visitor", j({ ...valid.visitor[1], body: "x".repeat(LIMITS.maxBodyChars) })).ok,
    ).toBe(true);
    expect(parseRequest("visitor", j({ ...valid.visitor[1], clientMsgId: "<script>" }))).toMatchObject({
      code: "bad-frame",
    });
  });

  it("never throws and never accepts garbage (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map(j)), (text) => {
        const r = parseRequest("visitor", text);
        if (r.ok) expect(["ping", "start-conversation", "list-conversations"]).toContain(r.frame.type);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseServerFrame", () => {
  it("accepts the frames the relay sends", () => {
    const frames = [
      {
        type: "welcome",
        protocol: 1,
        role: "visitor",
        sessionId: "ses_1",
        self: { kind: "visitor", id: "vis_1" },
        visitorToken: "rdv_x",
        serverTime: 5,
        limits: { maxFrameBytes: 65536, maxBodyChars: 10000, heartbeatIntervalMs: 25000 },
      },
      { type: "message-created", message },
      { type: "conversation-created", conversation },
      { type: "conversation-updated", conversation: { ...conversation, assignee: null, status: "open" } },
      {
        type: "typing",
        conversationId: "cnv_1",
        author: { kind: "agent", id: "agt_1", name: "Ana" },
        active: true,
      },
      { type: "read", conversationId: "cnv_1", reader: { kind: "agent", id: "agt_1" }, seq: 1 },
      { type: "delivered", conversationId: "cnv_1", recipient: { kind: "visitor", id: "vis_1" }, seq: 1 },
      { type: "sync-complete", lastSeq: { cnv_1: 1 } },
      { type: "not-recovered", conversationId: "cnv_1", firstSeq: 8 },
      {
        type: "ack",
        replyTo: "r1",
        messageId: "msg_1",
        conversationId: "cnv_1",
        seq: 1,
        createdAt: 1,
        clientMsgId: "c1",
        duplicate: false,
      },
      { type: "conversation", replyTo: "r1", conversation },
      { type: "conversations", replyTo: "r1", conversations: [conversation] },
      { type: "history", replyTo: "r1", conversationId: "cnv_1", messages: [message], hasMore: false },
      { type: "pong", replyTo: "p1", t: 1, serverTime: 2 },
      { type: "error", replyTo: "r1", code: "not-found", message: "no such conversation", retry: false },
    ];
    for (const frame of frames) expect(parseServerFrame(j(frame))).toEqual({ ok: true, frame });
  });

  it("rejects an ack with seq 0 and an error with an unknown code", () => {
    const ack = { type: "ack", replyTo: "r", messageId: "m", conversationId: "c", seq: 0 };
    expect(parseServerFrame(j({ ...ack, createdAt: 1, clientMsgId: "c", duplicate: false })).ok).toBe(false);
    expect(parseServerFrame(j({ type: "error", code: "oops", message: "", retry: true })).ok).toBe(false);
  });

  it("rejects a not-recovered frame with firstSeq 0 (seqs start at 1)", () => {
    expect(parseServerFrame(j({ type: "not-recovered", conversationId: "c", firstSeq: 0 })).ok).toBe(false);
  });
});

describe("codes", () => {
  it("gives every close code to one error code only, in the 4000-4999 range or RFC 6455", () => {
    const closes = Object.values(CODES).flatMap((c) => ("close" in c ? [c.close] : []));
    expect(new Set(closes).size).toBe(closes.length);
    for (const close of closes)
      expect(close === 1009 || close === 1011 || (close >= 4000 && close < 5000)).toBe(true);
  });

  it("tells the client whether to reconnect after a close", () => {
    expect(closeCodeInfo(4003)).toEqual({ code: "unauthorized", retry: false });
    expect(closeCodeInfo(4009)).toEqual({ code: "server-shutdown", retry: true });
    expect(closeCodeInfo(1006)).toEqual({ code: null, retry: true });
    expect(closeCodeInfo(1000)).toEqual({ code: null, retry: false });
  });
});

describe("identify", () => {
  const identify = (fields: Record<string, unknown>) =>
    parseRequest("visitor", j({ type: "identify", id: "r1", ...fields }));

  it("accepts the HMAC form and the JWT form, each with an optional profile and carry flag", () => {
    expect(identify({ userId: "auth0|42", signature: "ab".repeat(32) })).toMatchObject({
      ok: true,
      frame: { userId: "auth0|42", signature: "ab".repeat(32) },
    });
    expect(
      identify({ jwt: "a.b.c", profile: { name: "Ada", email: "ada@x.test" }, carryConversations: false }),
    ).toMatchObject({ ok: true, frame: { jwt: "a.b.c", carryConversations: false } });
  });

  it.each([
    ["neither form", {}, "identify needs either { userId, signature } or { jwt }"],
    ["a userId without signature", { userId: "u1" }, "signature: identify needs either"],
    ["a blank signature", { userId: "u1", signature: "" }, "signature must not be empty"],
    ["a null signature", { userId: "u1", signature: null }, "signature must be a string"],
    ["a blank userId", { userId: "", signature: "ab" }, "userId must not be empty"],
    ["a control character in userId", { userId: "a\nb", signature: "ab" }, "control characters"],
    ["a blank jwt", { jwt: "" }, "jwt must not be empty"],
    ["an oversized profile name", { jwt: "a.b.c", profile: { name: "x".repeat(121) } }, "profile.name"],
  ])("rejects %s with bad-frame naming what is wrong", (_, fields, why) => {
    const result = identify(fields);
    expect(result).toMatchObject({ ok: false, code: "bad-frame", replyTo: "r1" });
    expect(!result.ok && result.message).toContain(why);
  });

  it("is a visitor request only", () => {
    expect(parseRequest("agent", j({ type: "identify", id: "r1", jwt: "a.b.c" }))).toMatchObject({
      ok: false,
      code: "unknown-type",
    });
  });

  it("parses the identified reply", () => {
    const frame = {
      type: "identified",
      replyTo: "r1",
      visitorId: "vis_1",
      visitorToken: "rdv_x",
      userId: "u1",
      self: { kind: "visitor", id: "vis_1", name: "Ada" },
      carried: ["cnv_1"],
    };
    expect(parseServerFrame(j(frame))).toEqual({ ok: true, frame });
  });
});
