import type { IncomingMessage, ServerResponse } from "node:http";
import type { Identity } from "../relay/identity.ts";
import { maySee } from "../relay/request-scope.ts";
import type { Storage } from "../storage/types.ts";
import { contentDisposition } from "./content-disposition.ts";
import { sendError } from "./json-reply.ts";
import type { UploadFiles } from "./upload-files.ts";
import type { UploadSettings } from "./upload-options.ts";

export interface GetUploadDeps {
  storage: Storage;
  files: UploadFiles;
  settings: UploadSettings;
}

/** Images a browser may show in place; everything else is only ever saved. */
const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export const NO_UPLOAD = "no such upload, or your token does not grant access to it";

/**
 * Headers of every file the relay serves. The type is the sniffed one and `nosniff` keeps the
 * browser to it; the CSP sandbox makes even a file opened directly in a tab (a PDF viewer, a
 * mislabelled polyglot) an opaque origin without scripts, so it can never act as the relay.
 *
 * `Cross-Origin-Resource-Policy` is `same-origin`, not `cross-origin`: the widget reads files with
 * `fetch` in CORS mode (it must send `Authorization`), and CORP applies only to no-cors loads such
 * as `<img src>`, which could not authenticate anyway. So nothing legitimate needs it relaxed.
 */
export function fileHeaders(type: string, name: string, cacheMaxAgeSeconds: number): Record<string, string> {
  return {
    "Content-Type": type === "text/plain" ? "text/plain; charset=utf-8" : type,
    "Content-Disposition": contentDisposition(INLINE.has(type) ? "inline" : "attachment", name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": `private, max-age=${cacheMaxAgeSeconds}`,
    // A cached copy fetched with one token must not answer a request with another.
    Vary: "Origin, Authorization",
  };
}

/**
 * `GET /v1/uploads/<id>`: the file to whoever may see its conversation, and, before it is sent,
 * only to its uploader. Every refusal is the same 404 as a missing upload, so ids cannot be probed.
 */
export async function getUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GetUploadDeps,
  id: string,
  identity: Identity | null,
  headers: Record<string, string>,
): Promise<void> {
  const upload = identity ? await deps.storage.getUpload(id) : null;
  const conversation = upload ? await deps.storage.getConversation(upload.conversationId) : null;
  const visible =
    identity !== null &&
    upload !== null &&
    conversation !== null &&
    maySee(identity, conversation) &&
    (upload.messageId !== null ||
      (upload.uploader.kind === identity.self.kind && upload.uploader.id === identity.self.id));
  const file = visible ? await deps.files.open(id) : null;
  if (!upload || !file) return sendError(req, res, "not-found", NO_UPLOAD, headers);
  res.writeHead(200, {
    ...headers,
    ...fileHeaders(upload.type, upload.name, deps.settings.cacheMaxAgeSeconds),
    "Content-Length": String(upload.size),
  });
  file.pipe(res);
  file.once("error", () => res.destroy());
  res.once("close", () => file.destroy());
}
