import { describe, expect, it } from "vitest";
import { transcriptText } from "./transcript-text.ts";
import type { ChatMessage } from "./types.ts";

const at = Date.UTC(2026, 10, 23, 14, 5);
const message = (
  author: ChatMessage["author"],
  body: string,
  extra: Partial<ChatMessage> = {},
): ChatMessage => ({
  key: body,
  id: body,
  seq: 1,
  author,
  authorName: null,
  body,
  status: "sent",
  createdAt: at,
  ...extra,
});

describe("transcriptText", () => {
  it("lists each message with its time and author, text as written, leaving out failed ones", () => {
    const text = transcriptText("Ada", [
      message("visitor", "Hi <b>there</b>"),
      message("agent", "Hello!\nHow can I help?", { authorName: "Ada" }),
      message("visitor", "never sent", { status: "failed" }),
    ]);
    expect(text.split("\n")[0]).toBe("Ada — conversation transcript");
    expect(text).toContain("— You:\nHi <b>there</b>\n");
    expect(text).toContain("— Ada:\nHello!\nHow can I help?\n");
    expect(text).not.toContain("never sent");
  });
});
