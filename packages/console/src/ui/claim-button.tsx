import type { Conversation } from "@relaydesk/sdk-types";
import type { ConsoleStore } from "../store.ts";
import { visitorLabel } from "./describe-conversation.ts";

/**
 * Claim a conversation waiting in a manual queue. The relay does not tell agents which queues
 * are manual, so the button shows on waiting conversations not offered to you; a queue the
 * relay answers `not-manual` for loses its buttons (see `offeredQueues`).
 */
export function ClaimButton({ store, conversation }: { store: ConsoleStore; conversation: Conversation }) {
  const busy = store.actions.busy.value.has(conversation.id);
  return (
    <button
      type="button"
      class="button-quiet inbox-claim"
      aria-label={`Claim ${visitorLabel(conversation)}`}
      disabled={busy}
      onClick={() => void store.actions.claim(conversation)}
    >
      {busy ? "Claiming…" : "Claim"}
    </button>
  );
}
