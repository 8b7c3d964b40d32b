import { z } from "zod";
import type { BusinessHours } from "@/db/schema/auth";
import { checkbox } from "@/lib/forms/form-fields";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * An IANA zone name such as Europe/Madrid, or UTC. Abbreviations (CET, EST) are refused even where
 * Intl knows them: they do not follow daylight saving the way the team's wall clock does.
 */
export function isIanaTimeZone(name: string): boolean {
  if (name !== "UTC" && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine(isIanaTimeZone, { message: "must be an IANA time zone such as Europe/Madrid or America/New_York" });

/** One day: closed, or open from `start` to `end` (HH:MM, 24-hour, the same day). */
const daySchema = z.object({ open: checkbox, start: z.string().trim().default(""), end: z.string().trim().default("") }).superRefine((day, ctx) => {
  if (!day.open) return;
  if (!clock.test(day.start)) ctx.addIssue({ code: "custom", path: ["start"], message: "must be a time as HH:MM, e.g. 09:00" });
  if (!clock.test(day.end)) ctx.addIssue({ code: "custom", path: ["end"], message: "must be a time as HH:MM, e.g. 18:00" });
  if (clock.test(day.start) && clock.test(day.end) && day.start >= day.end)
    ctx.addIssue({ code: "custom", path: ["end"], message: "must be after the opening time" });
});

/** The SLA calendar form of one team: flat field names (monOpen, monStart, monEnd, …) as a form posts them. */
export const teamCalendarFormSchema = z
  .object({ teamId: z.uuid("must be a team"), timeZone: timeZoneSchema, ...dayFields() })
  .superRefine((form, ctx) => {
    for (const day of weekdays) {
      const parsed = daySchema.safeParse({ open: form[`${day}Open`], start: form[`${day}Start`], end: form[`${day}End`] });
      if (!parsed.success)
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [`${day}${capitalize(String(issue.path[0]))}`], message: issue.message });
    }
  })
  .transform((form) => ({ teamId: form.teamId, timeZone: form.timeZone, businessHours: businessHoursOf(form) }));

export type TeamCalendarInput = z.output<typeof teamCalendarFormSchema>;

function dayFields() {
  return Object.fromEntries(
    weekdays.flatMap((d) => [
      [`${d}Open`, z.unknown().optional()],
      [`${d}Start`, z.string().optional()],
      [`${d}End`, z.string().optional()],
    ]),
  ) as Record<`${Weekday}${"Open" | "Start" | "End"}`, z.ZodType>;
}

function businessHoursOf(form: Record<string, unknown>): BusinessHours {
  const hours: BusinessHours = {};
  for (const day of weekdays) {
    const parsed = daySchema.parse({ open: form[`${day}Open`], start: form[`${day}Start`], end: form[`${day}End`] });
    if (parsed.open) hours[day] = [parsed.start, parsed.end];
  }
  return hours;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
