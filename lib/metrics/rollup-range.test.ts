import { describe, expect, it } from "vitest";
import { planRollupRead } from "./rollup-range";

const at = (iso: string) => new Date(iso);

describe("planRollupRead", () => {
  it("reads a range of whole UTC days from the rollups alone", () => {
    expect(planRollupRead({ start: at("2026-11-01T00:00:00Z"), end: at("2026-12-01T00:00:00Z") })).toEqual({
      days: { from: "2026-11-01", to: "2026-12-01" },
      raw: [],
    });
  });

  it("reads the partial first and last day from the raw rows", () => {
    expect(planRollupRead({ start: at("2026-11-01T10:30:00Z"), end: at("2026-11-04T05:00:00Z") })).toEqual({
      days: { from: "2026-11-02", to: "2026-11-04" },
      raw: [
        { start: at("2026-11-01T10:30:00Z"), end: at("2026-11-02T00:00:00Z") },
        { start: at("2026-11-04T00:00:00Z"), end: at("2026-11-04T05:00:00Z") },
      ],
    });
  });

  it("reads a range with no whole day in it from the raw rows", () => {
    expect(planRollupRead({ start: at("2026-11-01T10:00:00Z"), end: at("2026-11-02T09:00:00Z") })).toEqual({
      days: null,
      raw: [{ start: at("2026-11-01T10:00:00Z"), end: at("2026-11-02T09:00:00Z") }],
    });
  });

  it("reads nothing for an empty range", () => {
    expect(planRollupRead({ start: at("2026-11-02T00:00:00Z"), end: at("2026-11-02T00:00:00Z") })).toEqual({ days: null, raw: [] });
  });
});
