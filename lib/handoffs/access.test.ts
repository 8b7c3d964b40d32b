import { describe, expect, it } from "vitest";
import { canActOnHandoff, canViewHandoff } from "./access";

const rep = { id: "rep-1", role: "rep" as const, teamId: "team-a" };
const manager = { id: "mgr-1", role: "manager" as const, teamId: "team-a" };

describe("package access", () => {
  it("lets a rep see their team's queue and their own packages, not another team's", () => {
    expect(canViewHandoff(rep, { ownerId: null, teamId: "team-a" })).toBe(true);
    expect(canViewHandoff(rep, { ownerId: "rep-1", teamId: "team-b" })).toBe(true);
    expect(canViewHandoff(rep, { ownerId: null, teamId: "team-b" })).toBe(false);
    expect(canViewHandoff(rep, { ownerId: null, teamId: null })).toBe(false);
  });

  it("lets a rep act on unowned or own packages only", () => {
    expect(canActOnHandoff(rep, { ownerId: null, teamId: "team-a" })).toBe(true);
    expect(canActOnHandoff(rep, { ownerId: "rep-1", teamId: "team-a" })).toBe(true);
    expect(canActOnHandoff(rep, { ownerId: "rep-2", teamId: "team-a" })).toBe(false);
  });

  it("lets managers see and act across teams", () => {
    expect(canActOnHandoff(manager, { ownerId: "rep-9", teamId: "team-b" })).toBe(true);
  });
});
