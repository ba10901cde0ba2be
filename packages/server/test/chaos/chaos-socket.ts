import type { WebSocketFactory } from "@relaydesk/client";
import WebSocket from "ws";

/**
 * The WebSocket of one client, under the test's control. The client is given `WebSocket` as its
 * constructor (its public `WebSocket` option), so every connection it opens, including each
 * reconnect, is one the test can cut or watch.
 */
export interface ChaosSocket {
  WebSocket: WebSocketFactory;
  /**
   * Cut the current connection as a failing network would: no close frame, the client sees 1006
   * and reconnects. False when there is no open connection to cut.
   */
  drop(): boolean;
}

export interface ChaosSocketOptions {
  /** Sent as the `Origin` header, as a browser on the vendor's page would (visitor sockets need it). */
  origin?: string;
  /** Called with every frame the client sends, right after it is handed to the socket. */
  onSend?(data: string): void;
}

export function createChaosSocket(options: ChaosSocketOptions = {}): ChaosSocket {
  const { origin, onSend } = options;
  let current: WebSocket | null = null;
  class ControlledWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, origin ? { origin } : {});
      current = this;
      if (onSend) {
        const send = this.send.bind(this);
        this.send = ((data: string) => {
          send(data);
          onSend(data);
        }) as WebSocket["send"];
      }
    }
  }
  return {
    WebSocket: ControlledWebSocket,
    drop() {
      if (current?.readyState !== WebSocket.OPEN) return false;
      current.terminate();
      return true;
    },
  };
}
