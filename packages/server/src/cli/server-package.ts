import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "@relaydesk/server";

let cached: { dir: string; version: string } | undefined;

/**
 * The server package's folder and version. Found by walking up from this module, because the
 * module sits at different depths when run from source (`src/cli/`) and from the bundle (`dist/`).
 */
export function serverPackage(): { dir: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) {
        cached = { dir, version: pkg.version ?? "0.0.0" };
        return cached;
      }
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the ${PACKAGE_NAME} package.json above ${import.meta.url}.`);
    dir = parent;
  }
}
