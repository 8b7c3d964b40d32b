import { describe, expect, it } from "vitest";
import { tabCount } from "./counts";

describe("tab counts", () => {
  it("shows exact counts, and a capped count as a lower bound", () => {
    const counts = { immediate: 12, normal: 1001, nurture: 3 };
    expect(tabCount("immediate", counts)).toBe("12");
    expect(tabCount("normal", counts, 1000)).toBe("1,000+");
    expect(tabCount("immediate", counts, 1000)).toBe("12");
    expect(tabCount("all", counts, 1000)).toBe("1,015+");
    expect(tabCount("all", counts)).toBe("1,016");
  });
});
