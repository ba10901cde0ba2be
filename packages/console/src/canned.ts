import { type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import { type CannedReply, type Conversation, renderCanned } from "@relaydesk/sdk-types";
import type { AgentLink, AgentModule } from "./agent-link.ts";

export interface CannedOptions {
  link: AgentLink;
}

export interface Canned extends AgentModule {
  /** Your apps' canned replies, placeholders unfilled. */
  readonly replies: ReadonlySignal<readonly CannedReply[]>;
  /**
   * The replies a reply-box draft asks for: a draft of "/" and a word (no spaces) lists those
   * whose shortcut starts with the word; any other draft lists none.
   */
  matching(draft: string): readonly CannedReply[];
  /** The reply's text for this conversation: visitor name and email, your name, filled in. */
  render(reply: CannedReply, conversation: Conversation): string;
}

/**
 * Canned replies (`list-canned`, loaded at each connect) and filling their placeholders with
 * `renderCanned` of @relaydesk/sdk-types.
 *
 * @example
 * const [first] = canned.matching("/ref");
 * if (first) store.setDraft(id, canned.render(first, conversation));
 */
export function createCanned(options: CannedOptions): Canned {
  const { link } = options;
  const replies = signal<readonly CannedReply[]>([]);
  let actions: AgentActions | null = null;

  return {
    replies,
    attach(client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      return [
        client.on("welcome", () => {
          agent.listCanned().then(
            (list) => {
              if (actions === agent) replies.value = list;
            },
            () => {
              // Canned replies are a convenience: without them the agent types the reply.
            },
          );
        }),
      ];
    },
    reset() {
      actions = null;
      replies.value = [];
    },
    matching(draft) {
      const query = /^\/(\S*)$/.exec(draft)?.[1];
      if (query === undefined) return [];
      const word = query.toLowerCase();
      return replies.value.filter((r) => r.shortcut.toLowerCase().startsWith(word));
    },
    render(reply, conversation) {
      return renderCanned(reply.text, {
        visitor: { name: conversation.visitor?.name, email: conversation.visitor?.email },
        agent: { name: link.selfName() ?? undefined },
        conversation: { id: conversation.id },
      });
    },
  } satisfies Canned;
}
