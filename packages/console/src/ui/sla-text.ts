import type { SlaState } from "@relaydesk/sdk-types";

/** An SLA clock in words, and whether it is overdue (shown with a mark, not colour only). */
export interface SlaText {
  text: string;
  overdue: boolean;
}

const KIND = { "first-response": "First reply", "next-response": "Next reply" } as const;

/** "45 s", "4 min", "1 h 5 min": seconds under a minute, minutes under an hour. */
export function formatSpan(ms: number, round: (x: number) => number): string {
  const seconds = round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * The SLA clock of a conversation as the console shows it: "First reply due in 4 min",
 * "Next reply due in 30 s", "First reply overdue by 2 min"; `null` when no clock runs.
 * `now` must be on the relay's clock (the browser's plus the skew from `welcome`), like `dueAt`.
 * Time left rounds up (never "due in 0 s" while time remains), time overdue rounds down.
 */
export function slaText(sla: SlaState | undefined, now: number): SlaText | null {
  if (!sla) return null;
  const what = KIND[sla.kind];
  const left = sla.dueAt - now;
  // breachedAt is the relay's word: overdue even if this browser's corrected clock lags a little.
  if (left > 0 && sla.breachedAt === undefined) {
    return { text: `${what} due in ${formatSpan(left, Math.ceil)}`, overdue: false };
  }
  const late = Math.max(0, -left);
  return {
    text: late < 1000 ? `${what} overdue` : `${what} overdue by ${formatSpan(late, Math.floor)}`,
    overdue: true,
  };
}
