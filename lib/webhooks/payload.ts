import type { Handoff } from "@/db/schema";
import { maskDeep } from "@/lib/privacy/mask-text";
import { WEBHOOK_PAYLOAD_VERSION } from "./events";

/** The package as an outside system sees it in every event: its id, a link, and what the inbox lists. */
export function handoffSummary(handoff: Handoff, appUrl: string) {
  return {
    id: handoff.id,
    url: `${appUrl.replace(/\/$/, "")}/handoffs/${handoff.id}`,
    status: handoff.status,
    priority: handoff.priority,
    decision: handoff.decision,
    channel: handoff.channel,
    ownerId: handoff.ownerId,
    teamId: handoff.teamId,
    leadName: handoff.leadName,
    leadEmail: handoff.leadEmail,
    companyName: handoff.companyName,
    summary: handoff.summary,
    reasons: handoff.reasons,
    slaDueAt: handoff.slaDueAt.toISOString(),
    version: handoff.version,
    createdAt: handoff.createdAt.toISOString(),
    updatedAt: handoff.updatedAt.toISOString(),
  };
}

/**
 * The body every endpoint receives for one event: `{ type, timestamp, version, data }` as Standard
 * Webhooks suggests. Stored values are already masked; the whole body is masked once more, so a
 * note or a field that carried a card number or a password still cannot leave Baton with it.
 */
export function buildWebhookPayload(input: {
  type: string;
  occurredAt: Date;
  handoff: ReturnType<typeof handoffSummary> | null;
  event?: {
    actorKind: string;
    actorId: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
    data: Record<string, unknown>;
  } | null;
}): Record<string, unknown> {
  const body = {
    type: input.type,
    timestamp: input.occurredAt.toISOString(),
    version: WEBHOOK_PAYLOAD_VERSION,
    data: { handoff: input.handoff, ...(input.event ? { event: input.event } : {}) },
  };
  return maskDeep(body).value;
}
