import type { Priority } from "@/lib/contract/package";
import { addBusinessMinutes, type Calendar } from "@/lib/sla/business-time";

/** Default SLAs per priority (SPEC.md): immediate 15 min, normal 4 h, nurture 3 days, counted in business hours. */
export const defaultSlaMinutes: Record<Priority, number> = { immediate: 15, normal: 4 * 60, nurture: 3 * 24 * 60 };

const aroundTheClock: Calendar = { timeZone: "UTC", businessHours: {} };

/**
 * When a package of this priority must be accepted: its SLA minutes counted in the team's business
 * hours from `from`. Without a calendar the clock runs around the clock.
 */
export function slaDueAt(priority: Priority | null, from: Date, options: { calendar?: Calendar | null; minutes?: number } = {}): Date {
  if (!priority) return new Date(from);
  return addBusinessMinutes(from, options.minutes ?? defaultSlaMinutes[priority], options.calendar ?? aroundTheClock);
}

/** One SLA window: the reminder at half of it and the deadline at all of it, both in business time. */
export function slaWindow(priority: Priority, from: Date, options: { calendar?: Calendar | null; minutes?: number } = {}): { remindAt: Date; dueAt: Date } {
  const minutes = options.minutes ?? defaultSlaMinutes[priority];
  const calendar = options.calendar ?? aroundTheClock;
  return { remindAt: addBusinessMinutes(from, minutes / 2, calendar), dueAt: addBusinessMinutes(from, minutes, calendar) };
}
