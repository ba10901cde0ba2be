import { createHmac } from "node:crypto";
import type { ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { hmacSignature } from "../src/auth/verify-identity.ts";
import type { IdentitySecret } from "../src/storage/types.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

const SECRET = "acme-identity-secret_0123456789abcdefghijk";
const OLD_SECRET = "acme-previous-secret_0123456789abcdefghij";

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

/** A relay whose app `acme` has `secrets`; `clock` is the relay's time when given. */
async function start(
  options: { secrets?: IdentitySecret[]; requireIdentity?: boolean; clock?: () => number } = {},
) {
  harness = await startHarness(options.clock ? { now: options.clock } : {});
  const app = (await harness.storage.getApp(APP_ID))!;
  await harness.storage.putApp({
    ...app,
    identitySecrets: options.secrets ?? [{ secret: SECRET, createdAt: 1, expiresAt: null }],
    requireIdentity: options.requireIdentity ?? false,
  });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
function jwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
) {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
}
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;
const claims = (userId: string) => ({
  sub: userId,
  aud: APP_ID,
  exp: inSeconds(300),
  name: "Ada",
  email: "ada@acme.test",
});

const identify = (socket: TestSocket, fields: Record<string, unknown>) =>
  request(socket, { type: "identify", ...fields });
const asUser = (userId: string, secret = SECRET) => ({ userId, signature: hmacSignature(userId, secret) });

async function identified(socket: TestSocket, fields: Record<string, unknown>) {
  const reply = await identify(socket, fields);
  if (reply.type !== "identified") throw new Error(`identify answered ${JSON.stringify(reply)}`);
  return reply;
}

let sent = 0;
const send = (socket: TestSocket, conversationId: string, body: string) =>
  request(socket, { type: "send-message", conversationId, clientMsgId: `c-${++sent}`, body });

const listed = async (socket: TestSocket) => {
  const reply = await request(socket, { type: "list-conversations" });
  if (reply.type !== "conversations") throw new Error(`list answered ${JSON.stringify(reply)}`);
  return reply.conversations.map((c) => c.id).sort();
};

describe("identify", () => {
  it("identifies with an HMAC signature: a visitor for the user, a fresh token, the conversation carried", async () => {
    await start();
    const anonymous = await connectVisitor(harness);
    const conversationId = await startConversation(anonymous);
    await send(anonymous, conversationId, "before sign-in");

    const reply = await identified(anonymous, { ...asUser("user-42"), profile: { name: "Ada" } });
    expect(reply).toMatchObject({
      userId: "user-42",
      carried: [conversationId],
      self: { kind: "visitor", name: "Ada" },
    });
    expect(reply.visitorId).not.toBe(anonymous.visitorId);
    expect(reply.visitorToken).toMatch(/^rdv_/);
    expect(reply.visitorToken).not.toBe(anonymous.token);

    const stored = await harness.storage.findVisitorByUserId(APP_ID, "user-42");
    expect(stored).toMatchObject({ id: reply.visitorId, profile: { name: "Ada", verified: false } });
    // The conversation and its messages are the user's now, and this connection acts as the user.
    expect(await listed(anonymous)).toEqual([conversationId]);
    const history = await request(anonymous, { type: "get-history", conversationId });
    expect(history).toMatchObject({ type: "history", messages: [{ body: "before sign-in" }] });
    const ack = await send(anonymous, conversationId, "after sign-in");
    expect(ack).toMatchObject({ type: "ack", seq: 2 });
    const [, after] = await harness.storage.listMessages(conversationId, 0, 10);
    expect(after?.author).toEqual({ kind: "visitor", id: reply.visitorId, name: "Ada" });
    expect(await harness.storage.listConversations({ visitorId: anonymous.visitorId })).toEqual([]);
  });

  it("identifies with a short-lived HS256 JWT, whose name and email are stored as verified", async () => {
    await start();
    const visitor = await connectVisitor(harness);
    const reply = await identified(visitor, { jwt: jwt(claims("user-7")), profile: { name: "Not signed" } });
    expect(reply).toMatchObject({ userId: "user-7", carried: [], self: { name: "Ada" } });
    expect(await harness.storage.findVisitorByUserId(APP_ID, "user-7")).toMatchObject({
      profile: { name: "Ada", email: "ada@acme.test", verified: true },
    });
  });

  const tampered = () => {
    const [head, , sig] = jwt(claims("user-x")).split(".");
    return `${head}.${b64({ ...claims("user-x"), sub: "someone-else" })}.${sig}`;
  };
  it.each<[string, Record<string, unknown>, string, string]>([
    ["a missing signature", { userId: "user-x" }, "bad-frame", "signature"],
    ["a blank signature", { userId: "user-x", signature: "" }, "bad-frame", "signature must not be empty"],
    ["a null signature", { userId: "user-x", signature: null }, "bad-frame", "signature must be a string"],
    [
      "a wrong signature",
      { userId: "user-x", signature: hmacSignature("user-y", SECRET) },
      "identity-invalid",
      "signature does not match userId",
    ],
    [
      "another secret's signature",
      asUser("user-x", "guess"),
      "identity-invalid",
      "signature does not match userId",
    ],
    [
      "alg none",
      { jwt: `${b64({ alg: "none" })}.${b64(claims("user-x"))}.` },
      "identity-invalid",
      "jwt alg must be HS256",
    ],
    [
      "another app's aud",
      { jwt: jwt({ ...claims("user-x"), aud: "other-app" }) },
      "identity-invalid",
      `jwt aud must be ${APP_ID}`,
    ],
    [
      "no exp",
      { jwt: jwt({ ...claims("user-x"), exp: undefined }) },
      "identity-invalid",
      "jwt exp is required",
    ],
    [
      "an expired jwt",
      { jwt: jwt({ ...claims("user-x"), exp: inSeconds(-120) }) },
      "identity-invalid",
      "jwt expired at",
    ],
    [
      "a jwt valid for two days",
      { jwt: jwt({ ...claims("user-x"), exp: inSeconds(48 * 3600) }) },
      "identity-invalid",
      "more than 24 h ahead",
    ],
    ["a tampered payload", { jwt: tampered() }, "identity-invalid", "jwt signature does not match"],
  ])("refuses %s and changes nothing", async (_, fields, code, why) => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);

    const reply = await identify(visitor, fields);
    expect(reply).toMatchObject({ type: "error", code, retry: false });
    expect(reply.type === "error" && reply.message).toContain(why);
    expect(JSON.stringify(reply)).not.toContain(SECRET);

    // No visitor for the claimed users, the connection is still the anonymous visitor...
    for (const userId of ["user-x", "user-y", "someone-else"]) {
      expect(await harness.storage.findVisitorByUserId(APP_ID, userId)).toBeNull();
    }
    expect(await listed(visitor)).toEqual([conversationId]);
    await send(agent, conversationId, "still there?");
    await visitor.next("message-created", (f) => f.message.body === "still there?");
    // ...and its token still opens the same visitor.
    const again = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(again.visitorId).toBe(visitor.visitorId);
    expect(again.frames.find((f) => f.type === "welcome")).not.toHaveProperty("visitorToken");
  });

  it("answers identity-not-configured when the app has no secret, and changes nothing", async () => {
    await start({ secrets: [] });
    const visitor = await connectVisitor(harness);
    const reply = await identify(visitor, asUser("user-42"));
    expect(reply).toMatchObject({ type: "error", code: "identity-not-configured", retry: false });
    expect(await harness.storage.findVisitorByUserId(APP_ID, "user-42")).toBeNull();
  });

  it("refuses a claim signed for another app, even for a user id that app knows", async () => {
    await start();
    const beta = { appId: "beta", origin: "https://beta.example.test" };
    const BETA_SECRET = "beta-identity-secret_0123456789abcdefghijk";
    await harness.storage.putApp({
      appId: beta.appId,
      name: "Beta",
      allowedOrigins: [beta.origin],
      createdAt: 1,
      identitySecrets: [{ secret: BETA_SECRET, createdAt: 1, expiresAt: null }],
    });
    // user-7 exists in beta; acme's signature and acme's JWT for user-7 open nothing there.
    const betaUser = await connectVisitor(harness, {}, beta);
    await identified(betaUser, asUser("user-7", BETA_SECRET));
    const intruder = await connectVisitor(harness, {}, beta);
    expect(await identify(intruder, asUser("user-7", SECRET))).toMatchObject({ code: "identity-invalid" });
    expect(await identify(intruder, { jwt: jwt(claims("user-7")) })).toMatchObject({
      code: "identity-invalid",
    });
    const acmeJwtForBeta = jwt({ ...claims("user-7"), aud: beta.appId });
    expect(await identify(intruder, { jwt: acmeJwtForBeta })).toMatchObject({ code: "identity-invalid" });
    expect(await listed(intruder)).toEqual([]);
  });

  it("verifies with the previous secret during the rotation overlap, and not after it", async () => {
    let now = Date.now();
    const hour = 3_600_000;
    await start({
      clock: () => now,
      secrets: [
        { secret: OLD_SECRET, createdAt: now - hour, expiresAt: now + hour },
        { secret: SECRET, createdAt: now, expiresAt: null },
      ],
    });
    const during = await connectVisitor(harness);
    expect(await identify(during, asUser("user-1", OLD_SECRET))).toMatchObject({ type: "identified" });

    now += hour;
    const after = await connectVisitor(harness);
    expect(await identify(after, asUser("user-2", OLD_SECRET))).toMatchObject({
      type: "error",
      code: "identity-invalid",
    });
    expect(await harness.storage.findVisitorByUserId(APP_ID, "user-2")).toBeNull();
    expect(await identify(after, asUser("user-2"))).toMatchObject({ type: "identified" });
  });
});

