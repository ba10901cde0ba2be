import { existsSync, readFileSync } from "node:fs";
import { IdSchema, type PrechatForm, PrechatFormSchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { RelaydeskError } from "../errors.ts";
import type { AppWebhook } from "../storage/types.ts";
import { webhookDisplayUrl } from "../webhooks/webhook-options.ts";
import { checkAppExists } from "./app-flag.ts";
import { appWebhookOption } from "./app-webhook-option.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";

export interface AppsSetOptions {
  appId: string;
  /** The checked form, or null to remove it (`--prechat none`); undefined: left as it is. */
  prechat?: PrechatForm | null | undefined;
  /** The app's own webhook endpoint, or null to remove it (`--webhook-url none`); undefined: left. */
  webhook?: AppWebhook | null | undefined;
  dataDir: string;
}

export const appsSet: Command<AppsSetOptions> = {
  path: ["apps", "set"],
  summary: "Set an app's pre-chat form or its own webhook endpoint",
  usage: `Usage: relaydesk apps set <appId> [--prechat <json | file | none>]
                         [--webhook-url <url> --webhook-secret <secret> | --webhook-url none]
                         [--data <dir>]

Give at least one of --prechat and --webhook-url.

Sets the form the widget shows before a visitor's first message of a new conversation. The value
is the JSON array itself or a file holding it; \`none\` removes the form. Each field:
  { "id": "email", "type": "email", "label": "Your email", "required": true }
  id        a lowercase letter, then up to 39 of a-z 0-9 _ - (the answer's key)
  type      name, email, text (several lines) or select (with "options": ["…", …])
  label     what the visitor sees, 1-80 characters
  required  true: a new conversation needs it (default false)
At most 10 fields. The widget checks the answers and the relay checks them again; agents see them
in the console's visitor panel. Visitors connecting after the change get the new form.

The webhook endpoint receives this app's events (signed with its own secret, retried like the
relay-wide ones of \`relaydesk start --webhook-url\`) instead of the relay-wide endpoint; \`none\`
removes it, and the app's events go to the relay-wide endpoint again, if there is one. A running
relay uses the change from its next event on, and for deliveries still pending.

Options:
  --prechat <value>          The form: JSON, a path to a JSON file, or none
  --webhook-url <url>        The app's own endpoint, http(s), or none to remove it
  --webhook-secret <secret>  Signs the app's requests (16 to 256 characters); with --webhook-url
${dataUsage(27)}`,
  options: {
    prechat: { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    const [appId, ...extra] = args.positionals;
    if (appId === undefined) throw new RelaydeskError("usage", "apps set needs an <appId>.");
    if (extra.length > 0)
      throw new RelaydeskError("usage", `apps set takes one <appId>, got also "${extra.join(" ")}".`);
    const checked = v.safeParse(IdSchema, appId);
    if (!checked.success)
      throw new RelaydeskError("invalid-option", `<appId> "${appId}": ${checked.issues[0].message}.`);
    const value = args.values.prechat;
    const webhook = appWebhookOption(args);
    if (typeof value !== "string" && webhook === undefined)
      throw new RelaydeskError(
        "usage",
        "apps set needs --prechat <json | file | none> or --webhook-url <url | none>.",
      );
    return {
      appId,
      ...(typeof value === "string" ? { prechat: parsePrechatOption(value) } : {}),
      ...(webhook === undefined ? {} : { webhook }),
      dataDir: resolveDataDir(args, env),
    };
  },

  async run({ appId, prechat, webhook, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      await checkAppExists(storage, appId);
      if (prechat !== undefined) {
        await storage.setPrechatForm(appId, prechat);
        io.out(
          prechat === null
            ? `App ${appId}: no pre-chat form.\n`
            : `App ${appId}: pre-chat form ${prechat.map((f) => `${f.id} (${f.type}${f.required ? ", required" : ""})`).join(", ")}.\n`,
        );
      }
      if (webhook !== undefined) {
        await storage.setAppWebhook(appId, webhook);
        io.out(
          webhook === null
            ? `App ${appId}: no webhook endpoint of its own; its events go to the relay-wide one, if any.\n`
            : `App ${appId}: events are POSTed to ${webhookDisplayUrl(webhook.url)}, signed with its own secret.\n`,
        );
      }
      return 0;
    } finally {
      await storage.close();
    }
  },
};

/** `--prechat`: `none`, inline JSON (starts with `[`), or a file of JSON; every problem with its path. */
export function parsePrechatOption(value: string): PrechatForm | null {
  if (value.trim() === "none") return null;
  const inline = value.trim().startsWith("[");
  let text = value;
  if (!inline) {
    if (!existsSync(value))
      throw new RelaydeskError(
        "invalid-option",
        `--prechat "${value}": not a JSON array and no such file (give the fields as JSON, a file, or none).`,
      );
    text = readFileSync(value, "utf8");
  }
  const where = inline ? "--prechat" : `--prechat ${value}`;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RelaydeskError("invalid-option", `${where}: not valid JSON (${reason}).`, { cause });
  }
  const parsed = v.safeParse(PrechatFormSchema, document);
  if (!parsed.success) {
    const lines = parsed.issues.map((issue) => {
      const path = (issue.path ?? []).map((item) =>
        typeof item.key === "number" ? `[${item.key}]` : `.${String(item.key)}`,
      );
      return `  ${path.join("").replace(/^\./, "") || "(form)"}: ${issue.message}`;
    });
    throw new RelaydeskError("invalid-option", `${where} is not a valid pre-chat form:\n${lines.join("\n")}`);
  }
  return parsed.output;
}
