import { IdSchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { RelaydeskError } from "../errors.ts";
import type { Storage } from "../storage/types.ts";
import type { ParsedArgs } from "./command.ts";

/** The `--app` of a command that acts on exactly one app, checked to be a well-formed id. */
export function requiredApp(args: ParsedArgs, command: string): string {
  const appId = args.values.app;
  if (typeof appId !== "string") throw new RelaydeskError("usage", `${command} needs --app <appId>.`);
  const checked = v.safeParse(IdSchema, appId);
  if (!checked.success)
    throw new RelaydeskError("invalid-option", `--app "${appId}": ${checked.issues[0].message}.`);
  return appId;
}

/** Rejects (as the caller's mistake) an app that does not exist, listing those that do. */
export async function checkAppExists(storage: Storage, appId: string): Promise<void> {
  if (await storage.getApp(appId)) return;
  const known = (await storage.listApps()).map((app) => app.appId);
  throw new RelaydeskError(
    "invalid-option",
    `--app "${appId}": no such app (apps: ${known.length > 0 ? known.join(", ") : "none yet"}).`,
  );
}
