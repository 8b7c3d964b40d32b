import { and, asc, eq, gte, inArray, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, sql } from "@/db";
import { enqueue } from "@/db/queries/outbox";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { chatEntries, conversations, handoffEvents, handoffs, messages, teams, users } from "@/db/schema";
import type { HandoffPackage } from "@/lib/contract/package";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

// The live chat: what a person writes to a lead in the console, and the conversation as the widget and
// the package page follow it. Every insert into `messages` is announced by a trigger (pg_notify on
// `baton_chat`, migration 0021), so nothing here has to remember to wake anybody.

/** Where routing placed a chat package: its owner and team, as the agent names them to the lead. */
export async function findChatRouting({ handoffId }: { handoffId: string }) {
  const owner = alias(users, "owner");
  const [row] = await db
    .select({ ownerName: owner.name, teamName: teams.name })
    .from(handoffs)
    .leftJoin(owner, eq(owner.id, handoffs.ownerId))
    .leftJoin(teams, eq(teams.id, handoffs.teamId))
    .where(eq(handoffs.id, handoffId));
  return row ?? null;
}

/** The owner hears of a lead who asked for a person (once: the outbox key is the package's `created` notice). */
export async function notifyPersonRequested({ handoffId }: { handoffId: string }) {
  await db.transaction((tx) => enqueue(tx, "notify", { handoffId, event: "created" }));
}

export type LiveMessage = {
  id: string;
  author: "lead" | "agent" | "human";
  text: string;
  /** Set when the line travelled another way than the conversation's own (a chat continued by email). */
  channel: "form" | "chat" | "email" | "landing_page" | null;
  sentAt: Date;
  /** A person's message: their name and team, as the lead sees them ("Dana from Sales"). */
  authorName: string | null;
  authorTeam: string | null;
};

/**
 * How far before the caller's last message a read looks again. Send times are taken inside each
 * inserting transaction (clock_timestamp), so a message can commit a moment after a later-stamped one
 * was already read; looking back this far, with callers deduping by id, means it is still delivered.
 */
export const LIVE_LOOKBACK_MS = 5_000;

/**
 * A conversation's messages, oldest first, with the person behind each `human` one. With `after` (the
 * id of the last message the caller has), only those sent since a little before it (LIVE_LOOKBACK_MS):
 * the caller dedupes by id. An unknown `after` reads the whole conversation.
 */
export async function listLiveMessages({
  conversationId,
  after,
  afterSentAt,
}: {
  conversationId: string;
  after?: string | null;
  afterSentAt?: Date | null;
}): Promise<LiveMessage[]> {
  const author = alias(users, "author");
  const authorTeam = alias(teams, "author_team");
  // A follower that already read the cursor's send time passes it: one query per wake-up, not two.
  let since: Date | null = afterSentAt ? new Date(afterSentAt.getTime() - LIVE_LOOKBACK_MS) : null;
  if (after && !since) {
    const [row] = await db
      .select({ sentAt: messages.sentAt })
      .from(messages)
      .where(and(eq(messages.id, after), eq(messages.conversationId, conversationId)));
    since = row ? new Date(row.sentAt.getTime() - LIVE_LOOKBACK_MS) : null;
  }
  return db
    .select({
      id: messages.id,
      author: messages.author,
      text: messages.text,
      channel: messages.channel,
      sentAt: messages.sentAt,
      authorName: author.name,
      authorTeam: authorTeam.name,
    })
    .from(messages)
    .leftJoin(author, eq(author.id, messages.authorUserId))
    .leftJoin(authorTeam, eq(authorTeam.id, author.teamId))
    .where(and(eq(messages.conversationId, conversationId), since ? gte(messages.sentAt, since) : undefined))
    .orderBy(asc(messages.sentAt), asc(messages.id));
}

export async function findConversation({ id }: { id: string }) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row ?? null;
}

/**
 * A person's message to the lead, and the conversation is theirs from now on (the agent stays quiet
 * until the package is handed back). The trigger of migration 0019 stamps the package's first human contact.
 */
export async function insertHumanMessage({ conversationId, userId, text }: { conversationId: string; userId: string; text: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messages)
      .values({ conversationId, author: "human", authorUserId: userId, text, sentAt: dsql`clock_timestamp()` })
      .returning();
    await tx
      .update(conversations)
      .set({ handledBy: "human", updatedAt: dsql`now()` })
      .where(eq(conversations.id, conversationId));
    return row!;
  });
}

/**
 * The lead's widget is open on this conversation (a stream's heartbeat, a poll). Written at most every
 * LEAD_SEEN_RESOLUTION_S per conversation, so 200 open widgets stay a handful of writes a second.
 */
