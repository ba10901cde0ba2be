import { type ReadonlySignal, signal } from "@preact/signals-core";
// The subpath, not the package index: through the index, esbuild would put it in the core bundle.
import { uploadFile } from "@relaydesk/client/upload-file";
import { ATTACHMENT_TYPES, type Attachment, MAX_UPLOAD_BYTES } from "@relaydesk/sdk-types";
import type { WidgetStore } from "../types.ts";
import { failureReason, type REASONS_EN } from "./failure-reason.ts";

/** A file the visitor attached that is not sent yet: uploading, or failed (retry or remove). */
export interface PendingUpload {
  key: string;
  file: Blob;
  name: string;
  size: number;
  /** Bytes sent so far. */
  sent: number;
  status: "uploading" | "failed";
  /** Why it failed (shown through `problemText`). */
  error: FileProblem | null;
}

/**
 * Why a file was refused or failed: a key of `ATTACHMENTS_EN`, the file's name and, for a failure
 * the widget has no words of its own for, the key of its reason (failure-reason.ts). Words only
 * when shown (`problemText`), so a change of language reaches a problem already listed.
 */
export interface FileProblem {
  key: string;
  name: string;
  reason?: keyof typeof REASONS_EN;
}

/** An image's preview: a `data:` URL (a strict host CSP allows `img-src data:`, not `blob:`). */
export interface Preview {
  status: "loading" | "ready" | "failed";
  url: string | null;
}

export interface Uploads {
  readonly pending: ReadonlySignal<readonly PendingUpload[]>;
  /** The last file refused before upload (too large, wrong type); null when none. */
  readonly refused: ReadonlySignal<FileProblem | null>;
  readonly previews: ReadonlySignal<ReadonlyMap<string, Preview>>;
  /** Check each file, upload those that pass, and send each in a message of its own once stored. */
  add(files: readonly File[]): void;
  retry(key: string): void;
  remove(key: string): void;
  /** Start loading an image's preview unless it is loaded or loading. */
  preview(attachment: Attachment): void;
  /** Fetch the file with the visitor token and hand it to the browser under its name. */
  download(attachment: Attachment): Promise<void>;
}

/** Only these become `<img>` previews: the type the relay sniffed from the bytes (never SVG). */
export const PREVIEW_TYPES: ReadonlySet<string> = new Set(
  ATTACHMENT_TYPES.filter((t) => t.startsWith("image/")),
);

// The relay's refusals by error code, as text keys (the same limits the widget checks first; the
// relay may be set lower).
const UPLOAD_ERRORS: Record<string, string> = {
  "upload-too-large": "uploadTooLarge",
  "upload-type-not-allowed": "fileType",
  "upload-quota-exceeded": "uploadQuota",
  "upload-rate-limited": "uploadRateLimited",
  "conversation-closed": "uploadClosed",
};

const byStore = new WeakMap<WidgetStore, Uploads>();

/** The one `Uploads` of a widget (the chunk's components and the core's hooks share it). */
export function uploadsFor(store: WidgetStore): Uploads {
  const known = byStore.get(store);
  if (known) return known;
  const uploads = createUploads(store);
  byStore.set(store, uploads);
  return uploads;
}

/**
 * The visitor's files: checks before upload (size and type, as the relay checks them), upload with
 * progress, then a message carrying the file; and the files of messages, fetched with the visitor
 * token in `Authorization` (never in a URL), which is why an image is a `data:` URL, not `<img src>`.
 */