describe("requireIdentity", () => {
  it("answers identity-required to everything but identify and ping until the connection is identified", async () => {
    await start({ requireIdentity: true });
    const visitor = await connectVisitor(harness);
    for (const frame of [
      { type: "start-conversation" },
      { type: "list-conversations" },
      { type: "send-message", conversationId: "cnv_x", clientMsgId: "c1", body: "hi" },
    ]) {
      expect(await request(visitor, frame)).toMatchObject({
        type: "error",
        code: "identity-required",
        retry: false,
      });
    }
    expect(await request(visitor, { type: "ping" })).toMatchObject({ type: "pong" });
    expect(await harness.storage.listConversations({ appId: APP_ID })).toEqual([]);

    const { visitorToken } = await identified(visitor, asUser("user-42"));
    const conversationId = await startConversation(visitor);
    expect(await send(visitor, conversationId, "hello")).toMatchObject({ type: "ack" });

    // The issued token identifies later connections too; the pre-identify one does not.
    const later = await connectVisitor(harness, { visitorToken });
    expect(await listed(later)).toEqual([conversationId]);
    const stale = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(await request(stale, { type: "list-conversations" })).toMatchObject({ code: "identity-required" });
  });
});

describe("tokens and browsers", () => {
  it("rotates the token: the pre-identify one opens a fresh anonymous visitor, the issued one the user", async () => {
    await start();
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const reply = await identified(visitor, asUser("user-42"));

    const old = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(old.visitorId).not.toBe(reply.visitorId);
    expect(old.visitorId).not.toBe(visitor.visitorId);
    expect(old.frames.find((f) => f.type === "welcome")).toHaveProperty("visitorToken");
    expect(await listed(old)).toEqual([]);

    const fresh = await connectVisitor(harness, { visitorToken: reply.visitorToken });
    expect(fresh.visitorId).toBe(reply.visitorId);
    expect(await listed(fresh)).toEqual([conversationId]);
  });

  it("shows a second browser identifying as the same user the first one's conversations, live", async () => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const first = await connectVisitor(harness);
    const conversationId = await startConversation(first);
    await send(first, conversationId, "from the laptop");
    const one = await identified(first, asUser("user-42"));

    const second = await connectVisitor(harness);
    const two = await identified(second, { jwt: jwt(claims("user-42")) });
    expect(two.visitorId).toBe(one.visitorId);
    expect(two.visitorToken).not.toBe(one.visitorToken);
    expect(await listed(second)).toEqual([conversationId]);

    await send(agent, conversationId, "hello both");
    for (const browser of [first, second]) {
      await browser.next("message-created", (f) => f.message.body === "hello both");
    }
    await send(second, conversationId, "from the phone");
    await first.next("message-created", (f) => f.message.body === "from the phone");
    // Both tokens stay valid, one per browser.
    expect((await connectVisitor(harness, { visitorToken: one.visitorToken })).visitorId).toBe(one.visitorId);
    expect((await connectVisitor(harness, { visitorToken: two.visitorToken })).visitorId).toBe(one.visitorId);
  });

  it("switches users without carrying anything, and stops passing on the previous user's events", async () => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const shared = await connectVisitor(harness);
    await identified(shared, asUser("alice"));
    const alicesConversation = await startConversation(shared);

    const reply = await identified(shared, asUser("bob"));
    expect(reply.carried).toEqual([]);
    expect(await listed(shared)).toEqual([]);
    expect(await harness.storage.getConversation(alicesConversation)).toMatchObject({
      visitorId: (await harness.storage.findVisitorByUserId(APP_ID, "alice"))!.id,
    });

    const alice = await connectVisitor(harness);
    await identified(alice, asUser("alice"));
    await send(agent, alicesConversation, "for alice only");
    await alice.next("message-created", (f) => f.message.body === "for alice only");
    await delay(100);
    const leaked = (f: ServerFrame) => f.type === "message-created" && f.message.body === "for alice only";
    expect(shared.frames.some(leaked)).toBe(false);
    expect(await request(shared, { type: "get-history", conversationId: alicesConversation })).toMatchObject({
      code: "not-found",
    });
  });

  it("leaves the anonymous conversations behind with carryConversations: false", async () => {
    await start();
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const reply = await identified(visitor, { ...asUser("user-42"), carryConversations: false });
    expect(reply.carried).toEqual([]);
    expect(await listed(visitor)).toEqual([]);
    expect(await harness.storage.getConversation(conversationId)).toMatchObject({
      visitorId: visitor.visitorId,
    });
  });

  it("tells agents that a carried conversation changed hands", async () => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const reply = await identified(visitor, asUser("user-42"));
    await agent.next(
      "conversation-updated",
      (f) => f.conversation.id === conversationId && f.conversation.visitorId === reply.visitorId,
    );
  });

  it("handles requests pipelined around identify in order: before as the anonymous visitor, after as the user", async () => {
    await start();
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    visitor.send({ type: "send-message", id: "s1", conversationId, clientMsgId: "before", body: "before" });
    visitor.send({ type: "identify", id: "i1", ...asUser("user-42") });
    visitor.send({ type: "send-message", id: "s2", conversationId, clientMsgId: "after", body: "after" });
    const reply = await visitor.next("identified");
    await visitor.waitFor((f) => f.type === "ack" && f.replyTo === "s2");
    const [before, after] = await harness.storage.listMessages(conversationId, 0, 10);
    expect(before?.author.id).toBe(visitor.visitorId);
    expect(after?.author.id).toBe(reply.visitorId);
  });
});
