import { describe, expect, it } from "vitest";
import type { HandoffPackage } from "@/lib/contract/package";
import { normaliseDomain, planSync, type PlanInput, type PlannedRecord } from "@/lib/crm/plan-sync";
import { noteHtml } from "@/lib/crm/note-html";

const HANDOFF = "7d1f3a7e-0000-4000-8000-000000000001";

function pkg(overrides: Partial<HandoffPackage> = {}): HandoffPackage {
  return {
    identification: { name: "Ana Ruiz", email: "Ana@Acme.io", phone: "+34 600 000 000", company: "Acme", role: "Head of Sales", website: "acme.io" },
    source: { channel: "form", url: "https://baton.example/audit", pageName: "Sales audit", campaign: "q4-audit", receivedAt: "2026-11-20T10:15:00Z" },
    need: "Qualify 500 inbound leads a month",
    intent: "quote",
    salesContext: {
      urgency: "this week",
      timelineDays: 7,
      volume: "500/month",
      employees: 120,
      monthlyLeads: 500,
      budget: { amount: 12000, currency: "EUR" },
      team: null,
      currentTools: ["HubSpot"],
      affectedProcess: null,
    },
    qualification: { fit: "good", whyFits: ["volume"], whyNot: [], missing: [] },
    reasons: [{ code: "high_value", evidence: "500 leads a month", rule: "default.high_value" }],
    summary: "Ana Ruiz (Acme) wants a quote to qualify 500 leads a month.",
    facts: { confirmed: [{ field: "volume", value: "500/month", fragment: "500 leads a month" }], inferred: [], openQuestions: ["Who owns the process?"] },
    nextStep: { action: "call", owner: null, why: "High value and urgent" },
    proposedActions: [],
    traceability: { leadId: null, conversationId: null, intakeId: null, crmRecord: null, ruleVersion: 1 },
    ...overrides,
  };
}

function input(handoff: Partial<PlanInput["handoff"]> = {}, overrides: Partial<HandoffPackage> = {}, rest: Partial<PlanInput> = {}): PlanInput {
  return {
    handoff: {
      id: HANDOFF,
      decision: "escalate",
      priority: "immediate",
      status: "pending",
      leadId: "lead-1",
      companyId: "company-1",
      slaDueAt: new Date("2026-11-20T10:30:00Z"),
      createdAt: new Date("2026-11-20T10:15:00Z"),
      closedAt: null,
      valueAmount: null,
      valueCurrency: null,
      discardReason: null,
      ...handoff,
    },
    pkg: pkg(overrides),
    companyDomain: "acme.io",
    ownerEmail: "rep@baton.demo",
    packageUrl: `http://127.0.0.1:3000/handoffs/${HANDOFF}`,
    ...rest,
  };
}

const kinds = (records: PlannedRecord[]) => records.map((r) => r.kind);
const find = <K extends PlannedRecord["kind"]>(records: PlannedRecord[], kind: K) =>
  records.find((r) => r.kind === kind) as Extract<PlannedRecord, { kind: K }> | undefined;

