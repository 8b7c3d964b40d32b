import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@/db/schema/auth";
import { addBusinessMinutes, isOpenAt } from "@/lib/sla/business-time";
import { slaDueAt, slaWindow } from "@/lib/sla/due-at";
import { planBreach } from "@/lib/sla/plan-breach";

const weekdays: BusinessHours = { mon: ["09:00", "18:00"], tue: ["09:00", "18:00"], wed: ["09:00", "18:00"], thu: ["09:00", "18:00"], fri: ["09:00", "18:00"] };
const madrid = { timeZone: "Europe/Madrid", businessHours: weekdays };
const newYork = { timeZone: "America/New_York", businessHours: weekdays };
const at = (iso: string) => new Date(iso);

describe("addBusinessMinutes", () => {
  it("runs the clock inside business hours (Madrid is UTC+1 in November)", () => {
    // Wednesday 10:00 Madrid → 10:15.
    expect(addBusinessMinutes(at("2026-11-25T09:00:00Z"), 15, madrid).toISOString()).toBe("2026-11-25T09:15:00.000Z");
  });

  it("stops at closing time and resumes at the next opening", () => {
    // Wednesday 17:50 Madrid + 15 min → Thursday 09:05 Madrid.
    expect(addBusinessMinutes(at("2026-11-25T16:50:00Z"), 15, madrid).toISOString()).toBe("2026-11-26T08:05:00.000Z");
    // After hours: Wednesday 21:00 Madrid → starts Thursday 09:00.
    expect(addBusinessMinutes(at("2026-11-25T20:00:00Z"), 15, madrid).toISOString()).toBe("2026-11-26T08:15:00.000Z");
    // Before opening: 07:00 Madrid → 09:15.
    expect(addBusinessMinutes(at("2026-11-25T06:00:00Z"), 15, madrid).toISOString()).toBe("2026-11-25T08:15:00.000Z");
  });

  it("skips the weekend", () => {
    // Friday 17:55 Madrid + 15 → Monday 09:10 Madrid.
    expect(addBusinessMinutes(at("2026-11-27T16:55:00Z"), 15, madrid).toISOString()).toBe("2026-11-30T08:10:00.000Z");
    // Saturday noon + 4 h → Monday 13:00.
    expect(addBusinessMinutes(at("2026-11-28T11:00:00Z"), 240, madrid).toISOString()).toBe("2026-11-30T12:00:00.000Z");
    // 72 business hours are eight 9-hour days: from Monday 09:00 to the second Wednesday's closing, 18:00.
    expect(addBusinessMinutes(at("2026-11-30T08:00:00Z"), 3 * 24 * 60, madrid).toISOString()).toBe("2026-12-09T17:00:00.000Z");
  });

  it("follows the wall clock across DST changes", () => {
    // Madrid springs forward on Sunday 29 March 2026: Friday 17:50 CET (UTC+1) + 15 → Monday 09:05 CEST (UTC+2).
    expect(addBusinessMinutes(at("2026-03-27T16:50:00Z"), 15, madrid).toISOString()).toBe("2026-03-30T07:05:00.000Z");
    // New York falls back on Sunday 1 November 2026: Friday 17:50 EDT (UTC-4) + 15 → Monday 09:05 EST (UTC-5).
    expect(addBusinessMinutes(at("2026-10-30T21:50:00Z"), 15, newYork).toISOString()).toBe("2026-11-02T14:05:00.000Z");
  });

  it("works around the clock without business hours, and in UTC for an unknown zone", () => {
    expect(addBusinessMinutes(at("2026-11-28T23:55:00Z"), 15, { timeZone: "Europe/Madrid", businessHours: {} }).toISOString()).toBe("2026-11-29T00:10:00.000Z");
    expect(addBusinessMinutes(at("2026-11-25T17:50:00Z"), 15, { timeZone: "Mars/Olympus", businessHours: weekdays }).toISOString()).toBe(
      "2026-11-26T09:05:00.000Z",
    );
  });

  it("tells whether a team is open", () => {
    expect(isOpenAt(at("2026-11-25T09:00:00Z"), madrid)).toBe(true);
    expect(isOpenAt(at("2026-11-28T11:00:00Z"), madrid)).toBe(false);
  });
});

describe("SLA defaults", () => {
  it("immediate 15 min, normal 4 h, nurture 3 days; the reminder at half", () => {
    const from = at("2026-11-25T09:00:00Z");
    expect(slaDueAt("immediate", from).getTime() - from.getTime()).toBe(15 * 60_000);
    expect(slaDueAt("normal", from).getTime() - from.getTime()).toBe(4 * 3_600_000);
    expect(slaDueAt("nurture", from).getTime() - from.getTime()).toBe(72 * 3_600_000);
    const window = slaWindow("immediate", from, { calendar: madrid });
    expect(window.remindAt.toISOString()).toBe("2026-11-25T09:07:30.000Z");
    expect(window.dueAt.toISOString()).toBe("2026-11-25T09:15:00.000Z");
  });

  it("closes after the configured number of breaches, else reassigns or restarts", () => {
    expect(planBreach({ breaches: 1, maxBreaches: 2, reassignOnBreach: true })).toBe("reassign");
    expect(planBreach({ breaches: 1, maxBreaches: 2, reassignOnBreach: false })).toBe("restart");
    expect(planBreach({ breaches: 2, maxBreaches: 2, reassignOnBreach: true })).toBe("close");
    expect(planBreach({ breaches: 9, maxBreaches: 0, reassignOnBreach: true })).toBe("reassign");
  });
});
