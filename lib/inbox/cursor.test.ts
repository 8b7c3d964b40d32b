import { describe, expect, it } from "vitest";
import { cursorFits, cursorSchema, cursorValues, defaultDirection, encodeCursor } from "./cursor";

const id = "7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a11";
const row = {
  slaDueAt: new Date("2026-11-20T10:15:00.123Z"),
  createdAt: new Date("2026-11-20T10:00:00.000Z"),
  updatedAt: new Date("2026-11-20T11:00:00.000Z"),
  dealValue: 15000.5,
  priority: "normal",
  status: "pending",
};
const roundTrip = (token: string) => cursorSchema.parse(token);

describe("inbox keyset cursors", () => {
  it("carries a search's match tier, and fits only a page that searches", () => {
    const searched = roundTrip(encodeCursor(cursorValues("sla_due_at", row), id, 2));
    expect(searched).toEqual({ values: ["running", "2026-11-20T10:15:00.123Z"], id, matchTier: 2 });
    expect(cursorFits("sla_due_at", searched, true)).toBe(true);
    expect(cursorFits("sla_due_at", searched, false)).toBe(false);
    expect(cursorFits("sla_due_at", roundTrip(encodeCursor(cursorValues("sla_due_at", row), id)), true)).toBe(false);
    expect(roundTrip(encodeCursor([null], id, 0))).toEqual({ values: [null], id, matchTier: 0 });
    expect(() => roundTrip(encodeCursor([null], id, 7))).toThrow();
  });

  it("round-trips every sort's keys, including a missing value", () => {
    expect(roundTrip(encodeCursor(cursorValues("priority", row), id))).toEqual({ values: ["normal", "2026-11-20T10:15:00.123Z"], id });
    expect(roundTrip(encodeCursor(cursorValues("value", row), id))).toEqual({ values: ["15000.5"], id });
    expect(roundTrip(encodeCursor(cursorValues("value", { ...row, dealValue: null }), id))).toEqual({ values: [null], id });
    expect(roundTrip(encodeCursor(cursorValues("updated_at", row), id))).toEqual({ values: ["2026-11-20T11:00:00.000Z"], id });
    // Only a pending package's acceptance clock runs; an accepted one has no deadline to sort by.
    expect(roundTrip(encodeCursor(cursorValues("sla_due_at", row), id))).toEqual({ values: ["running", "2026-11-20T10:15:00.123Z"], id });
    expect(roundTrip(encodeCursor(cursorValues("sla_due_at", { ...row, status: "accepted" }), id))).toEqual({
      values: ["stopped", "2026-11-20T10:15:00.123Z"],
      id,
    });
  });

  it("fits a cursor only to the sort it was made for", () => {
    const priority = roundTrip(encodeCursor(cursorValues("priority", row), id));
    const sla = roundTrip(encodeCursor(cursorValues("sla_due_at", row), id));
    const missing = roundTrip(encodeCursor([null], id));
    expect(cursorFits("priority", priority)).toBe(true);
    expect(cursorFits("sla_due_at", priority)).toBe(false);
    expect(cursorFits("sla_due_at", sla)).toBe(true);
    expect(cursorFits("value", sla)).toBe(false);
    expect(cursorFits("value", missing)).toBe(true);
    expect(cursorFits("created_at", missing)).toBe(false);
    expect(cursorFits("sla_due_at", missing)).toBe(false);
    expect(cursorFits("priority", sla)).toBe(false);
  });

  it("refuses keys that are none of a time, an amount or a priority", () => {
    const forged = Buffer.from(JSON.stringify(["1; drop table handoffs", id])).toString("base64url");
    expect(() => cursorSchema.parse(forged)).toThrow();
    expect(() => cursorSchema.parse(Buffer.from(JSON.stringify([id])).toString("base64url"))).toThrow();
  });

  it("reads deadlines and priority most urgent first, value largest first", () => {
    expect([defaultDirection("sla_due_at"), defaultDirection("priority"), defaultDirection("value"), defaultDirection("created_at")]).toEqual([
      "asc",
      "asc",
      "desc",
      "desc",
    ]);
  });
});
