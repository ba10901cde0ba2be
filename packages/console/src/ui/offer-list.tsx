import type { Message } from "@relaydesk/sdk-types";
import type { ConsoleStore } from "../store.ts";
import { ticker } from "../ticker.ts";
import { OfferCard } from "./offer-card.tsx";

/**
 * "Offered to you", at the top of the inbox: every open offer with its countdown. The line above
 * the cards is an assertive live region, so a screen reader says a new offer at once; nothing
 * makes a sound.
 */
export function OfferList({ store }: { store: ConsoleStore }) {
  const offers = store.offers;
  const list = offers.list.value;
  const messages = store.messages.value;
  const now = ticker.now.value;
  return (
    <div class="offers">
      <p class="offers-announcement" aria-live="assertive" aria-atomic="true">
        {offers.announcement.value}
      </p>
      {list.length > 0 && (
        <section class="inbox-section offers-section" aria-labelledby="offers-heading">
          <div class="inbox-section-head">
            <h2 id="offers-heading">Offered to you</h2>
            <span class="count">{list.length}</span>
          </div>
          <ul class="offer-list">
            {list.map((offer) => (
              <li key={offer.conversation.id}>
                <OfferCard
                  offer={offer}
                  preview={lastBody(messages.get(offer.conversation.id))}
                  now={now}
                  onAccept={(id) => offers.accept(id)}
                  onDecline={(id) => offers.decline(id)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function lastBody(list: readonly Message[] | undefined): string | null {
  return list?.[list.length - 1]?.body ?? null;
}
