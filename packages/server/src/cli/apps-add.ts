import { IdSchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { RelaydeskError } from "../errors.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { parseOrigin } from "./parse-origin.ts";

export interface AppsAddOptions {
  appId: string;
  name: string;
  origins: string[];
  dataDir: string;
}

export const appsAdd: Command<AppsAddOptions> = {
  path: ["apps", "add"],
  summary: "Create or update an app and the origins its widget may run on",
  usage: `Usage: relaydesk apps add <appId> --origin <url> [--origin <url>...] [--name <name>] [--data <dir>]

Creates the app, or updates the name and allowed origins of an existing one. Visitors can only
connect from pages whose origin is allowed.

Options:
  --origin <url>  An allowed origin, scheme://host[:port] with no path, e.g. https://app.example.com;
                  the port may be * (http://localhost:*). Repeat for several.
  --name <name>   Display name (default: the app id)
${dataUsage(16)}`,
  options: {
    origin: { type: "string", multiple: true },
    name: { type: "string" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    const [appId, ...extra] = args.positionals;
    if (appId === undefined) throw new RelaydeskError("usage", "apps add needs an <appId>.");
    if (extra.length > 0)
      throw new RelaydeskError("usage", `apps add takes one <appId>, got also "${extra.join(" ")}".`);
    const checked = v.safeParse(IdSchema, appId);
    if (!checked.success) {
      throw new RelaydeskError("invalid-option", `<appId> "${appId}": ${checked.issues[0].message}.`);
    }
    const given = (args.values.origin ?? []) as string[];
    if (given.length === 0) throw new RelaydeskError("usage", "apps add needs at least one --origin.");
    const origins = [...new Set(given.map((origin) => parseOrigin(origin)))];
    const name = typeof args.values.name === "string" ? args.values.name.trim() : appId;
    if (name === "") throw new RelaydeskError("invalid-option", "--name must not be empty.");
    return { appId, name, origins, dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, name, origins, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const existing = await storage.getApp(appId);
      await storage.putApp({
        appId,
        name,
        allowedOrigins: origins,
        createdAt: existing?.createdAt ?? Date.now(),
      });
      io.out(`${existing ? "Updated" : "Created"} app "${appId}" (${name}). Allowed origins:\n`);
      for (const origin of origins) io.out(`  ${origin}\n`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
