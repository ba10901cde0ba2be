// The identify chunk: what `identify` needs beyond widget.js, fetched on the first `identify`.
import type { Conversation } from "@relaydesk/sdk-types";
import { checkClaim } from "./identify-claim.ts";
import type { WidgetClient } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

/**
 * Check the claim and identify the connection. Never rejects: a malformed claim or one the relay
 * refuses (`identity-invalid` …) is logged with what to fix, and the visitor stays who they were.
 */
export async function identifyVisitor(
  client: Pick<WidgetClient, "identify">,
  claim: unknown,
  log: Pick<Console, "error">,
): Promise<void> {
  try {
    await client.identify(checkClaim(claim, "identify"));
  } catch (error) {
    // Shut down meanwhile: nothing to report.
    if ((error as { code?: unknown })?.code === "closed") return;
    log.error(
      error instanceof WidgetError
        ? error.message
        : `Relaydesk: identify was refused, the visitor stays who they were (${(error as Error)?.message}). ` +
            "Your server signs the user id with the app's identity secret (relaydesk apps secret).",
    );
  }
}

/**
 * After `identified` the connection speaks for the user, but what the user wrote from other browsers
 * is not replayed on it (it would be on the next connection): fetch the user's conversations and,
 * in the tab that asked (`history`), their messages, which the client emits as `message` events to
 * every tab. A failure is left to the next connection, which replays them all (the token is the
 * user's now).
 */
export async function loadUser(
  client: Pick<WidgetClient, "listConversations" | "getHistory">,
  history: boolean,
  adopt: (list: readonly Conversation[]) => void,
): Promise<void> {
  try {
    const list = await client.listConversations();
    adopt(list);
    for (const { id } of history ? list : []) {
      for (let after = 0, more = true; more; ) {
        const page = await client.getHistory(id, { afterSeq: after });
        after = page.messages.at(-1)?.seq ?? after;
        more = page.hasMore && page.messages.length > 0;
      }
    }
  } catch {
    // Lost with the connection; see above.
  }
}
