import { describe, expect, it } from "vitest";
import { createPresence } from "./presence.ts";
import {
  eventClient,
  pendingActions,
  recordingLink,
  relayError,
  settle,
  welcome,
} from "./test-agent-client.ts";

function setup() {
  const { link, state } = recordingLink();
  const presence = createPresence({ link });
  const { client, emit } = eventClient();
  const requests = pendingActions();
  presence.attach(client, requests.actions);
  return { presence, emit, requests, state };
}

const team = [
  { id: "agt_zoe", name: "Zoe", status: "online" as const },
  { id: "agt_me", name: "Ada", status: "online" as const },
  { id: "agt_bob", name: "Bob", status: "offline" as const },
  { id: "agt_cy", name: "Cy", status: "away" as const },
];

describe("presence", () => {
  it("lists the team on each welcome, online first, and knows your own status", async () => {
    const { presence, emit, requests } = setup();
    expect(presence.self.value).toBeNull();
    emit("welcome", welcome(1_000));
    requests.take("listPresence").resolve(team);
    await settle();
    expect(presence.agents.value.map((a) => `${a.name}:${a.status}`)).toEqual([
      "Ada:online",
      "Zoe:online",
      "Cy:away",
      "Bob:offline",
    ]);
    expect(presence.self.value).toBe("online");
    emit("welcome", welcome(2_000));
    expect(requests.take("listPresence").args).toEqual([]);
  });

  it("follows teammates' changes live, newcomers too", async () => {
    const { presence, emit, requests } = setup();
    emit("welcome", welcome(1_000));
    requests.take("listPresence").resolve(team);
    await settle();
    emit("presence-changed", {
      type: "presence-changed",
      agent: { id: "agt_bob", name: "Bob" },
      status: "online",
    });
    emit("presence-changed", {
      type: "presence-changed",
      agent: { id: "agt_new", name: "Eve" },
      status: "away",
    });
    expect(presence.agents.value.map((a) => `${a.name}:${a.status}`)).toEqual([
      "Ada:online",
      "Bob:online",
      "Zoe:online",
      "Cy:away",
      "Eve:away",
    ]);
  });

  it("going away asks the relay once and shows its answer; a refusal says why", async () => {
    const { presence, emit, requests, state } = setup();
    emit("welcome", welcome(1_000));
    requests.take("listPresence").resolve(team);
    await settle();
    presence.set("away");
    presence.set("away");
    expect(presence.changing.value).toBe(true);
    const call = requests.take("setPresence");
    expect(call.args).toEqual(["away"]);
    expect(requests.calls).toEqual([]);
    call.resolve(team.map((a) => (a.id === "agt_me" ? { ...a, status: "away" } : a)));
    await settle();
    expect(presence.self.value).toBe("away");
    expect(presence.changing.value).toBe(false);
    presence.set("online");
    requests.take("setPresence").reject(relayError("internal", "the relay failed"));
    await settle();
    expect(presence.self.value).toBe("away");
    expect(state.errors).toEqual(["Could not change your status: the relay failed"]);
  });
});
