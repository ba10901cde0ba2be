import { type Attachment, CODES, type ErrorCode, HTTP_CODES, type HttpErrorCode } from "@relaydesk/sdk-types";
import { isValidId } from "./client-id.ts";
import { RelaydeskError } from "./relaydesk-error.ts";

/** Where and as whom to upload: the relay, and the token of the session that sends the file. */
export interface UploadTarget {
  /** Relay base URL, as given to `createClient` (`http(s)://` or `ws(s)://`). */
  url: string;
  /** Visitors: their app id (their token is scoped to it). Agents: leave it out. */
  appId?: string | undefined;
  /** The visitor token from `welcome.visitorToken` (kept by the app), or the agent token. */
  token: string;
}

export interface UploadFileOptions {
  /**
   * Called as the bytes go out (`sent` of `total`), for a progress bar. Needs `XMLHttpRequest` (a
   * browser): `fetch` cannot report upload progress; without it (Node) the option is not called.
   */
  onProgress?: ((sent: number, total: number) => void) | undefined;
}

/** The relay's answer: its status and JSON body (null when there was none). */
interface UploadReply {
  status: number;
  json: unknown;
}

/**
 * Upload a file into a conversation (`POST /v1/uploads`), then send its id with
 * `client.sendMessage(conversationId, text, { attachments: [attachment.id] })`. Uses `fetch`, so
 * it works in browsers and Node >= 20; the token goes in `Authorization`, never in the URL. The
 * relay decides the type from the bytes (PNG, JPEG, GIF, WebP, PDF, UTF-8 text; never HTML or
 * SVG); `name` is only a display name. A function apart from the client, so that apps that never
 * upload (the widget's chat core) do not carry it.
 *
 * Rejects with a `RelaydeskError` whose `code` says why: `upload-too-large`,
 * `upload-type-not-allowed`, `upload-quota-exceeded`, `upload-rate-limited` (retry later),
 * `not-found` (not your conversation), `origin-not-allowed`, `conversation-closed`, or `internal`
 * when the relay could not be reached.
 *
 * @example
 * const file = input.files[0];
 * const attachment = await uploadFile({ url, appId: "acme", token }, conversationId, file, file.name, {
 *   onProgress: (sent, total) => (bar.value = sent / total),
 * });
 * await client.sendMessage(conversationId, "", { attachments: [attachment.id] });
 */
export async function uploadFile(
  target: UploadTarget,
  conversationId: string,
  data: Blob | Uint8Array,
  name: string,
  options: UploadFileOptions = {},
): Promise<Attachment> {
  if (!isValidId(conversationId)) {
    throw new RelaydeskError(
      "bad-request",
      `uploadFile: conversationId must be a conversation id, got ${JSON.stringify(conversationId)}`,
      { retry: false },
    );
  }
  if (typeof target.token !== "string" || target.token === "") {
    throw new RelaydeskError("bad-request", "uploadFile: token is missing (a visitor gets one in welcome)", {
      retry: false,
    });
  }
  const url = new URL(target.url.replace(/^ws/, "http"));
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/uploads`;
  url.search = "";
  url.searchParams.set("conversationId", conversationId);
  url.searchParams.set("name", String(name));
  if (target.appId !== undefined) url.searchParams.set("appId", target.appId);
  const headers = { Authorization: `Bearer ${target.token}`, "Content-Type": "application/octet-stream" };
  let response: UploadReply;
  try {
    response =
      options.onProgress && typeof XMLHttpRequest === "function"
        ? await postWithProgress(url, headers, data, options.onProgress)
        : await postWithFetch(url, headers, data);
  } catch (cause) {
    throw new RelaydeskError("internal", `uploadFile: the relay could not be reached (${String(cause)})`, {
      cause,
    });
  }
  const reply = response.json as (Attachment & { error?: { code?: string; message?: string } }) | null;
  if (response.status >= 200 && response.status < 300 && reply?.id) {
    return { id: reply.id, name: reply.name, type: reply.type, size: reply.size };
  }
  const code = reply?.error?.code ?? "";
  const known = code in HTTP_CODES || code in CODES ? (code as HttpErrorCode | ErrorCode) : "internal";
  const message = reply?.error?.message ?? `the relay answered HTTP ${response.status}`;
  throw new RelaydeskError(known, `uploadFile: ${message}`, {
    retry: known in HTTP_CODES ? HTTP_CODES[known as HttpErrorCode].retry : CODES[known as ErrorCode].retry,
  });
}

async function postWithFetch(
  url: URL,
  headers: Record<string, string>,
  data: Blob | Uint8Array,
): Promise<UploadReply> {
  // A Uint8Array is a BufferSource, which fetch takes everywhere; TypeScript's DOM types lag behind.
  const response = await fetch(url, { method: "POST", headers, body: data as BodyInit });
  return { status: response.status, json: await response.json().catch(() => null) };
}

function postWithProgress(
  url: URL,
  headers: Record<string, string>,
  data: Blob | Uint8Array,
  onProgress: (sent: number, total: number) => void,
): Promise<UploadReply> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    request.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(request.responseText);
      } catch {}
      resolve({ status: request.status, json });
    };
    request.onerror = () => reject(new Error("network error"));
    request.onabort = () => reject(new Error("aborted"));
    request.send(data as XMLHttpRequestBodyInit);
  });
}
