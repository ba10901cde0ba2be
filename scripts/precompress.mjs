// The compressed copies of a built file that the relay serves in its place (the widget's files and
// the console's; packages/server src/http/static-file.ts picks one by the request's
// Accept-Encoding): `.gz`, made with Zopfli,
// which writes ordinary gzip that every browser reads, some 3 % smaller than gzip -9; and `.br`,
// Brotli at its highest quality, smaller again, for the browsers that accept it.
import { readFile, writeFile } from "node:fs/promises";
import { brotliCompressSync, constants } from "node:zlib";
import zopfli from "@gfx/zopfli";

/**
 * @param {Uint8Array} bytes
 * @returns {Promise<{ gzip: Uint8Array; brotli: Uint8Array }>}
 */
async function precompress(bytes) {
  const gzip = await zopfli.gzipAsync(bytes, { numiterations: 15 });
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return { gzip, brotli };
}

/**
 * Write `<file>.gz` and `<file>.br` next to each file; resolves with their sizes.
 * @param {string[]} files
 * @returns {Promise<{ file: string; gzip: number; brotli: number }[]>}
 */
export async function writeCompressedCopies(files) {
  return Promise.all(
    files.map(async (file) => {
      const { gzip, brotli } = await precompress(await readFile(file));
      await writeFile(`${file}.gz`, gzip);
      await writeFile(`${file}.br`, brotli);
      return { file, gzip: gzip.length, brotli: brotli.length };
    }),
  );
}
