import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildFrame,
  closePayload,
  type FrameSpec,
  isValidCloseCode,
  openRaw,
  type RawClient,
} from "./raw-ws-client.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  type Harness,
  ORIGIN,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const CONTINUATION = 0x0;

let harness: Harness;
let bystander: { visitor: TestSocket; agent: TestSocket; conversationId: string };
let inputs = 0;
let round = 0;

beforeAll(async () => {
  harness = await startHarness();
  const { token } = await harness.addAgent("Ada");
  const agent = await connectAgent(harness, token);
  const visitor = await connectVisitor(harness);
  bystander = { visitor, agent, conversationId: await startConversation(visitor) };
});
afterAll(async () => {
  console.log(`fuzz-wire: ${inputs} inputs`);
  await harness.stop();
});

/** A message from the bystander visitor still reaches the bystander agent. */
async function bystanderWorks() {
  const tag = `bystander-${++round}`;
  const { visitor, agent, conversationId } = bystander;
  const ack = await request(visitor, { type: "send-message", conversationId, clientMsgId: tag, body: tag });
  expect(ack).toMatchObject({ type: "ack", clientMsgId: tag });
  await agent.next("message-created", (f) => f.message.clientMsgId === tag);
}

function visitorPath() {
  return `/v1/ws?appId=${APP_ID}`;
}

/** A raw visitor socket past `hello`: welcome and sync-complete have arrived. */
async function readyClient(): Promise<RawClient> {
  const client = await openRaw(harness.relay.port, visitorPath(), ORIGIN);
  client.write(
    buildFrame({
      opcode: TEXT,
      payload: JSON.stringify({ type: "hello", protocol: 1, role: "visitor", appId: APP_ID }),
    }),
  );
  await client.nextText((f) => f.type === "welcome");
  await client.nextText((f) => f.type === "sync-complete");
  return client;
}

/** Send `bytes` on a ready socket and return the close code the relay answers with. */
async function closeCodeFor(...bytes: Buffer[]): Promise<number | null | "end" | "timeout"> {
  inputs += 1;
  const client = await readyClient();
  for (const b of bytes) client.write(b);
  const outcome = await client.outcome();
  client.destroy();
  return outcome.kind === "close" ? outcome.code : outcome.kind;
}

