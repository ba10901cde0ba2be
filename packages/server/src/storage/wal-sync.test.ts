import { fdatasync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createWalSync, type SyncFile } from "./wal-sync.ts";

/** A real file and a flush that runs the real fdatasync only when the test releases it. */
function controlled() {
  const dir = mkdtempSync(join(tmpdir(), "relaydesk-wal-"));
  const file = join(dir, "db.sqlite-wal");
  writeFileSync(file, "frames");
  const started: ((error?: Error) => void)[] = [];
  const syncFile: SyncFile = (fd, done) => {
    started.push((error) => (error ? done(error) : fdatasync(fd, done)));
  };
  return { dir, file, started, syncFile };
}

const settled = async (promise: Promise<unknown>) => {
  let state = "pending";
  promise.then(
    () => (state = "resolved"),
    () => (state = "rejected"),
  );
  await nextTurn();
  await nextTurn();
  return state;
};

describe("createWalSync", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("answers a waiter only after a flush that started after its commit has finished", async () => {
    const { dir, file, started, syncFile } = controlled();
    dirs.push(dir);
    const wal = createWalSync(file, syncFile);
    expect(await settled(wal.durable())).toBe("resolved"); // nothing committed: nothing to wait for
    wal.committed();
    const first = wal.durable();
    expect(started).toHaveLength(1);
    wal.committed(); // committed while the first flush runs: that flush may not cover it
    const second = wal.durable();
    expect(started).toHaveLength(1); // one flush at a time
    started[0]!();
    await first;
    expect(await settled(second)).toBe("pending");
    expect(started).toHaveLength(2);
    started[1]!();
    await second;
    expect(await settled(wal.durable())).toBe("resolved");
    wal.close();
  });

  it("lets every waiter of the same commits share one flush", async () => {
    const { dir, file, started, syncFile } = controlled();
    dirs.push(dir);
    const wal = createWalSync(file, syncFile);
    for (let i = 0; i < 5; i++) wal.committed();
    const waiting = Array.from({ length: 50 }, () => wal.durable());
    expect(started).toHaveLength(1);
    started[0]!();
    await Promise.all(waiting);
    expect(started).toHaveLength(1);
    wal.close();
  });

  it("fails its waiters and every later call once a flush failed", async () => {
    const { dir, file, started, syncFile } = controlled();
    dirs.push(dir);
    const wal = createWalSync(file, syncFile);
    wal.committed();
    const waiting = wal.durable();
    started[0]!(new Error("EIO"));
    await expect(waiting).rejects.toThrow("EIO");
    await expect(wal.durable()).rejects.toThrow("EIO");
    wal.committed();
    await expect(wal.durable()).rejects.toThrow("EIO");
    wal.close();
  });

  it("flushes on close what is still waiting, so no waiter is left unanswered", async () => {
    const { dir, file, started, syncFile } = controlled();
    dirs.push(dir);
    const wal = createWalSync(file, syncFile);
    wal.committed();
    const waiting = wal.durable();
    expect(started).toHaveLength(1); // never released: close flushes by itself
    wal.close();
    expect(await settled(waiting)).toBe("resolved");
  });
});
