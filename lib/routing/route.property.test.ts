import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priorities, reasonCodes } from "@/lib/contract/package";
import { routeHandoff, type Candidate, type RoutingFacts } from "@/lib/routing/route";
import type { RoutingRule } from "@/lib/routing/schema";

const TEAMS = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"] as const;

const candidate = fc.record({
  id: fc.uuid(),
  teamId: fc.constantFrom<string | null>(...TEAMS, null),
  role: fc.constantFrom<Candidate["role"]>("rep", "manager", "admin"),
  active: fc.boolean(),
  capacity: fc.integer({ min: 0, max: 5 }),
  openImmediate: fc.integer({ min: 0, max: 6 }),
  lastAssignedAt: fc.option(fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }), { nil: null }),
});

const target = fc.oneof(
  fc.record({ kind: fc.constant("round_robin" as const), teamId: fc.constantFrom<string | null>(...TEAMS, null) }),
  fc.record({ kind: fc.constant("manager" as const), teamId: fc.constantFrom<string | null>(...TEAMS, null) }),
  fc.record({ kind: fc.constant("queue" as const), teamId: fc.constantFrom<string | null>(...TEAMS, null) }),
);

const rules = fc.array(
  fc.record({
    id: fc.uuid(),
    name: fc.constant("rule"),
    position: fc.integer({ min: 0, max: 1000 }),
    enabled: fc.boolean(),
    match: fc.record({ reasons: fc.option(fc.subarray([...reasonCodes], { minLength: 1 }), { nil: undefined }) }, { requiredKeys: [] }),
    target,
    respectCapacity: fc.boolean(),
  }) as fc.Arbitrary<RoutingRule>,
  { maxLength: 6 },
);

const facts = fc.record({
  priority: fc.constantFrom(...priorities),
  reasons: fc.subarray([...reasonCodes]),
  channel: fc.constant("form" as const),
  sourceTeamId: fc.constantFrom<string | null>(...TEAMS, null),
  country: fc.constant(null),
  employees: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
}) as fc.Arbitrary<RoutingFacts>;

describe("routeHandoff, for any rules and people", () => {
  it("gives a package only to an active, not excluded person, never over their cap when the rule respects it", () => {
    fc.assert(
      fc.property(facts, rules, fc.array(candidate, { maxLength: 8 }), (f, r, people) => {
        const exclude = people.slice(0, 1).map((p) => p.id);
        const decision = routeHandoff({ facts: f, rules: r, candidates: people, exclude });
        if (decision.ownerId === null) return;
        const owner = people.find((p) => p.id === decision.ownerId);
        expect(owner?.active).toBe(true);
        expect(exclude).not.toContain(decision.ownerId);
        const deciding = r.find((x) => x.id === decision.ruleId);
        expect(deciding).toBeDefined();
        if (deciding!.respectCapacity && f.priority === "immediate") expect(owner!.openImmediate).toBeLessThan(owner!.capacity);
        if (deciding!.target.kind !== "user") expect(owner!.teamId).toBe(decision.teamId);
      }),
    );
  });

  it("is deterministic and shares work evenly: n packages to k reps in turn, nobody more than one ahead", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 }), (k, n) => {
        const reps: Candidate[] = Array.from({ length: k }, (_, i) => ({
          id: `rep-${i}`,
          teamId: TEAMS[0],
          role: "rep",
          active: true,
          capacity: 1000,
          openImmediate: 0,
          lastAssignedAt: null,
        }));
        const rr: RoutingRule[] = [
          { id: "rr", name: "rr", position: 1, enabled: true, match: {}, target: { kind: "round_robin", teamId: null }, respectCapacity: true },
        ];
        const counts = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const input = {
            facts: { priority: "immediate" as const, reasons: [], channel: "form" as const, sourceTeamId: TEAMS[0], country: null, employees: null },
            rules: rr,
            candidates: reps,
          };
          const decision = routeHandoff(input);
          expect(routeHandoff(input)).toEqual(decision);
          const chosen = reps.find((r) => r.id === decision.ownerId)!;
          chosen.lastAssignedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
          chosen.openImmediate += 1;
          counts.set(chosen.id, (counts.get(chosen.id) ?? 0) + 1);
        }
        const loads = reps.map((r) => counts.get(r.id) ?? 0);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
