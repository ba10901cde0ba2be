import type { Conversation } from "@relaydesk/sdk-types";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";

const QUEUE = "queue";

/**
 * Transfer: to a teammate (from the presence list, offline ones too: the relay assigns at once
 * within their capacity) or to a queue by id, with an internal note for whoever gets it.
 */
export function TransferForm({ store, conversation }: { store: ConsoleStore; conversation: Conversation }) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [queueId, setQueueId] = useState("");
  const [note, setNote] = useState("");
  const form = useRef<HTMLFormElement>(null);
  // Opened (by the button or T), the first choice takes the cursor.
  useEffect(() => {
    if (open) form.current?.querySelector("select")?.focus();
  }, [open]);
  const selfId = store.session.value?.self.id;
  const teammates = store.presence.agents.value.filter((a) => a.id !== selfId);
  const busy = store.actions.busy.value.has(conversation.id);
  const ready = target === QUEUE ? queueId.trim() !== "" : target !== "";

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!ready) return;
    const to = target === QUEUE ? { queueId: queueId.trim() } : { agentId: target };
    if (await store.actions.transfer(conversation.id, to, note)) {
      setOpen(false);
      setNote("");
      setTarget("");
      setQueueId("");
    }
  };

  if (!open) {
    return (
      <button type="button" class="button-quiet transfer" onClick={() => setOpen(true)}>
        Transfer…
      </button>
    );
  }
  return (
    <form ref={form} class="transfer transfer-form" aria-label="Transfer" onSubmit={submit}>
      <label>
        To{" "}
        <select value={target} onChange={(event) => setTarget(event.currentTarget.value)}>
          <option value="">Choose…</option>
          {teammates.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name} ({agent.status})
            </option>
          ))}
          <option value={QUEUE}>A queue…</option>
        </select>
      </label>
      {target === QUEUE && (
        <label>
          Queue id <input value={queueId} onInput={(event) => setQueueId(event.currentTarget.value)} />
        </label>
      )}
      <label>
        Note for them (internal)
        <textarea rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <div class="offer-card-actions">
        <button type="submit" class="button-primary" disabled={!ready || busy}>
          {busy ? "Transferring…" : "Transfer"}
        </button>
        <button type="button" class="button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
