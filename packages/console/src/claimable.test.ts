import { describe, expect, it } from "vitest";
import { createClaimable } from "./claimable.ts";
import { conversation, eventClient, pendingActions } from "./test-agent-client.ts";

function attached() {
  const claimable = createClaimable();
  const { client, emit, listeners } = eventClient();
  const off = claimable.attach(client, pendingActions().actions);
  return { claimable, emit, off, listeners };
}

const sorted = (ids: ReadonlySet<string>) => [...ids].sort();

describe("what the agent may claim", () => {
  it("starts from the list reply, grouped by the listed conversations' apps", () => {
    const { claimable } = attached();
    expect(claimable.ids.value.size).toBe(0);
    claimable.listed(
      [conversation("a1"), conversation("a2"), conversation("b1", { appId: "app_beta" })],
      ["a1", "b1", "unknown"],
    );
    // An id the list does not hold has no app to file it under: the relay never sends one.
    expect(sorted(claimable.ids.value)).toEqual(["a1", "b1"]);
  });

  it("each claimable event replaces its app's share only; an empty one clears it", () => {
    const { claimable, emit } = attached();
    claimable.listed([conversation("a1"), conversation("b1", { appId: "app_beta" })], ["a1", "b1"]);
    emit("claimable", { type: "claimable", appId: "app_demo", conversationIds: ["a2", "a3"] });
    expect(sorted(claimable.ids.value)).toEqual(["a2", "a3", "b1"]);
    emit("claimable", { type: "claimable", appId: "app_beta", conversationIds: [] });
    expect(sorted(claimable.ids.value)).toEqual(["a2", "a3"]);
    // A later list reply is the whole truth again.
    claimable.listed([conversation("a9")], ["a9"]);
    expect(sorted(claimable.ids.value)).toEqual(["a9"]);
  });

  it("forgets everything on reset and stops listening when detached", () => {
    const { claimable, emit, off, listeners } = attached();
    emit("claimable", { type: "claimable", appId: "app_demo", conversationIds: ["a1"] });
    claimable.reset();
    expect(claimable.ids.value.size).toBe(0);
    for (const unsubscribe of off) unsubscribe();
    expect(listeners("claimable")).toBe(0);
    emit("claimable", { type: "claimable", appId: "app_demo", conversationIds: ["a1"] });
    expect(claimable.ids.value.size).toBe(0);
  });
});
