/** Every event an endpoint can subscribe to (`meeting.booked` comes from the booking webhooks). */
export const webhookEventTypes = [
  "handoff.created",
  "handoff.assigned",
  "handoff.status_changed",
  "handoff.sla_breached",
  "handoff.note_added",
  "approval.requested",
  "approval.decided",
  "lead.filtered",
  "lead.handled_by_agent",
  "meeting.booked",
  "message.received",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The test event an admin sends from /admin/webhooks; every endpoint receives it whatever it subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

/** The body's version: a breaking change to a payload's shape gets a new one. */
export const WEBHOOK_PAYLOAD_VERSION = "2026-12-01";

export const webhookEventLabels: Record<WebhookEventType, string> = {
  "handoff.created": "A package was escalated to a person",
  "handoff.assigned": "A package got an owner (routing or a reassignment)",
  "handoff.status_changed": "A package's status changed",
  "handoff.sla_breached": "A package missed its SLA",
  "handoff.note_added": "Someone added a note",
  "approval.requested": "An action waits for approval",
  "approval.decided": "An approval was granted or denied",
  "lead.filtered": "The agent filtered a lead out",
  "lead.handled_by_agent": "The agent handled a lead itself",
  "meeting.booked": "A lead booked a meeting",
  "message.received": "A lead wrote (a reply by email, or a chat line on a package)",
};

/** What a timeline event means to the outside, if anything: the one mapping every write path shares. */
export function webhookEventForTimeline(event: { type: string; data?: Record<string, unknown> | null }): WebhookEventType | null {
  const data = event.data ?? {};
  switch (event.type) {
    case "created":
      if (data.decision === "filter") return "lead.filtered";
      return data.priority ? "handoff.created" : "lead.handled_by_agent";
    case "routed":
      return data.ownerId ? "handoff.assigned" : null;
    case "reassigned":
      return "handoff.assigned";
    case "status_changed":
      return "handoff.status_changed";
    // An undo of an accept, discard or convert moves the status back (a snooze's undo does not).
    case "undone":
      return data.command === "snooze" ? null : "handoff.status_changed";
    case "sla_breached":
      return "handoff.sla_breached";
    case "note":
      return "handoff.note_added";
    case "approval_requested":
      return "approval.requested";
    case "approval_decided":
      return "approval.decided";
    case "meeting_booked":
      return "meeting.booked";
    case "email_received":
      return "message.received";
    default:
      return null;
  }
}
