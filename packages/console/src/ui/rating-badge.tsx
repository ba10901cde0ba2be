import type { ConversationRating } from "@relaydesk/sdk-types";

/** The visitor's rating of a closed conversation, "★ 4/5", with the words for screen readers. */
export function RatingBadge({ rating }: { rating: ConversationRating | undefined }) {
  if (!rating) return null;
  const words = `Rated ${rating.score} of 5${rating.comment ? `: ${rating.comment}` : ""}`;
  return (
    <span class={`rating rating-${rating.score}`} data-field="rating" title={words}>
      <span aria-hidden="true">★ {rating.score}/5</span>
      <span class="sr-only">{words}</span>
    </span>
  );
}
