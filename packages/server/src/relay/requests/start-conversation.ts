import {
  type Conversation,
  checkPrechat,
  type PrechatEntry,
  type StartConversation,
} from "@relaydesk/sdk-types";
import { newId } from "../../ids.ts";
import { errorFrame, type RequestScope } from "../request-scope.ts";
import { knownTimeZone } from "../time-zone.ts";

const ACTIVE = ["open", "pending", "assigned"] as const;
const MAX_ATTRIBUTE_CHARS = 512;

/**
 * Visitor: the visitor's active conversation, or a new waiting one. With `clientConversationId`,
 * the conversation that key opened, or a new one even while others are active (a visitor may keep
 * several; earlier ones stay readable). Serialised per visitor so that several tabs asking at once
 * share one conversation, and a retried key never opens a second one.
 */
export async function startConversation(scope: RequestScope, request: StartConversation): Promise<void> {
  const { identity, services, outbound } = scope;
  if (identity.role !== "visitor") {
    outbound.send(errorFrame(request.id, "forbidden", "only visitors start conversations"));
    return;
  }
  const outcome = await services.visitorLock.run(identity.visitorId, async () => {
    const key = request.clientConversationId;
    const [existing] = await services.storage.listConversations({
      appId: identity.appId,
      visitorId: identity.visitorId,
      ...(key === undefined ? { status: [...ACTIVE] } : { clientConversationId: key }),
      limit: 1,
    });
    if (existing) return { conversation: existing, created: false };
    // The form as it is now (an operator may have changed it since the visitor connected).
    const form = (await services.storage.getApp(identity.appId))?.prechat ?? null;
    let prechat: PrechatEntry[] | undefined;
    if (form) {
      const check = checkPrechat(form, request.prechat ?? {});
      if (!check.ok) return { invalid: Object.values(check.problems).join("; ") };
      if (check.entries.length > 0) prechat = check.entries;
    }
    // Counted only when a conversation is opened: a retry that finds its conversation costs nothing.
    const wait = services.limiters.conversationsPerIp.take(scope.addressKey, services.now());
    if (wait > 0) return { refusedForMs: wait };
    const fresh = await services.storage.createConversation({
      id: newId("cnv"),
      appId: identity.appId,
      visitorId: identity.visitorId,
      status: "open",
      createdAt: services.now(),
      attributes: attributes(scope.context),
      ...(key === undefined ? {} : { clientConversationId: key }),
      ...(prechat ? { prechat } : {}),
    });
    return { conversation: fresh, created: true };
  });
  if ("invalid" in outcome) {
    outbound.send(errorFrame(request.id, "prechat-invalid", `pre-chat form: ${outcome.invalid}`));
    return;
  }
  if ("refusedForMs" in outcome) {
    const message = "too many new conversations from your network address; try again later";
    outbound.send(errorFrame(request.id, "rate-limited", message, outcome.refusedForMs));
    return;
  }
  const { conversation, created } = outcome;
  outbound.send({ type: "conversation", replyTo: request.id, conversation });
  if (!created) return;
  services.logger.info("conversation created", { conversationId: conversation.id, appId: identity.appId });
  await announce(scope, conversation);
}

async function announce(scope: RequestScope, created: Conversation): Promise<void> {
  const { services } = scope;
  // Its queue and priority first, so the agents' `conversation-created` already carries them.
  const conversation = await services.router.place(created);
  try {
    await services.fanOut.conversationCreated(conversation);
  } catch (error) {
    services.logger.error("publish failed", {
      event: "conversation-created",
      conversationId: conversation.id,
      error,
    });
  }
  // Routing runs on its own queue; the visitor hears about the assignment as an update.
  void services.router.conversationWaiting(conversation);
}

function attributes(context: RequestScope["context"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (context.page?.url) out.pageUrl = context.page.url;
  if (context.page?.title) out.pageTitle = context.page.title;
  // Agents only (visitor-view.ts leaves it out): the console shows the visitor's local time.
  const timeZone = knownTimeZone(context.page?.timeZone);
  if (timeZone) out.timeZone = timeZone;
  if (context.userAgent) out.userAgent = context.userAgent.slice(0, MAX_ATTRIBUTE_CHARS);
  // Routing rules may match on the visitor's language: the browser's first Accept-Language tag.
  if (context.locale) out.locale = context.locale;
  return out;
}
