import { visitorActions } from "@relaydesk/client/visitor";
import type { Conversation } from "@relaydesk/sdk-types";
import { Component } from "preact";
import type { WidgetStore } from "../types.ts";
import { failureReason } from "./failure-reason.ts";

interface RatingFormProps {
  store: WidgetStore;
  conversation: Conversation;
}

interface RatingFormState {
  score: number;
  comment: string;
  error: string | null;
  /** The score sent, until the relay's `conversation-updated` carries it. */
  sent: number;
}

/** The scores' words, by key (`rate1` "Very bad" … `rate5` "Great"). */
const SCORES = ["rate1", "rate2", "rate3", "rate4", "rate5"];

/**
 * Under a closed conversation: how was it, 1 to 5, with an optional comment (`rate-conversation`).
 * A conversation is rated once; afterwards, and for a conversation rated before (in another tab or
 * visit), the thanks with the score given.
 */
export class RatingForm extends Component<RatingFormProps, RatingFormState> {
  override state: RatingFormState = { score: 0, comment: "", error: null, sent: 0 };

  async submit() {
    const { store, conversation } = this.props;
    const { score, comment } = this.state;
    if (score === 0) {
      this.setState({ error: store.t("rateChoose", { min: 1, max: 5 }) });
      return;
    }
    this.setState({ sent: score, error: null });
    try {
      await visitorActions(store.client).rateConversation(conversation.id, score, comment);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "already-rated") {
        this.setState({ sent: 0, error: store.t("rateFailed", { reason: store.t(failureReason(error)) }) });
      }
    }
  }

  override render(
    { store, conversation }: RatingFormProps,
    { score, comment, error, sent }: RatingFormState,
  ) {
    const given = conversation.rating?.score ?? sent;
    if (given > 0) {
      return (
        <p class="rd-notice" role="status">
          {store.t("rated", { n: given, max: 5 })}
        </p>
      );
    }
    return (
      <form
        class="rd-form"
        aria-label={store.t("rateTitle")}
        onSubmit={(event) => {
          event.preventDefault();
          void this.submit();
        }}
      >
        <p>{store.t("rateQuestion")}</p>
        <div class="rd-stars">
          {SCORES.map((label, index) => (
            <button
              key={label}
              type="button"
              class="rd-star"
              aria-label={store.t("rateScore", { n: index + 1, max: 5, label: store.t(label) })}
              aria-pressed={score === index + 1}
              onClick={() => this.setState({ score: index + 1, error: null })}
            >
              {(index + 1).toLocaleString(store.lang.value ?? "en")}
            </button>
          ))}
        </div>
        <div class="rd-field">
          <label for="rd-rating-comment">{store.t("optional", { label: store.t("comment") })}</label>
          <textarea
            id="rd-rating-comment"
            rows={2}
            maxLength={1000}
            value={comment}
            onInput={(event) => this.setState({ comment: event.currentTarget.value })}
          />
        </div>
        {error && (
          <span class="rd-error" role="alert">
            {error}
          </span>
        )}
        <button type="submit" class="rd-submit">
          {store.t("sendRating")}
        </button>
      </form>
    );
  }
}
