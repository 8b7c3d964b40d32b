import { describe, expect, it } from "vitest";
import { parseInboxParams } from "./params";
import { planInbox } from "./plan-inbox";

const rep = { id: "u-rep", role: "rep" as const, teamId: "t-1" };
const manager = { id: "u-mgr", role: "manager" as const, teamId: "t-1" };
const teamId = "5f0c1a52-1b1e-4a53-9a3e-2f4f8d1c7b21";

describe("planInbox", () => {
  it("a rep may not open every team's view; a manager may", () => {
    expect(planInbox(parseInboxParams({ view: "all" }), rep).allowed).toBe(false);
    expect(planInbox(parseInboxParams({ view: "all" }), manager)).toMatchObject({ allowed: true, scope: { kind: "all" } });
  });

  it("scopes each view to the person: mine is theirs, unassigned is their team's for a rep", () => {
    expect(planInbox(parseInboxParams({ view: "mine" }), rep).scope).toEqual({ kind: "owner", ownerId: "u-rep" });
    expect(planInbox(parseInboxParams({ view: "unassigned" }), rep).scope).toEqual({ kind: "unassigned", teamId: "t-1" });
    expect(planInbox(parseInboxParams({ view: "unassigned" }), manager).scope).toEqual({ kind: "unassigned" });
  });

  it("the team filter is for those who see every team", () => {
    expect(planInbox(parseInboxParams({ team: teamId }), rep).filters.team).toBeUndefined();
    expect(planInbox(parseInboxParams({ team: teamId }), manager).filters.team).toBe(teamId);
  });

  it("the agent's outcomes have no SLA: read newest first, every status, in the team's scope", () => {
    const plan = planInbox(parseInboxParams({ view: "filtered", sort: "sla_due_at" }), rep);
    expect(plan).toMatchObject({
      agentView: true,
      sort: "created_at",
      status: "all",
      page: { priority: { outcome: "filter" }, scope: { kind: "team", teamId: "t-1" } },
    });
  });

  it("a search counts to a lower cap than a plain view", () => {
    expect(planInbox(parseInboxParams({ q: "acme" }), rep).cap).toBeLessThan(planInbox(parseInboxParams({}), rep).cap);
  });
});
