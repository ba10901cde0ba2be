import { type ReadonlySignal, signal } from "@preact/signals";
import type { UploadTarget } from "@relaydesk/client";
import type { Attachment } from "@relaydesk/sdk-types";

/** A file the agent picked for the next reply of a conversation. */
export interface StagedFile {
  /** Local key, unique in this page. */
  key: string;
  conversationId: string;
  name: string;
  size: number;
  status: "uploading" | "ready" | "failed";
  /** What the relay stored, once uploaded. */
  attachment: Attachment | null;
  /** Why the upload failed, in words for the agent. */
  error: string | null;
}

/** An image attachment's preview: a `data:` URL of the bytes (the console's CSP allows `img-src data:`). */
export interface FilePreview {
  status: "loading" | "ready" | "failed";
  url: string | null;
}

/** The file picked by the agent: a `File` in browsers, any named Blob in tests. */
export type PickedFile = Blob & { readonly name: string };

export interface AttachmentsOptions {
  /** Relay base URL. */
  url: string;
  /** The agent token: every upload and download sends it in `Authorization`. */
  token: ReadonlySignal<string | null>;
  upload(target: UploadTarget, conversationId: string, data: Blob, name: string): Promise<Attachment>;
  fetch: typeof globalThis.fetch;
  /** Hands the downloaded bytes to the browser as a file (an `a[download]` click in the page). */
  saveFile(blob: Blob, name: string): void;
  /** Images larger than this show a download action only (no bytes fetched until asked). */
  maxPreviewBytes?: number;
}

const DEFAULTS = { maxPreviewBytes: 10 * 1024 * 1024 } as const;

/** Only these become `<img>` previews: the relay sniffed the type from the bytes, and SVG is never one. */
export const PREVIEW_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

// The relay's upload refusals, as the agent reads them.
const UPLOAD_ERRORS: Record<string, string> = {
  "upload-too-large": "is larger than the relay accepts",
  "upload-type-not-allowed": "is not a type the relay accepts (images, PDF or plain text)",
  "upload-quota-exceeded": "cannot be added: this conversation holds as many files as the relay allows",
  "upload-rate-limited": "was refused: too many uploads this hour, try again later",
  "conversation-closed": "cannot be added: the conversation is closed",
  "not-found": "cannot be added: the conversation is gone",
};

export interface Attachments {
  readonly staged: ReadonlySignal<readonly StagedFile[]>;
  /** By upload id. */
  readonly previews: ReadonlySignal<ReadonlyMap<string, FilePreview>>;
  /** Upload a file for the next reply of this conversation. */
  attach(conversationId: string, file: PickedFile): void;
  /** Drop a staged file (its upload, if stored, expires unattached on the relay). */
  remove(key: string): void;
  /** The conversation's uploaded files; null while one is still uploading. */
  ready(conversationId: string): Attachment[] | null;
  /** Forget the conversation's uploaded files: they went out with a reply. */
  take(conversationId: string): void;
  /** Start loading an image's preview unless it is loaded or loading. */
  preview(attachment: Attachment): void;
  /** Fetch the file with the agent token and save it under its name. Rejects with a readable Error. */
  download(attachment: Attachment): Promise<void>;
  reset(): void;
}

/**
 * Files in the console: staging uploads for a reply, image previews and downloads. Uploads and
 * downloads carry the agent token in `Authorization` (never in a URL), which is why images are not
 * simply `<img src="/v1/uploads/…">`: the bytes are fetched and shown as a `data:` URL.
 */
