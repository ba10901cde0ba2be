import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { ENCODINGS, pickEncoding } from "./accept-encoding.ts";

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
  /**
   * Serve `<file>.br` or `<file>.gz` in its place when the request's Accept-Encoding admits it and
   * the copy exists (the widget build writes both): `Content-Encoding`, `Vary: Accept-Encoding`.
   */
  precompressed?: boolean;
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
  const plain = await regularFile(file);
  if (!plain) return false;
  const served = options.precompressed ? await compressedCopy(req, file, plain) : null;
  const info = served?.info ?? plain;
  // Each representation has its own tag: a cache must never answer a gzip request with Brotli.
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${served ? `-${served.encoding.name}` : ""}"`;
  const headers: Record<string, string> = {
    "Content-Type":
      options.contentType ?? CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    ETag: etag,
    ...(options.precompressed && { Vary: "Accept-Encoding" }),
    ...(served && { "Content-Encoding": served.encoding.name }),
    ...options.headers,
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const body = req.method === "HEAD" ? null : await readFile(served?.path ?? file);
  res.writeHead(200, { ...headers, "Content-Length": String(info.size) });
  res.end(body);
  return true;
}

type FileInfo = import("node:fs").Stats;

/**
 * The best compressed copy of `file` that the request admits, among those that exist and are not
 * older than the file (a copy left from an earlier build is never served for a newer file).
 */
async function compressedCopy(req: IncomingMessage, file: string, plain: FileInfo) {
  const copies = await Promise.all(
    ENCODINGS.map(async (encoding) => ({ encoding, info: await regularFile(file + encoding.suffix) })),
  );
  const fresh = copies.filter((copy) => copy.info && copy.info.mtimeMs >= plain.mtimeMs);
  const encoding = pickEncoding(
    req.headers["accept-encoding"],
    fresh.map((copy) => copy.encoding),
  );
  const copy = fresh.find((candidate) => candidate.encoding === encoding);
  return copy?.info ? { path: file + copy.encoding.suffix, info: copy.info, encoding: copy.encoding } : null;
}

async function regularFile(path: string): Promise<FileInfo | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}
