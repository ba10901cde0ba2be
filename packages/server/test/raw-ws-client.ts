import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

/**
 * A WebSocket client written against the bytes of RFC 6455, so tests can send frames no
 * well-behaved library would (reserved bits, bad opcodes, lying lengths) and read exactly what
 * the relay answers.
 */
export interface RawFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export type Outcome = { kind: "close"; code: number | null } | { kind: "end" } | { kind: "timeout" };

export interface RawClient {
  socket: Socket;
  /** Every frame the relay sent after the handshake, in order. */
  frames: RawFrame[];
  write(bytes: Buffer): void;
  /** The first text frame (recorded or arriving) whose JSON matches. */
  nextText(
    match: (value: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** How the relay ended things: its close frame (code null for an empty one), a bare TCP end, or nothing in time. */
  outcome(timeoutMs?: number): Promise<Outcome>;
  destroy(): void;
}

export interface FrameSpec {
  fin?: boolean;
  /** RSV1..3 as the 3 bits under FIN (0b100 = RSV1). */
  rsv?: number;
  opcode: number;
  payload?: Buffer | string;
  masked?: boolean;
  /** Announce this length instead of the payload's (the payload is sent as is). */
  announcedLength?: bigint | number;
}

export function buildFrame(spec: FrameSpec): Buffer {
  const payload =
    typeof spec.payload === "string" ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const masked = spec.masked ?? true;
  const length = BigInt(spec.announcedLength ?? payload.length);
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  header[1] = (header[1] ?? 0) | 0x80;
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, body]);
}

export function closePayload(code: number, reason: Buffer | string = ""): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(code);
  return Buffer.concat([head, typeof reason === "string" ? Buffer.from(reason) : reason]);
}

/** Cut complete server frames (never masked) off the front of `buffer`. */
function parseFrames(buffer: Buffer): { frames: RawFrame[]; rest: Buffer } {
  const frames: RawFrame[] = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const first = buffer[at] ?? 0;
    let length = (buffer[at + 1] ?? 0) & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buffer.length < offset + 2) break;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buffer.length < offset + 8) break;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (buffer.length < offset + length) break;
    frames.push({
      fin: (first & 0x80) !== 0,
      opcode: first & 0x0f,
      payload: buffer.subarray(offset, offset + length),
    });
    at = offset + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

/** Connect and upgrade by hand; resolves once the relay answered 101. */
export function openRaw(port: number, path: string, origin?: string): Promise<RawClient> {
  const socket = connect({ host: "127.0.0.1", port });
  socket.on("error", () => {});
  const key = randomBytes(16).toString("base64");
  const frames: RawFrame[] = [];
  const wakers = new Set<() => void>();
  let upgraded = false;
  let ended = false;
  let pending: Buffer = Buffer.alloc(0);
  const wake = () => {
    for (const w of [...wakers]) w();
  };

  return new Promise((resolve, reject) => {
    const client: RawClient = {
      socket,
      frames,
      write(bytes) {
        if (!socket.destroyed && socket.writable) socket.write(bytes);
      },
      nextText(match, timeoutMs = 5_000) {
        return new Promise((res, rej) => {
          const check = () => {
            for (const f of frames) {
              if (f.opcode !== 1) continue;
              const value = JSON.parse(f.payload.toString("utf8")) as Record<string, unknown>;
              if (match(value)) {
                done();
                res(value);
                return;
              }
            }
            if (ended) {
              done();
              rej(new Error("connection ended before the expected frame"));
            }
          };
          const timer = setTimeout(() => {
            done();
            rej(new Error(`no matching text frame within ${timeoutMs} ms`));
          }, timeoutMs);
          const done = () => {
            clearTimeout(timer);
            wakers.delete(check);
          };
          wakers.add(check);
          check();
        });
      },
      outcome(timeoutMs = 3_000) {
        return new Promise((res) => {
          const check = () => {
            const close = frames.find((f) => f.opcode === 8);
            if (close) {
              done();
              res({ kind: "close", code: close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null });
            } else if (ended) {
              done();
              res({ kind: "end" });
            }
          };
          const timer = setTimeout(() => {
            done();
            res({ kind: "timeout" });
          }, timeoutMs);
          const done = () => {
            clearTimeout(timer);
            wakers.delete(check);
          };
          wakers.add(check);
          check();
        });
      },
      destroy: () => socket.destroy(),
    };

    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = pending.subarray(0, end).toString("latin1");
        pending = pending.subarray(end + 4);
        if (!head.startsWith("HTTP/1.1 101")) {
          socket.destroy();
          reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
          return;
        }
        upgraded = true;
        resolve(client);
      }
      const parsed = parseFrames(pending);
      pending = parsed.rest;
      frames.push(...parsed.frames);
      wake();
    });
    const onGone = () => {
      ended = true;
      if (!upgraded) reject(new Error("connection closed during the handshake"));
      wake();
    };
    socket.on("end", onGone);
    socket.on("close", onGone);
    socket.on("connect", () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Key: ${key}`,
          "Sec-WebSocket-Version: 13",
          ...(origin ? [`Origin: ${origin}`] : []),
          "",
          "",
        ].join("\r\n"),
      );
    });
  });
}

/** RFC 6455 section 7.4: codes an endpoint may put in a close frame. */
export function isValidCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999)
  );
}
