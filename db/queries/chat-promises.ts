import { and, eq, inArray, isNull, lt, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { getTeamCalendar, slaDeadline } from "@/db/queries/routing";
import { chatPromises, conversations, handoffs, messages } from "@/db/schema";
import { isOpenAt } from "@/lib/sla/business-time";

// When the chat agent told a lead a person will answer (lib/chat/chat-promise.ts): the package's own
// SLA deadline, in its team's calendar. One promise per package; one apology if nobody kept it.

export type StoredPromise = { by: Date; timeZone: string; open: boolean; madeNow: boolean };

/**
 * The promise for this chat package: made now from its SLA deadline (as routing and the team's
 * calendar set it), or the one already made. Null when no deadline can be promised (no package, no SLA deadline).
 */
export async function promiseForChatHandoff({
  handoffId,
  conversationId,
  now,
}: {
  handoffId: string;
  conversationId: string;
  now: Date;
}): Promise<StoredPromise | null> {
  const [handoff] = await db.select({ slaDueAt: handoffs.slaDueAt, teamId: handoffs.teamId }).from(handoffs).where(eq(handoffs.id, handoffId));
  // No SLA clock (no routed team, nothing to keep): no time is promised rather than a made-up one.
  if (!handoff?.slaDueAt) return null;
  const calendar = await getTeamCalendar(db, handoff.teamId);
  const made = await db.insert(chatPromises).values({ handoffId, conversationId, promisedBy: handoff.slaDueAt, madeAt: now }).onConflictDoNothing().returning();
  const stored = (made.length ? made : await db.select().from(chatPromises).where(eq(chatPromises.handoffId, handoffId)))[0]!;
  return {
    by: stored.renewedBy ?? stored.promisedBy,
    timeZone: calendar?.timeZone ?? "UTC",
    open: calendar ? isOpenAt(now, calendar) : true,
    madeNow: made.length > 0,
  };
}

/**
 * Promises whose time passed with no person's word in the chat (the package's first human contact is
 * still empty) and no apology yet, on packages still open.
 */
export async function findBrokenChatPromises({ now, limit = 200 }: { now: Date; limit?: number }) {
  return db
    .select({ promise: chatPromises, priority: handoffs.priority, teamId: handoffs.teamId })
    .from(chatPromises)
    .innerJoin(handoffs, eq(handoffs.id, chatPromises.handoffId))
    .where(
      and(
        isNull(chatPromises.apologisedAt),
        lt(chatPromises.promisedBy, now),
        isNull(handoffs.firstHumanContactAt),
        inArray(handoffs.status, ["pending", "accepted"]),
      ),
    )
    .orderBy(chatPromises.promisedBy)
    .limit(limit);
}

/** The new deadline the SLA engine gives from now, for this package's priority and team. */
export async function renewedDeadline({ priority, teamId, now }: { priority: "immediate" | "normal" | "nurture" | null; teamId: string | null; now: Date }) {
  const calendar = await getTeamCalendar(db, teamId);
  return {
    by: await slaDeadline({ priority: priority ?? "normal", teamId, from: now }),
    timeZone: calendar?.timeZone ?? "UTC",
    open: calendar ? isOpenAt(now, calendar) : true,
  };
}

/**
 * The apology, once: the agent's line in the chat, the new time on the promise and the timeline
 * event commit together, and only for the caller that marks the promise apologised (a second sweep,
 * in this process or another, finds nothing to do).
 */
export async function apologiseForChatPromise(input: {
  handoffId: string;
  conversationId: string;
  promisedBy: Date;
  renewedBy: Date;
  text: string;
  now: Date;
}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [marked] = await tx
      .update(chatPromises)
      .set({ apologisedAt: input.now, renewedBy: input.renewedBy })
      .where(and(eq(chatPromises.handoffId, input.handoffId), isNull(chatPromises.apologisedAt)))
      .returning({ handoffId: chatPromises.handoffId });
    if (!marked) return false;
    await tx.insert(messages).values({ conversationId: input.conversationId, author: "agent", text: input.text, sentAt: dsql`clock_timestamp()` });
    await tx
      .update(conversations)
      .set({ updatedAt: dsql`now()` })
      .where(eq(conversations.id, input.conversationId));
    await insertHandoffEvent(tx, input.handoffId, {
      type: "chat_promise_broken",
      actorKind: "agent",
      data: { promisedBy: input.promisedBy.toISOString(), renewedBy: input.renewedBy.toISOString() },
    });
    return true;
  });
}
