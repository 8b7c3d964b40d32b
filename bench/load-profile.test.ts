import { describe, expect, it } from "vitest";
import { describeQuietWait, isQuiet } from "./load-profile";

describe("isQuiet", () => {
  it("needs the last windows all under the bound", () => {
    expect(isQuiet([1.9, 0.1, 0.2], { maxBusyCores: 0.3, windows: 2 })).toBe(true);
    expect(isQuiet([0.1, 0.2, 1.2], { maxBusyCores: 0.3, windows: 2 })).toBe(false);
    expect(isQuiet([0.1, 0.5, 0.1], { maxBusyCores: 0.3, windows: 2 })).toBe(false);
  });

  it("is not quiet before it has seen enough windows", () => {
    expect(isQuiet([0.05], { maxBusyCores: 0.3, windows: 2 })).toBe(false);
  });
});

describe("describeQuietWait", () => {
  it("says when the figures include other work", () => {
    expect(describeQuietWait({ quiet: false, waitedSeconds: 120, busyCores: 1.4, autovacuumWorkers: 1 })).toMatch(/still busy after 120 s .*1 autovacuum/);
    expect(describeQuietWait({ quiet: true, waitedSeconds: 2.1, busyCores: 0.1, autovacuumWorkers: 0 })).toMatch(/^quiet after 2.1 s/);
  });
});
