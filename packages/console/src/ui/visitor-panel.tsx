import type { Conversation } from "@relaydesk/sdk-types";
import { currentPageOf, identityText, pageOf } from "./describe-conversation.ts";
import { LocalTime } from "./local-time.tsx";
import { MarkdownText } from "./markdown-text.tsx";

const IDENTITY_HINT = {
  verified: "Name and email were signed by your app (identity verification with a JWT)",
  unverified: "The user id is verified; name and email were sent by the page and are not",
  anonymous: "Not signed in to your app",
} as const;

/**
 * Who the visitor is and where they wrote from, their answers to the app's pre-chat form (labelled
 * as the form asked them) and their rating once the conversation was closed; the page they are on
 * now when they moved on from the one they started on (live, from `page-view`). Every value is the visitor's (or their page's)
 * and shown as text; only an http(s) page URL becomes a link, by the same rules as messages.
 * The visitor's local time ticks with the console's one clock, from the zone their browser reported.
 */
export function VisitorPanel({ conversation, skew }: { conversation: Conversation; skew: number }) {
  const visitor = conversation.visitor;
  const page = pageOf(conversation);
  const now = currentPageOf(conversation);
  const identity = identityText(conversation);
  const browser = conversation.attributes.userAgent;
  const timeZone = conversation.attributes.timeZone;
  return (
    <section class="visitor-panel" aria-label="Visitor">
      <dl>
        <div>
          <dt>Name</dt>
          <dd data-field="name">{visitor?.name || "Visitor"}</dd>
        </div>
        {visitor?.email && (
          <div>
            <dt>Email</dt>
            <dd data-field="email">{visitor.email}</dd>
          </div>
        )}
        {conversation.offlineEmail !== undefined && (
          <div>
            <dt>Left an email</dt>
            <dd data-field="offline-email">{conversation.offlineEmail}</dd>
          </div>
        )}
        {conversation.prechat?.map((entry) => (
          <div key={entry.id}>
            <dt>{entry.label}</dt>
            <dd data-field={`prechat-${entry.id}`}>{entry.value}</dd>
          </div>
        ))}
        {conversation.rating && (
          <div>
            <dt>Rating</dt>
            <dd data-field="rating-score">
              {conversation.rating.score} of 5
              {conversation.rating.comment && (
                <q data-field="rating-comment">{conversation.rating.comment}</q>
              )}
            </dd>
          </div>
        )}
        {visitor?.userId !== undefined && (
          <div>
            <dt>User id</dt>
            <dd data-field="user-id">{visitor.userId}</dd>
          </div>
        )}
        <div>
          <dt>Identity</dt>
          <dd data-field="identity" class={`identity identity-${identity}`} title={IDENTITY_HINT[identity]}>
            {identity === "verified" ? "✓ Verified" : identity === "unverified" ? "Unverified" : "Anonymous"}
          </dd>
        </div>
        {timeZone && (
          <div>
            <dt>Local time</dt>
            <LocalTime timeZone={timeZone} skew={skew} />
          </div>
        )}
        {page.title && (
          <div>
            <dt>Page title</dt>
            <dd data-field="page-title">{page.title}</dd>
          </div>
        )}
        {page.url && (
          <div>
            <dt>Page</dt>
            <dd data-field="page-url">
              <MarkdownText text={page.url} />
            </dd>
          </div>
        )}
        {now && (
          <div>
            <dt>Now on</dt>
            <dd data-field="current-page">
              {now.title && <span data-field="current-page-title">{now.title} </span>}
              <MarkdownText text={now.url} />
            </dd>
          </div>
        )}
        {conversation.slaBreaches !== undefined && conversation.slaBreaches > 0 && (
          <div>
            <dt>SLA breaches</dt>
            <dd data-field="sla-breaches">{conversation.slaBreaches}</dd>
          </div>
        )}
        {browser && (
          <div>
            <dt>Browser</dt>
            <dd data-field="browser">{browser}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
