import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "./sqlite-schema.ts";
import { createSqliteStorage } from "./sqlite-storage.ts";
import { describeStorageContract } from "./storage-contract.ts";

describeStorageContract("sqlite", async () => {
  const dir = await mkdtemp(join(tmpdir(), "relaydesk-sqlite-"));
  const storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite") });
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

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
    await first.createAgent({ id: "agt_1", name: "Ada", tokenHash: "h-ada", createdAt: 2 });
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

  it("keeps every acknowledged message when the process is killed with SIGKILL", async () => {
    const path = join(dir, "relaydesk.sqlite");
    await seed(path);
    const script = fileURLToPath(new URL("./test-fixtures/append-until-killed.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, path, "cnv_1", "1000000"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      stdio: ["ignore", "pipe", "pipe"],
    });
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
  });
});
