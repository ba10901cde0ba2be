import { visitorActions } from "@relaydesk/client/visitor";
import { Component } from "preact";
import { replyTime, waitText } from "../reply-time.ts";
import type { Translate } from "../strings.ts";
import type { WidgetStore } from "../types.ts";
import type { VisitorNotice } from "../visitor-notices.ts";
import { failureReason } from "./failure-reason.ts";

interface OfflineNoticeProps {
  store: WidgetStore;
  conversationId: string;
  notice: VisitorNotice;
  /** The address left in this conversation during this page's life, if any. */
  left: string | undefined;
  onLeft(email: string): void;
}

interface OfflineNoticeState {
  email: string;
  message: string;
  error: string | null;
  busy: boolean;
}

/**
 * Above the composer of a waiting conversation: its place in the queue and the expected wait; or,
 * when the relay said nobody can answer now (outside business hours, nobody online), why, when a
 * reply can be expected (in the visitor's time zone), and a form for an email (and a message) to
 * be answered at: `leave-email`, then the message sent into the conversation like any other.
 */
export class OfflineNotice extends Component<OfflineNoticeProps, OfflineNoticeState> {
  override state: OfflineNoticeState = { email: "", message: "", error: null, busy: false };

  async submit() {
    const { store, conversationId, onLeft } = this.props;
    const t: Translate = (...args) => store.t(...args);
    const { email, message } = this.state;
    this.setState({ busy: true, error: null });
    try {
      await visitorActions(store.client).leaveEmail(conversationId, email);
      onLeft(email.trim());
      if (message.trim()) void store.send(message);
      this.setState({ busy: false, message: "" });
    } catch (error) {
      // `bad-frame`: the address's shape (checked by the client, and the relay, with the same rule).
      const text =
        (error as { code?: string }).code === "bad-frame"
          ? t("fieldEmail", { label: t("yourEmail") })
          : t("emailFailed", { reason: t(failureReason(error)) });
      this.setState({ busy: false, error: text });
    }
  }

  override render(
    { store, notice, left }: OfflineNoticeProps,
    { email, message, error, busy }: OfflineNoticeState,
  ) {
    const { availability, position } = notice;
    const t: Translate = (...args) => store.t(...args);
    if (!availability || availability.open) {
      if (!position) return null;
      return (
        <p class="rd-notice" role="status">
          {t("queuePosition", { n: position.position, wait: waitText(position.expectedWaitMs, t) })}
        </p>
      );
    }
    const when =
      availability.nextOpeningAt === undefined
        ? t("replySoon")
        : replyTime(availability.nextOpeningAt, Date.now(), t, { locale: store.lang.value ?? "en" });
    const intro = `${t(availability.reason === "closed" ? "closedNow" : "nobodyOnline")} ${when}`;
    if (left) {
      return (
        <p class="rd-notice" role="status">
          {intro} {t("answerAt", { email: left })}
        </p>
      );
    }
    return (
      <form
        class="rd-form rd-offline"
        aria-label={t("leaveEmail")}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void this.submit();
        }}
      >
        <p role="status">
          {intro} {t("leaveEmailAsk")}
        </p>
        <div class="rd-field">
          <label for="rd-offline-email">{t("yourEmail")}</label>
          <input
            id="rd-offline-email"
            type="email"
            autocomplete="email"
            value={email}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "rd-offline-error" : undefined}
            onInput={(event) => this.setState({ email: event.currentTarget.value })}
          />
          {error && (
            <span id="rd-offline-error" class="rd-error">
              {error}
            </span>
          )}
        </div>
        <div class="rd-field">
          <label for="rd-offline-message">{t("optional", { label: t("message") })}</label>
          <textarea
            id="rd-offline-message"
            rows={2}
            value={message}
            onInput={(event) => this.setState({ message: event.currentTarget.value })}
          />
        </div>
        <button type="submit" class="rd-submit" disabled={busy}>
          {t("send")}
        </button>
      </form>
    );
  }
}
