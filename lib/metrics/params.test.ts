import { describe, expect, it } from "vitest";
import { metricsSearch, parseMetricsParams } from "./params";

const today = new Date("2026-11-25T15:00:00Z");

describe("parseMetricsParams", () => {
  it("defaults to the last 30 days ending today, by priority, day by day", () => {
    const { params, problems } = parseMetricsParams({}, today);
    expect(problems).toEqual([]);
    expect(params.range).toMatchObject({ from: "2026-10-27", to: "2026-11-25", days: 30 });
    expect(params.range.start.toISOString()).toBe("2026-10-27T00:00:00.000Z");
    expect(params.range.end.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(params).toMatchObject({ by: "priority", every: "day" });
  });

  it("weeks once a range is longer than 45 days, unless asked for days", () => {
    expect(parseMetricsParams({ from: "2026-01-01", to: "2026-03-31" }, today).params.every).toBe("week");
    expect(parseMetricsParams({ from: "2026-01-01", to: "2026-03-31", every: "day" }, today).params.every).toBe("day");
  });

  it("names each wrong value and shows the default instead", () => {
    const { params, problems } = parseMetricsParams({ from: "2026-13-01", by: "mood", every: "hour" }, today);
    expect(problems).toEqual([
      '"from" must be a date like 2026-11-01; the default is shown instead.',
      expect.stringMatching(/^"by" must be one of priority, reason, channel/),
      '"every" must be day or week; the default is shown instead.',
    ]);
    expect(params).toMatchObject({ by: "priority", every: "day", range: { from: "2026-10-27", to: "2026-11-25" } });
  });

  it("refuses a range that ends before it starts, and shortens one longer than a year", () => {
    const backwards = parseMetricsParams({ from: "2026-11-20", to: "2026-11-01" }, today);
    expect(backwards.problems).toEqual(['"from" (2026-11-20) is after "to" (2026-11-01); the last 30 days are shown instead.']);
    expect(backwards.params.range).toMatchObject({ from: "2026-10-27", to: "2026-11-25" });
    const long = parseMetricsParams({ from: "2020-01-01", to: "2026-06-30" }, today);
    expect(long.params.range).toMatchObject({ from: "2025-06-30", to: "2026-06-30", days: 366 });
    expect(long.problems).toHaveLength(1);
  });

  it("writes back a URL that reads as the same state", () => {
    const { params } = parseMetricsParams({ from: "2026-11-01", to: "2026-11-15", by: "owner" }, today);
    const again = parseMetricsParams(Object.fromEntries(new URLSearchParams(metricsSearch(params))), today).params;
    expect(again).toEqual(params);
    expect(metricsSearch(params, { by: "team" })).toBe("from=2026-11-01&to=2026-11-15&by=team");
    const weekly = parseMetricsParams({ from: "2026-11-01", to: "2026-11-15", every: "week" }, today).params;
    expect(metricsSearch(weekly)).toBe("from=2026-11-01&to=2026-11-15&every=week");
    // A new range starts from its own default step.
    expect(metricsSearch(weekly, { from: "2026-06-01", to: "2026-11-15" })).toBe("from=2026-06-01&to=2026-11-15");
    expect(metricsSearch(params, { from: "2026-06-01", to: "2026-11-15", every: "day" })).toBe("from=2026-06-01&to=2026-11-15&by=owner&every=day");
  });
});
