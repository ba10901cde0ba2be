export { type BusinessHours, isOpen, nextOpening, WEEKDAYS, type Weekday } from "./business-hours.ts";
export { chooseQueue, defaultQueue, matches, type QueueChoice, requiredSkills } from "./choose-queue.ts";
export { eligibleAgents } from "./eligible-agents.ts";
export { orderWaiting } from "./order-waiting.ts";
export { pickAgent, pickLeastBusy } from "./pick-agent.ts";
export { planOffers } from "./plan-offers.ts";
export { availabilityFrame, type QueueAvailability, queueAvailability } from "./queue-availability.ts";
export { type QueueStanding, queuePositions } from "./queue-positions.ts";
export type {
  ConversationClosedEvent,
  ConversationCreatedEvent,
  ConversationOfflineEvent,
  ConversationRatedEvent,
  RelayEvent,
  SlaBreachedEvent,
} from "./relay-events.ts";
export {
  type ConfigProblem,
  implicitRoutingConfig,
  parseRoutingConfig,
  ROUTING_DEFAULTS,
  RoutingConfigSchema,
} from "./routing-config.ts";
export {
  advanceSla,
  breachAt,
  nextDue,
  retargetSla,
  type SlaClock,
  type SlaEvent,
  type SlaKind,
  type SlaTargets,
} from "./sla-clock.ts";
export { type SlaPolicy, type SlaTier, slaTargetsFor } from "./sla-policy.ts";
export type * from "./types.ts";
