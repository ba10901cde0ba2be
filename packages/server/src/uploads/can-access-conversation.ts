import type { Conversation } from "@relaydesk/sdk-types";
import type { Identity } from "../relay/identity.ts";

/**
 * Whether this identity may see a conversation and its files: a visitor only its own
 * conversations of its own app; an agent every conversation, until agents are scoped to apps
 * (tighten it here: the upload and download routes ask nothing else).
 */
export function canAccessConversation(identity: Identity, conversation: Conversation): boolean {
  if (identity.role === "visitor") {
    return conversation.visitorId === identity.visitorId && conversation.appId === identity.appId;
  }
  return true;
}
