import { describe, expect, it } from "vitest";
import { decisionStrength, planHandoffUpdate, type StoredChatHandoff } from "@/lib/chat/plan-handoff-update";
import type { HandoffPackage } from "@/lib/contract/package";

const now = new Date("2026-11-20T10:00:00Z");
// A package as the agent builds it (kept here: the test support factories open a database pool).
const pkg: HandoffPackage = {
  identification: { name: "Marta Vidal", email: "marta@northwind.io", phone: null, company: "Northwind", role: null, website: null },
  source: { channel: "chat", receivedAt: "2026-11-20T09:55:00Z" },
  need: "Qualify inbound leads",
  intent: "diagnosis",
  salesContext: { urgency: null, timelineDays: null, volume: null, employees: null, monthlyLeads: 600, budget: null, team: null, currentTools: [], affectedProcess: null },
  qualification: { fit: "good", whyFits: [], whyNot: [], missing: [] },
  reasons: [{ code: "high_value", evidence: "600 leads a month", rule: "default.high_value" }],
  summary: "Marta Vidal at Northwind wants to qualify 600 inbound leads a month.",
  facts: { confirmed: [], inferred: [], openQuestions: [] },
  nextStep: { action: "call", owner: null, why: "High value" },
  proposedActions: [],
  traceability: { leadId: null, conversationId: null, intakeId: null, crmRecord: null, ruleVersion: 1 },
};
const stored = (over: Partial<StoredChatHandoff> = {}): StoredChatHandoff => ({
  decision: "escalate",
  priority: "normal",
  status: "pending",
  ownerId: null,
  reasons: ["high_value"],
  slaDueAt: new Date("2026-11-20T13:00:00Z"),
  package: pkg,
  ...over,
});

describe("planHandoffUpdate", () => {
  it("writes nothing when nothing changed", () => {
    expect(planHandoffUpdate(stored(), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: structuredClone(pkg) }, now)).toBeNull();
  });

  it("upgrades normal to immediate with a timeline event and a deadline that only moves closer", () => {
    const plan = planHandoffUpdate(stored(), { decision: "escalate", priority: "immediate", reasons: ["high_value"], package: pkg }, now);
    expect(plan).toMatchObject({ priority: "immediate", notify: false, reopen: false, event: { from: { priority: "normal" }, to: { priority: "immediate" } } });
    expect(plan?.slaDueAt).toEqual(new Date("2026-11-20T10:15:00Z"));
  });

  it("an act that becomes an escalation starts the clock now and notifies", () => {
    const plan = planHandoffUpdate(stored({ decision: "act", priority: null, slaDueAt: new Date("2026-11-20T09:00:00Z") }), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: pkg }, now);
    expect(plan).toMatchObject({ decision: "escalate", notify: true });
    expect(plan?.slaDueAt).toEqual(new Date("2026-11-20T14:00:00Z"));
  });

  it("reopens the agent's own no-fit record when the lead turns out to matter", () => {
    const plan = planHandoffUpdate(stored({ decision: "filter", priority: null, status: "discarded" }), { decision: "escalate", priority: "immediate", reasons: ["risk"], package: pkg }, now);
    expect(plan).toMatchObject({ reopen: true, notify: true });
  });

  it("a richer package alone is a silent refresh", () => {
    const richer = { ...pkg, identification: { ...pkg.identification, phone: "+34 600 000 000" } };
    expect(planHandoffUpdate(stored(), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: richer }, now)).toMatchObject({ event: null, notify: false });
  });

  it("never weakens a decision, and never touches a package a person has accepted", () => {
    const next = { decision: "act" as const, priority: null, reasons: ["low_risk_fit" as const], package: pkg };
    expect(planHandoffUpdate(stored(), next, now)).toBeNull();
    const stronger = { decision: "escalate" as const, priority: "immediate" as const, reasons: ["risk" as const], package: pkg };
    expect(planHandoffUpdate(stored({ ownerId: "user-1", status: "accepted" }), stronger, now)).toBeNull();
    // Routed to someone who has not accepted it yet: still the agent's to keep up to date.
    expect(planHandoffUpdate(stored({ ownerId: "user-1" }), stronger, now)).toMatchObject({ priority: "immediate" });
    expect(planHandoffUpdate(stored({ status: "converted" }), stronger, now)).toBeNull();
  });

  it("orders decisions by how far the lead got toward a person", () => {
    const order = [
      { decision: "ask" as const, priority: "nurture" as const },
      { decision: "filter" as const, priority: null },
      { decision: "act" as const, priority: null },
      { decision: "escalate" as const, priority: "normal" as const },
      { decision: "escalate" as const, priority: "immediate" as const },
    ].map(decisionStrength);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });
});
