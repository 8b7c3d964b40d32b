import { and, asc, eq, gte, inArray, lt, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { queueApprovalNotice } from "@/db/queries/approvals";
import { insertHandoffEvent, type HandoffChange, type HandoffEventInput } from "@/db/queries/handoffs";
import { approvalRequests, conversations, handoffs, messages, packageCorrections, users, type HandoffStatus } from "@/db/schema";

/** Rows that commit with a package change, or not at all. */
export type AlongWithChange = {
  /** An agent line in the package's chat; `resume` also gives the conversation back to the agent. */
  chatMessage?: { conversationId: string; text: string; resume?: boolean };
  /** An outbound action waiting for a person's approval (e.g. the email asking for more info). */
  approval?: { id: string; actionType: string; params: Record<string, unknown>; consequence: string; reason: string; expiresAt: Date; requestedById: string };
  correction?: { actorId: string; kind: "confirm" | "correct" | "answer"; field: string; before: string | null; after: string };
  /** A drafted email that no longer applies (its request was replaced or dropped): it must never be sent. */
  withdrawApprovalId?: string | null;
};

/**
 * A change to a package with its timeline event and whatever else it causes, in one transaction and
 * only if nobody changed the package since `expectedVersion` (and its status is still one of
 * `fromStatuses`). Returns null, having written nothing, when someone else got there first.
 */
export async function changeHandoffWith(options: {
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
    const { chatMessage, approval, correction, withdrawApprovalId } = options.along ?? {};
    if (withdrawApprovalId) {
      await tx
        .update(approvalRequests)
        .set({ status: "expired", decidedAt: dsql`now()`, version: dsql`${approvalRequests.version} + 1` })
        .where(and(eq(approvalRequests.id, withdrawApprovalId), eq(approvalRequests.status, "pending")));
    }
    if (approval) {
      await tx.insert(approvalRequests).values({ ...approval, handoffId: updated.id, status: "pending" });
      // The same approval path as the agent's own proposals: Slack buttons, email links, the console.
      await queueApprovalNotice(tx, approval.id);
    }
    if (chatMessage) {
      await tx.insert(messages).values({ conversationId: chatMessage.conversationId, author: "agent", text: chatMessage.text, sentAt: dsql`clock_timestamp()` });
      await tx
        .update(conversations)
        .set({ updatedAt: dsql`now()`, ...(chatMessage.resume ? { handledBy: "agent" } : {}) })
        .where(eq(conversations.id, chatMessage.conversationId));
    }
    if (correction) await tx.insert(packageCorrections).values({ ...correction, handoffId: updated.id });
    await insertHandoffEvent(tx, updated.id, options.event);
    return updated;
  });
}

export async function getApprovalRequest({ id }: { id: string }) {
  const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  return row ?? null;
}

/** Who confirmed, corrected or answered what on a package, oldest first. */
export async function listCorrections({ handoffId }: { handoffId: string }) {
  return db
    .select({ correction: packageCorrections, actorName: users.name })
    .from(packageCorrections)
    .leftJoin(users, eq(users.id, packageCorrections.actorId))
    .where(eq(packageCorrections.handoffId, handoffId))
    .orderBy(asc(packageCorrections.createdAt));
}

/**
 * How often reps found the agent's inferences right: confirmed vs corrected in a time range (answers
 * to open questions are counted apart; the agent did not claim anything there), reviewed from `from`
 * up to (not including) `to`. `accuracy` is null when nothing was reviewed.
 */
export async function agentAccuracy({ from, to }: { from: Date; to: Date }) {
  const rows = await db
    .select({ kind: packageCorrections.kind, count: dsql<number>`count(*)::int` })
    .from(packageCorrections)
    .where(and(gte(packageCorrections.createdAt, from), lt(packageCorrections.createdAt, to)))
    .groupBy(packageCorrections.kind);
  const count = (kind: string) => rows.find((r) => r.kind === kind)?.count ?? 0;
  const confirmed = count("confirm");
  const corrected = count("correct");
  return { confirmed, corrected, answered: count("answer"), accuracy: confirmed + corrected === 0 ? null : confirmed / (confirmed + corrected) };
}
