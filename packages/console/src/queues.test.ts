import { describe, expect, it } from "vitest";
import { inboxGroups } from "./inbox-groups.ts";
import { createQueues, queueKey } from "./queues.ts";
import { conversation, eventClient, pendingActions, settle, welcome } from "./test-agent-client.ts";

describe("your queues", () => {
  it("are asked for at every welcome and forgotten on reset", async () => {
    const queues = createQueues();
    const { client, emit } = eventClient();
    const requests = pendingActions();
    queues.attach(client, requests.actions);
    emit("welcome", welcome(1_000));
    requests.take("listQueues").resolve([{ appId: "app_demo", id: "billing", name: "Billing" }]);
    await settle();
    expect(queues.keys.value.has(queueKey("app_demo", "billing"))).toBe(true);
    expect(queues.keys.value.has(queueKey("app_other", "billing"))).toBe(false);
    emit("welcome", welcome(2_000));
    requests.take("listQueues").reject(new Error("offline"));
    await settle();
    expect(queues.mine.value).toHaveLength(1);
    queues.reset();
    expect(queues.mine.value).toEqual([]);
  });

  it("'My queues' holds the conversations not closed in your queues, whoever holds them, of the right app", () => {
    const list = [
      conversation("waiting", { queueId: "billing", updatedAt: 5 }),
      conversation("taken", {
        queueId: "billing",
        status: "assigned",
        assignee: { id: "agt_bob", name: "Bob" },
        updatedAt: 4,
      }),
      conversation("done", { queueId: "billing", status: "closed" }),
      conversation("elsewhere", { queueId: "tech" }),
      conversation("other-app", { queueId: "billing", appId: "app_other" }),
      conversation("no-queue", { queueId: null }),
    ];
    const groups = inboxGroups(
      new Map(list.map((c) => [c.id, c])),
      new Map(),
      new Map(),
      "agt_me",
      new Set(),
      new Set([queueKey("app_demo", "billing")]),
    );
    expect(groups.queues.map((e) => e.conversation.id)).toEqual(["waiting", "taken"]);
    expect(groups.unassigned.map((e) => e.conversation.id)).toContain("waiting");
  });
});
