import { describe, expect, it } from "vitest";
import { durationInWords, relativeTime, slaState } from "./format";

const created = new Date("2026-11-25T10:00:00Z");
const due = new Date("2026-11-25T14:00:00Z"); // a 4 h window

describe("SLA state", () => {
  it("goes ok → soon → urgent → breached as the deadline nears", () => {
    expect(slaState(due, new Date("2026-11-25T11:00:00Z"), created, true)).toBe("ok");
    expect(slaState(due, new Date("2026-11-25T13:10:00Z"), created, true)).toBe("soon");
    expect(slaState(due, new Date("2026-11-25T13:50:00Z"), created, true)).toBe("urgent");
    expect(slaState(due, new Date("2026-11-25T14:00:01Z"), created, true)).toBe("breached");
  });

  it("stops counting once the package is closed", () => {
    expect(slaState(due, new Date("2026-11-26T00:00:00Z"), created, false)).toBe("closed");
  });
});

describe("relative time", () => {
  it("reads naturally both ways", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(relativeTime(new Date("2026-11-25T12:12:00Z"), now)).toBe("in 12 min");
    expect(relativeTime(new Date("2026-11-25T09:00:00Z"), now)).toBe("3 h ago");
    expect(relativeTime(new Date("2026-11-28T12:00:00Z"), now)).toBe("in 3 d");
  });
});

describe("a duration in words", () => {
  it("reads a setting's minutes in the largest units, at most two", () => {
    expect(durationInWords(4320)).toBe("3 days");
    expect(durationInWords(240)).toBe("4 hours");
    expect(durationInWords(90)).toBe("1 hour 30 minutes");
    expect(durationInWords(1560)).toBe("1 day 2 hours");
    expect(durationInWords(1)).toBe("1 minute");
    expect(durationInWords(15)).toBe("15 minutes");
    expect(durationInWords(60)).toBe("1 hour");
    expect(durationInWords(1441)).toBe("1 day");
  });

  it("says nothing for what is not a length of time", () => {
    expect(durationInWords(Number.NaN)).toBe("—");
    expect(durationInWords(-5)).toBe("—");
  });
});
