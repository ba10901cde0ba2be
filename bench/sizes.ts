import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** DESIGN §8: what the widget may cost a vendor's page, in gzip bytes. */
export const SIZE_BUDGETS = [
  { file: "packages/widget/dist/loader.js", label: "loader.js", budget: 1536 },
  // Everything needed to chat; the lazy parts are the chunks below.
  { file: "packages/widget/dist/widget.js", label: "widget.js", budget: 20 * 1024 },
] as const;

/** Each lazy part of the widget (packages/widget/build.mjs), fetched on first use. */
export const CHUNK_DIR = "packages/widget/dist/chunks/";
export const CHUNK_BUDGET = 8 * 1024;

export interface SizeResult {
  label: string;
  raw: number;
  gzip: number;
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
    const gzip = gzipSync(bytes, { level: 9 }).length;
    return { label, raw: bytes.length, gzip, budget, ok: gzip <= budget };
  });
}
