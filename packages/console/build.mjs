// Builds the console into dist/: console.js (the Preact app), console.css and index.html, which
// the relay serves at /console, each with the gzip and Brotli copies it sends to browsers that
// take them (scripts/precompress.mjs). Run with `pnpm --filter @relaydesk/console build`.
import { copyFile, mkdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { writeCompressedCopies } from "../../scripts/precompress.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, "src");
const dist = join(root, "dist");

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

await esbuild.build({
  entryPoints: [join(src, "main.tsx")],
  outfile: join(dist, "console.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2020",
  minify: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  logLevel: "warning",
});

// The relay's CSP allows only same-origin stylesheets, so the CSS ships as its own file.
await esbuild.build({
  entryPoints: [join(src, "styles.css")],
  outfile: join(dist, "console.css"),
  bundle: true,
  minify: true,
  logLevel: "warning",
});

await copyFile(join(src, "index.html"), join(dist, "index.html"));

const names = ["index.html", "console.js", "console.css"];
const copies = await writeCompressedCopies(names.map((name) => join(dist, name)));
for (const [index, name] of names.entries()) {
  const { size } = await stat(join(dist, name));
  const { gzip, brotli } = copies[index];
  console.log(
    `dist/${name.padEnd(12)} ${(size / 1024).toFixed(1).padStart(6)} kB  ${(gzip / 1024).toFixed(1).padStart(5)} kB gzip  ${(brotli / 1024).toFixed(1).padStart(5)} kB br`,
  );
}
