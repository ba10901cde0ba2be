import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Message } from "@relaydesk/sdk-types";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelaydeskError } from "../errors.ts";
import type { GroupCommitWindow } from "./group-commit.ts";
import { migrateSqlite, SCHEMA_VERSION } from "./sqlite-schema.ts";
import { createSqliteStorage, type SqliteStorage } from "./sqlite-storage.ts";
import { describeStorageContract } from "./storage-contract.ts";
import type { NewMessage } from "./types.ts";

for (const walFlush of ["commit", "background"] as const) {
  describeStorageContract(
    `sqlite (WAL flushed in the ${walFlush === "commit" ? "commit" : "background"})`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "relaydesk-sqlite-"));
      const storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite"), walFlush });
      return {
        storage,
        cleanup: async () => {
          await storage.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  );
}

describe("createSqliteStorage", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-sqlite-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function seed(path: string): Promise<void> {
    const storage = createSqliteStorage({ path });
    await storage.putApp({ appId: "app1", name: "App", allowedOrigins: ["https://a.example"], createdAt: 1 });
    await storage.createVisitor({ id: "vis_1", appId: "app1", tokenHash: "h-v", createdAt: 1 });
    await storage.createConversation({
      id: "cnv_1",
      appId: "app1",
      visitorId: "vis_1",
      status: "open",
      createdAt: 1,
      attributes: {},
    });
    await storage.close();
  }

  it("creates missing parent folders and keeps everything across close and reopen", async () => {
    const path = join(dir, "nested", "deeper", "relaydesk.sqlite");
    await seed(path);
    const first = createSqliteStorage({ path });
    await first.createAgent({
      id: "agt_1",
      name: "Ada",
      tokenHash: "h-ada",
      role: "agent",
      appIds: ["app1"],
      createdAt: 2,
    });
    await first.appendMessage({
      id: "msg_1",
      conversationId: "cnv_1",
      clientMsgId: "c1",
      author: { kind: "visitor", id: "vis_1" },
      kind: "text",
      body: "still here?",
      createdAt: 3,
    });
    await first.close();

    const reopened = createSqliteStorage({ path });
    expect(await reopened.getApp("app1")).toMatchObject({ allowedOrigins: ["https://a.example"] });
    expect(await reopened.findAgentByTokenHash("h-ada")).toMatchObject({ name: "Ada" });
    expect(await reopened.findVisitorByTokenHash("app1", "h-v")).toMatchObject({ id: "vis_1" });
    expect(await reopened.getConversation("cnv_1")).toMatchObject({ lastSeq: 1, updatedAt: 3 });
    expect((await reopened.listMessages("cnv_1", 0, 10)).map((m) => m.body)).toEqual(["still here?"]);
    // The next seq continues from the stored one rather than restarting.
    const next = await reopened.appendMessage({
      id: "msg_2",
      conversationId: "cnv_1",
      clientMsgId: "c2",
      author: { kind: "visitor", id: "vis_1" },
      kind: "text",
      body: "yes",
      createdAt: 4,
    });
    expect(next.message.seq).toBe(2);
    await reopened.close();
  });

  it("runs with WAL, synchronous FULL, foreign keys and the current schema version", async () => {
    const path = join(dir, "relaydesk.sqlite");
    const storage = createSqliteStorage({ path, busyTimeoutMs: 1234 });
    expect(storage.settings()).toEqual({
      journalMode: "wal",
      synchronous: "full",
      foreignKeys: true,
      busyTimeoutMs: 1234,
      schemaVersion: SCHEMA_VERSION,
    });
    await storage.close();
    // WAL is a property of the file, so another connection sees it too.
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
  });

  it("refuses a database written by a newer schema instead of corrupting it", async () => {
    const path = join(dir, "relaydesk.sqlite");
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => createSqliteStorage({ path })).toThrow(
      expect.objectContaining({ code: "unsupported-schema" }),
    );
  });

  /** A database as release `version` left it, with one app, visitor (token `h-v`) and conversation. */
  function oldDatabase(path: string, version: number): void {
    const raw = new Database(path);
    migrateSqlite(raw, version);
    raw.exec(`
      INSERT INTO apps (app_id, name, allowed_origins, created_at) VALUES ('app1', 'App', '[]', 1);
      INSERT INTO visitors (id, app_id, token_hash, created_at) VALUES ('vis_1', 'app1', 'h-v', 1);
      INSERT INTO conversations (id, app_id, visitor_id, status, created_at, updated_at, attributes)
        VALUES ('cnv_1', 'app1', 'vis_1', 'open', 1, 1, '{}');
    `);
    raw.close();
  }

  it("migrates a schema-1 database: its conversations keep every message (firstSeq 1)", async () => {
    const path = join(dir, "relaydesk.sqlite");
    oldDatabase(path, 1);
    const storage = createSqliteStorage({ path });
    expect(storage.settings().schemaVersion).toBe(SCHEMA_VERSION);
    expect(await storage.firstSeq("cnv_1")).toBe(1);
    await storage.close();
  });

  it("migrates a schema-2 database: every existing agent serves every existing app, as before", async () => {
    const path = join(dir, "relaydesk.sqlite");
    oldDatabase(path, 2);
    const raw = new Database(path);
    raw.prepare("INSERT INTO apps VALUES ('app2', 'Two', '[]', 1)").run();
    raw.prepare("INSERT INTO agents VALUES ('agt_1', 'Ada', 'h-ada', 1), ('agt_2', 'Bob', 'h-bob', 2)").run();
    raw.pragma("user_version = 2");
    raw.close();
    const storage = createSqliteStorage({ path });
    expect(storage.settings().schemaVersion).toBe(SCHEMA_VERSION);
    expect((await storage.listAgents()).map((a) => [a.name, a.role, a.appIds])).toEqual([
      ["Ada", "agent", ["app1", "app2"]],
      ["Bob", "agent", ["app1", "app2"]],
    ]);
    // An app added after the upgrade is not granted to anyone by itself.
    await storage.putApp({ appId: "app3", name: "Three", allowedOrigins: [], createdAt: 3 });
    expect((await storage.findAgentByTokenHash("h-ada"))?.appIds).toEqual(["app1", "app2"]);
    await storage.close();
  });

  it("migrates a schema-2 database: its visitors keep their tokens, apps get no identity secret", async () => {
    const path = join(dir, "relaydesk.sqlite");
    oldDatabase(path, 2);
    const storage = createSqliteStorage({ path });
    expect(await storage.findVisitorByTokenHash("app1", "h-v")).toEqual({
      id: "vis_1",
      appId: "app1",
      createdAt: 1,
    });
    expect(await storage.getApp("app1")).toMatchObject({ identitySecrets: [], requireIdentity: false });
    // The token now lives in visitor_tokens only: revoking it there ends it.
    expect(await storage.revokeVisitorToken("app1", "h-v")).toBe(true);
    expect(await storage.findVisitorByTokenHash("app1", "h-v")).toBeNull();
    await storage.close();
  });

  it("migrates a schema-10 database: lists keep their order, and only closed conversations index updated_at", async () => {
    const path = join(dir, "relaydesk.sqlite");
    oldDatabase(path, 10);
    const raw = new Database(path);
    raw.exec(`
      INSERT INTO conversations (id, app_id, visitor_id, status, created_at, updated_at, attributes) VALUES
        ('cnv_2', 'app1', 'vis_1', 'closed', 2, 50, '{}'),
        ('cnv_3', 'app1', 'vis_1', 'assigned', 3, 40, '{}'),
        ('cnv_4', 'app1', 'vis_1', 'closed', 4, 60, '{}'),
        ('cnv_5', 'app1', 'vis_1', 'closed', 5, 30, '{}');
    `);
    raw.close();
    const storage = createSqliteStorage({ path });
    const ids = async (filter: Parameters<SqliteStorage["listConversations"]>[0]) =>
      (await storage.listConversations(filter)).map((c) => c.id);
    expect(await ids({ appIds: ["app1"], status: ["closed"], limit: 2 })).toEqual(["cnv_4", "cnv_2"]);
    expect(await ids({ appIds: ["app1"], status: ["open", "pending", "assigned"] })).toEqual([
      "cnv_3",
      "cnv_1",
    ]);
    expect(await ids({ appId: "app1", visitorId: "vis_1" })).toEqual([
      "cnv_4",
      "cnv_2",
      "cnv_3",
      "cnv_5",
      "cnv_1",
    ]);
    // A message moves its (never closed) conversation's updated_at: no index may have to follow.
    await storage.appendMessage({
      id: "msg_1",
      conversationId: "cnv_1",
      clientMsgId: "c1",
      author: { kind: "visitor", id: "vis_1" },
      kind: "text",
      body: "x",
      createdAt: 70,
    });
    expect(await ids({ appIds: ["app1"], status: ["open", "pending", "assigned"] })).toEqual([
      "cnv_1",
      "cnv_3",
    ]);
    await storage.close();
    const check = new Database(path, { readonly: true });
    const onUpdatedAt = (check.pragma("index_list(conversations)") as { name: string; partial: number }[])
      .filter((index) =>
        (check.pragma(`index_info(${index.name})`) as { name: string }[]).some(
          (c) => c.name === "updated_at",
        ),
      )
      .map((index) => [index.name, index.partial]);
    check.close();
    expect(onUpdatedAt).toEqual([["conversations_closed_by_app", 1]]);
  });

  it("prunes more messages than one step holds, appending in between, and keeps seqs without holes", async () => {
    const path = join(dir, "relaydesk.sqlite");
    await seed(path);
    const storage = createSqliteStorage({ path });
    const total = 4_500;
    await Promise.all(
      Array.from({ length: total }, (_, i) =>
        storage.appendMessage({
          id: `msg_${i + 1}`,
          conversationId: "cnv_1",
          clientMsgId: `c${i + 1}`,
          author: { kind: "visitor", id: "vis_1" },
          kind: "text",
          body: "x",
          createdAt: 10 + i,
        }),
      ),
    );
    // Keep the last 500; an append while the prune runs gets the next seq and is kept.
    const pruning = storage.pruneMessages(10 + 4_000);
    const during = storage.appendMessage({
      id: "msg_late",
      conversationId: "cnv_1",
      clientMsgId: "late",
      author: { kind: "visitor", id: "vis_1" },
      kind: "text",
      body: "late",
      createdAt: 10 + total,
    });
    expect(await pruning).toBe(4_000);
    expect((await during).message.seq).toBe(total + 1);
    const kept = await storage.listMessages("cnv_1", 0, 10_000);
    expect(kept.map((m) => m.seq)).toEqual(Array.from({ length: 501 }, (_, i) => 4_001 + i));
    expect(await storage.firstSeq("cnv_1")).toBe(4_001);
    await storage.close();
  });

  it.each([
    ["one append at a time", 1, "commit"],
    ["64 appends in flight, committed in shared batches", 64, "commit"],
    ["64 appends in flight, WAL flushed in the background", 64, "background"],
  ])(
    "keeps every acknowledged message when the process is killed with SIGKILL (%s)",
    async (_, inFlight, walFlush) => {
      const path = join(dir, "relaydesk.sqlite");
      await seed(path);
      const script = fileURLToPath(new URL("./test-fixtures/append-until-killed.ts", import.meta.url));
      const child = spawn(
        process.execPath,
        ["--import", "tsx", script, path, "cnv_1", "1000000", String(inFlight), walFlush],
        {
          cwd: fileURLToPath(new URL("../..", import.meta.url)),
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const acknowledged: number[] = [];
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      await new Promise<void>((resolve, reject) => {
        let pending = "";
        child.stdout.on("data", (chunk: Buffer) => {
          pending += chunk.toString();
          const lines = pending.split("\n");
          pending = lines.pop()!;
          acknowledged.push(...lines.map(Number));
          // Kill mid-stream: well after the start, while appends are still running.
          if (acknowledged.length >= 300 && !child.killed) {
            child.kill("SIGKILL");
            resolve();
          }
        });
        child.on("exit", () => reject(new Error(`child exited before it was killed: ${stderr}`)));
      });
      expect(await exited).toBe("SIGKILL");

      const storage = createSqliteStorage({ path });
      const stored = await storage.listMessages("cnv_1", 0, 1_000_000);
      const storedSeqs = new Set(stored.map((m) => m.seq));
      expect(acknowledged.filter((seq) => !storedSeqs.has(seq))).toEqual([]);
      expect(acknowledged).toEqual(Array.from({ length: acknowledged.length }, (_, i) => i + 1));
      // Seqs stay gapless after the crash, and the next append carries on from the last stored one.
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
      expect((await storage.getConversation("cnv_1"))?.lastSeq).toBe(stored.length);
      await storage.close();
    },
  );
});

