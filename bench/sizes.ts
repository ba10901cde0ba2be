import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** DESIGN §8: what the widget may cost a vendor's page, in gzip bytes. */
export const SIZE_BUDGETS = [
  { file: "packages/widget/dist/loader.js", label: "loader.js", budget: 1536 },
  // The core: launcher, store, protocol client; the panel and the lazy parts are the chunks below.
  { file: "packages/widget/dist/widget.js", label: "widget.js", budget: 20 * 1024 },
] as const;

/**
 * DESIGN §8 and issue 5 point 12 budget "the widget with everything needed to chat": widget.js plus
 * the panel chunk, which mount-widget.tsx fetches as soon as the widget mounts. Chunks fetched only
 * for a feature (attachments, markdown, other languages, the conversation list, forms) are apart.
 */
export const CHAT_PATH = { label: "to chat: widget.js + chunks/panel-*", budget: 20 * 1024 } as const;

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

/** The loader, widget.js and every chunk, each against its own budget, then the chat path. */
export function measureSizes(root: URL): SizeResult[] {
  const results = measureFiles(root);
  const chat = results.filter((r) => r.label === "widget.js" || r.label.startsWith("chunks/panel-"));
  const raw = chat.reduce((sum, r) => sum + r.raw, 0);
  const gzip = chat.reduce((sum, r) => sum + r.gzip, 0);
  const brotli = chat.every((r) => r.brotli !== null)
    ? chat.reduce((sum, r) => sum + (r.brotli ?? 0), 0)
    : null;
  return [...results, { ...CHAT_PATH, raw, gzip, brotli, ok: gzip <= CHAT_PATH.budget }];
}

function measureFiles(root: URL): SizeResult[] {
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