describe("planSync", () => {
  it("logs a qualified escalation as company, contact, deal, note and task, all associated", () => {
    const plan = planSync(input());
    expect(kinds(plan.records)).toEqual(["company", "contact", "deal", "note", "task"]);
    const contact = find(plan.records, "contact")!;
    expect(contact.key).toBe("email:ana@acme.io");
    expect(contact.fields).toMatchObject({
      email: "ana@acme.io",
      firstName: "Ana",
      lastName: "Ruiz",
      lifecycleStage: "opportunity",
      leadStatus: "NEW",
      intent: "quote",
    });
    expect(contact.fields.source).toBe("form · Sales audit · campaign q4-audit · 2026-11-20T10:15:00Z");
    expect(find(plan.records, "company")).toMatchObject({ key: "domain:acme.io", fields: { name: "Acme", domain: "acme.io", employees: 120 } });
    expect(find(plan.records, "deal")).toMatchObject({
      key: `handoff:${HANDOFF}`,
      mode: "upsert",
      fields: { stage: "qualified", amount: 12000, currency: "EUR" },
    });
    expect(find(plan.records, "task")!.fields).toMatchObject({
      dueAt: new Date("2026-11-20T10:30:00Z"),
      status: "NOT_STARTED",
      priority: "HIGH",
      type: "CALL",
      ownerEmail: "rep@baton.demo",
    });
    const pairs = plan.associations.map((a) => `${a.from.kind}>${a.to.kind}`);
    expect(pairs).toEqual([
      "contact>company",
      "deal>contact",
      "deal>company",
      "note>contact",
      "note>company",
      "note>deal",
      "task>contact",
      "task>company",
      "task>deal",
    ]);
  });

  it("opens no deal without real sales intent: an information request with partial fit is contact, company, note and task", () => {
    const plan = planSync(input({}, { intent: "information", qualification: { fit: "partial", whyFits: [], whyNot: [], missing: [] } }));
    expect(kinds(plan.records)).toEqual(["company", "contact", "note", "task"]);
    expect(find(plan.records, "contact")!.fields.lifecycleStage).toBe("lead");
  });

  it("converting wins the deal with the converted value, completes the task and makes the contact a customer", () => {
    const closedAt = new Date("2026-11-22T09:00:00Z");
    const plan = planSync(
      input(
        { status: "converted", valueAmount: 18000, valueCurrency: "USD", closedAt },
        { intent: "information", qualification: { fit: "partial", whyFits: [], whyNot: [], missing: [] } },
      ),
    );
    expect(find(plan.records, "deal")).toMatchObject({ mode: "upsert", fields: { stage: "won", amount: 18000, currency: "USD", closeDate: closedAt } });
    expect(find(plan.records, "task")!.fields.status).toBe("COMPLETED");
    expect(find(plan.records, "contact")!.fields).toMatchObject({ lifecycleStage: "customer", leadStatus: "OPEN_DEAL" });
    expect(find(plan.records, "note")!.fields.sections.find((s) => s.heading === "Status")!.lines).toEqual(["Converted: $18,000"]);
  });

  it("discarding a qualified lead only updates a deal opened before (never creates one) and leaves the lifecycle stage", () => {
    const plan = planSync(input({ status: "discarded", discardReason: "no_budget" }));
    expect(find(plan.records, "deal")).toMatchObject({ mode: "update_only", fields: { stage: "lost" } });
    expect(find(plan.records, "contact")!.fields).toMatchObject({ lifecycleStage: null, leadStatus: "UNQUALIFIED" });
    expect(find(plan.records, "task")!.fields.status).toBe("COMPLETED");
  });

  it("accepting moves the lead to in progress", () => {
    const plan = planSync(input({ status: "accepted" }));
    expect(find(plan.records, "contact")!.fields.leadStatus).toBe("IN_PROGRESS");
    expect(find(plan.records, "deal")!.fields.stage).toBe("qualified");
    expect(find(plan.records, "task")!.fields.status).toBe("NOT_STARTED");
  });

  it("opens a ticket for support and for a pre-sales review, associated with contact, company and note", () => {
    const support = planSync(input({}, { intent: "support", reasons: [{ code: "ambiguity", evidence: "unclear", rule: "r" }] }));
    expect(find(support.records, "ticket")).toMatchObject({ fields: { subject: "Support: Ana Ruiz (Acme)", stage: "new", priority: "HIGH" } });
    const review = planSync(input({ status: "in_follow_up" }, { reasons: [{ code: "offer_exception", evidence: "asks for 40% off", rule: "r" }] }));
    expect(find(review.records, "ticket")).toMatchObject({ fields: { subject: "Pre-sales review: Ana Ruiz (Acme)", stage: "in_progress" } });
    expect(find(review.records, "ticket")!.fields.content).toContain("asks for 40% off");
    expect(review.associations.filter((a) => a.from.kind === "ticket" || a.to.kind === "ticket").map((a) => `${a.from.kind}>${a.to.kind}`)).toEqual([
      "ticket>contact",
      "ticket>company",
      "note>ticket",
    ]);
  });

  it("logs what the agent filtered or handled as contact and note only: no task, nobody has to act", () => {
    const filtered = planSync(input({ decision: "filter", priority: null, status: "discarded" }, { intent: "support" }));
    expect(kinds(filtered.records)).toEqual(["company", "contact", "note"]);
    const handled = planSync(
      input(
        { decision: "act", priority: null },
        { identification: { name: "Leo", email: null, phone: null, company: null, role: null, website: null } },
        { companyDomain: null },
      ),
    );
    expect(kinds(handled.records)).toEqual(["contact", "note"]);
    expect(find(handled.records, "contact")!.key).toBe("lead:lead-1");
  });

  it("deduplicates by email and by domain: two handoffs of the same person and account share the keys", () => {
    const a = planSync(input());
    const b = planSync(
      input(
        { id: "7d1f3a7e-0000-4000-8000-000000000002", companyId: "company-2" },
        { identification: { ...pkg().identification, email: "ana@ACME.io", website: "https://www.acme.io/pricing" } },
        { companyDomain: null },
      ),
    );
    expect(find(b.records, "contact")!.key).toBe(find(a.records, "contact")!.key);
    expect(find(b.records, "company")!.key).toBe("domain:acme.io");
    expect(find(b.records, "note")!.key).not.toBe(find(a.records, "note")!.key);
  });

  it("keys a company without a domain by our company record", () => {
    const plan = planSync(input({}, { identification: { ...pkg().identification, email: "ana@gmail.com", website: null } }, { companyDomain: null }));
    expect(find(plan.records, "company")).toMatchObject({ key: "company:company-1", fields: { domain: null } });
  });

  it("puts the package in the note: summary, reasons, next step, facts, entry context and the link", () => {
    const note = find(planSync(input()).records, "note")!;
    expect(note.fields.sections.map((s) => s.heading)).toEqual([
      "Summary",
      "Why the agent escalated",
      "Next step",
      "Confirmed",
      "Open questions",
      "Entry context",
      "Sales context",
      "Status",
      "Package",
    ]);
    expect(note.fields.sections.at(-1)!.lines).toEqual([`http://127.0.0.1:3000/handoffs/${HANDOFF}`]);
  });
});

