import { describe, expect, it } from "vitest";
import { relativeTime, slaState } from "./format";

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
