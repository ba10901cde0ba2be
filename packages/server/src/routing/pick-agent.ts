/** An agent as routing sees it: who may be offered a conversation. */
export interface RoutableAgent {
  id: string;
  name: string;
  /** The apps it serves: it is offered only conversations of these. */
  appIds: readonly string[];
}

/**
 * The agents among `agents` that serve `appId`, for `pickAgent`: a conversation is only ever
 * offered to an agent of its own app.
 */
export function agentsOfApp(agents: readonly RoutableAgent[], appId: string): RoutableAgent[] {
  return agents.filter((agent) => agent.appIds.includes(appId));
}

/**
 * Round-robin choice, kept free of I/O so later strategies (queues, capacity, skills) can be
 * added and tested as plain functions.
 *
 * The cursor is the id of the agent picked last, not an index: agents come and go between picks,
 * and an index into a changing list would skip or repeat agents. The next pick is the first agent
 * whose id sorts after the cursor, wrapping around.
 *
 * @example
 * pickAgent([{ id: "a", name: "A", appIds: ["x"] }, { id: "b", name: "B", appIds: ["x"] }], "a"); // -> b
 */
export function pickAgent(agents: readonly RoutableAgent[], cursor: string | null): RoutableAgent | null {
  if (agents.length === 0) return null;
  const sorted = [...agents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (cursor === null) return sorted[0] ?? null;
  return sorted.find((agent) => agent.id > cursor) ?? sorted[0] ?? null;
}
