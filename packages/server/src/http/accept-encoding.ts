/** Compressed copies a static file may have next to it, best first: `widget.js.br`, `widget.js.gz`. */
export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

export type Encoding = (typeof ENCODINGS)[number];

/**
 * The best of `available` that an `Accept-Encoding` header admits, or null for the plain file.
 * A coding is admitted when named (or covered by `*`) with a quality above zero; among admitted
 * ones the higher quality wins, then the order of `available` (smaller first). `x-gzip` is gzip.
 *
 * @example pickEncoding("gzip, deflate, br;q=0", ENCODINGS) // { name: "gzip", suffix: ".gz" }
 */
export function pickEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const quality = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [token = "", ...params] = part.split(";").map((piece) => piece.trim());
    if (!token) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q=([01](?:\.\d{0,3})?)$/.exec(param);
      if (match) q = Number(match[1]);
    }
    const name = token === "x-gzip" ? "gzip" : token;
    // A coding named twice keeps its highest quality.
    quality.set(name, Math.max(q, quality.get(name) ?? 0));
  }
  const qualityOf = (name: string) => quality.get(name) ?? quality.get("*") ?? 0;
  let best: Encoding | null = null;
  for (const encoding of available) {
    const q = qualityOf(encoding.name);
    if (q > 0 && (best === null || q > qualityOf(best.name))) best = encoding;
  }
  return best;
}