export function createAttachments(options: AttachmentsOptions): Attachments {
  const o = { ...DEFAULTS, ...options };
  const staged = signal<readonly StagedFile[]>([]);
  const previews = signal<ReadonlyMap<string, FilePreview>>(new Map());
  let counter = 0;
  // Bumped by reset: uploads and previews of a signed-out session land nowhere.
  let generation = 0;

  const patch = (key: string, change: Partial<StagedFile>) => {
    staged.value = staged.value.map((s) => (s.key === key ? { ...s, ...change } : s));
  };
  const setPreview = (id: string, preview: FilePreview) => {
    const next = new Map(previews.value);
    next.set(id, preview);
    previews.value = next;
  };

  async function fetchBytes(attachment: Attachment): Promise<Blob> {
    const token = o.token.value;
    if (!token) throw new Error("Sign in again to open files");
    const url = new URL(`/v1/uploads/${encodeURIComponent(attachment.id)}`, o.url.replace(/^ws/, "http"));
    const response = await o.fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const reply = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(reply?.error?.message || `the relay answered HTTP ${response.status}`);
    }
    // Typed by what the relay sniffed, not by whatever the response says.
    return new Blob([await response.arrayBuffer()], { type: attachment.type });
  }

  return {
    staged,
    previews,

    attach(conversationId, file) {
      const token = o.token.value;
      const key = `f${++counter}`;
      const entry: StagedFile = {
        key,
        conversationId,
        name: file.name || "file",
        size: file.size,
        status: "uploading",
        attachment: null,
        error: null,
      };
      staged.value = [...staged.value, entry];
      if (!token) {
        patch(key, { status: "failed", error: `${entry.name}: sign in again to attach files` });
        return;
      }
      const started = generation;
      o.upload({ url: o.url, token }, conversationId, file, entry.name).then(
        (attachment) => {
          if (started === generation) patch(key, { status: "ready", attachment });
        },
        (cause: unknown) => {
          if (started === generation) patch(key, { status: "failed", error: uploadError(entry.name, cause) });
        },
      );
    },

    remove(key) {
      staged.value = staged.value.filter((s) => s.key !== key);
    },

    ready(conversationId) {
      const mine = staged.value.filter((s) => s.conversationId === conversationId);
      if (mine.some((s) => s.status === "uploading")) return null;
      return mine.flatMap((s) => (s.status === "ready" && s.attachment ? [s.attachment] : []));
    },

    take(conversationId) {
      staged.value = staged.value.filter((s) => s.conversationId !== conversationId || s.status !== "ready");
    },

    preview(attachment) {
      if (!PREVIEW_TYPES.has(attachment.type) || attachment.size > o.maxPreviewBytes) return;
      if (previews.value.has(attachment.id)) return;
      setPreview(attachment.id, { status: "loading", url: null });
      const started = generation;
      fetchBytes(attachment)
        .then(toDataUrl)
        .then(
          (url) => {
            if (started === generation) setPreview(attachment.id, { status: "ready", url });
          },
          () => {
            if (started === generation) setPreview(attachment.id, { status: "failed", url: null });
          },
        );
    },

    async download(attachment) {
      let blob: Blob;
      try {
        blob = await fetchBytes(attachment);
      } catch (cause) {
        throw new Error(`Could not download ${attachment.name}: ${(cause as Error).message ?? cause}`);
      }
      o.saveFile(blob, attachment.name);
    },

    reset() {
      generation++;
      staged.value = [];
      previews.value = new Map();
    },
  } satisfies Attachments;
}

function uploadError(name: string, cause: unknown): string {
  const e = cause as { code?: string; message?: string } | null;
  const known = e?.code ? UPLOAD_ERRORS[e.code] : undefined;
  if (known) return `${name} ${known}`;
  return `${name} was not uploaded: ${(e?.message ?? String(cause)).replace(/^uploadFile: /, "")}`;
}

/** `data:<type>;base64,…` of a blob, without FileReader (so it also runs under Node in tests). */
export async function toDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return `data:${blob.type};base64,${btoa(binary)}`;
}

/** "1.2 MB": sizes as people read them (1 kB = 1000 B, like file managers on most systems). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  // 999.5 kB would round to "1000 kB": it is 1.0 MB.
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
