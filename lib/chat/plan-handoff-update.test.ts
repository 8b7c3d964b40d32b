import { describe, expect, it } from "vitest";
import { decisionStrength, planHandoffUpdate, type StoredChatHandoff } from "@/lib/chat/plan-handoff-update";
import type { HandoffPackage } from "@/lib/contract/package";

// A package as the agent builds it (kept here: the test support factories open a database pool).
const pkg: HandoffPackage = {
  identification: { name: "Marta Vidal", email: "marta@northwind.io", phone: null, company: "Northwind", role: null, website: null },
  source: { channel: "chat", receivedAt: "2026-11-20T09:55:00Z" },
  need: "Qualify inbound leads",
  intent: "diagnosis",
  salesContext: {
    urgency: null,
    timelineDays: null,
    volume: null,
    employees: null,
    monthlyLeads: 600,
    budget: null,
    team: null,
    currentTools: [],
    affectedProcess: null,
  },
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
  package: pkg,
  ...over,
});

describe("planHandoffUpdate", () => {
  it("writes nothing when nothing changed", () => {
    expect(planHandoffUpdate(stored(), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: structuredClone(pkg) })).toBeNull();
  });

  it("upgrades normal to immediate with a timeline event, and restarts the clock (in business time, by the database)", () => {
    const plan = planHandoffUpdate(stored(), { decision: "escalate", priority: "immediate", reasons: ["high_value"], package: pkg });
    expect(plan).toMatchObject({
      priority: "immediate",
      notify: false,
      reopen: false,
      sla: "restart",
      event: { from: { priority: "normal" }, to: { priority: "immediate" }, factsAdded: [] },
    });
  });

  it("an act that becomes an escalation is routed, which starts the clock, and notifies", () => {
    const plan = planHandoffUpdate(stored({ decision: "act", priority: null }), {
      decision: "escalate",
      priority: "normal",
      reasons: ["high_value"],
      package: pkg,
    });
    expect(plan).toMatchObject({ decision: "escalate", notify: true, sla: "route" });
  });

  it("reopens the agent's own no-fit record when the lead turns out to matter", () => {
    const plan = planHandoffUpdate(stored({ decision: "filter", priority: null, status: "discarded" }), {
      decision: "escalate",
      priority: "immediate",
      reasons: ["risk"],
      package: pkg,
    });
    expect(plan).toMatchObject({ reopen: true, notify: true });
  });

  it("a new fact keeps the deadline and says what the lead added", () => {
    const richer = {
      ...pkg,
      identification: { ...pkg.identification, phone: "+34 600 000 000" },
      facts: { ...pkg.facts, confirmed: [{ field: "budget", value: "20k", fragment: "about 20k" }] },
    };
    expect(planHandoffUpdate(stored(), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: richer })).toMatchObject({
      sla: "keep",
      notify: false,
      event: { factsAdded: ["phone", "budget"] },
    });
  });

  it("reworded text alone is a silent refresh that keeps the deadline", () => {
    const reworded = { ...pkg, summary: "Marta Vidal (Northwind) wants help qualifying 600 leads a month." };
    expect(planHandoffUpdate(stored(), { decision: "escalate", priority: "normal", reasons: ["high_value"], package: reworded })).toMatchObject({
      event: null,
      notify: false,
      sla: "keep",
    });
  });

  it("never weakens a decision, and never touches a package a person has accepted", () => {
    const next = { decision: "act" as const, priority: null, reasons: ["low_risk_fit" as const], package: pkg };
    expect(planHandoffUpdate(stored(), next)).toBeNull();
    const stronger = { decision: "escalate" as const, priority: "immediate" as const, reasons: ["risk" as const], package: pkg };
    expect(planHandoffUpdate(stored({ ownerId: "user-1", status: "accepted" }), stronger)).toBeNull();
    // Routed to someone who has not accepted it yet: still the agent's to keep up to date.
    expect(planHandoffUpdate(stored({ ownerId: "user-1" }), stronger)).toMatchObject({ priority: "immediate" });
    expect(planHandoffUpdate(stored({ status: "converted" }), stronger)).toBeNull();
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
