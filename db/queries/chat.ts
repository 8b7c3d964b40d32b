import { followUpPackageInTransaction } from "@/db/queries/escalation";
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql as dsql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { attachConversationAnswers } from "@/db/queries/knowledge";
import { queueWebhookEvent } from "@/db/queries/webhooks";
import { apiKeys, conversations, handoffs, intakes, leads, messages, teams, users, type HandoffPriority, type HandoffStatus } from "@/db/schema";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import type { DecisionKind } from "@/lib/contract/decision";
import type { HandoffPackage, ReasonCode } from "@/lib/contract/package";
import { routingFactsFor } from "@/lib/routing/facts";
import { tightenSlaClock } from "./routing";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

/** The chat's conversation, created with the agent's greeting as its first line the first time the session speaks. */
export async function openChatConversation({ id, greeting }: { id: string; greeting: string }) {
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(conversations)
      .values({ id, channel: "chat" })
      .onConflictDoNothing({ target: conversations.id })
      .returning({ id: conversations.id });
    if (created.length) await tx.insert(messages).values({ conversationId: id, author: "agent", text: greeting, sentAt: dsql`clock_timestamp()` });
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, id));
    return row;
  });
}

/**
 * A line of the chat. A lead's line on a conversation that already has its package (`handoffId`) is
 * news to the outside: `message.received` is queued for the webhooks in the same transaction, with
 * the text as stored (masked).
 */
export async function appendChatMessage({
  conversationId,
  author,
  text,
  handoffId = null,
}: {
  conversationId: string;
  author: "lead" | "agent";
  text: string;
  handoffId?: string | null;
}) {
  return db.transaction(async (tx) => {
    // clock_timestamp, not now(): lines written in one breath still sort in the order they were said.
    const [row] = await tx
      .insert(messages)
      .values({ conversationId, author, text, sentAt: dsql`clock_timestamp()` })
      .returning();
    await tx
      .update(conversations)
      .set({ updatedAt: dsql`now()` })
      .where(eq(conversations.id, conversationId));
    if (author === "lead" && handoffId)
      await queueWebhookEvent(tx, {
        type: "message.received",
        handoffId,
        event: {
          actorKind: "lead",
          actorId: null,
          fromStatus: null,
          toStatus: null,
          note: null,
          data: { channel: "chat", conversationId, messageId: row!.id, text: row!.text, sentAt: row!.sentAt.toISOString() },
        },
      });
    return row!;
  });
}

