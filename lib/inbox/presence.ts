import { getHandoff } from "@/db/queries/handoffs";
import { listPresence, recordViewer, removeViewer, type Presence } from "@/db/queries/presence";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { canViewHandoff } from "@/lib/handoffs/access";

/** What the package page shows about the others: plain values, safe to send to the browser. */
export type PresenceView = { viewers: string[]; acted: { by: string; what: string; at: string } | null };

/**
 * The package page's heartbeat: records that this person has the package open (or has left it),
 * and answers with who else is looking at it and who else changed it a moment ago.
 */
export async function touchPresence(options: { actor: Actor; handoffId: string; leaving?: boolean }): Promise<PresenceView> {
  const found = await getHandoff({ id: options.handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  if (!canViewHandoff(options.actor, found.handoff)) throw new UserError("forbidden", "This package is outside your team's queue.");
  if (options.leaving) {
    await removeViewer({ handoffId: options.handoffId, userId: options.actor.id });
    return { viewers: [], acted: null };
  }
  await recordViewer({ handoffId: options.handoffId, userId: options.actor.id });
  const presence = await listPresence({ handoffIds: [options.handoffId], exceptUserId: options.actor.id });
  return presenceView(presence.get(options.handoffId));
}

export function presenceView(presence: Presence | undefined): PresenceView {
  if (!presence) return { viewers: [], acted: null };
  const acted = presence.acted;
  return { viewers: presence.viewers, acted: acted ? { by: acted.by, what: describeAction(acted.type, acted.toStatus), at: acted.at.toISOString() } : null };
}

const statusVerbs: Record<string, string> = {
  accepted: "accepted it",
  in_follow_up: "marked it in follow-up",
  converted: "converted it",
  discarded: "discarded it",
  pending: "sent it back to pending",
};

/** A timeline event as a short past-tense phrase: "accepted it", "added a note". */
export function describeAction(type: string, toStatus: string | null): string {
  if (type === "status_changed" && toStatus) return statusVerbs[toStatus] ?? "changed its status";
  if (type === "reassigned") return "reassigned it";
  if (type === "note") return "added a note";
  if (type === "poor_escalation_flagged") return "flagged the escalation";
  return "acted on it";
}
