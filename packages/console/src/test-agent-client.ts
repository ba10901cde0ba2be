// Test support for the agent-work modules (offers, presence, notes, conversation actions): a client
// that only emits events, and agent requests the test answers by hand, as the relay would.
import type { ClientEventName, ClientEvents, RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation, Welcome } from "@relaydesk/sdk-types";
import type { AgentLink } from "./agent-link.ts";

export interface AgentCall {
  method: keyof AgentActions;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The events side of a client: `emit` plays the relay. Requests are not its business. */
export function eventClient() {
  const handlers = new Map<ClientEventName, Set<(payload: never) => void>>();
  const emit = <E extends ClientEventName>(event: E, payload: ClientEvents[E]) => {
    for (const handler of handlers.get(event) ?? []) (handler as (p: ClientEvents[E]) => void)(payload);
  };
  const on = <E extends ClientEventName>(event: E, handler: (payload: ClientEvents[E]) => void) => {
    const set = handlers.get(event) ?? new Set();
    handlers.set(event, set);
    set.add(handler as (payload: never) => void);
    return () => void set.delete(handler as (payload: never) => void);
  };
  const client = { on } as unknown as RelaydeskClient;
  return { client, emit, listeners: (event: ClientEventName) => handlers.get(event)?.size ?? 0 };
}

/** Agent requests that wait until the test answers them (`calls`). */
export function pendingActions() {
  const calls: AgentCall[] = [];
  const record =
    (method: keyof AgentActions) =>
    (...args: unknown[]) =>
      new Promise((resolve, reject) => calls.push({ method, args, resolve, reject }));
  const methods: Array<keyof AgentActions> = [
    "listConversations",
    "acceptOffer",
    "declineOffer",
    "claim",
    "transfer",
    "setTags",
    "setPriority",
    "reopenConversation",
    "setPresence",
    "listPresence",
    "addNote",
    "listNotes",
    "listCanned",
    "listQueues",
    "listVisitorConversations",
  ];
  const actions = Object.fromEntries(methods.map((m) => [m, record(m)])) as unknown as AgentActions;
  const take = (method: keyof AgentActions) => {
    const at = calls.findIndex((call) => call.method === method);
    if (at < 0) throw new Error(`no ${method} call; calls: ${calls.map((c) => c.method).join(", ")}`);
    return calls.splice(at, 1)[0]!;
  };
  return { actions, calls, take };
}

/** A link that records what the module handed back to the store. */
export function recordingLink(selfName = "Ada") {
  const state = {
    upserted: [] as Conversation[],
    opened: [] as string[],
    errors: [] as string[],
    selected: null as string | null,
  };
  const link: AgentLink = {
    upsertConversation: (conversation) => void state.upserted.push(conversation),
    openConversation: (id) => void state.opened.push(id),
    selectedId: () => state.selected,
    fail: (text) => void state.errors.push(text),
    selfName: () => selfName,
    selfId: () => "agt_me",
  };
  return { link, state };
}

export function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    appId: "app_demo",
    visitorId: `vis_${id}`,
    status: "open",
    assignee: null,
    lastSeq: 1,
    createdAt: 1_000,
    updatedAt: 1_000,
    attributes: {},
    ...patch,
  };
}

export function welcome(
  serverTime: number,
  self = { kind: "agent" as const, id: "agt_me", name: "Ada" },
): Welcome {
  return {
    type: "welcome",
    protocol: 1,
    role: "agent",
    sessionId: "ses_1",
    self,
    serverTime,
    limits: { maxFrameBytes: 65536, maxBodyChars: 10_000, heartbeatIntervalMs: 25_000 },
  };
}

/** Lets promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A request failure as the client rejects it. */
export function relayError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, retry: false });
}
