import { effect } from "@preact/signals-core";
import { Component } from "preact";
import type { WidgetParts, WidgetStore } from "../types.ts";
import { visitorNotices } from "../visitor-notices.ts";
import { ClosedNote } from "./closed-note.tsx";
import { Composer } from "./composer.tsx";
import { OfflineNotice } from "./offline-notice.tsx";
import { PrechatForm } from "./prechat-form.tsx";
import { RatingForm } from "./rating-form.tsx";
import { TranscriptLink } from "./transcript-link.tsx";

interface ExtrasFootProps {
  store: WidgetStore;
  /** The attachments part, for the composer's attach button and paste. */
  files?: WidgetParts["attachments"] | undefined;
}

/** Per store, for the page's life: the form was answered, and the emails left by conversation. */
const answered = new WeakSet<WidgetStore>();
const emails = new WeakMap<WidgetStore, Map<string, string>>();

/**
 * The bottom of the panel once the conversations part has loaded, in place of the core's composer: the
 * pre-chat form before a new conversation's first message (when the app has one), the offline
 * notice or queue position above the composer of a waiting conversation, the rating and the
 * closed note under a closed one, and the transcript link under any conversation with messages.
 */
export class ExtrasFoot extends Component<ExtrasFootProps> {
  stops: (() => void)[] = [];

  override componentDidMount() {
    const { client } = this.props.store;
    // The form comes with `welcome`, the notices as events: neither is a value the core watches.
    this.stops = [
      client.on("welcome", () => this.forceUpdate()),
      effect(() => {
        visitorNotices(client).value;
        this.forceUpdate();
      }),
    ];
  }

  override componentWillUnmount() {
    for (const stop of this.stops) stop();
  }

  override render({ store, files }: ExtrasFootProps) {
    const conversation = store.conversation.value;
    const messages = store.messages.value;
    const form = store.client.session?.prechat;
    if (form && !conversation && messages.length === 0 && !answered.has(store)) {
      return (
        <PrechatForm
          store={store}
          form={form}
          onDone={(answers) => {
            answered.add(store);
            store.setPrechat(answers);
            this.forceUpdate();
          }}
        />
      );
    }
    const transcript = messages.length > 0 && <TranscriptLink store={store} />;
    if (conversation?.status === "closed") {
      return (
        <>
          <RatingForm key={conversation.id} store={store} conversation={conversation} />
          <ClosedNote store={store} />
          {transcript}
        </>
      );
    }
    // Where it stands in the queue and whether anyone can answer: only while nobody is assigned.
    const notice =
      conversation?.status !== "assigned" &&
      conversation &&
      visitorNotices(store.client).value[conversation.id];
    const left = emails.get(store);
    return (
      <>
        {conversation && notice && (
          <OfflineNotice
            key={conversation.id}
            store={store}
            conversationId={conversation.id}
            notice={notice}
            left={left?.get(conversation.id)}
            onLeft={(email) => {
              emails.set(store, (left ?? new Map()).set(conversation.id, email));
              this.forceUpdate();
            }}
          />
        )}
        <Composer store={store} files={files} />
        {transcript}
      </>
    );
  }
}
