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
  /** Undefined: keep the stored setting (false for a new app). */
  requireIdentity: boolean | undefined;
  dataDir: string;
}

export const appsAdd: Command<AppsAddOptions> = {
  path: ["apps", "add"],
  summary: "Create or update an app and the origins its widget may run on",
  usage: `Usage: relaydesk apps add <appId> --origin <url> [--origin <url>...] [--name <name>]
                         [--require-identity | --allow-anonymous] [--data <dir>]

Creates the app, or updates the name and allowed origins of an existing one. Visitors can only
connect from pages whose origin is allowed. Identity secrets are kept (see relaydesk apps secret).

Options:
  --origin <url>        An allowed origin, scheme://host[:port] with no path, e.g. https://app.example.com;
                        the port may be * (http://localhost:*). Repeat for several.
  --name <name>         Display name (default: the app id)
  --require-identity    Visitors must identify (signed by your server) before they can chat
  --allow-anonymous     Anonymous visitors may chat (the default); undoes --require-identity.
                        Without either, an existing app keeps its setting.
${dataUsage(22)}`,
  options: {
    origin: { type: "string", multiple: true },
    name: { type: "string" },
    "require-identity": { type: "boolean" },
    "allow-anonymous": { type: "boolean" },
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
    const require = args.values["require-identity"] === true;
    const allow = args.values["allow-anonymous"] === true;
    if (require && allow) {
      throw new RelaydeskError("usage", "use either --require-identity or --allow-anonymous, not both.");
    }
    const requireIdentity = require ? true : allow ? false : undefined;
    return { appId, name, origins, requireIdentity, dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, name, origins, requireIdentity, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const existing = await storage.getApp(appId);
      await storage.putApp({
        appId,
        name,
        allowedOrigins: origins,
        createdAt: existing?.createdAt ?? Date.now(),
        ...(requireIdentity === undefined ? {} : { requireIdentity }),
      });
      io.out(`${existing ? "Updated" : "Created"} app "${appId}" (${name}). Allowed origins:\n`);
      for (const origin of origins) io.out(`  ${origin}\n`);
      const required = requireIdentity ?? existing?.requireIdentity ?? false;
      io.out(required ? "Visitors must identify before they can chat.\n" : "Anonymous visitors may chat.\n");
      if (required && !existing?.identitySecrets.length) {
        io.out(`No identity secret yet: create one with relaydesk apps secret --app ${appId}\n`);
      }
      return 0;
    } finally {
      await storage.close();
    }
  },
};
