import { IdSchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { newIdentitySecret } from "../auth/tokens.ts";
import { activeSecrets } from "../auth/verify-identity.ts";
import { RelaydeskError } from "../errors.ts";
import type { IdentitySecret } from "../storage/types.ts";
import type { Command } from "./command.ts";
import { DATA_OPTION, dataUsage, openDataStorage, resolveDataDir } from "./data-dir.ts";
import { noPositionals } from "./no-positionals.ts";
import { parseDuration } from "./parse-duration.ts";

export interface AppsSecretOptions {
  appId: string;
  /** How long the secrets in use keep verifying beside the new one, ms. */
  overlapMs: number;
  overlapText: string;
  dataDir: string;
}

/** Long enough for any deploy; an old secret still valid for months is a rotation that never ends. */
const MAX_OVERLAP_MS = 30 * 86_400_000;

export const appsSecret: Command<AppsSecretOptions> = {
  path: ["apps", "secret"],
  summary: "Create or rotate an app's identity secret and print it once",
  usage: `Usage: relaydesk apps secret --app <appId> [--overlap <duration>] [--data <dir>]

Creates a new identity secret for the app and prints it, only this once. Your server signs its
users' ids with it (an HMAC-SHA256 signature or an HS256 JWT) so the widget can identify them.
Secrets already in use keep verifying for the overlap, so pages signed with the previous one go on
working while you deploy the new one; then they stop.

Options:
  --app <appId>          The app (see relaydesk apps list)
  --overlap <duration>   How long the previous secrets still verify: e.g. 90m, 24h, 7d, or 0 to end
                         them now (default 24h, at most 30d)
${dataUsage(23)}`,
  options: {
    app: { type: "string" },
    overlap: { type: "string" },
    ...DATA_OPTION,
  },

  parse(args, env) {
    noPositionals(args, "apps secret");
    const appId = args.values.app;
    if (typeof appId !== "string") throw new RelaydeskError("usage", "apps secret needs --app <appId>.");
    const checked = v.safeParse(IdSchema, appId);
    if (!checked.success) {
      throw new RelaydeskError("invalid-option", `--app "${appId}": ${checked.issues[0].message}.`);
    }
    const overlapText = typeof args.values.overlap === "string" ? args.values.overlap : "24h";
    return { appId, overlapMs: parseOverlap(overlapText), overlapText, dataDir: resolveDataDir(args, env) };
  },

  async run({ appId, overlapMs, overlapText, dataDir }, io) {
    const storage = openDataStorage(dataDir);
    try {
      const app = await storage.getApp(appId);
      if (!app) {
        throw new RelaydeskError(
          "not-found",
          `no app "${appId}"; create it with: relaydesk apps add ${appId} --origin <url>`,
        );
      }
      const now = Date.now();
      const secret = newIdentitySecret();
      const identitySecrets = rotateSecrets(app.identitySecrets, secret, now, overlapMs);
      await storage.putApp({ ...app, identitySecrets });
      io.out(`New identity secret for app "${appId}", shown only this once:\n  ${secret}\n`);
      io.out("Keep it on your server (never in a page) and sign your users' ids with it.\n");
      const previous = identitySecrets.length - 1;
      if (previous > 0) {
        const until = new Date(now + overlapMs).toISOString();
        io.out(
          `${previous} previous secret${previous === 1 ? "" : "s"} still verif${previous === 1 ? "ies" : "y"} until ${until} (--overlap ${overlapText}).\n`,
        );
      }
      return 0;
    } finally {
      await storage.close();
    }
  },
};

/**
 * The secrets after adding `secret`: expired ones dropped (they never verify again), the others
 * ending at `now + overlapMs` at the latest, the new one without an end.
 */
export function rotateSecrets(
  secrets: readonly IdentitySecret[],
  secret: string,
  now: number,
  overlapMs: number,
): IdentitySecret[] {
  const end = now + overlapMs;
  const kept = overlapMs === 0 ? [] : activeSecrets(secrets, now);
  return [
    ...kept.map((s) => ({ ...s, expiresAt: s.expiresAt === null ? end : Math.min(s.expiresAt, end) })),
    { secret, createdAt: now, expiresAt: null },
  ];
}

function parseOverlap(text: string): number {
  return parseDuration(text, "--overlap", { min: 0, max: MAX_OVERLAP_MS });
}
