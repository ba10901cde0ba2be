import { afterEach, beforeEach, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

it("stores and sends the same body when it holds lone surrogates (each becomes U+FFFD), keeping pairs", async () => {
  const { token } = await harness.addAgent("Ada");
  const agent = await connectAgent(harness, token);
  const visitor = await connectVisitor(harness);
  const conversationId = await startConversation(visitor);
  // Escapes written by hand: JSON.stringify would send them too, but ws would turn raw ones into U+FFFD.
  visitor.sendRaw(
    `{"type":"send-message","id":"s1","conversationId":"${conversationId}","clientMsgId":"m1","body":"a\\ud800b\\udfffc\\ud83d\\ude00"}`,
  );
  expect(await visitor.next("ack")).toMatchObject({ replyTo: "s1", seq: 1 });
  const live = await agent.next("message-created", (f) => f.message.clientMsgId === "m1");
  const history = await request(agent, { type: "get-history", conversationId });
  if (history.type !== "history") throw new Error(`get-history answered ${history.type}`);
  expect(live.message.body).toBe("a\ufffdb\ufffdc😀");
  expect(history.messages.map((m) => m.body)).toEqual([live.message.body]);
});