export function createUploads(store: WidgetStore): Uploads {
  const pending = signal<readonly PendingUpload[]>([]);
  const refused = signal<FileProblem | null>(null);
  const previews = signal<ReadonlyMap<string, Preview>>(new Map());
  let counter = 0;

  const patch = (key: string, change: Partial<PendingUpload>) => {
    pending.value = pending.value.map((p) => (p.key === key ? { ...p, ...change } : p));
  };
  const setPreview = (id: string, preview: Preview) => {
    previews.value = new Map(previews.value).set(id, preview);
  };

  /** Settles when the file attached before the last one started has gone out (or failed). */
  let turn: Promise<void> = Promise.resolve();

  // Files upload side by side, and go out in the order they were attached: each waits for the
  // one before it to be sent (or to fail) before its message is sent.
  async function start(key: string): Promise<void> {
    const item = pending.peek().find((p) => p.key === key);
    if (!item) return;
    const before = turn;
    let done = () => {};
    turn = new Promise((resolve) => {
      done = resolve;
    });
    patch(key, { status: "uploading", sent: 0, error: null });
    try {
      const conversationId = await store.conversationId();
      // The relay refuses names over 1024 characters and keeps 120 (with the extension): cut a long
      // one down, its end (the extension) kept.
      const name = item.name.length > 255 ? item.name.slice(0, 240) + item.name.slice(-15) : item.name;
      const attachment = await uploadFile(store.uploadTarget(), conversationId, item.file, name, {
        onProgress: (sent) => patch(key, { sent }),
      });
      await before;
      pending.value = pending.value.filter((p) => p.key !== key);
      const sent = store.send("", [attachment]);
      done();
      await sent;
    } catch (cause) {
      done();
      patch(key, { status: "failed", error: uploadError(item.name, cause) });
    }
  }

  async function fetchFile(attachment: Attachment): Promise<Blob> {
    const { url, appId, token } = store.uploadTarget();
    const base = url.replace(/^ws/, "http").replace(/\/+$/, "");
    // The app id says whose visitor token this is (as on the socket URL); the token stays a header.
    const query = `?appId=${encodeURIComponent(appId ?? "")}`;
    const response = await fetch(`${base}/v1/uploads/${encodeURIComponent(attachment.id)}${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    // Typed by what the relay sniffed, whatever the response says.
    return new Blob([await response.arrayBuffer()], { type: attachment.type });
  }

  return {
    pending,
    refused,
    previews,

    add(files) {
      refused.value = null;
      for (const file of files) {
        const name = file.name || "file";
        const problem = checkFile(file);
        if (problem) {
          refused.value = { key: problem, name };
          continue;
        }
        const key = `u${++counter}`;
        pending.value = [
          ...pending.value,
          { key, file, name, size: file.size, sent: 0, status: "uploading", error: null },
        ];
        void start(key);
      }
    },

    retry: (key) => void start(key),

    remove(key) {
      pending.value = pending.value.filter((p) => p.key !== key);
    },

    preview(attachment) {
      if (!PREVIEW_TYPES.has(attachment.type) || previews.value.has(attachment.id)) return;
      setPreview(attachment.id, { status: "loading", url: null });
      fetchFile(attachment)
        .then(toDataUrl)
        .then(
          (url) => setPreview(attachment.id, { status: "ready", url }),
          () => setPreview(attachment.id, { status: "failed", url: null }),
        );
    },

    async download(attachment) {
      const blob = await fetchFile(attachment);
      // A navigation-free download: img-src and the like do not apply to it.
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = attachment.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    },
  } satisfies Uploads;
}

/**
 * Why the relay would refuse this file, checked before any byte goes out: empty, too large, or a
 * type it never stores, as the key of its text (`fileEmpty`, `fileTooLarge`, `fileType`). The type
 * is the browser's guess from the name; the relay decides from the bytes. Null when it may go.
 */
export function checkFile(file: Blob): "fileEmpty" | "fileTooLarge" | "fileType" | null {
  if (file.size === 0) return "fileEmpty";
  if (file.size > MAX_UPLOAD_BYTES) return "fileTooLarge";
  const type = file.type.toLowerCase();
  // Unknown types ("", octet-stream) and other plain-text ones (CSV, Markdown, logs) are left to
  // the relay, which decides from the bytes.
  const allowed =
    type === "" ||
    type === "application/octet-stream" ||
    (ATTACHMENT_TYPES as readonly string[]).includes(type) ||
    (type.startsWith("text/") && !/html|xml/.test(type));
  return allowed ? null : "fileType";
}

/** A problem in the shown language: "big.png is larger than 10 MB, the most we accept". */
export function problemText(store: WidgetStore, problem: FileProblem): string {
  const { name, reason } = problem;
  return store.t(problem.key, {
    name,
    reason: reason ? store.t(reason) : "",
    size: formatSize(MAX_UPLOAD_BYTES, store.lang.value ?? "en"),
  });
}

function uploadError(name: string, cause: unknown): FileProblem {
  const e = cause as { code?: string; message?: string } | null;
  const known = e?.code ? UPLOAD_ERRORS[e.code] : undefined;
  if (known) return { key: known, name };
  return { key: "uploadFailed", name, reason: failureReason(cause) };
}

function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * "1.2 MB": sizes as people read them (1 kB = 1000 B, as file managers show them), the number
 * written in `locale` ("1,2 MB" in Spanish), the unit's symbol as it is everywhere.
 */
export function formatSize(bytes: number, locale?: string | null): string {
  const number = (value: number, digits: number) =>
    value.toLocaleString(locale ?? undefined, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < 2) {
    value /= 1000;
    unit++;
  }
  return `${number(value, value < 10 ? 1 : 0)} ${["kB", "MB", "GB"][unit]}`;
}
