import type { Conversation } from "@relaydesk/sdk-types";
import type { ConsoleStore } from "../store.ts";
import { priorityChoices } from "./priority-choices.ts";

/**
 * The conversation's priority (agents only; `set-priority`): a waiting conversation moves in its
 * queue at once. The select shows the stored value, so a refused change snaps back.
 */
export function PrioritySelect({ store, conversation }: { store: ConsoleStore; conversation: Conversation }) {
  const busy = store.actions.busy.value.has(conversation.id);
  const current = conversation.priority ?? 0;
  return (
    <label class="priority-select">
      <span>Priority</span>
      <select
        value={String(current)}
        disabled={busy || conversation.status === "closed"}
        onChange={(event) => {
          const next = Number(event.currentTarget.value);
          // Shown again as stored until the relay's answer (or its refusal) comes back.
          event.currentTarget.value = String(current);
          if (next !== current) void store.actions.setPriority(conversation.id, next);
        }}
      >
        {priorityChoices(current).map((choice) => (
          <option key={choice.value} value={String(choice.value)}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