describe.each<GroupCommitWindow>(["immediate", "microtask"])(
  "group commit of appendMessage (%s window)",
  (window) => {
    let dir: string;
    let storage: SqliteStorage;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "relaydesk-sqlite-"));
      storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite"), groupCommitWindow: window });
      await storage.putApp({ appId: "app1", name: "App", allowedOrigins: [], createdAt: 1 });
      await storage.createVisitor({ id: "vis_1", appId: "app1", tokenHash: "h-v", createdAt: 1 });
    });
    afterEach(async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    });

    async function conversations(count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, (_, i) => `cnv_${i}`);
      for (const id of ids) {
        await storage.createConversation({
          id,
          appId: "app1",
          visitorId: "vis_1",
          status: "open",
          createdAt: 1,
          attributes: {},
        });
      }
      return ids;
    }

    const message = (
      conversationId: string,
      clientMsgId: string,
      id = `msg_${conversationId}_${clientMsgId}`,
    ) =>
      ({
        id,
        conversationId,
        clientMsgId,
        author: { kind: "visitor", id: "vis_1" },
        kind: "text",
        body: `${conversationId} ${clientMsgId}`,
        createdAt: 10,
      }) satisfies NewMessage;

    it("gives interleaved concurrent appends to many conversations consecutive seqs in call order", async () => {
      const ids = await conversations(40);
      const calls = [];
      for (let n = 1; n <= 10; n++) {
        for (const id of ids) calls.push(storage.appendMessage(message(id, `c${n}`)));
      }
      const results = await Promise.all(calls);
      for (const [i, { message: stored, duplicate }] of results.entries()) {
        expect(duplicate).toBe(false);
        expect(stored.conversationId).toBe(ids[i % ids.length]);
        expect(stored.seq).toBe(Math.floor(i / ids.length) + 1);
      }
      for (const id of ids) {
        const listed = await storage.listMessages(id, 0, 100);
        expect(listed.map((m) => [m.seq, m.clientMsgId])).toEqual(
          Array.from({ length: 10 }, (_, i) => [i + 1, `c${i + 1}`]),
        );
        expect((await storage.getConversation(id))?.lastSeq).toBe(10);
      }
    });

    it("keeps call order across several batches when more appends arrive than one batch holds", async () => {
      await storage.close();
      storage = createSqliteStorage({
        path: join(dir, "relaydesk.sqlite"),
        groupCommitWindow: window,
        groupCommitMaxBatch: 7,
      });
      const [id] = await conversations(1);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => storage.appendMessage(message(id!, `c${i}`))),
      );
      expect(results.map((r) => r.message.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(results.map((r) => r.message.clientMsgId)).toEqual(
        Array.from({ length: 100 }, (_, i) => `c${i}`),
      );
    });

    it("answers the second of two appends with one clientMsgId in a batch as the duplicate of the first", async () => {
      const [id] = await conversations(1);
      const [first, between, second] = await Promise.all([
        storage.appendMessage(message(id!, "same", "msg_a")),
        storage.appendMessage(message(id!, "other", "msg_b")),
        storage.appendMessage({ ...message(id!, "same", "msg_c"), body: "a retry" }),
      ]);
      expect(first).toMatchObject({ duplicate: false, message: { id: "msg_a", seq: 1 } });
      expect(between).toMatchObject({ duplicate: false, message: { id: "msg_b", seq: 2 } });
      expect(second).toEqual({ duplicate: true, message: first!.message });
      expect((await storage.listMessages(id!, 0, 10)).map((m) => m.id)).toEqual(["msg_a", "msg_b"]);
    });

    it("rejects only the failing appends of a batch and leaves no gap in the seqs", async () => {
      const [id] = await conversations(1);
      const outcomes = await Promise.allSettled([
        storage.appendMessage(message(id!, "c1", "msg_1")),
        storage.appendMessage(message("cnv_missing", "c2", "msg_2")),
        // A message id that is already taken by the first append of this batch.
        storage.appendMessage(message(id!, "c3", "msg_1")),
        storage.appendMessage(message(id!, "c4", "msg_4")),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
      expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "not-found" });
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(RelaydeskError);
      expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
      expect((outcomes[3] as PromiseFulfilledResult<{ message: Message }>).value.message.seq).toBe(2);
      const stored = await storage.listMessages(id!, 0, 10);
      expect(stored.map((m) => [m.seq, m.id, m.clientMsgId])).toEqual([
        [1, "msg_1", "c1"],
        [2, "msg_4", "c4"],
      ]);
      expect((await storage.getConversation(id!))?.lastSeq).toBe(2);
    });

    it("commits appends still queued when the storage closes, before the file is closed", async () => {
      const [id] = await conversations(1);
      const queued = [storage.appendMessage(message(id!, "c1")), storage.appendMessage(message(id!, "c2"))];
      await storage.close();
      expect((await Promise.all(queued)).map((r) => r.message.seq)).toEqual([1, 2]);
      storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite") });
      expect((await storage.listMessages(id!, 0, 10)).map((m) => m.clientMsgId)).toEqual(["c1", "c2"]);
    });

    it("resolves each append only once its transaction is committed and visible to another connection", async () => {
      const [id] = await conversations(1);
      const other = new Database(join(dir, "relaydesk.sqlite"), { readonly: true });
      const count = other.prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM messages WHERE conversation_id = ?",
      );
      try {
        const appends = Array.from({ length: 20 }, (_, i) => storage.appendMessage(message(id!, `c${i}`)));
        // Queued, not yet committed: a reader elsewhere sees none of them.
        expect(count.get(id!)?.n).toBe(0);
        const seen = await Promise.all(appends.map((append) => append.then(() => count.get(id!)?.n)));
        expect(seen).toEqual(Array.from({ length: 20 }, () => 20));
      } finally {
        other.close();
      }
    });
  },
);
