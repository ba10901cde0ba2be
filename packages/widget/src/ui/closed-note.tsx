import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { focusIfFree } from "./focus-if-free.ts";

/** In place of the composer under a closed conversation: it is read-only; a new one can be started. */
export class ClosedNote extends Component<{ store: WidgetStore }> {
  button = createRef<HTMLButtonElement>();

  override componentDidMount() {
    // The composer the visitor was typing in is gone when the agent closes the conversation.
    focusIfFree(this.button.current);
  }

  override render({ store }: { store: WidgetStore }) {
    return (
      <div class="rd-foot">
        <p class="rd-note">{store.t("closedNote")}</p>
        <button ref={this.button} type="button" class="rd-new" onClick={() => store.startNew()}>
          {store.t("startNew")}
        </button>
      </div>
    );
  }
}
