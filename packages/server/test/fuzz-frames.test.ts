import { CODES, LIMITS, parseRequest, parseServerFrame, type Role } from "@relaydesk/sdk-types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  type Harness,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

/**
 * JSON text built from parts, so a frame can hold what `JSON.stringify` never writes: duplicate
 * keys, `__proto__` as an own key, numbers like 1e309 or -0, nesting deeper than any schema.
 */
type Json =
  | { kind: "raw"; text: string }
  | { kind: "value"; value: unknown }
  | { kind: "object"; entries: [string, Json][] }
  | { kind: "array"; items: Json[] };

function render(json: Json): string {
  switch (json.kind) {
    case "raw":
      return json.text;
    case "value":
      return JSON.stringify(json.value) ?? "null";
    case "object":
      return `{${json.entries.map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`).join(",")}}`;
    case "array":
      return `[${json.items.map(render).join(",")}]`;
  }
}

const value = (v: unknown): Json => ({ kind: "value", value: v });
const raw = (text: string): Json => ({ kind: "raw", text });

/** Values that break naive handlers: wrong types, limits and one past them, odd numbers and text. */
const weird: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    value(null),
    value(true),
    value(0),
    value(-1),
    value(0.5),
    value(2 ** 53 + 2),
    value(1e308),
    raw("-0"),
    raw("1e309"),
    raw("-1e309"),
    raw("1E-400"),
    value("NaN"),
    value("Infinity"),
    value("-0"),
    value("1e308"),
    value(""),
    value(" "),
    value("\u0000"),
    value("\ud800"),
    value("a\udfffb"),
    value("\udbff\udfff"),
    value("\u202e\u200b\ufeff"),
    value("e\u0301\u0301\u0301"),
    value("👩‍👩‍👧‍👦"),
    value("__proto__"),
    value("constructor"),
    value([]),
    value([1, "two", null]),
    value({}),
    value({ __proto__: null, toString: 1 }),
    raw('{"__proto__":{"polluted":true}}'),
    raw('{"constructor":{"prototype":{"polluted":true}}}'),
    value("x".repeat(LIMITS.maxIdChars)),
    value("x".repeat(LIMITS.maxIdChars + 1)),
    value("x".repeat(LIMITS.maxBodyChars)),
    value("x".repeat(LIMITS.maxBodyChars + 1)),
    value("€".repeat(LIMITS.maxBodyChars)),
    value("\u0000".repeat(LIMITS.maxBodyChars)),
    value("x".repeat(LIMITS.maxFrameBytes - 200)),
    value("x".repeat(LIMITS.maxFrameBytes + 10)),
  ),
  fc.string({ unit: "binary", maxLength: 40 }).map(value),
  fc.string({ unit: "grapheme", maxLength: 40 }).map(value),
  fc.double().map((d) => raw(Number.isFinite(d) ? String(d) : "1e999")),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => raw(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => raw(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)),
  fc.jsonValue({ maxDepth: 3 }).map(value),
);

const REQUEST_TYPES: Record<Role, string[]> = {
  visitor: [
    "start-conversation",
    "send-message",
    "list-conversations",
    "get-history",
    "typing",
    "read",
    "delivered",
    "ping",
  ],
  agent: [
    "send-message",
    "list-conversations",
    "get-history",
    "typing",
    "read",
    "delivered",
    "ping",
    "close-conversation",
  ],
};

const requestId = fc.stringMatching(/^[A-Za-z0-9._:~-]{1,20}$/);

/**
 * A valid frame of `type`, fields in schema order, for one of `conversations` (read when the value
 * is generated: the test swaps in a fresh conversation when the agent closes one).
 */
function validFrame(type: string, conversations: string[]): fc.Arbitrary<[string, Json][]> {
  const conversationId = fc.oneof(
    fc.nat().map((i) => conversations[i % conversations.length] ?? ""),
    requestId,
  );
  const seq = fc.oneof(fc.nat({ max: 50 }), fc.constant(2 ** 31));
  const fields: Record<string, fc.Arbitrary<unknown>> = {
    "start-conversation": fc.record(
      { id: requestId, clientConversationId: requestId },
      { requiredKeys: ["id"] },
    ),
    "send-message": fc.record({
      id: requestId,
      conversationId,
      clientMsgId: requestId,
      body: fc.oneof(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.constant("y".repeat(LIMITS.maxBodyChars)),
        fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
        fc.constantFrom("\ud800", "a\udfffb", "\u0000", "\u202e\ufeff", "👩‍👩‍👧‍👦"),
      ),
    }),
    "list-conversations": fc.record({ id: requestId }),
    "get-history": fc.record(
      {
        id: requestId,
        conversationId,
        afterSeq: seq,
        limit: fc.integer({ min: 1, max: LIMITS.maxHistoryPage }),
      },
      { requiredKeys: ["id", "conversationId"] },
    ),
    typing: fc.record({ conversationId, active: fc.boolean() }),
    read: fc.record({ conversationId, seq }),
    delivered: fc.record({ conversationId, seq }),
    ping: fc.record({ id: requestId, t: fc.integer() }, { requiredKeys: [] }),
    "close-conversation": fc.record({ id: requestId, conversationId }),
  };
  const body = fields[type] ?? fc.constant({});
  return body.map((f) => [
    ["type", value(type)],
    ...Object.entries(f as Record<string, unknown>).map(([k, v]): [string, Json] => [k, value(v)]),
  ]);
}

type Mutation = (entries: [string, Json][]) => [string, Json][];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map(
    (i): Mutation =>
      (e) =>
        e.filter((_, j) => j !== i % e.length),
  ),
  fc.tuple(fc.nat(), weird).map(
    ([i, w]): Mutation =>
      (e) =>
        e.map(([k, v], j) => [k, j === i % e.length ? w : v]),
  ),
  // Duplicate key: JSON.parse keeps the last one, which must still be validated.
  fc.tuple(fc.nat(), weird).map(
    ([i, w]): Mutation =>
      (e) => {
        const [key] = e[i % e.length] ?? ["type"];
        return [...e, [key, w]];
      },
  ),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(...REQUEST_TYPES.visitor, ...REQUEST_TYPES.agent, "hello", "pong", "error"),
    )
    .map(
      ([, t]): Mutation =>
        (e) =>
          e.map(([k, v]) => [k, k === "type" ? value(t) : v]),
    ),
  fc
    .tuple(
      fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "then"),
      weird,
    )
    .map(
      ([key, w]): Mutation =>
        (e) => [[key, w], ...e],
    ),
  fc.string({ maxLength: 10 }).chain((key) =>
    weird.map(
      (w): Mutation =>
        (e) => [...e, [key, w]],
    ),
  ),
);

/** Every frame each role may send, mutated 0 to 3 times, wrapped now and then in an array. */
function mutatedFrame(role: Role, conversations: string[]): fc.Arbitrary<string> {
  return fc
    .constantFrom(...REQUEST_TYPES[role])
    .chain((type) => validFrame(type, conversations))
    .chain((entries) =>
      fc.tuple(fc.array(mutation, { maxLength: 3 }), fc.nat({ max: 9 })).map(([mutations, wrap]) => {
        const object: Json = { kind: "object", entries: mutations.reduce((e, m) => m(e), entries) };
        return render(wrap === 0 ? { kind: "array", items: [object] } : object);
      }),
    );
}

const anyJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
  fc.string({ unit: "binary", maxLength: 60 }),
  weird.map(render),
);

interface Recorded {
  socket: TestSocket;
  /** Raw text of every frame, in order, to check with the client-side parser. */
  texts: string[];
}

function record(socket: TestSocket): Recorded {
  const texts: string[] = [];
  socket.ws.on("message", (data) => texts.push(String(data)));
  return { socket, texts };
}

let harness: Harness;
let agentToken: string;
let bystander: { visitor: TestSocket; agent: TestSocket; conversationId: string };
const stats = { inputs: 0, replies: 0, closes: 0 };
let rounds = 0;

beforeAll(async () => {
  harness = await startHarness();
  agentToken = (await harness.addAgent("Fuzz")).token;
  const { token } = await harness.addAgent("Bystander");
  const agent = await connectAgent(harness, token, undefined, { autoAccept: false });
  const visitor = await connectVisitor(harness);
  bystander = { visitor, agent, conversationId: await startConversation(visitor) };
});
afterAll(async () => {
  console.log(`fuzz-frames: ${stats.inputs} inputs, ${stats.replies} replies, ${stats.closes} closes`);
  await harness.stop();
});

async function bystanderRoundTrip() {
  const tag = `bystander-${++rounds}`;
  const { visitor, agent, conversationId } = bystander;
  const ack = await request(visitor, { type: "send-message", conversationId, clientMsgId: tag, body: tag });
  expect(ack).toMatchObject({ type: "ack", clientMsgId: tag });
  await agent.next("message-created", (f) => f.message.clientMsgId === tag);
  const reply = await request(agent, {
    type: "send-message",
    conversationId,
    clientMsgId: `${tag}-r`,
    body: "ok",
  });
  expect(reply).toMatchObject({ type: "ack" });
  await visitor.next("message-created", (f) => f.message.clientMsgId === `${tag}-r`);
}

/** What the relay must do with one frame, decided by the same parser the relay uses. */
type Expected =
  | { kind: "close"; code: number }
  | { kind: "error"; code: string; replyTo: string | undefined }
  | { kind: "reply"; replyTo: string }
  | { kind: "fire-and-forget" };

function expectation(role: Role, text: string): Expected {
  if (Buffer.byteLength(text) > LIMITS.maxFrameBytes)
    return { kind: "close", code: CODES["frame-too-large"].close };
  const parsed = parseRequest(role, text);
  if (parsed.ok) {
    const id = "id" in parsed.frame ? parsed.frame.id : undefined;
    return id === undefined ? { kind: "fire-and-forget" } : { kind: "reply", replyTo: id };
  }
  const type = (() => {
    try {
      const v: unknown = JSON.parse(text);
      return typeof v === "object" && v !== null ? (v as { type?: unknown }).type : undefined;
    } catch {
      return undefined;
    }
  })();
  if (parsed.code === "unknown-type" && type === "hello")
    return { kind: "close", code: CODES["bad-hello"].close };
  return { kind: "error", code: parsed.code, replyTo: parsed.replyTo };
}

describe("fuzzed frames on authenticated sockets", () => {
  it("get a well-formed reply or none, close only with documented codes, and never disturb others", async () => {
    const visitor = await connectVisitor(harness);
    const conversations = [
      await startConversation(visitor),
      ...(await Promise.all(
        ["c2", "c3"].map(async (key) => {
          const reply = await request(visitor, { type: "start-conversation", clientConversationId: key });
          if (reply.type !== "conversation") throw new Error("no conversation");
          return reply.conversation.id;
        }),
      )),
    ];
    const sockets: Record<Role, Recorded> = {
      visitor: record(visitor),
      agent: record(await connectAgent(harness, agentToken, undefined, { autoAccept: false })),
    };
    const reconnect = async (role: Role) => {
      sockets[role] =
        role === "visitor"
          ? record(await connectVisitor(harness, { visitorToken: visitor.token }))
          : record(await connectAgent(harness, agentToken, undefined, { autoAccept: false }));
    };
    const sentinelConversation = conversations[0];
    const seen = new Set(conversations);
    const closedIds = new Set<string>();
    let fresh = 0;
    /** Keep the pool open: sends to closed conversations only ever test one refusal. */
    const refill = async () => {
      for (const [i, id] of conversations.entries()) {
        if (!closedIds.has(id)) continue;
        const reply = await request(sockets.visitor.socket, {
          type: "start-conversation",
          clientConversationId: `fresh-${++fresh}`,
        });
        if (reply.type !== "conversation") throw new Error(`start-conversation answered ${reply.type}`);
        conversations[i] = reply.conversation.id;
        seen.add(reply.conversation.id);
      }
    };
    const liveBodies = new Map<string, string>();
    let sentinel = 0;

    const input = fc.oneof(
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom<Role>("visitor", "agent"), anyJson) },
      {
        weight: 3,
        arbitrary: fc.tuple(fc.constant<Role>("visitor"), mutatedFrame("visitor", conversations)),
      },
      { weight: 3, arbitrary: fc.tuple(fc.constant<Role>("agent"), mutatedFrame("agent", conversations)) },
    );

    await fc.assert(
      fc.asyncProperty(input, async ([role, text]) => {
        stats.inputs += 1;
        const { socket, texts } = sockets[role];
        const from = texts.length;
        const expected = expectation(role, text);
        const mark = `sentinel~${++sentinel}`;
        socket.sendRaw(text);
        // A request that is always valid and handled in order after the fuzzed one: once its reply
        // is here, so is every reply to the fuzzed frame. It also resets the bad-frame count.
        socket.send({ type: "get-history", id: mark, conversationId: sentinelConversation, limit: 1 });
        const outcome = await Promise.race([
          socket.waitFor((f) => "replyTo" in f && f.replyTo === mark, 5_000).then(() => null),
          socket.closed,
        ]);

        const frames = texts.slice(from).map((t) => {
          const parsed = parseServerFrame(t);
          expect(parsed, t.slice(0, 300)).toMatchObject({ ok: true });
          return parsed.ok ? parsed.frame : null;
        });
        for (const f of frames) {
          if (f && "conversation" in f) {
            seen.add(f.conversation.id);
            if (f.conversation.status === "closed") closedIds.add(f.conversation.id);
          }
          if (f && f.type === "message-created") {
            seen.add(f.message.conversationId);
            liveBodies.set(f.message.id, f.message.body);
          }
          if (f && f.type === "error") expect(f.code).not.toBe("internal");
        }
        if (expected.kind === "close") {
          expect(outcome?.code).toBe(expected.code);
          stats.closes += 1;
          await reconnect(role);
          return;
        }
        expect(outcome, `closed on ${text.slice(0, 200)}`).toBeNull();
        // Replies to the fuzzed frame: anything carrying a replyTo, and errors (which may not).
        const answers = frames
          .flatMap((f) =>
            f && ("replyTo" in f || f.type === "error")
              ? [
                  {
                    type: f.type,
                    replyTo: "replyTo" in f ? f.replyTo : undefined,
                    code: f.type === "error" ? f.code : undefined,
                  },
                ]
              : [],
          )
          .filter((a) => a.replyTo !== mark);
        stats.replies += answers.length;
        if (expected.kind === "error") {
          expect(answers).toEqual([{ type: "error", code: expected.code, replyTo: expected.replyTo }]);
        } else if (expected.kind === "reply") {
          expect(answers).toHaveLength(1);
          expect(answers[0]?.replyTo).toBe(expected.replyTo);
        } else {
          // Typing, read, delivered, ping without id: nothing, or a refusal without replyTo.
          for (const a of answers) {
            expect(a.replyTo).toBeUndefined();
            expect(["not-found", "forbidden"]).toContain(a.code);
          }
        }
        await refill();
        if (stats.inputs % 400 === 0) await bystanderRoundTrip();
      }),
      { numRuns: 2_000 },
    );

    await bystanderRoundTrip();
    // Prototype keys in frames must not have reached this process's objects (the relay runs here).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let withMessages = 0;
    for (const id of seen) {
      const conversation = await harness.storage.getConversation(id);
      if (!conversation) continue;
      const seqs: number[] = [];
      for (let after = 0; ; ) {
        const page = await harness.storage.listMessages(id, after, LIMITS.maxHistoryPage);
        if (page.length === 0) break;
        seqs.push(...page.map((m) => m.seq));
        // What was sent live is what history returns (e.g. no lone surrogate lost in storage).
        for (const m of page) if (liveBodies.has(m.id)) expect(m.body).toBe(liveBodies.get(m.id));
        after = page.at(-1)?.seq ?? after;
      }
      expect(seqs, id).toEqual(seqs.map((_, i) => i + 1));
      expect(conversation.lastSeq).toBe(seqs.length);
      if (seqs.length > 0) withMessages += 1;
    }
    expect(withMessages).toBeGreaterThan(1);
    expect(stats.replies).toBeGreaterThan(stats.inputs / 2);
  });

  it("close too-many-bad-frames after a burst of 21 invalid frames, each of the first 20 answered", async () => {
    const burst = fc.constantFrom<Role>("visitor", "agent").chain((role) =>
      fc
        .array(
          anyJson.filter((text) => expectation(role, text).kind === "error"),
          { minLength: 21, maxLength: 21 },
        )
        .map((texts) => [role, texts] as const),
    );
    await fc.assert(
      fc.asyncProperty(burst, async ([role, burst]) => {
        stats.inputs += burst.length;
        const socket =
          role === "visitor"
            ? await connectVisitor(harness)
            : await connectAgent(harness, agentToken, undefined, { autoAccept: false });
        const { texts } = record(socket);
        for (const text of burst) socket.sendRaw(text);
        expect((await socket.closed).code).toBe(CODES["too-many-bad-frames"].close);
        stats.closes += 1;
        const errors = texts.map((t) => parseServerFrame(t)).filter((p) => p.ok && p.frame.type === "error");
        stats.replies += errors.length;
        expect(errors).toHaveLength(20);
      }),
      { numRuns: 20 },
    );
    await bystanderRoundTrip();
  });
});
