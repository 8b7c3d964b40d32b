import { describe, expect, it } from "vitest";
import { isIanaTimeZone, teamCalendarFormSchema } from "@/lib/sla/team-calendar-input";

const teamId = "6f0d3c1e-2b1a-4c3d-9e8f-0a1b2c3d4e5f";
const weekdays = { monOpen: "on", monStart: "09:00", monEnd: "18:00", friOpen: "on", friStart: "08:30", friEnd: "15:00" };

describe("team time zones", () => {
  it("accepts IANA names and UTC", () => {
    for (const zone of ["Europe/Madrid", "America/New_York", "America/Argentina/Buenos_Aires", "Etc/GMT+3", "UTC"])
      expect(isIanaTimeZone(zone), zone).toBe(true);
  });

  it("refuses misspellings, abbreviations and made-up zones", () => {
    for (const zone of ["Europe/Madird", "CET", "EST", "Mars/Olympus", "", "europe madrid", "+02:00"]) expect(isIanaTimeZone(zone), zone).toBe(false);
  });

  it("names the time zone field in the error", () => {
    const parsed = teamCalendarFormSchema.safeParse({ teamId, timeZone: "Europe/Madird", ...weekdays });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["timeZone"], message: expect.stringContaining("IANA") });
  });
});

describe("business hours per weekday", () => {
  it("keeps the open days with their hours and leaves closed days out", () => {
    const parsed = teamCalendarFormSchema.parse({ teamId, timeZone: "Europe/Madrid", ...weekdays, tueStart: "09:00", tueEnd: "18:00" });
    expect(parsed.businessHours).toEqual({ mon: ["09:00", "18:00"], fri: ["08:30", "15:00"] });
  });

  it("accepts a day that runs to midnight", () => {
    expect(teamCalendarFormSchema.parse({ teamId, timeZone: "UTC", satOpen: "on", satStart: "00:00", satEnd: "24:00" }).businessHours).toEqual({
      sat: ["00:00", "24:00"],
    });
  });

  it("refuses a time that is not HH:MM, naming the day and the field", () => {
    for (const [start, end] of [
      ["9am", "18:00"],
      ["09:00", "25:00"],
      ["09:60", "18:00"],
      ["", "18:00"],
    ]) {
      const parsed = teamCalendarFormSchema.safeParse({ teamId, timeZone: "UTC", wedOpen: "on", wedStart: start, wedEnd: end });
      expect(parsed.success, `${start}-${end}`).toBe(false);
      expect(parsed.error?.issues[0]!.path[0]).toMatch(/^wed(Start|End)$/);
      expect(parsed.error?.issues[0]!.message).toContain("HH:MM");
    }
  });

  it("refuses a day that closes before it opens", () => {
    const parsed = teamCalendarFormSchema.safeParse({ teamId, timeZone: "UTC", thuOpen: "on", thuStart: "18:00", thuEnd: "09:00" });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["thuEnd"], message: "must be after the opening time" });
  });
});
