import type { ServerFrame } from "@relaydesk/sdk-types";

/** Turns a frame into the bytes of its WebSocket text message. */
export interface FrameEncoder {
  encode(frame: ServerFrame): Buffer;
}

export interface FrameEncoderOptions {
  /** How many recent messages keep their encoded `message-created` frame (two generations of this size). */
  cachedMessages?: number;
}

export const DEFAULTS = { cachedMessages: 2_048 } as const satisfies FrameEncoderOptions;

/**
 * Encodes each message's `message-created` frame once for all the sockets it goes to. Every agent
 * socket gets every message, and the bus hands each subscriber its own copy of the frame, so
 * without this the same JSON would be built and UTF-8 encoded once per socket. Safe because a
 * `message-created` frame is the same for every recipient and a stored message never changes:
 * the message id alone identifies the bytes. Other frames are encoded every time.
 *
 * The cache holds two generations of `cachedMessages` entries and drops the older one when the
 * newer fills up: recent messages (the ones still being fanned out) stay, memory stays bounded.
 *
 * @example
 * const encoder = createFrameEncoder();
 * ws.send(encoder.encode(frame), { binary: false });
 */
export function createFrameEncoder(options: FrameEncoderOptions = {}): FrameEncoder {
  const { cachedMessages } = { ...DEFAULTS, ...options };
  let current = new Map<string, Buffer>();
  let previous = new Map<string, Buffer>();

  const toBytes = (frame: ServerFrame) => Buffer.from(JSON.stringify(frame));

  return {
    encode(frame) {
      if (frame.type !== "message-created") return toBytes(frame);
      const id = frame.message.id;
      let bytes = current.get(id) ?? previous.get(id);
      if (bytes) return bytes;
      bytes = toBytes(frame);
      if (current.size >= cachedMessages) {
        previous = current;
        current = new Map();
      }
      current.set(id, bytes);
      return bytes;
    },
  } satisfies FrameEncoder;
}
