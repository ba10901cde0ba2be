import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** DESIGN §8: what the widget may cost a vendor's page, in gzip bytes. */
export const SIZE_BUDGETS = [
  { file: "packages/widget/dist/loader.js", label: "loader.js", budget: 1536 },
  { file: "packages/widget/dist/widget.js", label: "widget.js", budget: 20 * 1024 },
] as const;

export interface SizeResult {
  label: string;
  raw: number;
  gzip: number;
  budget: number;
  ok: boolean;
}

export function measureSizes(root: URL): SizeResult[] {
  return SIZE_BUDGETS.map(({ file, label, budget }) => {
    const path = new URL(file, root);
    if (!existsSync(path)) throw new Error(`${file} is missing: build first (pnpm build)`);
    const bytes = readFileSync(path);
    const gzip = gzipSync(bytes, { level: 9 }).length;
    return { label, raw: bytes.length, gzip, budget, ok: gzip <= budget };
  });
}
