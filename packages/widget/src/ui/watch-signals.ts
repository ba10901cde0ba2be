import { effect } from "@preact/signals-core";
import { Component } from "preact";

/**
 * A component that renders again whenever a signal it read in `render` changes (the widget reads
 * signals directly, without @preact/signals' Preact integration; see app.tsx).
 */
export abstract class Watching<P> extends Component<P> {
  stop = () => {};
  abstract watch(): unknown;

  override componentDidMount() {
    let first = true;
    this.stop = effect(() => {
      this.watch();
      if (!first) this.forceUpdate();
      first = false;
    });
  }

  override componentWillUnmount() {
    this.stop();
  }
}
