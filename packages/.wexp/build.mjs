// Builds dist/loader.js (a classic script) and the widget, dist/widget.js plus its lazy chunks in
// dist/chunks/ (ES modules), and prints every file's raw and gzip size against its budget (DESIGN
// §8). Fails when a file is over budget or when the widget pulls in valibot: the widget may use only
// types and small constants from @relaydesk/sdk-types, never its schemas.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { minify } from "terser";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

/** DESIGN §8: the loader on every page; the widget with everything needed to chat. */
const LOADER_BUDGET = 1536;
const CORE_BUDGET = 20 * 1024;
/** Each lazy part (the conversation list, later attachments, locale packs, forms) on its own. */
const CHUNK_BUDGET = 8 * 1024;

const FORBIDDEN = ["valibot"];

// src/ui/*styles.ts keep each stylesheet readable as one template literal; the bundle gets it
// minified by esbuild's CSS minifier, like the JavaScript around it.
const minifyStylesheet = {
  name: "minify-stylesheet",
  setup(build) {
    build.onLoad({ filter: /[\\/]ui[\\/][a-z-]*styles\.ts$/ }, async ({ path }) => {
      const source = readFileSync(path, "utf8");
      const match = source.match(/export const ([A-Z_]+_CSS) = `([^`]*)`;/);
      if (!match) throw new Error(`${path}: expected export const X_CSS = \`...\`;`);
      const { code } = await transform(match[2], { loader: "css", minify: true });
      return { contents: `export const ${match[1]} = ${JSON.stringify(code.trim())};`, loader: "ts" };
    });
  },
};

const COMMON = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  platform: "browser",
  // The automatic runtime of tsconfig.json (kept for type checking and tests) would add
  // preact/jsx-runtime; JSX compiles to Preact's `h`, injected from src/jsx-factory.ts.
  tsconfigRaw: {
    compilerOptions: { strict: true, jsx: "react", jsxFactory: "h", jsxFragmentFactory: "Fragment" },
  },
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  write: false,
  logLevel: "warning",
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "chunks"), { recursive: true });

const files = [];

// The loader runs on every page load of the vendor's app: es2017 reaches older browsers.
const loader = await build({
  ...COMMON,
  entryPoints: ["src/loader.ts"],
  outfile: join(dist, "loader.js"),
  format: "iife",
  target: "es2017",
});
files.push({
  name: "loader.js",
  code: await shrink(loader.outputFiles[0].text, 2017, false),
  budget: LOADER_BUDGET,
});

// es2022 keeps class fields native instead of lowering them to a helper (about 95 B gzip); it
// excludes no browser that es2020 syntax (?., ??) admits besides Safari 13.1 / 14.0. ES modules:
// each `import()` in src becomes a chunk, fetched relative to widget.js's own URL.
const widget = await build({
  ...COMMON,
  entryPoints: ["src/widget.ts"],
  outdir: dist,
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  splitting: true,
  target: "es2022",
  jsx: "transform",
  jsxFactory: "h",
  jsxFragment: "Fragment",
  inject: ["src/jsx-factory.ts"],
  // Preact's own internals (vnode and component fields, options hooks) are `__`-prefixed; renamed
  // alike across the one build that holds all of Preact they stay consistent (about 40 B gzip).
  // STYLE rule 12 allows it: the widget's measured budget needs it. Our code and the protocol use
  // no `__` names; `__proto__` keeps its meaning.
  mangleProps: /^__/,
  reserveProps: /^__proto__$/,
  plugins: [minifyStylesheet],
});
checkForbidden(widget.metafile);
for (const file of await mergeCore(widget)) {
  const isCore = file.name === "widget.js";
  files.push({
    ...file,
    code: await shrink(file.code, 2022, true),
    budget: isCore ? CORE_BUDGET : CHUNK_BUDGET,
  });
}

let failed = false;
for (const { name, code, budget } of files) {
  const bytes = Buffer.from(code);
  writeFileSync(join(dist, name), bytes);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const over = gzip > budget;
  failed ||= over;
  console.log(
    `${name.padEnd(36)} ${String(bytes.length).padStart(6)} B raw  ${String(gzip).padStart(6)} B gzip` +
      `  (budget ${budget} B gzip${over ? ", OVER" : ""})`,
  );
}
if (failed) process.exit(1);

