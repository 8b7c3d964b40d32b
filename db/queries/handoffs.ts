import { and, desc, eq, inArray, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db";
import { queueApprovalNotice, withdrawApprovalRequest } from "@/db/queries/approvals";
import { enqueue } from "@/db/queries/outbox";
import { queueWebhookEvent } from "@/db/queries/webhooks";
import { webhookEventForTimeline } from "@/lib/webhooks/events";
import {
  approvalRequests,
  conversations,
  handoffEvents,
  handoffs,
  messages,
  packageCorrections,
  teams,
  users,
  type HandoffStatus,
  type NewHandoff,
} from "@/db/schema";
export async function getHandoff({ id }: { id: string }) {
  const ownerAlias = alias(users, "owner");
  const [row] = await db
    .select({ handoff: handoffs, ownerName: ownerAlias.name, ownerEmail: ownerAlias.email, teamName: teams.name })
    .from(handoffs)
    .leftJoin(ownerAlias, eq(ownerAlias.id, handoffs.ownerId))
    .leftJoin(teams, eq(teams.id, handoffs.teamId))
    .where(eq(handoffs.id, id))
    .limit(1);
  return row ?? null;
}

export async function listHandoffEvents({ handoffId, limit = 500 }: { handoffId: string; limit?: number }) {
  return db
    .select({ event: handoffEvents, actorName: users.name, actorEmail: users.email })
    .from(handoffEvents)
    .leftJoin(users, eq(users.id, handoffEvents.actorId))
    .where(eq(handoffEvents.handoffId, handoffId))
    .orderBy(desc(handoffEvents.createdAt), desc(handoffEvents.id))
    .limit(limit);
}

export type HandoffChange = Partial<
  Pick<
    NewHandoff,
    | "status"
    | "ownerId"
    | "teamId"
    | "acceptedAt"
    | "closedAt"
    | "valueAmount"
    | "valueCurrency"
    | "meetingBooked"
    | "discardReason"
    | "priority"
    | "slaDueAt"
    | "snoozedUntil"
    | "infoRequest"
    | "handedBackFrom"
    | "package"
  >
>;

export type HandoffEventInput = {
  type: string;
  actorKind: "user" | "agent" | "system";
  actorId?: string | null;
  fromStatus?: HandoffStatus | null;
  toStatus?: HandoffStatus | null;
  note?: string | null;
  data?: Record<string, unknown>;
};

/** Rows and jobs that commit with a package change, or not at all. */
export type AlongWithChange = {
  /** An agent line in the package's chat; `resume` also gives the conversation back to the agent. */
  chatMessage?: { conversationId: string; text: string; resume?: boolean };
  /** An outbound action waiting for a person's approval (e.g. the email asking for more info). */
  approval?: { id: string; actionType: string; params: Record<string, unknown>; consequence: string; reason: string; expiresAt: Date; requestedById: string };
  correction?: { actorId: string; kind: "confirm" | "correct" | "answer"; field: string; before: string | null; after: string };
  /** A drafted email that no longer applies (its request was replaced or dropped): it must never be sent. */
  withdrawApprovalId?: string | null;
  /** The CRM follows the change (lead status, task, deal stage and amount), through the outbox. */
  syncCrm?: boolean;
};

/**
 * The one write path for a change to a package. The row changes only if nobody changed it since
 * `expectedVersion` was read and its status is still one the command may start from; the timeline
 * event and whatever the change causes (`along`) are written in the same transaction. Returns null,
 * having written nothing, when someone else got there first.
 */
export async function changeHandoff(options: {
  id: string;
  expectedVersion: number;
  fromStatuses: readonly HandoffStatus[];
  change: HandoffChange;
  event: HandoffEventInput;
  along?: AlongWithChange;
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handoffs)
      .set({ ...options.change, updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
      .where(and(eq(handoffs.id, options.id), eq(handoffs.version, options.expectedVersion), inArray(handoffs.status, [...options.fromStatuses])))
      .returning();
    if (!updated) return null;
    const { chatMessage, approval, correction, withdrawApprovalId, syncCrm } = options.along ?? {};
    if (withdrawApprovalId) await withdrawApprovalRequest(tx, withdrawApprovalId);
    if (approval) {
      await tx.insert(approvalRequests).values({ ...approval, handoffId: updated.id, status: "pending" });
      // The same approval path as the agent's own proposals: Slack buttons, email links, the console.
      await queueApprovalNotice(tx, approval.id);
    }
    if (chatMessage) {
      await tx
        .insert(messages)
        .values({ conversationId: chatMessage.conversationId, author: "agent", text: chatMessage.text, sentAt: dsql`clock_timestamp()` });
      await tx
        .update(conversations)
        .set({ updatedAt: dsql`now()`, ...(chatMessage.resume ? { handledBy: "agent" } : {}) })
        .where(eq(conversations.id, chatMessage.conversationId));
    }
    if (correction) await tx.insert(packageCorrections).values({ ...correction, handoffId: updated.id });
    await insertHandoffEvent(tx, updated.id, options.event);
    if (syncCrm) await enqueue(tx, "crmSync", { handoffId: updated.id });
    return updated;
  });
}

export async function addHandoffEvent({ handoffId, event }: { handoffId: string; event: HandoffEventInput }) {
  await db.transaction((tx) => insertHandoffEvent(tx, handoffId, event));
}

/**
 * The one insert of a timeline event, so every write path also tells the outbound webhooks (in the
 * same transaction) what the event means to the outside, if anything.
 */
export async function insertHandoffEvent(tx: Transaction, handoffId: string, event: HandoffEventInput) {
  const row = {
    handoffId,
    type: event.type,
    actorKind: event.actorKind,
    actorId: event.actorId ?? null,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    note: event.note ?? null,
    data: event.data ?? {},
  };
  const inserted = tx.insert(handoffEvents).values(row).execute();
  const outward = webhookEventForTimeline(row);
  // The webhooks' lookup goes out right behind the insert (pipelined), not after its answer.
  await Promise.all([inserted, outward ? queueWebhookEvent(tx, { type: outward, handoffId, event: row }) : undefined]);
}
