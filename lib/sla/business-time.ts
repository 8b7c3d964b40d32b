import type { BusinessHours } from "@/db/schema/auth";

export type Calendar = { timeZone: string; businessHours: BusinessHours };

const weekdayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const MAX_DAYS_AHEAD = 370;

/**
 * `from` plus `minutes` of the team's open hours, in its time zone: the clock stops outside business
 * hours, at weekends and on closed days, and each day's opening is read in local time, so a DST change
 * moves the opening with the clock on the wall. A team without business hours works around the clock.
 */
export function addBusinessMinutes(from: Date, minutes: number, calendar: Calendar): Date {
  if (minutes <= 0) return new Date(from);
  if (!hasOpenHours(calendar.businessHours)) return new Date(from.getTime() + minutes * 60_000);
  const timeZone = validTimeZone(calendar.timeZone);
  let remainingMs = minutes * 60_000;
  const start = localDate(from, timeZone);
  for (let day = 0; day < MAX_DAYS_AHEAD; day++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + day));
    const hours = calendar.businessHours[weekdayKeys[date.getUTCDay()]!];
    if (!hours) continue;
    const ymd = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    const open = zonedToInstant(ymd, hours[0], timeZone);
    const close = zonedToInstant(ymd, hours[1], timeZone);
    const begin = Math.max(open, from.getTime());
    if (begin >= close) continue;
    if (remainingMs <= close - begin) return new Date(begin + remainingMs);
    remainingMs -= close - begin;
  }
  // Unreachable with any open day in the week; kept finite so a bad calendar cannot hang a request.
  return new Date(from.getTime() + minutes * 60_000);
}

/** Whether the team is open at this instant (always, when it has no business hours). */
export function isOpenAt(at: Date, calendar: Calendar): boolean {
  if (!hasOpenHours(calendar.businessHours)) return true;
  const timeZone = validTimeZone(calendar.timeZone);
  const local = localDate(at, timeZone);
  const hours = calendar.businessHours[weekdayKeys[new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay()]!];
  if (!hours) return false;
  const t = at.getTime();
  return t >= zonedToInstant(local, hours[0], timeZone) && t < zonedToInstant(local, hours[1], timeZone);
}

function hasOpenHours(hours: BusinessHours): boolean {
  return Object.values(hours).some((h) => Array.isArray(h) && parseClock(h[0]) < parseClock(h[1]));
}

// A zone Intl does not know would throw on every intake; the team's clock falls back to UTC instead.
function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

type Ymd = { year: number; month: number; day: number };

function localDate(at: Date, timeZone: string): Ymd {
  const parts = zonedParts(at.getTime(), timeZone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/** The instant at which the wall clock in `timeZone` shows `clock` ("HH:MM") on that local date. */
export function zonedToInstant(date: Ymd, clock: string, timeZone: string): number {
  const minutes = parseClock(clock);
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return second;
}

function parseClock(clock: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(clock);
  if (!match) return 0;
  return Math.min(24 * 60, Number(match[1]) * 60 + Number(match[2]));
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const out = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(new Date(instant))) if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  return { ...out, hour: out.hour === 24 ? 0 : out.hour };
}
