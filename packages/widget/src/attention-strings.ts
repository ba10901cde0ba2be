import { EN } from "./strings.ts";

/** The English texts of the attention chunk (the title flash, a notification's fallbacks), added to `EN` when it loads. */
export const ATTENTION_EN = {
  newMessages_one: "({n}) New message",
  newMessages: "({n}) New messages",
  sentFile: "Sent a file",
};

/** Called by the chunk when it starts: `store.t` finds these from then on. */
export function adoptAttentionStrings(): void {
  Object.assign(EN, ATTENTION_EN);
}