describe("hand-built frames get the RFC 6455 answer", () => {
  it.each([
    ["RSV1 set (no extension negotiated)", { opcode: TEXT, rsv: 0b100, payload: "{}" }, 1002],
    ["RSV2 set", { opcode: TEXT, rsv: 0b010, payload: "{}" }, 1002],
    ["RSV3 set", { opcode: TEXT, rsv: 0b001, payload: "{}" }, 1002],
    ...[0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf].map(
      (opcode) => [`unknown opcode 0x${opcode.toString(16)}`, { opcode, payload: "x" }, 1002] as const,
    ),
    ["an unmasked client frame", { opcode: TEXT, masked: false, payload: '{"type":"ping"}' }, 1002],
    ["invalid UTF-8 in a text frame", { opcode: TEXT, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) }, 1007],
    ["an overlong UTF-8 encoding", { opcode: TEXT, payload: Buffer.from([0xc0, 0xaf]) }, 1007],
    ["a UTF-8 encoded surrogate", { opcode: TEXT, payload: Buffer.from([0xed, 0xa0, 0x80]) }, 1007],
    ["a control frame over 125 bytes", { opcode: PING, payload: Buffer.alloc(126, 1) }, 1002],
    ["a fragmented control frame", { opcode: PING, fin: false, payload: "p" }, 1002],
    ["a continuation frame without a start", { opcode: CONTINUATION, payload: '{"type":"ping"}' }, 1002],
    [
      "a frame announcing more than 64 KiB",
      { opcode: TEXT, announcedLength: 64 * 1024 + 1, payload: "{" },
      1009,
    ],
    ["a frame really over 64 KiB", { opcode: TEXT, payload: Buffer.alloc(64 * 1024 + 100, 0x20) }, 1009],
    ["a 64-bit length with the top bit set", { opcode: TEXT, announcedLength: 1n << 63n, payload: "" }, 1009],
    ...[0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535].map(
      (code) =>
        [`a close frame with code ${code}`, { opcode: CLOSE, payload: closePayload(code) }, 1002] as const,
    ),
    ["a close frame with a 1-byte payload", { opcode: CLOSE, payload: Buffer.from([3]) }, 1002],
    [
      "a close reason that is not UTF-8",
      { opcode: CLOSE, payload: closePayload(1000, Buffer.from([0xff])) },
      1007,
    ],
    ["a close frame with 1000 (echoed)", { opcode: CLOSE, payload: closePayload(1000, "bye") }, 1000],
    ["a close frame with 4321 (echoed)", { opcode: CLOSE, payload: closePayload(4321) }, 4321],
  ] as [string, FrameSpec, number][])("%s: closes %i", async (_name, spec, code) => {
    expect(await closeCodeFor(buildFrame(spec))).toBe(code);
  });

  it("closes 1002 on a new text frame in the middle of a fragmented one", async () => {
    const code = await closeCodeFor(
      buildFrame({ opcode: TEXT, fin: false, payload: '{"type":' }),
      buildFrame({ opcode: TEXT, payload: '{"type":"ping"}' }),
    );
    expect(code).toBe(1002);
  });

  it("closes 1009 when the fragments of one message add up to more than 64 KiB", async () => {
    const code = await closeCodeFor(
      buildFrame({ opcode: TEXT, fin: false, payload: Buffer.alloc(40_000, 0x20) }),
      buildFrame({ opcode: CONTINUATION, payload: Buffer.alloc(40_000, 0x20) }),
    );
    expect(code).toBe(1009);
  });

  it("closes 1007 when invalid UTF-8 is split across fragments", async () => {
    const code = await closeCodeFor(
      buildFrame({ opcode: TEXT, fin: false, payload: Buffer.from([0x7b, 0xe2, 0x82]) }),
      buildFrame({ opcode: CONTINUATION, payload: Buffer.from([0x28, 0x7d]) }),
    );
    expect(code).toBe(1007);
  });

  it("reassembles a fragmented request, with a ping in between, and answers it on the same connection", async () => {
    inputs += 1;
    const client = await readyClient();
    const whole = Buffer.from('{"type":"ping","id":"frag-1","t":1}');
    client.write(buildFrame({ opcode: TEXT, fin: false, payload: whole.subarray(0, 9) }));
    client.write(buildFrame({ opcode: PING, payload: "are you there" }));
    client.write(buildFrame({ opcode: CONTINUATION, fin: false, payload: whole.subarray(9, 20) }));
    client.write(buildFrame({ opcode: CONTINUATION, payload: whole.subarray(20) }));
    expect(await client.nextText((f) => f.replyTo === "frag-1")).toMatchObject({ type: "pong", t: 1 });
    const pong = client.frames.find((f) => f.opcode === 0xa);
    expect(pong?.payload.toString()).toBe("are you there");
    // A message whose multi-byte character straddles two fragments: only the whole must be UTF-8.
    const euro = Buffer.from("€");
    const body = Buffer.from('{"type":"list-conversations","id":"frag-2","x":"€"}');
    const cut = body.indexOf(euro) + 1;
    client.write(buildFrame({ opcode: TEXT, fin: false, payload: body.subarray(0, cut) }));
    client.write(buildFrame({ opcode: CONTINUATION, payload: body.subarray(cut) }));
    expect(await client.nextText((f) => f.replyTo === "frag-2")).toMatchObject({ type: "conversations" });
    expect(client.frames.some((f) => f.opcode === CLOSE)).toBe(false);
    client.destroy();
  });

  it.each([
    ["one byte", Buffer.from([0x81])],
    ["a header missing its 16-bit length", Buffer.from([0x81, 0xfe, 0x01])],
    ["a header missing its 64-bit length", Buffer.from([0x81, 0xff, 0, 0, 0])],
    ["a header missing its mask key", Buffer.from([0x81, 0x85, 1, 2])],
    ["a payload shorter than announced", buildFrame({ opcode: TEXT, announcedLength: 50, payload: "{}" })],
  ])("drops the TCP connection, without a close frame, on %s then end of stream", async (_name, bytes) => {
    inputs += 1;
    const client = await readyClient();
    client.write(bytes);
    client.socket.end();
    expect(await client.outcome()).toEqual({ kind: "end" });
    client.destroy();
  });

  it("still serves other clients after all of it", async () => {
    await bystanderWorks();
    const client = await readyClient();
    client.write(buildFrame({ opcode: TEXT, payload: '{"type":"ping","id":"after"}' }));
    expect(await client.nextText((f) => f.replyTo === "after")).toMatchObject({ type: "pong" });
    client.destroy();
  });
});

/** A frame with every header field chosen at random, the payload sometimes shorter than announced. */
const randomFrame = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.integer({ min: 0, max: 7 }),
    opcode: fc.integer({ min: 0, max: 15 }),
    masked: fc.boolean(),
    payload: fc.uint8Array({ maxLength: 300 }),
    lie: fc.option(fc.oneof(fc.nat({ max: 200 }), fc.constantFrom(65_536, 70_000, 2 ** 53, 2 ** 63)), {
      freq: 4,
    }),
  })
  .map(({ payload, lie, ...spec }) =>
    buildFrame({
      ...spec,
      payload: Buffer.from(payload),
      ...(lie === null ? {} : { announcedLength: BigInt(lie) }),
    }),
  );

const wireBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)),
  fc.array(randomFrame, { minLength: 1, maxLength: 4 }).map((frames) => Buffer.concat(frames)),
);

describe("random bytes after the handshake", () => {
  it("always end in a valid close code or a dropped connection, never a hang, and never disturb others", async () => {
    let closes = 0;
    await fc.assert(
      fc.asyncProperty(wireBytes, fc.boolean(), async (bytes, afterHello) => {
        inputs += 1;
        const client = afterHello
          ? await readyClient()
          : await openRaw(harness.relay.port, visitorPath(), ORIGIN);
        client.write(bytes);
        // Half-close: a frame still waiting for bytes can only end one way now.
        client.socket.end();
        const outcome = await client.outcome(3_000);
        client.destroy();
        expect(outcome.kind).not.toBe("timeout");
        if (outcome.kind === "close") {
          closes += 1;
          if (outcome.code !== null) expect(isValidCloseCode(outcome.code)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(closes).toBeGreaterThan(0);
    await bystanderWorks();
  });
});
