import type { Conversation } from "@relaydesk/sdk-types";
import type { FanOut } from "./fan-out.ts";

/**
 * The fan-out, telling `onChange` of every conversation it publishes (created or updated) before
 * publishing it. Every change to a conversation is published, so this is where routing learns of
 * the changes the request handlers make (close, tags, identify moving conversations) and keeps its
 * waiting set and agents' loads in memory instead of reading storage on each step.
 */
export function watchConversations(fanOut: FanOut, onChange: (conversation: Conversation) => void): FanOut {
  return {
    ...fanOut,
    conversationCreated(conversation) {
      onChange(conversation);
      return fanOut.conversationCreated(conversation);
    },
    conversationUpdated(conversation) {
      onChange(conversation);
      return fanOut.conversationUpdated(conversation);
    },
  };
}
