import type { Conversation, ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { hmacSignature } from "../src/auth/verify-identity.ts";
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

// Agents see who they talk to (`Conversation.visitor`); visitors never see any visitor context,
// not even their own, on any frame that carries a conversation.

const SECRET = "acme-identity-secret_0123456789abcdefghijk";

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

async function start() {
  harness = await startHarness();
  const app = (await harness.storage.getApp(APP_ID))!;
  await harness.storage.putApp({
    ...app,
    identitySecrets: [{ secret: SECRET, createdAt: 1, expiresAt: null }],
  });
}

async function identify(socket: TestSocket, userId: string, profile?: { name?: string; email?: string }) {
  const reply = await request(socket, {
    type: "identify",
    userId,
    signature: hmacSignature(userId, SECRET),
    ...(profile ? { profile } : {}),
  });
  if (reply.type !== "identified") throw new Error(`identify answered ${JSON.stringify(reply)}`);
  return reply;
}

async function agentList(agent: TestSocket): Promise<Conversation[]> {
  const reply = await request(agent, { type: "list-conversations" });
  if (reply.type !== "conversations") throw new Error(`list answered ${JSON.stringify(reply)}`);
  return reply.conversations;
}

/** Every conversation object a socket was sent, in whatever frame. */
function conversationsIn(frames: readonly ServerFrame[]): Conversation[] {
  return frames.flatMap((f) =>
    "conversation" in f ? [f.conversation] : f.type === "conversations" ? f.conversations : [],
  );
}

describe("visitor context", () => {
  it("agents get the visitor's identity on list, created and updated frames; visitors never", async () => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const visitor = await connectVisitor(harness, {
      page: { url: "https://app.acme.test/p", title: "Pricing" },
    });
    const conversationId = await startConversation(visitor);

    const created = await agent.next("conversation-created", (f) => f.conversation.id === conversationId);
    expect(created.conversation.visitor).toEqual({ verified: false });
    expect(created.conversation.attributes).toMatchObject({
      pageUrl: "https://app.acme.test/p",
      pageTitle: "Pricing",
    });

    const identified = await identify(visitor, "user-7", { name: "Ada <b>", email: "ada@acme.test" });
    expect(identified.carried).toEqual([conversationId]);
    const moved = await agent.next(
      "conversation-updated",
      (f) => f.conversation.id === conversationId && f.conversation.visitor?.userId === "user-7",
    );
    // HMAC signs the user id only: the profile is shown, marked unverified.
    expect(moved.conversation.visitor).toEqual({
      userId: "user-7",
      name: "Ada <b>",
      email: "ada@acme.test",
      verified: false,
    });
    expect((await agentList(agent)).find((c) => c.id === conversationId)?.visitor?.name).toBe("Ada <b>");

    // The visitor's own frames: the start reply, the update, its list; none has `visitor`.
    await request(visitor, { type: "list-conversations" });
    await visitor.next("conversation-updated", (f) => f.conversation.id === conversationId);
    const seen = conversationsIn(visitor.frames);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const conversation of seen) expect(conversation).not.toHaveProperty("visitor");
  });

  it("a changed profile reaches agents on the user's earlier conversations, and an equal one does not", async () => {
    await start();
    const agent = await connectAgent(harness, (await harness.addAgent("Ana")).token);
    const first = await connectVisitor(harness);
    await identify(first, "user-8", { name: "Bo" });
    const conversationId = await startConversation(first);
    await agent.next("conversation-created", (f) => f.conversation.id === conversationId);

    // Another browser of the same user, signed in with a new name: nothing to carry, a profile changed.
    const second = await connectVisitor(harness);
    await identify(second, "user-8", { name: "Bo Renamed", email: "bo@acme.test" });
    const renamed = await agent.next(
      "conversation-updated",
      (f) => f.conversation.id === conversationId && f.conversation.visitor?.name === "Bo Renamed",
    );
    expect(renamed.conversation.visitor).toEqual({
      userId: "user-8",
      name: "Bo Renamed",
      email: "bo@acme.test",
      verified: false,
    });
    // The user's first browser hears of it too, without the context.
    const mirrored = await first.next("conversation-updated", (f) => f.conversation.id === conversationId);
    expect(mirrored.conversation).not.toHaveProperty("visitor");

    const updates = () => agent.frames.filter((f) => f.type === "conversation-updated").length;
    const before = updates();
    const third = await connectVisitor(harness);
    await identify(third, "user-8", { name: "Bo Renamed", email: "bo@acme.test" });
    await delay(100);
    expect(updates()).toBe(before);
  });

  it("a visitor never receives another visitor's context through its own frames", async () => {
    await start();
    const other = await connectVisitor(harness);
    await identify(other, "user-secret", { name: "Someone Else", email: "else@acme.test" });
    await startConversation(other);
    const visitor = await connectVisitor(harness);
    await startConversation(visitor);
    await request(visitor, { type: "list-conversations" });
    const text = JSON.stringify(visitor.frames);
    expect(text).not.toContain("Someone Else");
    expect(text).not.toContain("user-secret");
    expect(text).not.toContain("else@acme.test");
  });
});
