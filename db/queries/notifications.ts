import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, ne, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { deliveries, handoffs, handoffSlaClocks, notificationPreferences, notifications, slaPolicies, teams, users, type NotificationChannel, type UserRole } from "@/db/schema";

/** Everything a notification about this package says, read once per job. */
export async function loadNotifyContext({ handoffId }: { handoffId: string }) {
  const owner = alias(users, "owner");
  const [row] = await db
    .select({ handoff: handoffs, ownerName: owner.name, ownerEmail: owner.email, teamName: teams.name, teamSlackChannel: teams.slackChannel, clock: handoffSlaClocks, maxBreaches: slaPolicies.maxBreaches })
    .from(handoffs)
    .leftJoin(owner, eq(owner.id, handoffs.ownerId))
    .leftJoin(teams, eq(teams.id, handoffs.teamId))
    .leftJoin(handoffSlaClocks, eq(handoffSlaClocks.handoffId, handoffs.id))
    .leftJoin(slaPolicies, eq(slaPolicies.priority, handoffs.priority))
    .where(eq(handoffs.id, handoffId));
  return row ?? null;
}

export type Recipient = { id: string; name: string | null; email: string; slack: boolean; emailOn: boolean; inApp: boolean; slackTarget: string | null };

/** Active people with their channel preferences (no row: every channel on). */
export async function findRecipients(where: { ids: string[] } | { teamId: string | null; roles: UserRole[] }): Promise<Recipient[]> {
  const condition =
    "ids" in where
      ? where.ids.length
        ? inArray(users.id, where.ids)
        : dsql`false`
      : where.teamId
        ? and(eq(users.teamId, where.teamId), inArray(users.role, where.roles))
        : inArray(users.role, where.roles);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, prefs: notificationPreferences })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(eq(users.active, true), condition))
    .orderBy(users.name);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    slack: r.prefs?.slack ?? true,
    emailOn: r.prefs?.email ?? true,
    inApp: r.prefs?.inApp ?? true,
    slackTarget: r.prefs?.slackTarget ?? null,
  }));
}

type DeliveryKey = { handoffId: string; event: string; channel: NotificationChannel; recipientId: string };

export type Claim =
  /** Never tried: send. */
  | { kind: "fresh"; id: string; createdAt: Date }
  /** An earlier attempt failed with a known error: send again. */
  | { kind: "retry"; id: string; createdAt: Date }
  /** An earlier attempt died mid-send: it may have gone out. */
  | { kind: "unknown"; id: string; createdAt: Date; target: string | null };

/**
 * Takes the delivery's idempotency key before sending. Null when it was already sent: the caller
 * sends nothing. The row is committed as `sending` before the send, so a crash leaves evidence.
 */
export async function claimDelivery(key: DeliveryKey & { target: string | null; subject: string }): Promise<Claim | null> {
  const inserted = await db
    .insert(deliveries)
    .values({ ...key, status: "sending", target: key.target, subject: key.subject })
    .onConflictDoNothing()
    .returning({ id: deliveries.id, createdAt: deliveries.createdAt });
  if (inserted[0]) return { kind: "fresh", ...inserted[0] };
  const rows = await db.execute<{ id: string; created_at: Date; previous: "sending" | "failed"; target: string | null }>(dsql`
    update ${deliveries} d set attempts = d.attempts + 1, status = 'sending', updated_at = now()
    from (select id, status as previous, target from ${deliveries}
          where handoff_id = ${key.handoffId} and event = ${key.event} and channel = ${key.channel} and recipient_id = ${key.recipientId}
          for update) old
    where d.id = old.id and old.previous <> 'sent'
    returning d.id, d.created_at, old.previous, old.target`);
  const row = rows[0];
  if (!row) return null;
  const createdAt = new Date(row.created_at);
  return row.previous === "sending" ? { kind: "unknown", id: row.id, createdAt, target: row.target } : { kind: "retry", id: row.id, createdAt };
}

export async function markDeliverySent({ id, providerRef, target, detail }: { id: string; providerRef: string; target: string; detail?: Record<string, unknown> }) {
  await db.update(deliveries).set({ status: "sent", providerRef, target, lastError: null, sentAt: dsql`now()`, updatedAt: dsql`now()`, ...(detail ? { detail } : {}) }).where(eq(deliveries.id, id));
}

export async function markDeliveryFailed({ id, error }: { id: string; error: string }) {
  await db.update(deliveries).set({ status: "failed", lastError: error.slice(0, 1000), updatedAt: dsql`now()` }).where(and(eq(deliveries.id, id), ne(deliveries.status, "sent")));
}

/** The in-app notification and its delivery row in one statement: exactly once without a second system. */
export async function deliverInApp(input: { handoffId: string; event: string; recipientId: string; title: string; body: string; notifyEvent: string }): Promise<boolean> {
  const noteId = randomUUID();
  const rows = await db.execute<{ id: string }>(dsql`
    with claimed as (
      insert into ${deliveries} (handoff_id, event, channel, recipient_id, status, target, subject, provider_ref, sent_at)
      values (${input.handoffId}, ${input.event}, 'in_app', ${input.recipientId}, 'sent', 'in-app', ${input.title}, ${noteId}, now())
      on conflict do nothing
      returning id
    )
    insert into ${notifications} (id, user_id, handoff_id, event, title, body)
    select ${noteId}, ${input.recipientId}, ${input.handoffId}, ${input.notifyEvent}, ${input.title}, ${input.body} from claimed
    returning id`);
  return rows.length > 0;
}

export async function listNotifications({ userId, limit = 50 }: { userId: string; limit?: number }) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

export async function countUnreadNotifications({ userId }: { userId: string }) {
  const [row] = await db.select({ n: dsql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markNotificationsRead({ userId, ids }: { userId: string; ids?: string[] }) {
  await db
    .update(notifications)
    .set({ readAt: dsql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined));
}

export async function getNotificationPreferences({ userId }: { userId: string }) {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ?? { userId, slack: true, email: true, inApp: true, slackTarget: null, updatedAt: null };
}

export async function saveNotificationPreferences(input: { userId: string; slack: boolean; email: boolean; inApp: boolean; slackTarget: string | null }) {
  const values = { slack: input.slack, email: input.email, inApp: input.inApp, slackTarget: input.slackTarget, updatedAt: new Date() };
  const [row] = await db.insert(notificationPreferences).values({ userId: input.userId, ...values }).onConflictDoUpdate({ target: notificationPreferences.userId, set: values }).returning();
  return row;
}

/** The delivery log, newest first: every message with its status, for admins. */
export async function listDeliveries({ limit = 200 }: { limit?: number } = {}) {
  return db
    .select({ delivery: deliveries, recipientName: users.name, recipientEmail: users.email, leadName: handoffs.leadName, companyName: handoffs.companyName })
    .from(deliveries)
    .innerJoin(users, eq(users.id, deliveries.recipientId))
    .innerJoin(handoffs, eq(handoffs.id, deliveries.handoffId))
    .orderBy(desc(deliveries.createdAt))
    .limit(limit);
}
