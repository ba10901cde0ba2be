// Builds dist/loader.js (a classic script) and the widget, dist/widget.js plus its lazy chunks in
// dist/chunks/ (ES modules), each with the `.gz` and `.br` copies the relay serves (scripts/precompress.mjs),
// and prints every file's raw size and served gzip size against its budget (DESIGN §8). Fails when a file is over budget or when the widget pulls in valibot: the widget may use only
// types and small constants from @relaydesk/sdk-types, never its schemas.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { minify } from "terser";
import { writeCompressedCopies } from "../../scripts/precompress.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

/** DESIGN §8: the loader on every page; the widget with everything needed to chat. */
const LOADER_BUDGET = 1536;
const CORE_BUDGET = 20 * 1024;
/** Each lazy part (the conversation list, later attachments, locale packs, forms) on its own. */
const CHUNK_BUDGET = 8 * 1024;

const FORBIDDEN = ["valibot"];

/**
 * Property names renamed in the widget build (esbuild `mangleProps`): every one is read and written
 * only by code inside this build, so the short name is the same on both sides (about 450 B gzip of
 * widget.js). A name may be listed only if it never leaves the build's objects:
 * - not a field of a frame (the relay reads and writes those by name; checked below against
 *   sdk-types' protocol.schema.json), of what is kept in localStorage (the outbox, the waiting
 *   list) or posted to the other tabs (shared-client.ts `TabMessage`, `PanelView`, client events);
 * - not part of the public API (`Relaydesk(command)`, boot options, event names, what the loader
 *   sets on `window.Relaydesk`), nor a name read by a string (`client[method]`, `api[command]`),
 *   nor an export of a lazy chunk (`loaded.CONVERSATIONS_CSS`);
 * - not a name the DOM, Preact or the platform give meaning to (an element attribute such as
 *   `list` or `accept`, `key`, `ref`, `value`, `state`), so JSX on elements is never touched.
 * Preact's and signals-core's internals: `__` names, class-component hooks the widget's classes
 * and Preact's renderer share, and the options hooks nothing outside this build installs.
 * New code that gives one of these names to something outside the build (a frame field, an option
 * of a platform API such as `new Notification(…, { silent })`) takes it off the list first.
 */
// biome-ignore format: grouped by where the names live
const INTERNAL_PROPS = [
  // preact and @preact/signals-core
  "componentDidCatch", "componentDidMount", "componentDidUpdate", "componentWillMount",
  "componentWillReceiveProps", "componentWillUnmount", "componentWillUpdate", "getChildContext",
  "getDerivedStateFromError", "getDerivedStateFromProps", "getSnapshotBeforeUpdate",
  "shouldComponentUpdate", "debounceRendering", "defaultProps", "contextType", "forceUpdate",
  "setState", "_sb", "diffed", "vnode", "brand", "subscribe", "watched", "unwatched",
  // the store (store.ts) and the components that read it (ui/)
  "agentName", "banner", "connection", "failure", "isOpen", "screen", "showList",
  "openConversation", "setView", "dispose", "authorName", "activityAt", "returnFocus",
  "takeFocus", "parts", "store", "panel", "scrollToNewest", "scrolledFor", "onRetry", "module",
  // start-widget.ts, relaydesk-api.ts, shared-client.ts, lazy-part.ts
  "onMessage", "onOpenChange", "newClientMsgId", "retryDelayMs", "defaults", "forget", "notice",
  "clientOptions", "requestLock", "isLeader", "shareView", "onView",
  // @relaydesk/client's options and internals
  "autoConnect", "outboxStore", "reconnectInitialDelayMs", "reconnectMaxDelayMs",
  "reconnectGrowFactor", "requestTimeoutMs", "heartbeatTimeoutMs", "timeoutMs", "retryDelay",
  "onAck", "onRefused", "tracker", "track", "settle", "detach", "flush", "failAll", "acked",
  "emit", "deliver", "fetchAfter", "isPermanent", "notRecovered", "synced", "early", "filling",
  "claimed", "requestId", "retryTimer", "attempts", "pingEvery", "touch", "watch",
  "fromFrame", "pending", "load",
];

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
  // Names that only the code in this one build reads and writes are renamed to short ones, alike
  // in widget.js and every chunk (see INTERNAL_PROPS). STYLE rule 12 allows it: the widget's
  // measured budget needs it. `__proto__` keeps its meaning.
  mangleProps: new RegExp(`^(?:__.*|${INTERNAL_PROPS.join("|")})$`),
  reserveProps: /^__proto__$/,
  plugins: [minifyStylesheet],
});
checkForbidden(widget.metafile);
checkInternalProps(widget);
const built = [];
for (const file of await mergeCore(widget))
  built.push({ ...file, code: await shrink(file.code, 2022, true) });
