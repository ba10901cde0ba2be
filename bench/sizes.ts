import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** DESIGN §8: what the widget may cost a vendor's page, in gzip bytes. */
export const SIZE_BUDGETS = [
  { file: "packages/widget/dist/loader.js", label: "loader.js", budget: 1536 },
  // DESIGN §8 and issue 5 point 12 budget "the widget with everything needed to chat": that is
  // widget.js alone (launcher, panel, store, protocol client). Chunks fetched only for a feature
  // (attachments, markdown, other languages, the conversation list, forms, a second tab) are apart.
  { file: "packages/widget/dist/widget.js", label: "widget.js (everything to chat)", budget: 20 * 1024 },
] as const;

/** Each lazy part of the widget (packages/widget/build.mjs), fetched on first use. */
export const CHUNK_DIR = "packages/widget/dist/chunks/";
export const CHUNK_BUDGET = 8 * 1024;

export interface SizeResult {
  label: string;
  raw: number;
  /** The gzip copy the relay serves (the build's `.gz`, Zopfli), or gzip -9 where there is none. */
  gzip: number;
  /** The Brotli copy the relay serves to browsers that take it (`.br`), or null. */
  brotli: number | null;
  budget: number;
  ok: boolean;
}

/** The loader, widget.js and every chunk, each against its own budget. */
export function measureSizes(root: URL): SizeResult[] {
  const files: { file: string; label: string; budget: number }[] = [...SIZE_BUDGETS];
  const chunks = new URL(CHUNK_DIR, root);
  if (existsSync(chunks)) {
    for (const name of readdirSync(chunks).sort()) {
      if (name.endsWith(".js"))
        files.push({ file: CHUNK_DIR + name, label: `chunks/${name}`, budget: CHUNK_BUDGET });
    }
  }
  return files.map(({ file, label, budget }) => {
    const path = new URL(file, root);
    if (!existsSync(path)) throw new Error(`${file} is missing: build first (pnpm build)`);
    const bytes = readFileSync(path);
    // What a browser downloads: the compressed copies the build wrote next to the file.
    const copy = (suffix: string) => {
      const at = new URL(`${file}${suffix}`, root);
      return existsSync(at) ? readFileSync(at).length : null;
    };
    const gzip = copy(".gz") ?? gzipSync(bytes, { level: 9 }).length;
    return { label, raw: bytes.length, gzip, brotli: copy(".br"), budget, ok: gzip <= budget };
  });
}
