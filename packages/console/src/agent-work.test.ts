import { describe, expect, it } from "vitest";
import { createCanned } from "./canned.ts";
import { createConversationActions } from "./conversation-actions.ts";
import { createNotes } from "./notes.ts";
import {
  conversation,
  eventClient,
  pendingActions,
  recordingLink,
  relayError,
  settle,
  welcome,
} from "./test-agent-client.ts";

function attach<M extends { attach: (c: never, a: never) => unknown }>(make: (link: never) => M) {
  const { link, state } = recordingLink("Bob");
  const module = make(link as never);
  const { client, emit } = eventClient();
  const requests = pendingActions();
  module.attach(client as never, requests.actions as never);
  return { module, emit, requests, state };
}

const note = (id: string, createdAt: number, conversationId = "cnv_a") => ({
  id,
  conversationId,
  author: { kind: "agent" as const, id: "agt_me", name: "Ada" },
  kind: "note" as const,
  body: `note ${id}`,
  createdAt,
});

describe("internal notes", () => {
  it("loads a conversation's notes, adds live ones once each, in time order", async () => {
    const { module: notes, emit, requests } = attach((link) => createNotes({ link }));
    notes.load("cnv_a");
    requests.take("listNotes").resolve([note("n2", 20)]);
    await settle();
    emit("note-created", { type: "note-created", note: note("n1", 10) });
    emit("note-created", { type: "note-created", note: note("n2", 20) });
    expect(notes.byConversation.value.get("cnv_a")?.map((n) => n.id)).toEqual(["n1", "n2"]);
  });

  it("adding trims, refuses blanks, shows the note, and says why when the relay refuses", async () => {
    const { module: notes, requests, state } = attach((link) => createNotes({ link }));
    expect(await notes.add("cnv_a", "   ")).toBe(false);
    expect(requests.calls).toEqual([]);
    const added = notes.add("cnv_a", "  VIP customer  ");
    expect(notes.adding.value.has("cnv_a")).toBe(true);
    const call = requests.take("addNote");
    expect(call.args).toEqual(["cnv_a", "VIP customer"]);
    call.resolve(note("n9", 30));
    expect(await added).toBe(true);
    expect(notes.byConversation.value.get("cnv_a")?.map((n) => n.id)).toEqual(["n9"]);
    const refused = notes.add("cnv_a", "again");
    requests.take("addNote").reject(relayError("conversation-closed", "the conversation is closed"));
    expect(await refused).toBe(false);
    expect(state.errors).toEqual(["Could not add the note: the conversation is closed"]);
    expect(notes.adding.value.size).toBe(0);
  });

  it("reloads the open conversation's notes after a reconnect", () => {
    const { module: notes, emit, requests, state } = attach((link) => createNotes({ link }));
    state.selected = "cnv_a";
    emit("welcome", welcome(1));
    expect(requests.take("listNotes").args).toEqual(["cnv_a"]);
    notes.reset();
    expect(notes.byConversation.value.size).toBe(0);
  });
});

describe("conversation actions", () => {
  it("transfer sends the target and the trimmed note and shows the answer", async () => {
    const { module: actions, requests, state } = attach((link) => createConversationActions({ link }));
    const done = actions.transfer("cnv_a", { agentId: "agt_bob" }, "  call back at 5  ");
    expect(actions.busy.value.has("cnv_a")).toBe(true);
    const call = requests.take("transfer");
    expect(call.args).toEqual(["cnv_a", { agentId: "agt_bob" }, "call back at 5"]);
    const moved = conversation("cnv_a", { status: "assigned", assignee: { id: "agt_bob", name: "Bob" } });
    call.resolve(moved);
    expect(await done).toBe(true);
    expect(state.upserted).toEqual([moved]);
    expect(actions.busy.value.size).toBe(0);
  });

  it("set-tags sends the whole set, trimmed and without repeats", async () => {
    const { module: actions, requests } = attach((link) => createConversationActions({ link }));
    void actions.setTags("cnv_a", ["billing", " refund ", "billing", ""]);
    expect(requests.take("setTags").args).toEqual(["cnv_a", ["billing", "refund"]]);
  });

  it("set-priority sends the number, shows the answer, and says why when the relay refuses", async () => {
    const { module: actions, requests, state } = attach((link) => createConversationActions({ link }));
    const done = actions.setPriority("cnv_a", 10);
    expect(actions.busy.value.has("cnv_a")).toBe(true);
    const call = requests.take("setPriority");
    expect(call.args).toEqual(["cnv_a", 10]);
    const raised = conversation("cnv_a", { priority: 10, updatedAt: 1_001 });
    call.resolve(raised);
    expect(await done).toBe(true);
    expect(state.upserted).toEqual([raised]);
    const refused = actions.setPriority("cnv_a", 20);
    requests.take("setPriority").reject(relayError("conversation-closed", "the conversation is closed"));
    expect(await refused).toBe(false);
    expect(state.errors).toEqual(["Could not change the priority: the conversation is closed"]);
    expect(actions.busy.value.size).toBe(0);
  });

  it("a claim opens the conversation; a refused one says why and opens nothing", async () => {
    const { module: actions, requests, state } = attach((link) => createConversationActions({ link }));
    const waiting = conversation("cnv_a", { queueId: "triage" });
    const claimed = actions.claim(waiting);
    requests
      .take("claim")
      .resolve({ ...waiting, status: "assigned", assignee: { id: "agt_me", name: "Bob" } });
    expect(await claimed).toBe(true);
    expect(state.opened).toEqual(["cnv_a"]);

    const refused = actions.claim(conversation("cnv_b", { queueId: "triage" }));
    requests.take("claim").reject(relayError("already-assigned", "someone else took it first"));
    expect(await refused).toBe(false);
    expect(state.opened).toEqual(["cnv_a"]);
    expect(state.errors).toEqual(["Could not claim the conversation: someone else took it first"]);
  });

  it("reopen asks the relay and shows the reopened conversation", async () => {
    const { module: actions, requests, state } = attach((link) => createConversationActions({ link }));
    const done = actions.reopen("cnv_a");
    const reopened = conversation("cnv_a", { status: "assigned" });
    requests.take("reopenConversation").resolve(reopened);
    expect(await done).toBe(true);
    expect(state.upserted).toEqual([reopened]);
  });
});

describe("canned replies", () => {
  it("loads on welcome, lists those matching '/word', and fills the placeholders", async () => {
    const { module: canned, emit, requests } = attach((link) => createCanned({ link }));
    emit("welcome", welcome(1));
    requests.take("listCanned").resolve([
      {
        id: "can_1",
        shortcut: "refund",
        text: "Hi {visitor.name}, {agent.name} here. Refund for {visitor.email}.",
      },
      { id: "can_2", shortcut: "hello", text: "Hello {visitor.name}! {order.id}" },
    ]);
    await settle();
    expect(canned.matching("/").map((r) => r.shortcut)).toEqual(["refund", "hello"]);
    expect(canned.matching("/RE").map((r) => r.shortcut)).toEqual(["refund"]);
    expect(canned.matching("/re fund")).toEqual([]);
    expect(canned.matching("refund")).toEqual([]);
    const withVisitor = conversation("cnv_a", {
      visitor: { name: "Grace", email: "g@x.test", verified: true },
    });
    expect(canned.render(canned.matching("/ref")[0]!, withVisitor)).toBe(
      "Hi Grace, Bob here. Refund for g@x.test.",
    );
    // Unknown values become empty; unknown placeholders stay for the agent to see.
    expect(canned.render(canned.matching("/hel")[0]!, conversation("cnv_b"))).toBe("Hello ! {order.id}");
  });
});