/**
 * esbuild puts code that both widget.js and a lazy chunk use (Preact, above all) into a shared
 * chunk that widget.js imports, so chatting would need two files fetched one after the other. Fold
 * those shared chunks back into widget.js (which re-exports what they exported) and point the lazy
 * chunks at widget.js instead: the core is one file, and a chunk loads only its own code. The lazy
 * chunks import `../widget.js`, the very URL the loader loaded, so they share its module instance
 * (one Preact, one store).
 */
async function mergeCore(result) {
  const byPath = new Map(result.outputFiles.map((file) => [relative(here, file.path), file.text]));
  const outputs = result.metafile.outputs;
  const core = "dist/widget.js";
  const merged = new Set();
  const visit = (path) => {
    for (const { path: dep, kind } of outputs[path].imports) {
      if (kind !== "import-statement" || merged.has(dep)) continue;
      merged.add(dep);
      visit(dep);
    }
  };
  visit(core);
  // Each shared chunk names its exports a, b, c… on its own: in widget.js they get the chunk's
  // number appended (a0, a1), and a lazy chunk's import of a shared chunk becomes an import of
  // those names from widget.js.
  const shared = [...merged];
  const renamed = (index) => outputs[shared[index]].exports.map((name) => [name, `${name}${index}`]);
  const rebundle = async (entry, contents, toCore) => {
    const out = await build({
      ...COMMON,
      stdin: { contents, resolveDir: join(here, dirname(entry)), sourcefile: entry },
      format: "esm",
      target: "es2022",
      plugins: [
        {
          name: "built-chunks",
          setup(build) {
            build.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir, kind, namespace }) => {
              if (namespace === "core-ref") return { path, external: true };
              const target = relative(here, join(resolveDir, path));
              if (kind === "dynamic-import" || !merged.has(target)) return { path, external: true };
              if (toCore)
                return { path: `${shared.indexOf(target)}`, namespace: "core-ref", pluginData: resolveDir };
              return { path: join(here, target), namespace: "built" };
            });
            build.onLoad({ filter: /.*/, namespace: "built" }, ({ path }) => ({
              contents: byPath.get(relative(here, path)),
              resolveDir: dirname(path),
              loader: "js",
            }));
            build.onLoad({ filter: /.*/, namespace: "core-ref" }, ({ path, pluginData }) => ({
              contents: `export { ${renamed(Number(path))
                .map(([name, as]) => `${as} as ${name}`)
                .join(", ")} } from "${toCore(pluginData)}";`,
              loader: "js",
            }));
          },
        },
      ],
    });
    return out.outputFiles[0].text;
  };
  const files = [];
  const reexports = shared
    .map((dep, index) => {
      const names = renamed(index).map(([name, as]) => `${name} as ${as}`);
      return `export { ${names.join(", ")} } from "./${relative("dist", dep)}";`;
    })
    .join("\n");
  files.push({ name: "widget.js", code: await rebundle(core, `${reexports}\n${byPath.get(core)}`, null) });
  for (const path of Object.keys(outputs)) {
    if (path === core || merged.has(path) || !path.endsWith(".js")) continue;
    const toCore = (resolveDir) => relative(resolveDir, join(here, core)).replace(/^(?!\.)/, "./");
    files.push({ name: relative("dist", path), code: await rebundle(path, byPath.get(path), toCore) });
  }
  return files;
}

function checkForbidden(metafile) {
  for (const [out, output] of Object.entries(metafile.outputs)) {
    // What ends up in the file, not what was parsed: tree-shaken modules contribute 0 bytes.
    const shipped = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0);
    const forbidden = shipped
      .map(([path]) => path)
      .filter((path) => FORBIDDEN.some((name) => path.includes(`/${name}/`)));
    if (forbidden.length > 0) {
      console.error(`${out} must not contain ${forbidden.join(", ")} (imported through sdk-types?)`);
      process.exit(1);
    }
  }
}

/**
 * A second pass over esbuild's minified output. Terser's compressor (two passes) and its mangler,
 * which picks names by frequency over the whole file, gzip about 0.9 kB smaller on the widget.
 * Only safe options: `pure_getters` stays off, because reading a signal's `.value` just to
 * subscribe to it has a side effect (see `shown` in src/ui/app.tsx). `sequences: false` keeps
 * statements apart, which gzip finds more repeats in (about 30 B). `module`: exported names are
 * how chunks and widget.js find each other, so they are kept.
 */
async function shrink(code, ecma, module) {
  const result = await minify(code, {
    ecma,
    module,
    toplevel: true,
    compress: { ecma, passes: 2, sequences: false },
    format: { ecma, comments: false },
  });
  return result.code;
}
