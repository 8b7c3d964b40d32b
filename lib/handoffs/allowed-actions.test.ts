import { describe, expect, it } from "vitest";
import { allowedPackageActions } from "./allowed-actions";

const rep = { id: "rep-1", role: "rep" as const, teamId: "team-a" };
const manager = { id: "mgr-1", role: "manager" as const, teamId: "team-a" };

describe("allowedPackageActions", () => {
  it("an unowned pending package in the rep's queue can be accepted or discarded, not converted or reassigned", () => {
    const allowed = allowedPackageActions(rep, { ownerId: null, teamId: "team-a", status: "pending" });
    expect(allowed.status).toEqual({ accept: true, startFollowUp: false, convert: false, discard: true, reassign: false });
    expect(allowed.ownerRequests).toMatchObject({ requestInfo: true, snooze: true });
  });

  it("a colleague's package offers a rep nothing; a manager may reassign it", () => {
    const colleagues = { ownerId: "rep-2", teamId: "team-a", status: "accepted" as const };
    const forRep = allowedPackageActions(rep, colleagues);
    expect(Object.values(forRep.status).some(Boolean)).toBe(false);
    expect(Object.values(forRep.ownerRequests).some(Boolean)).toBe(false);
    expect(allowedPackageActions(manager, colleagues).status.reassign).toBe(true);
  });

  it("a closed package offers no status change and no request", () => {
    const allowed = allowedPackageActions(manager, { ownerId: "mgr-1", teamId: "team-a", status: "converted" });
    expect(allowed.isOpen).toBe(false);
    expect(allowed.status).toEqual({ accept: false, startFollowUp: false, convert: false, discard: false, reassign: false });
    expect(allowed.ownerRequests).toEqual({ requestInfo: false, snooze: false, handBack: false });
  });
});
