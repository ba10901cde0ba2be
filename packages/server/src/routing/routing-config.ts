import { IdSchema, PrioritySchema } from "@relaydesk/sdk-types";
import * as v from "valibot";
import { type BusinessHours, WEEKDAYS } from "./business-hours.ts";
import type { SlaPolicy } from "./sla-policy.ts";
import type { QueueConfig, RoutingConfig } from "./types.ts";
import { isTimeZone } from "./zoned-time.ts";

export const ROUTING_DEFAULTS = {
  /** How long an agent has to accept an offer when the queue does not say. */
  offerTimeoutMs: 30_000,
  /** Most conversations an agent holds at once when `agents set --capacity` was never used. */
  capacity: 5,
  /** The queue of an app without a routing document. */
  queueId: "default",
} as const;

const SkillSchema = v.pipe(
  v.string(),
  v.minLength(1, "a skill must not be empty"),
  v.maxLength(40, "a skill must be at most 40 characters"),
  v.regex(/^[a-z0-9][a-z0-9._-]*$/, "a skill uses only a-z 0-9 . _ - (lower case)"),
);

const TimeSchema = v.pipe(
  v.string(),
  v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time "HH:MM" from "00:00" to "24:00"'),
);

const RangeSchema = v.pipe(
  v.tuple([TimeSchema, TimeSchema]),
  v.check(
    ([start, end]) => start < end,
    'a range ends after it starts and does not cross midnight: write a night shift as ["22:00","24:00"] and ["00:00","06:00"] on the next day',
  ),
);

const DaySchema = v.optional(v.pipe(v.array(RangeSchema), v.maxLength(12, "at most 12 ranges a day")));

const BusinessHoursSchema = v.strictObject({
  timeZone: v.pipe(v.string(), v.check(isTimeZone, 'an IANA time zone such as "Europe/Madrid" or "UTC"')),
  weekly: v.strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, DaySchema])) as Record<
      (typeof WEEKDAYS)[number],
      typeof DaySchema
    >,
  ),
  holidays: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.isoDate('a date "YYYY-MM-DD"'),
          v.check(isCalendarDate, "a date that exists in the calendar"),
        ),
      ),
      v.maxLength(1000, "at most 1000 holidays"),
    ),
  ),
});

/** `2026-02-30` passes the pattern; only a real date survives the round trip through `Date`. */
function isCalendarDate(date: string): boolean {
  const at = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
}

const DurationSchema = v.pipe(
  v.number(),
  v.integer("a whole number of milliseconds"),
  v.minValue(1_000, "at least 1000 ms"),
  v.maxValue(30 * 86_400_000, "at most 30 days"),
);

const TargetsSchema = v.strictObject({
  firstResponseMs: v.optional(DurationSchema),
  nextResponseMs: v.optional(DurationSchema),
});
const hasTarget = (targets: v.InferOutput<typeof TargetsSchema>) =>
  targets.firstResponseMs !== undefined || targets.nextResponseMs !== undefined;

/** A priority as a `byPriority` key: JSON object keys are strings, so `"10"` or `"-1"`. */
const PRIORITY_KEY = /^-?(?:0|[1-9]\d{0,8})$/;

const SlaSchema = v.pipe(
  v.strictObject({
    firstResponseMs: v.optional(DurationSchema),
    nextResponseMs: v.optional(DurationSchema),
    byPriority: v.optional(
      v.pipe(
        v.record(
          v.pipe(v.string(), v.regex(PRIORITY_KEY, 'a priority, a whole number written as a key like "10"')),
          v.pipe(TargetsSchema, v.check(hasTarget, "give firstResponseMs, nextResponseMs or both")),
        ),
        v.check((tiers) => Object.keys(tiers).length <= 20, "at most 20 priorities"),
      ),
    ),
  }),
  v.check(
    (sla) => hasTarget(sla) || Object.keys(sla.byPriority ?? {}).length > 0,
    "give firstResponseMs, nextResponseMs, byPriority or several",
  ),
);

const QueueSchema = v.strictObject({
  id: IdSchema,
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(80))),
  strategy: v.picklist(
    ["round-robin", "least-busy", "manual"],
    'give "round-robin", "least-busy" or "manual"',
  ),
  members: v.optional(v.array(IdSchema)),
  skills: v.optional(v.array(SkillSchema)),
  offerTimeoutMs: v.optional(
    v.pipe(
      v.number(),
      v.integer("a whole number of milliseconds"),
      v.minValue(1_000, "at least 1000 ms"),
      v.maxValue(3_600_000, "at most one hour"),
    ),
  ),
  priority: v.optional(PrioritySchema),
  businessHours: v.optional(BusinessHoursSchema),
  sla: v.optional(SlaSchema),
});

const ConditionSchema = v.pipe(
  v.strictObject({
    pageUrl: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
    locale: v.optional(
      v.pipe(v.string(), v.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, "a language tag like fr or pt-BR")),
    ),
    attribute: v.optional(
      v.pipe(
        v.strictObject({
          name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
          equals: v.optional(v.string()),
          in: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
        }),
        v.check((a) => (a.equals === undefined) !== (a.in === undefined), "give exactly one of equals or in"),
      ),
    ),
    plan: v.optional(v.pipe(v.string(), v.minLength(1))),
  }),
  v.check((when) => Object.keys(when).length > 0, "a rule needs at least one condition"),
);

const RuleSchema = v.strictObject({
  when: ConditionSchema,
  queue: IdSchema,
  skills: v.optional(v.array(SkillSchema)),
  priority: v.optional(PrioritySchema),
});