for (const file of exportLocalNames(built)) {
  const isCore = file.name === "widget.js";
  files.push({
    ...file,
    // V8 compiles a function when it is first called, on the main thread, unless a hint says it
    // will be called at once: then Chromium compiles the whole file while it streams in, off the
    // main thread. Nearly all of widget.js runs when it boots, and compiling it lazily was about a
    // fifth of the boot's script time (bench/widget-boot.ts: 20 ms -> 16 ms median on a loaded
    // 2-core machine). Browsers without explicit compile hints read a comment.
    code: isCore ? `//# allFunctionsCalledOnLoad\n${file.code}` : file.code,
    budget: isCore ? CORE_BUDGET : CHUNK_BUDGET,
  });
}

for (const { name, code } of files) writeFileSync(join(dist, name), code);
checkImports(files);
const copies = await writeCompressedCopies(files.map(({ name }) => join(dist, name)));
let failed = false;
for (const [index, { name, code, budget }] of files.entries()) {
  const { gzip, brotli } = copies[index];
  const over = gzip > budget;
  failed ||= over;
  console.log(
    `${name.padEnd(36)} ${String(Buffer.byteLength(code)).padStart(6)} B raw  ${String(gzip).padStart(6)} B gzip` +
      `  ${String(brotli).padStart(6)} B br  (budget ${budget} B gzip${over ? ", OVER" : ""})`,
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
              // A path is written relative to the file it was in: a shared chunk folded into
              // widget.js sat in chunks/, one level below where its code ends up.
              const from = relative(join(here, dirname(entry)), join(resolveDir, path));
              if (kind === "dynamic-import") return { path: from.replace(/^(?!\.)/, "./"), external: true };
              if (!merged.has(target)) return { path, external: true };
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

/**
 * widget.js exports what the lazy chunks import from it under names mergeCore gave (`e as a0`),
 * which terser keeps. Export each under its minified local name instead (`export{e}`) and rename
 * the chunks' imports to match: the names are private to this build (only the chunks import
 * widget.js), and the list shrinks by about a third.
 */
function exportLocalNames(built) {
  const core = built.find((file) => file.name === "widget.js");
  const statements = core.code.match(/export\{[^}]*\}/g) ?? [];
  if (statements.length !== 1)
    throw new Error(`widget.js: expected one export statement, found ${statements.length}`);
  const local = new Map();
  for (const pair of statements[0].slice(7, -1).split(",")) {
    const [name, as = name] = pair.split(" as ");
    local.set(as, name);
  }
  const rename = (name) => {
    const to = local.get(name);
    if (!to) throw new Error(`a chunk imports ${name}, which widget.js does not export`);
    return to;
  };
  return built.map((file) => {
    if (file === core)
      return { ...file, code: file.code.replace(statements[0], `export{${[...local.values()].join(",")}}`) };
    const code = file.code.replace(/import\{([^}]*)\}from"((?:\.\.?\/)+widget\.js)"/g, (_, names, from) => {
      const pairs = names.split(",").map((pair) => {
        const [name, as = name] = pair.split(" as ");
        const to = rename(name);
        return to === as ? to : `${to} as ${as}`;
      });
      return `import{${pairs.join(",")}}from"${from}"`;
    });
    return { ...file, code };
  });
}

/** Every relative `import`/`import()` of every file names a file the build wrote, from where it sits. */
function checkImports(files) {
  const written = new Set(files.map(({ name }) => name));
  const missing = [];
  for (const { name, code } of files) {
    for (const [, specifier] of code.matchAll(/(?:from|import\()\s*"(\.\.?\/[^"]+)"/g)) {
      const target = relative(dist, join(dist, dirname(name), specifier));
      if (!written.has(target)) missing.push(`${name} imports ${specifier}`);
    }
  }
  if (missing.length > 0) {
    console.error(`imports of files the build did not write: ${missing.join(", ")}`);
    process.exit(1);
  }
}

/**
 * Guards INTERNAL_PROPS: a listed name must not be a field of the protocol (any key in sdk-types'
 * JSON Schema), nor a string anywhere in the built code, where it could be a property read by name
 * (`client[method]`, `"x" in y`) or a value that becomes one. Mangling leaves strings alone.
 */
function checkInternalProps(result) {
  const schema = readFileSync(join(here, "../sdk-types/protocol.schema.json"), "utf8");
  const wire = new Set([...schema.matchAll(/"([\w$]+)"\s*:/g)].map((match) => match[1]));
  const problems = INTERNAL_PROPS.filter((name) => wire.has(name)).map(
    (name) => `${name} (a protocol field)`,
  );
  for (const file of result.outputFiles) {
    for (const name of INTERNAL_PROPS) {
      if (new RegExp(`["'\`]${name}["'\`]`).test(file.text))
        problems.push(`${name} (a string in ${relative(here, file.path)})`);
    }
  }
  if (problems.length > 0) {
    console.error(`INTERNAL_PROPS must list only names that stay inside the build: ${problems.join(", ")}`);
    process.exit(1);
  }
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
