import { describe, expect, it } from "vitest";
import { buildDemoData, DEMO_USERS, SLA_MINUTES, slaDueAt, type DemoHandoff } from "@/db/seed/demo-data";
import { handoffPackageSchema } from "@/lib/contract/package";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";

const now = new Date("2026-03-10T10:15:30.123Z");
const data = buildDemoData({ now });
const demo = data.handoffs;

describe("demo data", () => {
  it("is deterministic: the same `now` gives the same output, and ids and content do not depend on `now`", () => {
    expect(buildDemoData({ now: new Date(now) })).toEqual(data);
    const later = buildDemoData({ now: new Date(now.getTime() + 3 * 60 * 60_000) });
    expect(later.handoffs.map((h) => [h.handoff.id, h.lead.id, h.intake.externalId, h.handoff.summary])).toEqual(
      demo.map((h) => [h.handoff.id, h.lead.id, h.intake.externalId, h.handoff.summary]),
    );
  });

  it("sets the SLA deadline from the priority: 15 minutes, 4 hours, 3 days after creation", () => {
    expect(SLA_MINUTES).toEqual({ immediate: 15, normal: 240, nurture: 4320 });
    for (const { handoff } of demo) {
      expect(handoff.slaDueAt.getTime() - handoff.createdAt.getTime()).toBe(SLA_MINUTES[handoff.priority] * 60_000);
      expect(handoff.slaDueAt).toEqual(slaDueAt(handoff.priority, handoff.createdAt));
    }
  });

  it("spreads creation over the last ten days, with some open immediate packages still in time and some breached", () => {
    for (const { handoff } of demo) {
      expect(handoff.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - handoff.createdAt.getTime()).toBeLessThanOrEqual(10 * 24 * 60 * 60_000);
    }
    const openImmediate = demo.filter((h) => h.handoff.priority === "immediate" && isOpen(h));
    expect(openImmediate.filter((h) => h.handoff.slaDueAt > now).length).toBeGreaterThanOrEqual(3);
    expect(openImmediate.filter((h) => h.handoff.slaDueAt <= now).length).toBeGreaterThanOrEqual(3);
  });

  it("covers every priority and status, and every team has every priority", () => {
    expect(demo.length).toBeGreaterThanOrEqual(64);
    expect(new Set(demo.map((h) => h.handoff.priority))).toEqual(new Set(["immediate", "normal", "nurture"]));
    expect(new Set(demo.map((h) => h.handoff.status))).toEqual(new Set(["pending", "accepted", "in_follow_up", "converted", "discarded"]));
    for (const team of data.teams) {
      expect(new Set(demo.filter((h) => h.teamName === team.name).map((h) => h.handoff.priority))).toEqual(new Set(["immediate", "normal", "nurture"]));
    }
  });

  it("gives the e2e suite its Inbound EMEA queue: pending immediate work for rep@ and pending normal work for rep2@", () => {
    const emea = demo.filter((h) => h.teamName === "Inbound EMEA" && h.handoff.status === "pending");
    expect(
      emea.filter((h) => h.handoff.priority === "immediate" && (h.ownerEmail === null || h.ownerEmail === "rep@baton.demo")).length,
    ).toBeGreaterThanOrEqual(6);
    expect(emea.filter((h) => h.handoff.priority === "normal" && h.ownerEmail === "rep2@baton.demo").length).toBeGreaterThanOrEqual(3);
  });

  it("keeps the denormalised columns and the decision consistent with the package and the status", () => {
    for (const { handoff, lead } of demo) {
      const pkg = handoff.package;
      expect(handoff.decision).toBe(handoff.priority === "nurture" ? "ask" : "escalate");
      expect(handoff.summary).toBe(pkg.summary);
      expect(handoff.intent).toBe(pkg.intent);
      expect(handoff.fit).toBe(pkg.qualification.fit);
      expect(handoff.reasons).toEqual([...new Set(pkg.reasons.map((r) => r.code))]);
      expect([handoff.leadName, handoff.leadEmail, handoff.companyName]).toEqual([
        pkg.identification.name,
        pkg.identification.email,
        pkg.identification.company,
      ]);
      expect(handoff.channel).toBe(pkg.source.channel);
      expect(handoff.campaign).toBe(pkg.source.campaign ?? null);
      expect(pkg.traceability).toMatchObject({ leadId: lead.id, intakeId: handoff.intakeId, ruleVersion: 1 });
      if (handoff.priority === "nurture") expect(pkg.reasons.map((r) => r.code)).toContain("missing_data");
      if (handoff.priority === "immediate") expect(pkg.reasons.some((r) => r.code === "risk" || r.code === "high_value")).toBe(true);
      expect(handoff.status === "converted").toBe(handoff.valueAmount !== null && handoff.valueCurrency !== null);
      if (handoff.status === "discarded") expect(discardReasonKeys).toContain(handoff.discardReason);
      else expect(handoff.discardReason).toBeNull();
    }
  });

  it("writes packages that satisfy the contract, with 5 to 8 summary lines", () => {
    for (const { handoff } of demo) {
      expect(handoffPackageSchema.safeParse(handoff.package).success).toBe(true);
      const lines = handoff.summary.split("\n");
      expect(lines.length).toBeGreaterThanOrEqual(5);
      expect(lines.length).toBeLessThanOrEqual(8);
      for (const reason of handoff.package.reasons) expect(reason.rule).toMatch(/^default\.[a-z_]+(\.[a-z_]+)?$/);
    }
  });

  it("quotes the lead verbatim: every fragment and every number or tool in the summary is in the intake", () => {
    for (const h of demo) {
      const raw = JSON.stringify(h.intake.raw);
      const text = JSON.parse(raw) as unknown;
      const words = allStrings(text).join("\n");
      for (const fact of h.handoff.package.facts.confirmed) {
        // HubSpot forms send the name as firstname and lastname.
        const parts = fact.field === "name" && h.handoff.channel === "form" ? fact.fragment.split(" ") : [fact.fragment];
        for (const part of parts) expect(words, `${h.key}: ${part}`).toContain(part);
      }
      for (const reason of h.handoff.package.reasons) {
        if (reason.code !== "missing_data") expect(words, `${h.key}: ${reason.evidence}`).toContain(reason.evidence);
      }
      for (const number of h.handoff.summary.match(/\d+/g) ?? []) expect(words, `${h.key}: ${number}`).toContain(number);
      for (const tool of ["HubSpot", "Pipedrive", "Salesforce", "Zoho", "Odoo", "Dynamics", "Slack", "LinkedIn"]) {
        if (h.handoff.summary.includes(tool)) expect(words, `${h.key}: ${tool}`).toContain(tool);
      }
    }
  });

  it("writes a timeline that matches each package's status and owner", () => {
    for (const { key, handoff, events, ownerEmail } of demo) {
      expect(events[0]).toMatchObject({ type: "created", actorKind: "agent", toStatus: "pending" });
      expect(events.filter((e) => e.type === "created")).toHaveLength(1);
      let status = "pending";
      let previous = handoff.createdAt.getTime();
      for (const event of events.slice(1)) {
        expect(event.actorKind).toBe("user");
        expect(event.fromStatus, key).toBe(status);
        expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(previous);
        expect(event.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
        status = event.toStatus ?? status;
        previous = event.createdAt.getTime();
      }
      expect(status, key).toBe(handoff.status);
      expect(handoff.version).toBe(events.length);
      expect(handoff.updatedAt.getTime()).toBe(previous);
      // Accepting makes the person the owner; managers only reassign.
      for (const event of events.filter((e) => e.toStatus === "accepted")) expect(event.actorEmail).toBe(ownerEmail);
      for (const event of events.filter((e) => e.type === "reassigned")) {
        expect(DEMO_USERS.find((u) => u.email === event.actorEmail)?.role).not.toBe("rep");
      }
      expect(handoff.acceptedAt !== null).toBe(events.some((e) => e.toStatus === "accepted"));
      expect(handoff.closedAt !== null).toBe(handoff.status === "converted" || handoff.status === "discarded");
    }
  });

  it("gives each intake a unique external id and each lead a unique email", () => {
    expect(new Set(demo.map((h) => h.intake.externalId)).size).toBe(demo.length);
    const emails = new Map<string, string>();
    for (const h of demo) {
      if (!h.lead.email) continue;
      const seen = emails.get(h.lead.email);
      if (seen) expect(seen, h.key).toBe(h.lead.id);
      emails.set(h.lead.email, h.lead.id);
    }
  });
});

function isOpen(h: DemoHandoff): boolean {
  return ["pending", "accepted", "in_follow_up"].includes(h.handoff.status);
}

function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}
