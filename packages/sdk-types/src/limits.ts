/** Protocol version spoken by this package. `hello.protocol` must equal it. */
export const PROTOCOL_VERSION = 1;

/**
 * Hard limits of protocol v1. The relay may announce lower ones in `welcome.limits`; clients
 * should check what they send against those before sending.
 */
export const LIMITS = {
  /** Largest text frame the relay accepts, in bytes (UTF-8). */
  maxFrameBytes: 64 * 1024,
  /** Longest message body, in UTF-16 code units. */
  maxBodyChars: 10_000,
  /** Longest id, token or clientMsgId, in characters. */
  maxIdChars: 128,
  /** Most messages returned by one `get-history`. */
  maxHistoryPage: 200,
} as const;

/**
 * Most uploads one `send-message` may attach. A limit of protocol v1 like those in `LIMITS`, kept
 * out of that object so that clients that never attach files (the widget) do not bundle it.
 */
export const MAX_ATTACHMENTS = 10;