export async function markLeadSeen({ conversationId }: { conversationId: string }) {
  await db
    .update(conversations)
    .set({ leadSeenAt: dsql`now()` })
    .where(
      and(
        eq(conversations.id, conversationId),
        dsql`(${conversations.leadSeenAt} is null or ${conversations.leadSeenAt} < now() - make_interval(secs => ${LEAD_SEEN_RESOLUTION_S}))`,
      ),
    );
}

export const LEAD_SEEN_RESOLUTION_S = 20;

/** When the lead last showed they were in the chat: their widget was open, or they wrote. Null: never. */
export async function leadLastSeen({ conversationId }: { conversationId: string }): Promise<Date | null> {
  const [row] = await db
    .select({
      at: dsql<Date | null>`greatest(${conversations.leadSeenAt}, (select max(${messages.sentAt}) from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.author} = 'lead'))`.mapWith(
        (v: string | Date | null) => (v === null ? null : new Date(v)),
      ),
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row?.at ?? null;
}

/** The packages that hold these conversations (the console's live view authorises by package). */
export async function handoffsOfConversations({ conversationIds }: { conversationIds: string[] }) {
  if (conversationIds.length === 0) return [];
  return db.select({ id: handoffs.id, conversationId: handoffs.conversationId }).from(handoffs).where(inArray(handoffs.conversationId, conversationIds));
}

/**
 * The process's one LISTEN connection for `baton_chat` (its own, outside the pool; postgres.js
 * reconnects it and listens again, calling `onListen` each time so followers re-read what they may
 * have missed while it was down).
 */
export async function listenForChatMessages(handlers: { onMessage: (conversationId: string) => void; onListen: () => void }) {
  return sql.listen(CHAT_CHANNEL, handlers.onMessage, handlers.onListen);
}

export const CHAT_CHANNEL = "baton_chat";

/** The owner hears that their chat lead wrote (in-app, Slack, email by their preferences), once per message. */
export async function notifyLeadMessage({ handoffId, messageId, ownerId }: { handoffId: string; messageId: string; ownerId: string }) {
  await db.transaction((tx) => enqueue(tx, "notify", { handoffId, event: "lead_message", occurrence: messageId, ownerId }));
}

/** The chat's entry context, kept from its first turn that carried one (a later page's context does not replace it). */
export async function saveChatEntry({ conversationId, source }: { conversationId: string; source: Record<string, unknown> }) {
  await db.insert(chatEntries).values({ conversationId, source }).onConflictDoNothing();
}

export async function findChatEntry({ conversationId }: { conversationId: string }): Promise<Record<string, unknown> | null> {
  const [row] = await db.select({ source: chatEntries.source }).from(chatEntries).where(eq(chatEntries.conversationId, conversationId));
  return row?.source ?? null;
}

/** The chat's package, with what it needs for the lead's receipt and corrections. */
export async function findConversationHandoff({ conversationId }: { conversationId: string }) {
  const [row] = await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)).orderBy(asc(handoffs.createdAt)).limit(1);
  return row ?? null;
}

/**
 * The lead's correction of a line of their receipt: the package (and its inbox columns) as corrected,
 * with its timeline event, only if nobody changed the package since it was read. Null when someone did.
 */
export async function saveLeadCorrection(input: {
  handoffId: string;
  expectedVersion: number;
  pkg: HandoffPackage;
  field: string;
  before: string | null;
  after: string;
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handoffs)
      .set({ ...handoffColumnsFromPackage(input.pkg), updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
      .where(and(eq(handoffs.id, input.handoffId), eq(handoffs.version, input.expectedVersion)))
      .returning({ id: handoffs.id, version: handoffs.version });
    if (!updated) return null;
    await insertHandoffEvent(tx, input.handoffId, {
      type: LEAD_CORRECTION_EVENT,
      actorKind: "agent",
      data: { field: input.field, before: input.before, after: input.after },
    });
    return updated;
  });
}

export const LEAD_CORRECTION_EVENT = "corrected_by_lead";

/** Every correction the lead made on this package, oldest first (a later chat turn re-applies them). */
export async function listLeadCorrections({ handoffId }: { handoffId: string }): Promise<{ field: string; after: string }[]> {
  const rows = await db
    .select({ data: handoffEvents.data })
    .from(handoffEvents)
    .where(and(eq(handoffEvents.handoffId, handoffId), eq(handoffEvents.type, LEAD_CORRECTION_EVENT)))
    .orderBy(asc(handoffEvents.id));
  return rows.flatMap((r) => {
    const data = r.data as { field?: unknown; after?: unknown };
    return typeof data.field === "string" && typeof data.after === "string" ? [{ field: data.field, after: data.after }] : [];
  });
}
