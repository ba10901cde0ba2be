import { describe, expect, it } from "vitest";
import { STRINGS as ES } from "./locales/es.ts";
import { lookup } from "./strings.ts";
import { transcriptText } from "./transcript-text.ts";
import type { ChatMessage } from "./types.ts";
import { EXTRAS_EN } from "./ui/extras-strings.ts";

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
    const text = transcriptText(
      "Ada",
      [
        message("visitor", "Hi <b>there</b>"),
        message("agent", "Hello!\nHow can I help?", { authorName: "Ada" }),
        message("visitor", "never sent", { status: "failed" }),
      ],
      (key, values) => lookup(EXTRAS_EN, "en", key, values),
    );
    expect(text.split("\n")[0]).toBe("Ada — conversation transcript");
    expect(text).toContain("— You:\nHi <b>there</b>\n");
    expect(text).toContain("— Ada:\nHello!\nHow can I help?\n");
    expect(text).not.toContain("never sent");
  });

  it("is written in the shown language, a nameless agent called support in it", () => {
    const text = transcriptText(
      "Soporte",
      [message("visitor", "Hola"), message("agent", "¿Qué tal?")],
      (key, values) => lookup(ES, "es", key, values),
      "es",
    );
    expect(text.split("\n")[0]).toBe("Soporte: transcripción de la conversación");
    expect(text).toContain("— Tú:\nHola\n");
    expect(text).toContain("— Soporte:\n¿Qué tal?\n");
    expect(text).toContain("23 nov 2026");
  });
});