/** The conversation's handoff: linked by conversation, or (if the link was not written yet) by the chat's intake. */
export async function findChatHandoff({ conversationId, externalId }: { conversationId: string; externalId: string }) {
  const intake = db.select({ id: intakes.id }).from(intakes).where(eq(intakes.externalId, externalId));
  const [row] = await db
    .select()
    .from(handoffs)
    .where(or(eq(handoffs.conversationId, conversationId), inArray(handoffs.intakeId, intake)))
    .orderBy(asc(handoffs.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Single voice: the person who owns this lead right now, on any channel (a package of theirs that
 * is accepted or in follow-up), or null when the agent may speak. The chat's own package wins, then
 * the lead's other packages, found by lead or by the email the lead gave. Every agent that talks to
 * leads, or follows up with them automatically, asks this before it says anything.
 */
export async function findPersonOwningLead({ handoffId, leadId, email }: { handoffId: string | null; leadId: string | null; email: string | null }) {
  const match: SQL[] = [];
  if (handoffId) match.push(eq(handoffs.id, handoffId));
  if (leadId) match.push(eq(handoffs.leadId, leadId));
  if (email) match.push(eq(dsql`lower(${leads.email})`, email.trim().toLowerCase()));
  if (match.length === 0) return null;
  const owner = alias(users, "owner");
  const [row] = await db
    .select({ handoffId: handoffs.id, leadId: handoffs.leadId, ownerId: owner.id, ownerName: owner.name })
    .from(handoffs)
    .innerJoin(owner, eq(owner.id, handoffs.ownerId))
    .leftJoin(leads, eq(leads.id, handoffs.leadId))
    .where(and(inArray(handoffs.status, ["accepted", "in_follow_up"]), or(...match)))
    .orderBy(...(handoffId ? [desc(dsql`${handoffs.id} = ${handoffId}`)] : []), dsql`${handoffs.acceptedAt} desc nulls last`)
    .limit(1);
  return row ?? null;
}

/**
 * Where chat handoffs land until routing rules exist (a stop-gap): the team of the active intake key
 * named "Chat widget", so an admin chooses the team by creating that key; else the first team by name.
 */
export async function findChatTeamId(): Promise<string | null> {
  const [key] = await db
    .select({ teamId: apiKeys.teamId })
    .from(apiKeys)
    .where(and(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME), isNull(apiKeys.revokedAt), isNotNull(apiKeys.teamId)))
    .orderBy(asc(apiKeys.createdAt))
    .limit(1);
  if (key?.teamId) return key.teamId;
  const [team] = await db.select({ id: teams.id }).from(teams).orderBy(asc(teams.name)).limit(1);
  return team?.id ?? null;
}

/** Links a new chat handoff to its conversation, and the conversation to the lead (each only once). */
export async function linkChatHandoff({ conversationId, handoffId }: { conversationId: string; handoffId: string }) {
  await db.transaction(async (tx) => {
    const [handoff] = await tx.select({ leadId: handoffs.leadId }).from(handoffs).where(eq(handoffs.id, handoffId));
    await tx
      .update(handoffs)
      .set({ conversationId })
      .where(and(eq(handoffs.id, handoffId), isNull(handoffs.conversationId)));
    if (handoff?.leadId)
      await tx
        .update(conversations)
        .set({ leadId: handoff.leadId })
        .where(and(eq(conversations.id, conversationId), isNull(conversations.leadId)));
    // The questions the lead asked before there was a package go on its timeline.
    await attachConversationAnswers(tx, { conversationId, handoffId });
  });
}

export async function linkConversationLead({ conversationId, leadId }: { conversationId: string; leadId: string }) {
  await db
    .update(conversations)
    .set({ leadId })
    .where(and(eq(conversations.id, conversationId), isNull(conversations.leadId)));
}

/** Flips who speaks in the conversation; true only for the caller that made the change (so a handover is announced once). */
export async function setConversationHandler({ conversationId, from, to }: { conversationId: string; from: "agent" | "human"; to: "agent" | "human" }) {
  const rows = await db
    .update(conversations)
    .set({ handledBy: to, updatedAt: dsql`now()` })
    .where(and(eq(conversations.id, conversationId), eq(conversations.handledBy, from)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/**
 * A later chat turn's reassessment of the conversation's handoff, written only if nobody changed the
 * package since it was read and nobody has taken it: the SQL condition settles a race with a person
 * accepting it. The timeline event and the CRM-sync (and, on a first escalation, notification) jobs
 * commit with it. Returns null when the package was not the agent's to change any more.
 */
export async function updateChatHandoff(input: {
  handoffId: string;
  expectedVersion: number;
  decision: DecisionKind;
  priority: HandoffPriority | null;
  reasons: ReasonCode[];
  pkg: HandoffPackage;
  reopen: boolean;
  event: { data: Record<string, unknown>; fromStatus: HandoffStatus; toStatus: HandoffStatus } | null;
  notify: boolean;
  /** How the SLA deadline moves (lib/chat/plan-handoff-update.ts). */
  sla: "route" | "restart" | "keep";
  /** The turn's clock: a new SLA window is counted from it, in the team's business hours. */
  now: Date;
}) {
  const { pkg } = input;
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ slaDueAt: handoffs.slaDueAt, ownerId: handoffs.ownerId }).from(handoffs).where(eq(handoffs.id, input.handoffId));
    const [updated] = await tx
      .update(handoffs)
      .set({
        decision: input.decision,
        priority: input.priority,
        reasons: input.reasons,
        ...handoffColumnsFromPackage(pkg),
        ...(input.reopen ? { status: "pending" as const, discardReason: null, closedAt: null } : {}),
        // Escalated past what a person handed back: the hand-back no longer holds it.
        handedBackFrom: null,
        updatedAt: dsql`now()`,
        version: dsql`${handoffs.version} + 1`,
      })
      .where(
        and(
          eq(handoffs.id, input.handoffId),
          eq(handoffs.version, input.expectedVersion),
          or(eq(handoffs.status, "pending"), and(eq(handoffs.status, "discarded"), eq(handoffs.decision, "filter"), isNull(handoffs.ownerId))),
        ),
      )
      .returning();
    if (!updated) return null;

    if (updated.leadId) {
      const id = pkg.identification;
      // Fill what the lead record lacks; an email already on another lead stays there (one lead per email).
      await tx.execute(dsql`
        update ${leads} set
          name = coalesce(${leads.name}, ${id.name}),
          phone = coalesce(${leads.phone}, ${id.phone}),
          role = coalesce(${leads.role}, ${id.role}),
          email = case when ${leads.email} is null and ${id.email}::text is not null
                        and not exists (select 1 from ${leads} other where lower(other.email) = lower(${id.email}::text))
                       then ${id.email} else ${leads.email} end,
          updated_at = now()
        where ${leads.id} = ${updated.leadId}`);
    }
    // Every SLA deadline comes from the one business-time calculation (lib/sla) in the team's hours:
    // the lead reaches a person for the first time and the routing rules place it (they lock until
    // commit, so they run late), or a sharper priority restarts the clock; a refresh keeps the deadline.
    let result = updated;
    const route =
      input.sla === "route" && input.priority
        ? {
            handoffId: updated.id,
            facts: routingFactsFor({ pkg, priority: input.priority, reasons: input.reasons, sourceTeamId: updated.teamId }),
            priority: input.priority,
            now: input.now,
          }
        : null;
    const routed = await followUpPackageInTransaction(tx, { handoffId: updated.id, notify: input.notify, route });
    if (routed) {
      result = { ...updated, ownerId: routed.decision.ownerId, teamId: routed.decision.teamId, slaDueAt: routed.slaDueAt };
    } else if (input.sla === "restart" && input.priority) {
      result = {
        ...updated,
        slaDueAt: await tightenSlaClock(tx, {
          handoffId: updated.id,
          priority: input.priority,
          teamId: updated.teamId,
          ownerId: updated.ownerId,
          now: input.now,
        }),
      };
    }
    if (input.event) {
      // What changed, for the timeline: the plan's decision and facts, and the deadline and owner as they now stand.
      const moved =
        before && before.slaDueAt.getTime() !== result.slaDueAt.getTime()
          ? { slaDueAt: { from: before.slaDueAt.toISOString(), to: result.slaDueAt.toISOString() } }
          : {};
      const owner = before && before.ownerId !== result.ownerId ? { owner: { from: before.ownerId, to: result.ownerId } } : {};
      await insertHandoffEvent(tx, updated.id, {
        type: "updated_from_chat",
        actorKind: "agent",
        fromStatus: input.event.fromStatus,
        toStatus: input.event.toStatus,
        data: { ...input.event.data, ...moved, ...owner },
      });
    }
    return result;
  });
}
