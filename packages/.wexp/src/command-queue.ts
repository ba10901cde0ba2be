/** One call made before widget.js took over. */
export interface QueuedCall {
  command: unknown;
  args: unknown[];
}

/**
 * Read the queue left by the loader or by the vendor's own stub. Both push the call's arguments
 * (an `arguments` object or an array) onto `Relaydesk.q`; anything else there is skipped.
 */
export function readQueue(queue: unknown): QueuedCall[] {
  if (!Array.isArray(queue)) return [];
  const calls: QueuedCall[] = [];
  for (const entry of queue) {
    if (
      typeof entry !== "object" ||
      entry === null ||
      typeof (entry as ArrayLike<unknown>).length !== "number"
    ) {
      continue;
    }
    const [command, ...args] = Array.from(entry as ArrayLike<unknown>);
    calls.push({ command, args });
  }
  return calls;
}

/** Run queued calls in order through the real `Relaydesk` function (which never throws). */
export function replayQueue(
  calls: readonly QueuedCall[],
  relaydesk: (command: unknown, ...args: unknown[]) => void,
) {
  for (const { command, args } of calls) relaydesk(command, ...args);
}