describe("normaliseDomain", () => {
  it("keeps the host name only", () => {
    expect(normaliseDomain("https://www.Acme.io/about?x=1")).toBe("acme.io");
    expect(normaliseDomain("acme.co.uk")).toBe("acme.co.uk");
    expect(normaliseDomain("not a domain")).toBeNull();
    expect(normaliseDomain(null)).toBeNull();
  });
});

describe("noteHtml", () => {
  it("escapes lead text: it is data, never markup", () => {
    const html = noteHtml("Package <b>", [
      { heading: "Summary", lines: ['<script>alert("x")</script>'] },
      { heading: "Open", lines: ["a & b", "c"] },
    ]);
    expect(html).toBe(
      "<p><strong>Package &lt;b&gt;</strong></p><p><strong>Summary</strong></p><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><p><strong>Open</strong></p><ul><li>a &amp; b</li><li>c</li></ul>",
    );
  });
});

describe("planSync: meetings booked through the booking links", () => {
  const meeting = (over: Partial<NonNullable<PlanInput["meetings"]>[number]> = {}) => ({
    provider: "calcom",
    bookingId: "u1",
    status: "booked",
    startsAt: new Date("2026-12-04T09:00:00Z"),
    endsAt: null,
    title: null,
    organizerName: "Dana Reyes",
    ...over,
  });

  it("plans a meeting record per booking, linked to the contact, company and deal, with its outcome", () => {
    const plan = planSync(
      input(
        { status: "in_follow_up" },
        {},
        { meetings: [meeting(), meeting({ bookingId: "u0", status: "rescheduled" }), meeting({ bookingId: "u9", status: "no_show" })] },
      ),
    );
    const meetings = plan.records.filter((r): r is Extract<PlannedRecord, { kind: "meeting" }> => r.kind === "meeting");
    expect(meetings.map((m) => [m.key, m.fields.outcome])).toEqual([
      ["booking:calcom:u1", "SCHEDULED"],
      ["booking:calcom:u0", "RESCHEDULED"],
      ["booking:calcom:u9", "NO_SHOW"],
    ]);
    expect(meetings[0]!.fields.title).toBe("Diagnosis call: Ana Ruiz and Dana Reyes");
    const links = plan.associations
      .filter((a) => a.from.key === "booking:calcom:u1")
      .map((a) => a.to.kind)
      .sort();
    expect(links).toEqual(["company", "contact", "deal"]);
  });

  it("plans none without bookings, or for a booking whose time is not known yet", () => {
    expect(planSync(input()).records.some((r) => r.kind === "meeting")).toBe(false);
    expect(planSync(input({}, {}, { meetings: [meeting({ startsAt: null })] })).records.some((r) => r.kind === "meeting")).toBe(false);
  });
});

describe("the owner's task", () => {
  it("lists the questions still open, those the agent could not answer among them", () => {
    const open = ["Who owns the process?", 'Asked "Do you support WhatsApp?"; not answered by the knowledge base'];
    const task = find(planSync(input({}, { facts: { confirmed: [], inferred: [], openQuestions: open } })).records, "task")!;
    expect(task.fields.body).toBe(`High value and urgent\nOpen questions:\n- ${open[0]}\n- ${open[1]}\nhttp://127.0.0.1:3000/handoffs/${HANDOFF}`);
  });
});
