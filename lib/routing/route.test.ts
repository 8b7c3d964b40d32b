import { describe, expect, it } from "vitest";
import { FALLBACK_RULE_NAME, routeHandoff, type Candidate, type RoutingFacts } from "@/lib/routing/route";
import type { RoutingRule } from "@/lib/routing/schema";

const EMEA = "00000000-0000-4000-8000-00000000000e";
const AMER = "00000000-0000-4000-8000-00000000000a";

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  priority: "immediate",
  reasons: ["high_value"],
  channel: "form",
  sourceTeamId: EMEA,
  country: "ES",
  employees: 120,
  ...over,
});
const person = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  id,
  teamId: EMEA,
  role: "rep",
  active: true,
  capacity: 10,
  openImmediate: 0,
  lastAssignedAt: null,
  ...over,
});
const rule = (id: string, position: number, over: Partial<RoutingRule>): RoutingRule => ({
  id,
  name: id,
  position,
  enabled: true,
  match: {},
  target: { kind: "queue", teamId: null },
  respectCapacity: true,
  ...over,
});

const defaults: RoutingRule[] = [
  rule("risk", 100, { match: { reasons: ["risk"] }, target: { kind: "manager", teamId: null }, respectCapacity: false }),
  rule("americas", 200, { match: { countries: ["US", "CA", "MX", "BR"] }, target: { kind: "round_robin", teamId: AMER } }),
  rule("rr", 900, { match: { priorities: ["immediate", "normal"] }, target: { kind: "round_robin", teamId: null } }),
  rule("queue", 1000, {}),
];

describe("routeHandoff", () => {
  it("sends risk to a manager of the source team", () => {
    const decision = routeHandoff({
      facts: facts({ reasons: ["risk"] }),
      rules: defaults,
      candidates: [person("dana"), person("morgan", { role: "manager" })],
    });
    expect(decision).toMatchObject({ ownerId: "morgan", teamId: EMEA, ruleId: "risk" });
  });

  it("routes by territory to another team's reps", () => {
    const decision = routeHandoff({ facts: facts({ country: "MX" }), rules: defaults, candidates: [person("dana"), person("priya", { teamId: AMER })] });
    expect(decision).toMatchObject({ ownerId: "priya", teamId: AMER, ruleId: "americas" });
  });

  it("routes by company size only when the size is known", () => {
    const sized = [rule("big", 50, { match: { minEmployees: 1000 }, target: { kind: "user", userId: "lucas" } }), ...defaults];
    const candidates = [person("dana"), person("lucas", { teamId: AMER })];
    expect(routeHandoff({ facts: facts({ employees: 5000 }), rules: sized, candidates }).ownerId).toBe("lucas");
    expect(routeHandoff({ facts: facts({ employees: null }), rules: sized, candidates }).ownerId).toBe("dana");
  });

  it("takes reps in turn: whoever waited longest (never assigned first)", () => {
    const candidates = [
      person("a", { lastAssignedAt: new Date("2026-11-20T10:00:00Z") }),
      person("b"),
      person("c", { lastAssignedAt: new Date("2026-11-20T09:00:00Z") }),
    ];
    expect(routeHandoff({ facts: facts(), rules: defaults, candidates }).ownerId).toBe("b");
    candidates[1]!.lastAssignedAt = new Date("2026-11-20T11:00:00Z");
    expect(routeHandoff({ facts: facts(), rules: defaults, candidates }).ownerId).toBe("c");
  });

  it("skips reps at their cap for immediate packages, and records why a rule passed", () => {
    const full = [person("dana", { openImmediate: 10 }), person("sam", { openImmediate: 3, capacity: 3 })];
    const decision = routeHandoff({ facts: facts(), rules: defaults, candidates: full });
    expect(decision).toMatchObject({ ownerId: null, teamId: EMEA, ruleId: "queue" });
    expect(decision.passedOver).toEqual([{ ruleId: "rr", ruleName: "rr", why: "every active rep of the team is at capacity" }]);
    // A normal package is not held back by the immediate cap; the less loaded rep gets it.
    expect(routeHandoff({ facts: facts({ priority: "normal" }), rules: defaults, candidates: full }).ownerId).toBe("sam");
  });

  it("ignores inactive people, disabled rules and excluded owners", () => {
    const candidates = [person("dana", { active: false }), person("sam")];
    expect(routeHandoff({ facts: facts(), rules: defaults, candidates }).ownerId).toBe("sam");
    expect(routeHandoff({ facts: facts(), rules: defaults, candidates, exclude: ["sam"] }).ownerId).toBeNull();
    const disabled = defaults.map((r) => (r.id === "rr" ? { ...r, enabled: false } : r));
    expect(routeHandoff({ facts: facts(), rules: disabled, candidates }).ruleId).toBe("queue");
  });

  it("falls back to the source team's queue when no rule places it", () => {
    expect(routeHandoff({ facts: facts(), rules: [], candidates: [person("dana")] })).toEqual({
      ownerId: null,
      teamId: EMEA,
      ruleId: null,
      ruleName: FALLBACK_RULE_NAME,
      passedOver: [],
    });
  });
});
