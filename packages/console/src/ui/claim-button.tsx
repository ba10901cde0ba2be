import type { Conversation } from "@relaydesk/sdk-types";
import type { ConsoleStore } from "../store.ts";
import { visitorLabel } from "./describe-conversation.ts";

/**
 * Claim a conversation the relay says you can claim now (`store.claimable`: a manual queue you are
 * a member of, with the skills it needs and room under your capacity). The inbox shows it on
 * exactly those; it goes when the relay's next `claimable` leaves the conversation out.
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
