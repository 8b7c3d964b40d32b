import { describe, expect, it } from "vitest";
import { formatDuration, formatRate } from "./format";

describe("metric formats", () => {
  it("durations at the scale a manager thinks in", () => {
    expect([null, 45, 300, 5400, 36_000, 183_600, 2_592_000].map(formatDuration)).toEqual(["—", "45 s", "5 min", "1.5 h", "10 h", "2.1 d", "30 d"]);
  });

  it("rates as percentages, a decimal below 10%, a dash when there is nothing to divide", () => {
    expect([null, 0, 0.0123, 4 / 7, 1].map(formatRate)).toEqual(["—", "0%", "1.2%", "57%", "100%"]);
  });
});
