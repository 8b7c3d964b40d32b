import { describe, expect, it } from "vitest";
import { canWriteToLead } from "@/lib/handoffs/access";

const owner = { id: "u-owner", role: "rep" as const, teamId: "t-sales" };
const handoff = { ownerId: "u-owner", teamId: "t-sales", status: "accepted" };

describe("canWriteToLead", () => {
  it("lets the owner, a manager of the package's team (or of every team) and an admin write", () => {
    expect(canWriteToLead(owner, handoff)).toBe(true);
    expect(canWriteToLead({ id: "m", role: "manager", teamId: "t-sales" }, handoff)).toBe(true);
    expect(canWriteToLead({ id: "m", role: "manager", teamId: null }, handoff)).toBe(true);
    expect(canWriteToLead({ id: "a", role: "admin", teamId: "t-other" }, handoff)).toBe(true);
  });

  it("refuses a teammate, another team's manager, and everyone on a package nobody holds", () => {
    expect(canWriteToLead({ id: "u-mate", role: "rep", teamId: "t-sales" }, handoff)).toBe(false);
    expect(canWriteToLead({ id: "m", role: "manager", teamId: "t-other" }, handoff)).toBe(false);
    for (const h of [
      { ...handoff, ownerId: null },
      { ...handoff, status: "pending" },
      { ...handoff, status: "converted" },
    ]) {
      expect(canWriteToLead(owner, h)).toBe(false);
      expect(canWriteToLead({ id: "a", role: "admin", teamId: null }, h)).toBe(false);
    }
    expect(canWriteToLead(owner, { ...handoff, status: "in_follow_up" })).toBe(true);
  });
});
