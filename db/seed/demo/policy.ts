import type { HandoffPriority } from "@/db/schema/handoffs";

// What the default policy stamps on every demo package: the rule set version it was decided under
// and the SLA its priority gives it.

/** Wall-clock SLA per priority (SPEC.md): the demo does not apply business hours. */
export const SLA_MINUTES: Record<HandoffPriority, number> = { immediate: 15, normal: 4 * 60, nurture: 3 * 24 * 60 };

export const DEMO_RULE_VERSION = 1;

export function slaDueAt(priority: HandoffPriority, createdAt: Date): Date {
  return new Date(createdAt.getTime() + SLA_MINUTES[priority] * 60_000);
}
