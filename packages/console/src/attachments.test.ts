import { signal } from "@preact/signals";
import type { Attachment } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { createAttachments, formatSize, toDataUrl } from "./attachments.ts";

// The relay's upload route is played by a fetch that answers real `Response`s (the console's
// tsconfig has browser types only); the test checks what the relay would see: token and path.
// The browser flow against the real relay is e2e/console-attachments.spec.ts.

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PNG: Attachment = { id: "upl_png", name: "shot.png", type: "image/png", size: PNG_BYTES.length };
const PDF: Attachment = { id: "upl_pdf", name: "invoice <1>.pdf", type: "application/pdf", size: 4 };
const URL_BASE = "http://127.0.0.1:8787";
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function relay() {
  const seen: Array<{ path: string; auth: string }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get("authorization") ?? "";
    seen.push({ path: url.pathname, auth });
    if (auth !== "Bearer rda_good") {
      return new Response(JSON.stringify({ error: { code: "not-found", message: "no such upload" } }), {
        status: 404,
      });
    }
    // Whatever Content-Type the relay says, the preview is typed by the attachment's sniffed type.
    const body = url.pathname.endsWith("upl_png") ? PNG_BYTES : new TextEncoder().encode("%PDF");
    return new Response(body, { headers: { "Content-Type": "application/octet-stream" } });
  }) as typeof globalThis.fetch;
  return { url: URL_BASE, seen, fetch };
}

function attachments(fetch: typeof globalThis.fetch, token = "rda_good") {
  const saved: Array<{ name: string; type: string; size: number }> = [];
  const files = createAttachments({
    url: URL_BASE,
    token: signal(token),
    upload: () => Promise.reject(new Error("not used")),
    fetch,
    saveFile: (blob, name) => void saved.push({ name, type: blob.type, size: blob.size }),
  });
  return { files, saved };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("attachments", () => {
  it("previews an image as a data: URL of its bytes, fetched once with the agent token", async () => {
    const { fetch, seen } = relay();
    const { files } = attachments(fetch);
    files.preview(PNG);
    files.preview(PNG);
    expect(files.previews.value.get("upl_png")?.status).toBe("loading");
    await until(() => files.previews.value.get("upl_png")?.status !== "loading");
    expect(files.previews.value.get("upl_png")).toEqual({
      status: "ready",
      url: `data:image/png;base64,${base64(PNG_BYTES)}`,
    });
    expect(seen).toEqual([{ path: "/v1/uploads/upl_png", auth: "Bearer rda_good" }]);
  });

  it("never previews what is not an image, nor an image over the limit", async () => {
    const { fetch, seen } = relay();
    const { files } = attachments(fetch);
    files.preview(PDF);
    files.preview({ ...PNG, id: "upl_big", size: 11 * 1024 * 1024 });
    expect(files.previews.value.size).toBe(0);
    expect(seen).toEqual([]);
  });

  it("marks a preview failed when the relay refuses", async () => {
    const { fetch } = relay();
    const { files } = attachments(fetch, "rda_revoked");
    files.preview(PNG);
    await until(() => files.previews.value.get("upl_png")?.status !== "loading");
    expect(files.previews.value.get("upl_png")).toEqual({ status: "failed", url: null });
  });

  it("downloads a file with the token and saves it under its name; a refusal says why", async () => {
    const { fetch, seen } = relay();
    const { files, saved } = attachments(fetch);
    await files.download(PDF);
    expect(saved).toEqual([{ name: "invoice <1>.pdf", type: "application/pdf", size: 4 }]);
    expect(seen[0]?.auth).toBe("Bearer rda_good");
    const refused = attachments(fetch, "rda_revoked");
    await expect(refused.files.download(PDF)).rejects.toThrow(
      "Could not download invoice <1>.pdf: no such upload",
    );
    expect(refused.saved).toEqual([]);
  });
});

describe("formatSize and toDataUrl", () => {
  it("formats sizes as people read them", () => {
    expect([0, 999, 1_000, 2_048, 999_600, 1_500_000, 10 * 1024 * 1024].map(formatSize)).toEqual([
      "0 B",
      "999 B",
      "1.0 kB",
      "2.0 kB",
      "1.0 MB",
      "1.5 MB",
      "10 MB",
    ]);
  });

  it("encodes any bytes, beyond one chunk, as base64", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    const url = await toDataUrl(new Blob([bytes], { type: "image/gif" }));
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(url).toBe(`data:image/gif;base64,${btoa(binary)}`);
  });
});
