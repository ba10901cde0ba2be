/** One entry of the Priority select: the number the relay stores and what the agent reads. */
export interface PriorityChoice {
  value: number;
  label: string;
}

/**
 * The steps the console offers. Priorities are whole numbers set by queues and rules (see the
 * server README); these four cover the usual low / normal / high / urgent, and a conversation whose
 * routing gave it another number keeps that number as a choice of its own.
 */
export const PRIORITY_STEPS: readonly PriorityChoice[] = [
  { value: 20, label: "Urgent" },
  { value: 10, label: "High" },
  { value: 0, label: "Normal" },
  { value: -10, label: "Low" },
];

/** The choices for a conversation of priority `current` (absent: 0), highest first. */
export function priorityChoices(current: number | undefined): PriorityChoice[] {
  const value = current ?? 0;
  const steps = PRIORITY_STEPS.map((step) => ({ value: step.value, label: `${step.label} (${step.value})` }));
  if (steps.some((step) => step.value === value)) return steps;
  return [...steps, { value, label: `Priority ${value}` }].sort((a, b) => b.value - a.value);
}
