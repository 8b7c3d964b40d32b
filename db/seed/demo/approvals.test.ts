import { describe, expect, it } from "vitest";
import type { NewApproval } from "@/db/queries/approvals";
import { buildDemoData } from "@/db/seed/demo-data";
import { checkActionParams, executableActions } from "@/lib/approvals/action-params";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { triageDemoIntake } from "./approval-requests";
import { demoApprovals } from "./approvals";

const now = new Date("2026-11-25T12:00:00Z");
const hours = (n: number) => n * 3_600_000;
const email: NewApproval = {
  actionType: "send_email",
  params: { to: "ana@acme.io", subject: "Your plan", body: "Hi Ana" },
  consequence: "Sends an email.",
  reason: "Asked for it.",
  expiresAt: new Date(0),
};
const deal: NewApproval = {
  actionType: "create_deal",
  params: { name: "Acme", amount: 1000 },
  consequence: "Creates a deal.",
  reason: null,
  expiresAt: new Date(0),
};

function requestsAt(createdAt: Date, ...requests: NewApproval[]) {
  return requests.map((r) => ({ ...r, expiresAt: new Date(createdAt.getTime() + hours(48)) }));
}

function run(x: { status: Parameters<typeof demoApprovals>[0]["status"]; ageHours: number; owner?: string | null; requests?: NewApproval[] }) {
  const createdAt = new Date(now.getTime() - hours(x.ageHours));
  const closed = x.status === "converted" || x.status === "discarded";
  return demoApprovals({
    handoffId: "h-1",
    status: x.status,
    ownerEmail: x.owner === undefined ? "rep@baton.demo" : x.owner,
    createdAt,
    acceptedAt: x.status === "pending" ? null : new Date(createdAt.getTime() + hours(1)),
    closedAt: closed ? new Date(createdAt.getTime() + hours(5)) : null,
    requests: requestsAt(createdAt, ...(x.requests ?? [email])),
    now,
  });
}

describe("demoApprovals", () => {
  it("leaves a young request on an open package waiting, with only the request on the timeline", () => {
    const { approvals, events } = run({ status: "accepted", ageHours: 3, requests: [email, deal] });
    expect(approvals.map((a) => a.status)).toEqual(["pending", "pending"]);
    expect(approvals.every((a) => a.deciderEmail === null && a.decidedAt === undefined)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["approval_requested", "approval_requested"]);
    expect(new Set(approvals.map((a) => a.id)).size).toBe(2);
  });

  it("expires a request nobody decided within its time, at its expiry", () => {
    const { approvals, events } = run({ status: "pending", ageHours: 60 });
    expect(approvals[0]).toMatchObject({ status: "expired", deciderEmail: null, decidedAt: approvals[0]!.expiresAt });
    expect(events.map((e) => [e.type, e.createdAt])).toEqual([
      ["approval_requested", expect.any(Date)],
      ["approval_expired", approvals[0]!.expiresAt],
    ]);
  });

  it("has the owner who converted the lead approve it in the console, and the action run after", () => {
    const { approvals, events } = run({ status: "converted", ageHours: 100 });
    const [approval] = approvals;
    expect(approval).toMatchObject({
      status: "approved",
      deciderEmail: "rep@baton.demo",
      decidedVia: "console",
      result: { ok: true, channel: "email", to: "ana@acme.io" },
    });
    expect(approval!.executedAt!.getTime()).toBeGreaterThan(approval!.decidedAt!.getTime());
    expect(approval!.decidedAt!.getTime()).toBeLessThan(approval!.expiresAt.getTime());
    expect(events.map((e) => e.type)).toEqual(["approval_requested", "approval_decided", "approval_executed"]);
    expect(events[1]).toMatchObject({ actorKind: "user", actorEmail: "rep@baton.demo", data: { decision: "approved", via: "console" } });
    expect(events[2]!.data).toMatchObject({ summary: 'sent the email "Your plan" to ana@acme.io' });
  });

  it("has the owner who discarded the lead deny it, before the package closed", () => {
    const { approvals, events } = run({ status: "discarded", ageHours: 100, requests: [deal] });
    expect(approvals[0]).toMatchObject({ status: "denied", deciderEmail: "rep@baton.demo" });
    expect(approvals[0]!.executedAt).toBeUndefined();
    expect(approvals[0]!.decidedAt!.getTime()).toBeLessThan(now.getTime() - hours(95));
    expect(events.map((e) => e.type)).toEqual(["approval_requested", "approval_decided"]);
    expect(events[1]!.data).toMatchObject({ decision: "denied", actionType: "create_deal" });
  });

  it("expires the requests of a closed package nobody owned", () => {
    const { approvals } = run({ status: "discarded", ageHours: 100, owner: null });
    expect(approvals[0]!.status).toBe("expired");
  });

  it("opens nothing for a package without sensitive actions", () => {
    expect(run({ status: "accepted", ageHours: 1, requests: [] })).toEqual({ approvals: [], events: [] });
  });
});

describe("the demo's approval requests", () => {
  // Every request the demo opens, on every package, through the same path intake takes.
  const seeded = buildDemoData({ now }).handoffs.flatMap((demo) =>
    triageDemoIntake(demo, compileRuleSet(defaultRuleSet, 1), { leadId: null, intakeId: null }).requests.map((request) => ({
      lead: demo.handoff.leadName,
      request,
    })),
  );

  it("covers every action type a person approves", () => {
    expect(new Set(seeded.map((s) => s.request.actionType))).toEqual(new Set(Object.keys(executableActions)));
  });

  it("pass the validation a real request passes before it can be approved", () => {
    const refused = seeded.flatMap(({ lead, request }) => {
      const check = checkActionParams(request.actionType, request.params);
      return check.ok ? [] : [`${request.actionType} for ${lead}: ${check.problem}`];
    });
    expect(refused).toEqual([]);
  });
});
