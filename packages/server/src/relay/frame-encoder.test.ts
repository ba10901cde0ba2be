import type { Message, ServerFrame } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { createFrameEncoder } from "./frame-encoder.ts";

const message = (n: number): Message => ({
  id: `msg_${n}`,
  conversationId: "cnv_1",
  seq: n,
  author: { kind: "visitor", id: "vis_1" },
  kind: "text",
  body: `hello ${n} — ünïcödé`,
  clientMsgId: `c${n}`,
  createdAt: 1_700_000_000_000 + n,
});

const decode = (bytes: Buffer) => JSON.parse(bytes.toString("utf8")) as unknown;

describe("createFrameEncoder", () => {
  it("encodes every frame as the UTF-8 JSON of that frame", () => {
    const encoder = createFrameEncoder();
    const frames: ServerFrame[] = [
      { type: "message-created", message: message(1) },
      { type: "sync-complete", lastSeq: { cnv_1: 3 } },
      { type: "error", code: "not-found", message: "no such conversation", retry: false },
    ];
    for (const frame of frames) {
      const bytes = encoder.encode(frame);
      expect(bytes.toString("utf8")).toBe(JSON.stringify(frame));
    }
  });

  it("encodes a message once for all the copies of its frame that the sockets receive", () => {
    const encoder = createFrameEncoder();
    const frame: ServerFrame = { type: "message-created", message: message(1) };
    const first = encoder.encode(structuredClone(frame));
    const second = encoder.encode(structuredClone(frame));
    expect(second).toBe(first);
    expect(decode(second)).toEqual(frame);
    expect(encoder.encode({ type: "message-created", message: message(2) })).not.toBe(first);
  });

  it("never mixes up frames that are not message-created, even when they look alike", () => {
    const encoder = createFrameEncoder();
    const a = encoder.encode({ type: "sync-complete", lastSeq: { cnv_1: 1 } });
    const b = encoder.encode({ type: "sync-complete", lastSeq: { cnv_1: 2 } });
    expect(decode(a)).toEqual({ type: "sync-complete", lastSeq: { cnv_1: 1 } });
    expect(decode(b)).toEqual({ type: "sync-complete", lastSeq: { cnv_1: 2 } });
  });

  it("forgets old messages once two generations are full, and still encodes them correctly", () => {
    const encoder = createFrameEncoder({ cachedMessages: 2 });
    const frame = (n: number): ServerFrame => ({ type: "message-created", message: message(n) });
    const oldest = encoder.encode(frame(1));
    encoder.encode(frame(2));
    // 1 and 2 fill the first generation, 3 starts a second one: 1 is still known.
    encoder.encode(frame(3));
    expect(encoder.encode(frame(1))).toBe(oldest);
    // 4 fills the second generation and 5 drops the first (1 and 2).
    encoder.encode(frame(4));
    encoder.encode(frame(5));
    const again = encoder.encode(frame(1));
    expect(again).not.toBe(oldest);
    expect(decode(again)).toEqual(frame(1));
  });
});
