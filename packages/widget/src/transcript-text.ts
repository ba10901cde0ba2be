import type { Translate } from "./strings.ts";
import type { ChatMessage } from "./types.ts";

/**
 * The conversation as plain text, one message per paragraph, for the visitor to keep. The words
 * (`transcriptTitle`, `transcriptYou`, `support`) come from `t`, times in `locale` and the
 * visitor's time zone; text stays as written (it is never HTML).
 *
 * @example
 * transcriptText("Support", messages, store.t, "en"); // "Support — conversation transcript\n\n3 Mar 2026, 14:05 — You:\nHi\n"
 */
export function transcriptText(
  name: string,
  messages: readonly ChatMessage[],
  t: Translate,
  locale?: string,
): string {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const lines = [t("transcriptTitle", { name }), ""];
  for (const message of messages) {
    if (message.status === "failed") continue;
    const who = message.author === "visitor" ? t("transcriptYou") : (message.authorName ?? t("support"));
    lines.push(`${time.format(message.createdAt)} — ${who}:`, message.body, "");
  }
  return lines.join("\n");
}
