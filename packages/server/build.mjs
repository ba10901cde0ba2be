// Bundles the `relaydesk` CLI into dist/cli.js. Workspace packages (@relaydesk/*) export their
// TypeScript sources, which Node cannot load, so they are bundled in; every other package stays
// an import resolved from node_modules at run time (better-sqlite3 is native and cannot be bundled).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** esbuild's `packages: "external"` would also leave @relaydesk/* out; this keeps only them in. */
const externalDependencies = {
  name: "external-dependencies",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@relaydesk/") ? undefined : { path: args.path, external: true },
    );
  },
};
// bin/relaydesk.js imports dist/cli.js. Tests pass another path inside this package, so that
// node_modules still resolve from here and they never overwrite a bundle something else runs.
const outfile = process.argv[2]
  ? resolve(process.argv[2])
  : fileURLToPath(new URL("./dist/cli.js", import.meta.url));

await build({
  entryPoints: [fileURLToPath(new URL("./src/cli/main.ts", import.meta.url))],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  plugins: [externalDependencies],
  logLevel: "warning",
});
