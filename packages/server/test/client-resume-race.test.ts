import { createClient, type RelaydeskClient } from "@relaydesk/client";
import type { Message } from "@relaydesk/sdk-types";
import { afterEach, expect, it } from "vitest";
import WebSocket from "ws";
import { APP_ID, delay, type Harness, ORIGIN, startHarness } from "./relay-harness.ts";

class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

let harness: Harness;
const clients: RelaydeskClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.stop();
});

function client(auth: Parameters<typeof createClient>[0]["auth"]): RelaydeskClient {
  const created = createClient({
    url: harness.relay.url,
    auth,
    WebSocket: auth.role === "visitor" ? PageWebSocket : WebSocket,
    reconnectInitialDelayMs: 20,
    reconnectMaxDelayMs: 100,
  });
  clients.push(created);
  return created;
}

/**
 * The relay handles a connection's requests while its resume replay runs, and reads each
 * conversation's `sync-complete.lastSeq` when it replays that conversation. A get-history reply can
 * therefore bring a message newer than the lastSeq that sync-complete reports later. The client
 * took that lower lastSeq for a restored database, rewound, and delivered the message again when
 * its live copy (held during the replay) followed. Found while building the chaos test.
 */
it("delivers a message once when a getHistory reply overtakes a slow resume replay", async () => {
  harness = await startHarness({ readLatencyMs: 40 });
  const { token } = await harness.addAgent("Ada");
  const agent = client({ role: "agent", agentToken: token });
  const received: Message[] = [];
  agent.on("message", (message) => received.push(message));
  await new Promise((resolve) => agent.on("sync", resolve));

  // Ten conversations the agent holds up to seq 2; the first one is replayed first.
  const visitors = Array.from({ length: 10 }, () => client({ role: "visitor", appId: APP_ID }));
  const conversations: string[] = [];
  for (const visitor of visitors) {
    const { id } = await visitor.startConversation();
    conversations.push(id);
    await visitor.sendMessage(id, "hello");
    await visitor.sendMessage(id, "anyone?");
  }
  await expect.poll(() => received.length).toBe(20);
  const [first, second] = conversations as [string, string];

  // While the agent is away, every conversation but the first gets a message to replay.
  agent.close();
  await Promise.all(visitors.slice(1).map((visitor, i) => visitor.sendMessage(conversations[i + 1]!, "3")));
  const synced = new Promise((resolve) => agent.on("sync", resolve));
  agent.connect();
  // The replay is past the first conversation once the second one's message arrives; now the first
  // gets a message, and the agent reads its history while eight slow reads of the replay remain.
  await expect.poll(() => received.some((m) => m.conversationId === second && m.seq === 3)).toBe(true);
  await visitors[0]!.sendMessage(first, "still there?");
  await agent.getHistory(first, { afterSeq: 2 });
  await synced;
  // The live copy of seq 3 was held until sync-complete and is on its way.
  await delay(100);

  const inFirst = received.filter((m) => m.conversationId === first).map((m) => m.seq);
  expect(inFirst).toEqual([1, 2, 3]);
});
