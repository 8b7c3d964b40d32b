import { describe, expect, it } from "vitest";
import { webhookEventForTimeline } from "./events";

describe("webhookEventForTimeline", () => {
  it("tells an escalation, a filtered lead and one the agent handled apart by the created event's decision", () => {
    expect(webhookEventForTimeline({ type: "created", data: { decision: "escalate", priority: "immediate" } })).toBe("handoff.created");
    expect(webhookEventForTimeline({ type: "created", data: { decision: "filter", priority: null } })).toBe("lead.filtered");
    expect(webhookEventForTimeline({ type: "created", data: { decision: "ask", priority: null } })).toBe("lead.handled_by_agent");
  });

  it("maps routing to an owner, status changes, notes, approvals and breaches; internal steps map to nothing", () => {
    expect(webhookEventForTimeline({ type: "routed", data: { ownerId: "u1" } })).toBe("handoff.assigned");
    expect(webhookEventForTimeline({ type: "routed", data: { ownerId: null } })).toBeNull();
    expect(webhookEventForTimeline({ type: "status_changed" })).toBe("handoff.status_changed");
    expect(webhookEventForTimeline({ type: "note" })).toBe("handoff.note_added");
    expect(webhookEventForTimeline({ type: "approval_decided" })).toBe("approval.decided");
    expect(webhookEventForTimeline({ type: "sla_breached" })).toBe("handoff.sla_breached");
    expect(webhookEventForTimeline({ type: "sla_reminder" })).toBeNull();
    expect(webhookEventForTimeline({ type: "snoozed" })).toBeNull();
  });
});

describe("an undo, to the outside", () => {
  it("is a status change, except a snooze's", () => {
    expect(webhookEventForTimeline({ type: "undone", data: { command: "accept" } })).toBe("handoff.status_changed");
    expect(webhookEventForTimeline({ type: "undone", data: { command: "snooze" } })).toBeNull();
  });
});
