import type { ClientRequest, ReplyFrame } from "@relaydesk/sdk-types";
import { RelaydeskError } from "./relaydesk-error.ts";
import type { RequestTracker } from "./request-tracker.ts";

export interface RequestQueueOptions {
  tracker: RequestTracker;
  send(frame: ClientRequest): boolean;
  isOpen(): boolean;
  requestTimeoutMs: number;
}

/**
 * Requests other than sends (start-conversation, list-conversations, get-history,
 * close-conversation). They wait for the connection, and one in flight when it drops is sent again
 * on the next: all of them are idempotent on the relay, so a lost reply costs nothing.
 */
export interface RequestQueue {
  /** Send now if open, else after the next `welcome`; resolves with the reply of type `expected`. */
  request<T extends ReplyFrame>(frame: ClientRequest, expected: T["type"]): Promise<T>;
  /** After `welcome`: send everything that is waiting. */
  flush(): void;
  /** The connection is gone: everything waits again. */
  detach(): void;
  /** Reject everything waiting or in flight (the client closed or was refused). */
  failAll(error: RelaydeskError): void;
}

interface Call {
  frame: ClientRequest;
  sent: boolean;
  resolve(frame: ReplyFrame): void;
  reject(error: RelaydeskError): void;
}

export function createRequestQueue(options: RequestQueueOptions): RequestQueue {
  const calls = new Map<string, Call>();

  function transmit(call: Call): void {
    const { id } = call.frame;
    call.sent = true;
    options.tracker.track(
      id,
      {
        reply(frame) {
          calls.delete(id);
          if (frame.type === "error") call.reject(RelaydeskError.fromFrame(frame));
          else call.resolve(frame);
        },
        timeout() {
          calls.delete(id);
          const message = `no reply to ${call.frame.type} within ${options.requestTimeoutMs} ms`;
          call.reject(new RelaydeskError("timeout", message));
        },
      },
      options.requestTimeoutMs,
    );
    options.send(call.frame);
  }

  return {
    request<T extends ReplyFrame>(frame: ClientRequest, expected: T["type"]) {
      return new Promise<T>((resolve, reject) => {
        const call: Call = {
          frame,
          sent: false,
          resolve(reply) {
            if (reply.type === expected) resolve(reply as T);
            else reject(new RelaydeskError("internal", `expected a ${expected} reply, got ${reply.type}`));
          },
          reject,
        };
        calls.set(frame.id, call);
        if (options.isOpen()) transmit(call);
      });
    },
    flush() {
      for (const call of [...calls.values()]) if (!call.sent) transmit(call);
    },
    detach() {
      for (const call of calls.values()) call.sent = false;
    },
    failAll(error) {
      const failed = [...calls.values()];
      calls.clear();
      for (const call of failed) call.reject(error);
    },
  } satisfies RequestQueue;
}
