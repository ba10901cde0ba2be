import type { QueueConfig, RoutingConfig, RuleCondition } from "./types.ts";

/** Where a conversation goes, and what the rule that sent it there adds. */
export interface QueueChoice {
  queue: QueueConfig;
  /** The queue's skills and the rule's, without duplicates. */
  skills: string[];
  /** The rule's priority, else the queue's. */
  priority: number;
}

/**
 * The first rule whose every condition matches the conversation's attributes picks the queue;
 * when none does, the default queue. Rules are ordered on purpose: an operator writes the narrow
 * ones (enterprise plan) above the broad ones (any billing page).
 *
 * Attributes read: `pageUrl`, `locale`, `plan`, and for `attribute` conditions the named one.
 *
 * @example
 * chooseQueue(config, { pageUrl: "https://app.test/billing/invoices" }).queue.id; // "billing"
 */
export function chooseQueue(
  config: RoutingConfig,
  attributes: Readonly<Record<string, string>>,
): QueueChoice {
  for (const rule of config.rules) {
    if (!matches(rule.when, attributes)) continue;
    const queue = config.queues.find((q) => q.id === rule.queue);
    if (!queue) continue;
    return {
      queue,
      skills: [...new Set([...queue.skills, ...rule.skills])],
      priority: rule.priority ?? queue.priority,
    };
  }
  const queue = defaultQueue(config);
  return { queue, skills: [...queue.skills], priority: queue.priority };
}

export function defaultQueue(config: RoutingConfig): QueueConfig {
  // A validated config always has its default queue; the first one is the fallback of last resort.
  return config.queues.find((q) => q.id === config.defaultQueue) ?? config.queues[0]!;
}

/**
 * The skills a conversation waiting in `queue` needs: the queue's, plus its rule's when the rules
 * still send it to this queue (after a transfer to another queue, only that queue's).
 */
export function requiredSkills(
  config: RoutingConfig,
  queue: QueueConfig,
  attributes: Readonly<Record<string, string>>,
): string[] {
  const chosen = chooseQueue(config, attributes);
  return chosen.queue.id === queue.id ? chosen.skills : [...queue.skills];
}

export function matches(when: RuleCondition, attributes: Readonly<Record<string, string>>): boolean {
  if (when.pageUrl !== undefined && !urlMatches(when.pageUrl, attributes.pageUrl)) return false;
  if (when.locale !== undefined && !localeMatches(when.locale, attributes.locale)) return false;
  if (when.plan !== undefined && attributes.plan !== when.plan) return false;
  if (when.attribute) {
    const value = attributes[when.attribute.name];
    if (value === undefined) return false;
    if (when.attribute.equals !== undefined && value !== when.attribute.equals) return false;
    if (when.attribute.in !== undefined && !when.attribute.in.includes(value)) return false;
  }
  return true;
}

/** A pattern with `*` is a glob over the whole URL (`*` = any run of characters); else a prefix. */
function urlMatches(pattern: string, url: string | undefined): boolean {
  if (url === undefined) return false;
  if (!pattern.includes("*")) return url.startsWith(pattern);
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(url);
}

function localeMatches(wanted: string, locale: string | undefined): boolean {
  if (locale === undefined) return false;
  const a = wanted.toLowerCase();
  const b = locale.toLowerCase();
  return b === a || b.startsWith(`${a}-`);
}
