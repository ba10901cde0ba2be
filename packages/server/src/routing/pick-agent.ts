/**
 * Round-robin choice among `agents`, kept free of I/O.
 *
 * The cursor is the id of the agent picked last, not an index: agents come and go between picks,
 * and an index into a changing list would skip or repeat agents. The next pick is the first agent
 * whose id sorts after the cursor, wrapping around. Over any run of picks among the same agents,
 * counts differ by at most one.
 *
 * @example
 * pickAgent([{ id: "a" }, { id: "b" }], "a"); // -> { id: "b" }
 */
export function pickAgent<A extends { id: string }>(agents: readonly A[], cursor: string | null): A | null {
  if (agents.length === 0) return null;
  const sorted = [...agents].sort((a, b) => compareIds(a.id, b.id));
  if (cursor === null) return sorted[0] ?? null;
  return sorted.find((agent) => agent.id > cursor) ?? sorted[0] ?? null;
}

/**
 * Least busy: the lowest `load` (conversations assigned plus offers open); among equals,
 * round-robin from the cursor, so ties do not always go to the same agent.
 */
export function pickLeastBusy<A extends { id: string; load: number }>(
  agents: readonly A[],
  cursor: string | null,
  extraLoad: Readonly<Record<string, number>> = {},
): A | null {
  if (agents.length === 0) return null;
  const loadOf = (agent: A) => agent.load + (extraLoad[agent.id] ?? 0);
  const lowest = Math.min(...agents.map(loadOf));
  return pickAgent(
    agents.filter((agent) => loadOf(agent) === lowest),
    cursor,
  );
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
