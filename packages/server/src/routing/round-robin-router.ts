import type { Conversation } from "@relaydesk/sdk-types";
import type { Logger } from "../logger.ts";
import type { Storage } from "../storage/types.ts";
import type { AgentPresence } from "./agent-presence.ts";
import { agentsOfApp, pickAgent } from "./pick-agent.ts";

/**
 * Hands waiting conversations to agents. The decision is `pickAgent`; this module does the I/O
 * around it (read what waits, assign in storage, announce the change).
 */
export interface Router {
  /** A conversation was created: offer it to the next online agent, or leave it waiting. */
  conversationWaiting(conversation: Conversation): Promise<void>;
  /**
   * An agent serving `appIds` came online: assign every waiting conversation of those apps, oldest
   * first, round-robin among the online agents of each conversation's app.
   */
  agentOnline(appIds: readonly string[]): Promise<void>;
  /** Resolves once every routing step queued so far has finished (for shutdown). */
  idle(): Promise<void>;
}

export interface RouterOptions {
  storage: Storage;
  presence: AgentPresence;
  /** Announce an assignment to the visitor and the agents (the relay's fan-out). */
  publishUpdated(conversation: Conversation): Promise<void>;
  logger: Logger;
  now?: () => number;
}

function isWaiting(conversation: Conversation): boolean {
  return conversation.status === "open" && conversation.assignee === null;
}

export function createRoundRobinRouter(options: RouterOptions): Router {
  const { storage, presence, logger } = options;
  const now = options.now ?? Date.now;
  let cursor: string | null = null;
  // One routing step at a time on this node: two steps reading the same waiting conversation
  // would otherwise both assign it (and move the cursor twice).
  let chain: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const run = chain.then(step).catch((error: unknown) => logger.error("routing failed", { error }));
    chain = run;
    return run;
  };

  const assign = async (conversationId: string): Promise<boolean> => {
    const current = await storage.getConversation(conversationId);
    if (!current || !isWaiting(current)) return true;
    // Only agents of the conversation's app: routing must not hand another vendor's chat over.
    const agent = pickAgent(agentsOfApp(presence.online(), current.appId), cursor);
    if (!agent) return false;
    const updated = await storage.updateConversation(conversationId, {
      status: "assigned",
      assignee: { id: agent.id, name: agent.name },
      updatedAt: now(),
    });
    cursor = agent.id;
    if (updated) {
      logger.info("conversation assigned", { conversationId, agentId: agent.id });
      await options.publishUpdated(updated);
    }
    return true;
  };

  return {
    conversationWaiting: (conversation) =>
      serial(async () => {
        await assign(conversation.id);
      }),
    agentOnline: (appIds) =>
      serial(async () => {
        const open = await storage.listConversations({
          appIds: [...appIds],
          status: ["open"],
          order: "oldest",
        });
        const waiting = open.filter(isWaiting);
        // Each conversation is offered within its own app; an app whose agents all left meanwhile
        // keeps its conversations waiting without holding up the other apps'.
        for (const conversation of waiting) await assign(conversation.id);
      }),
    idle: () => chain,
  } satisfies Router;
}
