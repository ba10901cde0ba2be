import { describe, expect, it } from "vitest";
import { queuePositions } from "./queue-positions.ts";

describe("queuePositions", () => {
  it("counts positions per queue in service order and estimates shorter waits further up", () => {
    const standings = queuePositions(
      [
        { id: "c", queueId: "q1", priority: 0, waitingSince: 30 },
        { id: "a", queueId: "q1", priority: 0, waitingSince: 10 },
        { id: "v", queueId: "q1", priority: 5, waitingSince: 50 },
        { id: "x", queueId: "q2", priority: 0, waitingSince: 1 },
      ],
      { gapByQueue: { q1: 10_000 }, agentsByQueue: { q1: 2, q2: 3 }, fallbackGapMs: 60_000 },
    );
    // Service order across queues: priority, then waiting time; positions count within a queue.
    expect(standings).toEqual([
      { conversationId: "v", position: 1, expectedWaitMs: 10_000 },
      { conversationId: "x", position: 1, expectedWaitMs: 20_000 },
      { conversationId: "a", position: 2, expectedWaitMs: 20_000 },
      { conversationId: "c", position: 3, expectedWaitMs: 30_000 },
    ]);
  });
});
