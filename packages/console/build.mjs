// Builds the console into dist/: console.js (the Preact app), console.css and index.html, which
// the relay serves at /console. Run with `pnpm --filter @relaydesk/console build`.
import { copyFile, mkdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

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

for (const name of ["index.html", "console.js", "console.css"]) {
  const file = join(dist, name);
  const { size } = await stat(file);
  const gzip = gzipSync(await readFile(file)).length;
  console.log(
    `dist/${name.padEnd(12)} ${(size / 1024).toFixed(1).padStart(6)} kB  ${(gzip / 1024).toFixed(1).padStart(5)} kB gzip`,
  );
}
