// Builds dist/loader.js and dist/widget.js (minified IIFEs) and prints their raw and gzip sizes
// against the budgets of DESIGN §8. Fails when the widget bundle pulls in valibot: the widget may use
// only types and small constants from @relaydesk/sdk-types, never its schemas.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { minify } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

const BUNDLES = [
  // The loader runs on every page load of the vendor's app: es2017 reaches older browsers.
  { entry: "src/loader.ts", out: "loader.js", target: "es2017", ecma: 2017, budget: 1536 },
  // es2022 keeps class fields native instead of lowering them to a helper (about 95 B gzip); it
  // excludes no browser that es2020 syntax (?., ??) admits besides Safari 13.1 / 14.0.
  { entry: "src/widget.ts", out: "widget.js", target: "es2022", ecma: 2022, budget: 20 * 1024 },
];

const FORBIDDEN = ["valibot"];

// src/ui/styles.ts keeps the stylesheet readable as one template literal; the bundle gets it
// minified by esbuild's CSS minifier, like the JavaScript around it.
const minifyStylesheet = {
  name: "minify-stylesheet",
  setup(build) {
    build.onLoad({ filter: /[\\/]ui[\\/]styles\.ts$/ }, async ({ path }) => {
      const source = readFileSync(path, "utf8");
      const match = source.match(/export const WIDGET_CSS = `([^`]*)`;/);
      if (!match) throw new Error(`${path}: expected export const WIDGET_CSS = \`...\`;`);
      const { code } = await transform(match[1], { loader: "css", minify: true });
      return { contents: `export const WIDGET_CSS = ${JSON.stringify(code.trim())};`, loader: "ts" };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

let failed = false;
for (const bundle of BUNDLES) {
  const result = await build({
    absWorkingDir: here,
    entryPoints: [bundle.entry],
    outfile: join(dist, bundle.out),
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: bundle.target,
    jsx: "transform",
    jsxFactory: "h",
    jsxFragment: "Fragment",
    inject: ["src/jsx-factory.ts"],
    // Preact's own internals (vnode and component fields, options hooks) are `__`-prefixed; renamed
    // alike across the one bundle that holds all of Preact they stay consistent (about 40 B gzip).
    // STYLE rule 12 allows it: with the conversation list the widget sits within ~40 B of its budget.
    // Our code and the protocol use no `__` names; `__proto__` keeps its meaning.
    mangleProps: /^__/,
    reserveProps: /^__proto__$/,
    legalComments: "none",
    charset: "utf8",
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [minifyStylesheet],
  });
  // What ends up in the file, not what was parsed: tree-shaken modules contribute 0 bytes.
  const [output] = Object.values(result.metafile.outputs);
  const shipped = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0);
  const forbidden = shipped
    .map(([path]) => path)
    .filter((path) => FORBIDDEN.some((name) => path.includes(`/${name}/`)));
  if (forbidden.length > 0) {
    console.error(`${bundle.out} must not contain ${forbidden.join(", ")} (imported through sdk-types?)`);
    failed = true;
  }
  const bytes = Buffer.from(await shrink(result.outputFiles[0].text, bundle.ecma));
  writeFileSync(join(dist, bundle.out), bytes);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const over = gzip > bundle.budget;
  failed ||= over;
  console.log(
    `${bundle.out.padEnd(10)} ${String(bytes.length).padStart(6)} B raw  ${String(gzip).padStart(6)} B gzip` +
      `  (budget ${bundle.budget} B gzip${over ? ", OVER" : ""})`,
  );
}
if (failed) process.exit(1);

/**
 * A second pass over esbuild's minified output. Terser's compressor (two passes) and its mangler,
 * which picks names by frequency over the whole file, gzip about 0.9 kB smaller on the widget.
 * Only safe options: `pure_getters` stays off, because reading a signal's `.value` just to
 * subscribe to it has a side effect (see `shown` in src/ui/app.tsx). `sequences: false` keeps
 * statements apart, which gzip finds more repeats in (about 30 B).
 */
async function shrink(code, ecma) {
  const result = await minify(code, {
    ecma,
    toplevel: true,
    compress: { ecma, passes: 2, sequences: false },
    format: { ecma, comments: false },
  });
  return result.code;
}
