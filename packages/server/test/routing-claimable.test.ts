import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";
import { setRouting, updated } from "./routing-helpers.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

const claimableFrames = (socket: TestSocket) =>
  socket.frames.flatMap((f) => (f.type === "claimable" ? [f.conversationIds] : []));
const listed = async (socket: TestSocket) => {
  const reply = await request(socket, { type: "list-conversations" });
  if (reply.type !== "conversations") throw new Error(`list-conversations answered ${reply.type}`);
  return reply.claimable;
};

describe("claimable conversations", () => {
  it("tells each agent exactly the conversations its claim would take, and keeps it current", async () => {
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const cy = await harness.addAgent("Cy");
    await harness.storage.updateAgent(ada.id, { capacity: 1, skills: ["billing"] });
    await harness.storage.updateAgent(cy.id, { skills: ["billing"] });
    await setRouting(harness, {
      queues: [
        { id: "triage", strategy: "manual", members: [ada.id, bob.id], skills: ["billing"] },
        { id: "chat", strategy: "round-robin", members: [] },
      ],
      rules: [{ when: { pageUrl: "https://app.acme.test/chat" }, queue: "chat" }],
      defaultQueue: "triage",
    });
    // Ada: member with the skill. Bob: member without it. Cy: the skill, but not a member.
    const connect = (agent: { token: string }) =>
      connectAgent(harness, agent.token, undefined, { autoAccept: false });
    const [adaSocket, bobSocket, cySocket] = [await connect(ada), await connect(bob), await connect(cy)];
    const first = await startConversation(await connectVisitor(harness));
    const offered = await startConversation(
      await connectVisitor(harness, { page: { url: "https://app.acme.test/chat" } }),
    );
    await adaSocket.next("claimable", (f) => f.conversationIds.includes(first));
    expect(await listed(adaSocket)).toEqual([first]);
    expect(await listed(bobSocket)).toEqual([]);
    expect(await listed(cySocket)).toEqual([]);
    await delay(100);
    expect(claimableFrames(bobSocket)).toEqual([]);
    expect(claimableFrames(cySocket)).toEqual([]);
    expect(claimableFrames(adaSocket).flat()).not.toContain(offered);

    // What the lists leave out is what claim refuses, and why.
    expect(await request(bobSocket, { type: "claim", conversationId: first })).toMatchObject({
      code: "not-a-member",
      message: "this conversation needs the skills: billing",
    });
    expect(await request(cySocket, { type: "claim", conversationId: first })).toMatchObject({
      code: "not-a-member",
    });
    expect(await request(adaSocket, { type: "claim", conversationId: offered })).toMatchObject({
      code: "not-manual",
    });

    // A second one arrives; Ada claims the first and is then at her capacity of one.
    const second = await startConversation(await connectVisitor(harness));
    await adaSocket.next("claimable", (f) => f.conversationIds.join() === [first, second].join());
    expect(await request(adaSocket, { type: "claim", conversationId: first })).toMatchObject({
      type: "conversation",
    });
    await adaSocket.next("claimable", (f) => f.conversationIds.length === 0);
    expect(await listed(adaSocket)).toEqual([]);
    expect(await request(adaSocket, { type: "claim", conversationId: second })).toMatchObject({
      code: "over-capacity",
    });

    // Closing frees her slot: the second becomes claimable for her again, and her claim works.
    await request(adaSocket, { type: "close-conversation", conversationId: first });
    await adaSocket.next("claimable", (f) => f.conversationIds.join() === second);
    expect(await listed(adaSocket)).toEqual([second]);
    expect(await request(adaSocket, { type: "claim", conversationId: second })).toMatchObject({
      type: "conversation",
    });
    expect((await updated(adaSocket, second, (c) => c.status === "assigned")).assignee?.id).toBe(ada.id);
  });
});
