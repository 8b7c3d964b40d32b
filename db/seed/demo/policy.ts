import type { HandoffPriority } from "@/db/schema/handoffs";
import { defaultSlaMinutes, slaDueAt as dueAt } from "@/lib/sla/due-at";

// What the default policy stamps on every demo package: the rule set version it was decided under
// and the SLA its priority gives it.

/** Wall-clock SLA per priority, the app's own defaults: the demo does not apply business hours. */
export const SLA_MINUTES: Record<HandoffPriority, number> = defaultSlaMinutes;

export const DEMO_RULE_VERSION = 1;

export function slaDueAt(priority: HandoffPriority, createdAt: Date): Date {
  return dueAt(priority, createdAt);
}
