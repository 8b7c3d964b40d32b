import { describe, expect, it } from "vitest";
import { summarizeBulk } from "./bulk-actions";
import { bulkDiscardSchema } from "./bulk-schemas";

const id = (n: number) => `7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a${String(n).padStart(2, "0")}`;

describe("bulk actions", () => {
  it("says what happened to each package in one line", () => {
    const outcomes = [
      ...Array.from({ length: 12 }, (_, i) => ({ handoffId: id(i), outcome: "done" as const })),
      { handoffId: id(12), outcome: "conflict" as const },
    ];
    expect(summarizeBulk("discarded", outcomes)).toBe("12 discarded, 1 changed by someone else");
    expect(summarizeBulk("reassigned", [{ handoffId: id(1), outcome: "refused" }])).toBe("0 reassigned, 1 not allowed");
  });

  it("needs a selection, a reason, and no package twice", () => {
    expect(bulkDiscardSchema.safeParse({ items: [], reason: "spam" }).error?.issues[0]!.message).toBe("Select at least one package.");
    expect(bulkDiscardSchema.safeParse({ items: [{ handoffId: id(1), version: 1 }] }).error?.issues[0]!.message).toBe("Pick a reason for discarding.");
    const twice = bulkDiscardSchema.safeParse({
      items: [
        { handoffId: id(1), version: 1 },
        { handoffId: id(1), version: 2 },
      ],
      reason: "spam",
    });
    expect(twice.error?.issues[0]!.message).toBe("A package is selected twice.");
    expect(bulkDiscardSchema.safeParse({ items: [{ handoffId: id(1), version: 1 }], reason: "other", note: "" }).error?.issues[0]!.path).toEqual(["note"]);
  });
});
