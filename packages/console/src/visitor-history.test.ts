import type { RelaydeskClient } from "@relaydesk/client";
import type { Message } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import {
  conversation,
  eventClient,
  pendingActions,
  recordingLink,
  relayError,
  settle,
} from "./test-agent-client.ts";
import { createVisitorHistory } from "./visitor-history.ts";

const message = (conversationId: string, seq: number): Message => ({
  id: `msg_${conversationId}_${seq}`,
  conversationId,
  seq,
  author: { kind: "visitor", id: "vis_1" },
  kind: "text",
  body: `line ${seq}`,
  clientMsgId: `c${seq}`,
  createdAt: seq,
});

function setup() {
  const { link, state } = recordingLink();
  const history = createVisitorHistory({ link });
  const { client } = eventClient();
  const pages: Array<{ conversationId: string; afterSeq: number | undefined }> = [];
  // Two pages of history, as the relay pages a long conversation.
  (client as { getHistory: RelaydeskClient["getHistory"] }).getHistory = async (conversationId, opts) => {
    pages.push({ conversationId, afterSeq: opts?.afterSeq });
    const from = (opts?.afterSeq ?? 0) + 1;
    return {
      messages: [message(conversationId, from), message(conversationId, from + 1)],
      hasMore: from === 1,
    };
  };
  const requests = pendingActions();
  history.attach(client, requests.actions);
  return { history, requests, state, pages };
}

describe("earlier conversations", () => {
  it("lists the visitor's other conversations per conversation, and says why when the relay refuses", async () => {
    const { history, requests, state } = setup();
    history.load("cnv_now");
    const call = requests.take("listVisitorConversations");
    expect(call.args).toEqual(["cnv_now"]);
    call.resolve({
      type: "visitor-conversations",
      replyTo: "r1",
      conversationId: "cnv_now",
      conversations: [
        {
          conversation: conversation("cnv_before", { status: "closed" }),
          lastMessage: message("cnv_before", 3),
        },
      ],
      total: 1,
    });
    await settle();
    expect(history.byConversation.value.get("cnv_now")).toMatchObject({
      total: 1,
      entries: [{ conversation: { id: "cnv_before" }, lastMessage: { body: "line 3" } }],
    });
    history.load("cnv_x");
    requests.take("listVisitorConversations").reject(relayError("not-found", "no such conversation"));
    await settle();
    expect(state.errors).toEqual(["Could not list earlier conversations: no such conversation"]);
  });

  it("reads an earlier conversation whole, page after page, until closed", async () => {
    const { history, pages } = setup();
    history.read(conversation("cnv_before", { status: "closed" }));
    expect(history.reading.value).toMatchObject({ loading: true, messages: [] });
    await settle();
    await settle();
    expect(pages).toEqual([
      { conversationId: "cnv_before", afterSeq: 0 },
      { conversationId: "cnv_before", afterSeq: 2 },
    ]);
    expect(history.reading.value?.loading).toBe(false);
    expect(history.reading.value?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    history.closeTranscript();
    expect(history.reading.value).toBeNull();
  });
});
