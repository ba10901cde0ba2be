import type { HeldOffer } from "../offers.ts";
import { pageOf, visitorLabel } from "./describe-conversation.ts";

export interface OfferCardProps {
  offer: HeldOffer;
  /** The conversation's last message, when the console has it: what the visitor asks. */
  preview: string | null;
  now: number;
  onAccept(conversationId: string): void;
  onDecline(conversationId: string): void;
}

/**
 * One offer: who and where, the seconds left, Accept and Decline. With focus anywhere in the card,
 * A accepts and D declines (plain letters: nothing in the card takes text input).
 */
export function OfferCard({ offer, preview, now, onAccept, onDecline }: OfferCardProps) {
  const { conversation, answering } = offer;
  const id = conversation.id;
  const page = pageOf(conversation);
  const seconds = Math.max(0, Math.ceil((offer.expiresAt - now) / 1000));
  const label = visitorLabel(conversation);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || answering !== null) return;
    const key = event.key.toLowerCase();
    if (key !== "a" && key !== "d") return;
    event.preventDefault();
    if (key === "a") onAccept(id);
    else onDecline(id);
  };
  return (
    <article
      class="offer-card"
      data-conversation-id={id}
      aria-label={`Offer: ${label}`}
      aria-keyshortcuts="A D"
      onKeyDown={onKeyDown}
    >
      <div class="offer-card-who">
        <span class="offer-card-visitor" title={label}>
          {label}
        </span>
        {(page.title || page.url) && (
          <span class="offer-card-page" title={page.url ?? page.title ?? ""}>
            {page.title ?? page.url}
          </span>
        )}
      </div>
      {preview !== null && <p class="offer-card-preview">{preview}</p>}
      <p class="offer-card-countdown">
        {seconds > 0 ? (
          <>
            <time dateTime={`PT${seconds}S`}>{seconds} s</time> left to accept
          </>
        ) : (
          "Expiring…"
        )}
      </p>
      <div class="offer-card-actions">
        <button
          type="button"
          class="button-primary"
          disabled={answering !== null}
          aria-keyshortcuts="A"
          onClick={() => onAccept(id)}
        >
          {answering === "accept" ? "Accepting…" : "Accept"}
        </button>
        <button
          type="button"
          class="button-quiet"
          disabled={answering !== null}
          aria-keyshortcuts="D"
          onClick={() => onDecline(id)}
        >
          {answering === "decline" ? "Declining…" : "Decline"}
        </button>
      </div>
    </article>
  );
}
