import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor";
import { effectiveSort, parseInboxParams } from "./params";

describe("inbox URL parameters", () => {
  it("defaults to the immediate tab, open packages, by SLA, 50 a page", () => {
    const params = parseInboxParams({});
    expect(params).toMatchObject({ tab: "immediate", status: "open", size: 50 });
    expect(params.sort).toBeUndefined();
    expect(effectiveSort(params)).toBe("sla_due_at");
    expect(effectiveSort(parseInboxParams({ tab: "all" }))).toBe("priority");
    expect(effectiveSort(parseInboxParams({ tab: "all", sort: "value" }))).toBe("value");
  });

  it("falls back to defaults on hand-edited nonsense instead of failing", () => {
    const params = parseInboxParams({ tab: "urgent", status: "won", sort: "drop table", size: "5000", after: "%%%" });
    expect(params).toMatchObject({ tab: "immediate", status: "open", sort: undefined, size: 50, after: undefined });
  });

  it("round-trips a keyset cursor exactly, to the millisecond", () => {
    const at = new Date("2026-11-20T10:15:00.123Z");
    const id = "7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a11";
    const params = parseInboxParams({ after: encodeCursor([at], id), tab: ["normal", "nurture"] });
    expect(params.after).toEqual({ values: ["2026-11-20T10:15:00.123Z"], id });
    expect(params.tab).toBe("normal");
  });

  it("rejects a cursor that is not a timestamp and a uuid", () => {
    const forged = Buffer.from(JSON.stringify(["yesterday", "1 or 1=1"])).toString("base64url");
    expect(parseInboxParams({ after: forged }).after).toBeUndefined();
  });

  it("reads the owner, team and created-date filters, and drops malformed ones", () => {
    const team = "7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a11";
    expect(parseInboxParams({ owner: "none", team, from: "2026-11-01", to: "2026-11-20", tab: "all", sort: "value" })).toMatchObject({
      owner: "none",
      team,
      from: "2026-11-01",
      to: "2026-11-20",
      tab: "all",
      sort: "value",
    });
    expect(parseInboxParams({ owner: "x' or 1=1", team: "sales", from: "yesterday", to: "2026-13-45" })).toMatchObject({
      owner: undefined,
      team: undefined,
      from: undefined,
      to: undefined,
    });
    // What an empty <select> or date input submits.
    expect(parseInboxParams({ owner: "", team: "", from: "", to: "" })).toMatchObject({ owner: undefined, team: undefined, from: undefined });
  });

  it("reads a date range typed backwards as the same days", () => {
    expect(parseInboxParams({ from: "2026-11-20", to: "2026-11-01" })).toMatchObject({ from: "2026-11-01", to: "2026-11-20" });
  });
});