export const RoutingConfigSchema = v.pipe(
  v.strictObject({
    queues: v.pipe(v.array(QueueSchema), v.minLength(1, "at least one queue")),
    rules: v.optional(v.array(RuleSchema)),
    defaultQueue: IdSchema,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { queues, rules = [], defaultQueue } = dataset.value;
    const ids = new Set<string>();
    queues.forEach((queue, i) => {
      if (ids.has(queue.id))
        addIssue({ message: `queue id "${queue.id}" is used twice`, path: issuePath(["queues", i, "id"]) });
      ids.add(queue.id);
    });
    if (!ids.has(defaultQueue))
      addIssue({ message: `no queue "${defaultQueue}"`, path: issuePath(["defaultQueue"]) });
    rules.forEach((rule, i) => {
      if (!ids.has(rule.queue))
        addIssue({ message: `no queue "${rule.queue}"`, path: issuePath(["rules", i, "queue"]) });
    });
  }),
);

// valibot wants path items with the input they came from; only the keys matter for our messages.
function issuePath(keys: (string | number)[]) {
  const path = keys.map((key) => ({ type: "object", origin: "value", input: {}, key, value: undefined }));
  return path as unknown as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** A routing document that failed validation: `path` is like `queues[1].strategy`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * Check a routing document (as read from JSON) and fill in its defaults. Never throws: the result
 * lists every problem with the path to it, for the CLI to print.
 *
 * @example
 * parseRoutingConfig({ queues: [{ id: "all", strategy: "round-robin" }], defaultQueue: "all" });
 */
export function parseRoutingConfig(
  input: unknown,
  /** The relay's defaults for what a queue leaves out (`createRelay({ offerTimeoutMs })`). */
  defaults: { offerTimeoutMs?: number | undefined } = {},
): { ok: true; config: RoutingConfig } | { ok: false; problems: ConfigProblem[] } {
  const result = v.safeParse(RoutingConfigSchema, input);
  if (!result.success) {
    return {
      ok: false,
      problems: result.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message })),
    };
  }
  const doc = result.output;
  return {
    ok: true,
    config: {
      queues: doc.queues.map(
        (q): QueueConfig => ({
          id: q.id,
          name: q.name ?? q.id,
          strategy: q.strategy,
          members: q.members ? [...new Set(q.members)] : null,
          skills: [...new Set(q.skills ?? [])],
          offerTimeoutMs: q.offerTimeoutMs ?? defaults.offerTimeoutMs ?? ROUTING_DEFAULTS.offerTimeoutMs,
          priority: q.priority ?? 0,
          businessHours: q.businessHours ? toBusinessHours(q.businessHours) : null,
          sla: q.sla ? toSlaPolicy(q.sla) : null,
        }),
      ),
      rules: (doc.rules ?? []).map((rule) => ({
        when: rule.when,
        queue: rule.queue,
        skills: [...new Set(rule.skills ?? [])],
        priority: rule.priority ?? null,
      })),
      defaultQueue: doc.defaultQueue,
    },
  };
}

function toSlaPolicy(doc: v.InferOutput<typeof SlaSchema>): SlaPolicy {
  const byPriority = Object.entries(doc.byPriority ?? {})
    .map(([key, targets]) => ({ minPriority: Number(key), ...targets }))
    .sort((a, b) => b.minPriority - a.minPriority);
  return { firstResponseMs: doc.firstResponseMs, nextResponseMs: doc.nextResponseMs, byPriority };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function toBusinessHours(doc: v.InferOutput<typeof BusinessHoursSchema>): BusinessHours {
  const weekly: BusinessHours["weekly"] = {};
  for (const day of WEEKDAYS) {
    const ranges = (doc.weekly[day] ?? []).map(([start, end]) => [minutesOf(start), minutesOf(end)] as const);
    weekly[day] = ranges.sort((a, b) => a[0] - b[0]);
  }
  return { timeZone: doc.timeZone, weekly, holidays: [...new Set(doc.holidays ?? [])] };
}

function pathText(path: readonly { key: unknown }[] | undefined): string {
  if (!path || path.length === 0) return "(document)";
  return path
    .map((item, i) =>
      typeof item.key === "number" ? `[${item.key}]` : `${i === 0 ? "" : "."}${String(item.key)}`,
    )
    .join("");
}

/**
 * What an app without a routing document gets: one queue of all its agents, round-robin, with
 * offers. Behaves like the relay before queues existed, apart from the offer to accept.
 */
export function implicitRoutingConfig(
  offerTimeoutMs: number = ROUTING_DEFAULTS.offerTimeoutMs,
): RoutingConfig {
  return {
    queues: [
      {
        id: ROUTING_DEFAULTS.queueId,
        name: "Default",
        strategy: "round-robin",
        members: null,
        skills: [],
        offerTimeoutMs,
        priority: 0,
        businessHours: null,
        sla: null,
      },
    ],
    rules: [],
    defaultQueue: ROUTING_DEFAULTS.queueId,
  };
}

/**
 * An app's routing as the relay applies it: its stored document, checked, or the implicit one
 * when it has none or the stored one is invalid (only the CLI writes it, after the same check; a
 * bad one means a hand-edited database, reported through `onInvalid`). Read fresh each time: the
 * CLI writes it from another process.
 */
export async function readRoutingConfig(
  storage: { getRoutingConfig(appId: string): Promise<unknown> },
  appId: string,
  options: { offerTimeoutMs?: number | undefined; onInvalid?: () => void } = {},
): Promise<RoutingConfig> {
  const stored = await storage.getRoutingConfig(appId);
  if (stored !== null) {
    const parsed = parseRoutingConfig(stored, { offerTimeoutMs: options.offerTimeoutMs });
    if (parsed.ok) return parsed.config;
    options.onInvalid?.();
  }
  return implicitRoutingConfig(options.offerTimeoutMs);
}
