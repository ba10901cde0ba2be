import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, type ReadStream } from "node:fs";
import { open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { AttachmentType } from "@relaydesk/sdk-types";
import { createTypeSniffer } from "./sniff-type.ts";
import { isUploadId } from "./upload-id.ts";

export type Received =
  | { ok: true; size: number; sha256: string; type: AttachmentType }
  | { ok: false; code: "upload-too-large" | "upload-type-not-allowed"; message: string }
  /** The client went away (or the stream failed) before the end. */
  | { ok: false; code: "aborted"; message: string };

/** The bytes of uploads on disk: one file per upload, named by its id and nothing else. */
export interface UploadFiles {
  readonly dir: string;
  /**
   * Stream `source` into the file of `id`, hashing and sniffing as it goes. Stops reading at
   * `maxBytes + 1` bytes or at the first byte that rules out every allowed type, and then leaves
   * `source` paused where it stopped. Only a complete, allowed file is kept (written to `<id>.part`,
   * synced, then renamed); anything else leaves nothing behind.
   */
  receive(id: string, source: Readable, maxBytes: number): Promise<Received>;
  /** The file of an upload, or null when there is none (deleted, or not an upload id). */
  open(id: string): Promise<ReadStream | null>;
  remove(id: string): Promise<void>;
  /** Delete `.part` files (uploads cut off by a crash) last changed before `before`. */
  sweepPartial(before: number): Promise<number>;
}

const PART = ".part";

export function createUploadFiles(dir: string): UploadFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pathOf = (id: string): string => {
    // The one place an id becomes a path: only the exact id shape, so nothing can climb out.
    if (!isUploadId(id)) throw new Error(`not an upload id: ${JSON.stringify(id)}`);
    return join(dir, id);
  };

  return {
    dir,
    async receive(id, source, maxBytes) {
      const final = pathOf(id);
      const part = `${final}${PART}`;
      const file = await open(part, "wx", 0o600);
      let outcome: Received;
      try {
        outcome = await pump(source, maxBytes, (chunk) => file.write(chunk).then(() => undefined));
        if (outcome.ok) await file.sync();
      } catch (error) {
        outcome = { ok: false, code: "aborted", message: String(error) };
      } finally {
        await file.close();
      }
      if (outcome.ok) await rename(part, final);
      else await rm(part, { force: true });
      return outcome;
    },
    async open(id) {
      if (!isUploadId(id)) return null;
      const stream = createReadStream(pathOf(id));
      return new Promise((resolve) => {
        stream.once("open", () => resolve(stream));
        stream.once("error", () => resolve(null));
      });
    },
    remove: (id) => rm(pathOf(id), { force: true }),
    async sweepPartial(before) {
      let removed = 0;
      for (const name of await readdir(dir)) {
        if (!name.endsWith(PART) || !isUploadId(name.slice(0, -PART.length))) continue;
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (info && info.mtimeMs < before) {
          await rm(path, { force: true });
          removed++;
        }
      }
      return removed;
    },
  } satisfies UploadFiles;
}

/**
 * Read `source` chunk by chunk, pausing it while each chunk is written (so at most one chunk is
 * held in memory), until it ends or a chunk settles the outcome against the limit or the type.
 */
function pump(
  source: Readable,
  maxBytes: number,
  write: (chunk: Uint8Array) => Promise<void>,
): Promise<Received> {
  const sniffer = createTypeSniffer();
  const hash = createHash("sha256");
  let size = 0;
  let writing: Promise<void> = Promise.resolve();

  return new Promise<Received>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: Received | Error) => {
      if (settled) return;
      settled = true;
      source.off("data", onData);
      source.off("end", onEnd);
      source.off("error", onError);
      source.off("aborted", onAborted);
      source.off("close", onAborted);
      source.pause();
      // A write still on its way must finish before the caller closes the file.
      writing.then(
        () => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
        (error: unknown) => reject(error),
      );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle({ ok: false, code: "upload-too-large", message: tooLarge(maxBytes) });
        return;
      }
      const verdict = sniffer.push(chunk);
      if (verdict.state === "rejected") {
        settle({ ok: false, code: "upload-type-not-allowed", message: verdict.reason });
        return;
      }
      hash.update(chunk);
      source.pause();
      writing = writing.then(() => write(chunk));
      writing.then(
        () => {
          if (!settled) source.resume();
        },
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    };
    const onEnd = () => {
      const verdict = sniffer.end();
      if (verdict.state === "allowed") {
        settle({ ok: true, size, sha256: hash.digest("hex"), type: verdict.type });
      } else {
        const reason = verdict.state === "rejected" ? verdict.reason : "the file could not be identified";
        settle({ ok: false, code: "upload-type-not-allowed", message: reason });
      }
    };
    const onError = (error: Error) => settle({ ok: false, code: "aborted", message: error.message });
    const onAborted = () => settle({ ok: false, code: "aborted", message: "the client aborted the upload" });
    source.on("data", onData);
    source.on("end", onEnd);
    source.on("error", onError);
    source.on("aborted", onAborted);
    // A request cut off may only close; after a normal `end` this is a no-op (already settled).
    source.on("close", onAborted);
  });
}

export function tooLarge(maxBytes: number): string {
  return `the file is larger than the limit of ${maxBytes} bytes`;
}
