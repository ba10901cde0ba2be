import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Turn the URL path segments under a static root into a file path inside that root, or null.
 * The WHATWG URL parser already resolves `.`/`..` and `%2e%2e`, but an encoded slash or
 * backslash (`..%2f`) survives it, so each decoded segment is checked again, and the result must
 * still be inside the root. Dotfiles are never served.
 */
export function resolveInside(root: string, encodedSegments: readonly string[]): string | null {
  const segments: string[] = [];
  for (const encoded of encodedSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === "" || segment.startsWith(".") || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const base = resolve(root);
  const file = join(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}

export interface SendFileOptions {
  headers?: Record<string, string>;
  /** Overrides the type guessed from the extension. */
  contentType?: string;
}

/**
 * Serve one file with a weak ETag (size and mtime) so browsers can revalidate cheaply.
 * Resolves false when there is no such regular file, leaving the response untouched.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  options: SendFileOptions = {},
): Promise<boolean> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return false;
  }
  if (!info.isFile()) return false;
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    "Content-Type":
      options.contentType ?? CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    ETag: etag,
    ...options.headers,
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const body = req.method === "HEAD" ? null : await readFile(file);
  res.writeHead(200, { ...headers, "Content-Length": String(info.size) });
  res.end(body);
  return true;
}
