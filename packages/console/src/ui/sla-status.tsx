import type { SlaState } from "@relaydesk/sdk-types";
import { ticker } from "../ticker.ts";
import { slaText } from "./sla-text.ts";

export interface SlaStatusProps {
  sla: SlaState | undefined;
  /** The relay's clock minus this browser's (`store.offers.skew`). */
  skew: number;
}

/**
 * The conversation's SLA clock in words, counting down live. Only this element re-renders each
 * second (it alone reads the shared ticker). Overdue gets a "⚠" and its own class, so it does not
 * rely on colour; nothing shows when no clock runs.
 */
export function SlaStatus({ sla, skew }: SlaStatusProps) {
  const state = slaText(sla, ticker.now.value + skew);
  if (!state) return null;
  return (
    <span class={state.overdue ? "sla sla-overdue" : "sla"} data-sla={state.overdue ? "overdue" : "due"}>
      {state.overdue && <span aria-hidden="true">⚠ </span>}
      {state.text}
    </span>
  );
}
