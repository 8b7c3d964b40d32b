import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db";
import {
  deliveries,
  handoffs,
  handoffSlaClocks,
  notificationPreferences,
  notifications,
  slaPolicies,
  teams,
  users,
  type NotificationChannel,
  type UserRole,
} from "@/db/schema";

/**
 * Everything a notification about this package says, read once per job, with the owner as a
 * recipient (their preferences), since most events go to the owner alone.
 */
export async function loadNotifyContext({ handoffId }: { handoffId: string }) {
  const owner = alias(users, "owner");
  const [row] = await db
    .select({
      handoff: handoffs,
      ownerName: owner.name,
      ownerEmail: owner.email,
      ownerActive: owner.active,
      ownerPrefs: notificationPreferences,
      teamName: teams.name,
      teamSlackChannel: teams.slackChannel,
      clock: handoffSlaClocks,
      maxBreaches: slaPolicies.maxBreaches,
    })
    .from(handoffs)
    .leftJoin(owner, eq(owner.id, handoffs.ownerId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, handoffs.ownerId))
    .leftJoin(teams, eq(teams.id, handoffs.teamId))
    .leftJoin(handoffSlaClocks, eq(handoffSlaClocks.handoffId, handoffs.id))
    .leftJoin(slaPolicies, eq(slaPolicies.priority, handoffs.priority))
    .where(eq(handoffs.id, handoffId));
  if (!row) return null;
  const { ownerPrefs, ownerActive, ...context } = row;
  const ownerRecipient: Recipient | null =
    row.handoff.ownerId && ownerActive && row.ownerEmail
      ? recipientOf({ id: row.handoff.ownerId, name: row.ownerName, email: row.ownerEmail, prefs: ownerPrefs })
      : null;
  return { ...context, ownerRecipient };
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
  return rows.map(recipientOf);
}

function recipientOf(r: { id: string; name: string | null; email: string; prefs: typeof notificationPreferences.$inferSelect | null }): Recipient {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    slack: r.prefs?.slack ?? true,
    emailOn: r.prefs?.email ?? true,
    inApp: r.prefs?.inApp ?? true,
    slackTarget: r.prefs?.slackTarget ?? null,
  };
}

export type Claim =
  /** Never tried: send. */
  | { kind: "fresh"; id: string; createdAt: Date }
  /** An earlier attempt failed with a known error: send again. */
  | { kind: "retry"; id: string; createdAt: Date }
  /** An earlier attempt died mid-send: it may have gone out. */
  | { kind: "unknown"; id: string; createdAt: Date; target: string | null };

export type InAppNotice = { recipientId: string; title: string; body: string };
export type DeliveryToClaim = { channel: Exclude<NotificationChannel, "in_app">; recipientId: string; target: string | null; subject: string };

/**
 * One job's deliveries in one statement (a notify job is a handful of them; one round trip
 * instead of one per delivery is what lets the worker keep up with a busy intake):
 * - in-app notices are written with their delivery row as `sent`, exactly once by the key;
 * - email and Slack deliveries are claimed before sending. A claim is null when that delivery
 *   was already sent: the caller sends nothing. The row is committed as `sending` before the
 *   send, so a crash leaves evidence, and the next attempt learns it as `unknown`.
 */
export async function claimDeliveries(input: {
  handoffId: string;
  event: string;
  notifyEvent: string;
  inApp: InAppNotice[];
  sends: DeliveryToClaim[];
}): Promise<{ inAppSent: number; claims: (Claim | null)[] }> {
  const notices = input.inApp.map((n) => ({ id: randomUUID(), recipient_id: n.recipientId, title: n.title, body: n.body }));
  const sends = input.sends.map((s, i) => ({ i, channel: s.channel, recipient_id: s.recipientId, target: s.target, subject: s.subject }));
  const rows = await db.execute<{
    kind: "in_app" | "fresh" | "sending" | "failed";
    i: number | null;
    id: string;
    created_at: string;
    target: string | null;
  }>(dsql`
    with wanted as (
      select * from jsonb_to_recordset(${JSON.stringify(sends)}::jsonb) as w(i int, channel notification_channel, recipient_id text, target text, subject text)
    ),
    old as (
      select d.id, d.status, d.target, d.created_at, w.i
      from ${deliveries} d join wanted w on d.channel = w.channel and d.recipient_id = w.recipient_id
      where d.handoff_id = ${input.handoffId} and d.event = ${input.event}
      for update of d
    ),
    retried as (
      update ${deliveries} d set attempts = d.attempts + 1, status = 'sending', updated_at = now()
      from old where d.id = old.id and old.status <> 'sent'
      returning old.status::text as kind, old.i, d.id, d.created_at, old.target
    ),
    fresh as (
      insert into ${deliveries} (handoff_id, event, channel, recipient_id, status, target, subject)
      select ${input.handoffId}, ${input.event}, w.channel, w.recipient_id, 'sending', w.target, w.subject
      from wanted w where not exists (select 1 from old where old.i = w.i)
      on conflict do nothing
      returning id, created_at, channel, recipient_id
    ),
    notices as (
      select * from jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) as n(id uuid, recipient_id text, title text, body text)
    ),
    in_app as (
      insert into ${deliveries} (handoff_id, event, channel, recipient_id, status, target, subject, provider_ref, sent_at)
      select ${input.handoffId}, ${input.event}, 'in_app', n.recipient_id, 'sent', 'in-app', n.title, n.id::text, now() from notices n
      on conflict do nothing
      returning recipient_id
    ),
    noted as (
      insert into ${notifications} (id, user_id, handoff_id, event, title, body)
      select n.id, n.recipient_id, ${input.handoffId}, ${input.notifyEvent}, n.title, n.body from notices n join in_app using (recipient_id)
      returning id
    )
    select kind, i, id, created_at, target from retried
    union all
    select 'fresh', w.i, f.id, f.created_at, null from fresh f join wanted w on w.channel = f.channel and w.recipient_id = f.recipient_id
    union all
    select 'in_app', null, id, now(), null from noted`);
  const claims: (Claim | null)[] = input.sends.map(() => null);
  let inAppSent = 0;
  for (const row of rows) {
    if (row.kind === "in_app") {
      inAppSent++;
      continue;
    }
    const createdAt = new Date(row.created_at);
    claims[row.i!] =
      row.kind === "fresh"
        ? { kind: "fresh", id: row.id, createdAt }
        : row.kind === "failed"
          ? { kind: "retry", id: row.id, createdAt }
          : { kind: "unknown", id: row.id, createdAt, target: row.target };
  }
  return { inAppSent, claims };
}

export type DeliveryOutcome = { id: string } & (
  { sent: true; providerRef: string; target: string; detail?: Record<string, unknown> } | { sent: false; error: string }
);

/** The outcome of each send of one job, in one statement. A failure never overwrites a delivery already sent. */
export async function recordDeliveryOutcomes(outcomes: DeliveryOutcome[]): Promise<void> {
  if (!outcomes.length) return;
  const rows = outcomes.map((o) =>
    o.sent
      ? { id: o.id, sent: true, provider_ref: o.providerRef, target: o.target, detail: o.detail ?? null, error: null }
      : { id: o.id, sent: false, provider_ref: null, target: null, detail: null, error: o.error.slice(0, 1000) },
  );
  await db.execute(dsql`
    update ${deliveries} d set
      status = case when o.sent then 'sent'::delivery_status else 'failed'::delivery_status end,
      provider_ref = case when o.sent then o.provider_ref else d.provider_ref end,
      target = case when o.sent then o.target else d.target end,
      detail = case when o.sent and o.detail is not null then o.detail else d.detail end,
      last_error = o.error,
      sent_at = case when o.sent then now() else d.sent_at end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as o(id uuid, sent boolean, provider_ref text, target text, detail jsonb, error text)
    where d.id = o.id and (o.sent or d.status <> 'sent')`);
}

export async function listNotifications({ userId, limit = 50 }: { userId: string; limit?: number }) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/**
 * The bell's popover: the newest few, each with whether it is about an immediate package (the
 * browser alerts only for those), and the unread count, in one read.
 */
export async function listLatestNotifications({ userId, limit }: { userId: string; limit: number }) {
  const [items, unread] = await Promise.all([
    db
      .select({
        id: notifications.id,
        handoffId: notifications.handoffId,
        event: notifications.event,
        title: notifications.title,
        body: notifications.body,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        immediate: dsql<boolean>`coalesce(${handoffs.priority} = 'immediate', false)`,
      })
      .from(notifications)
      .leftJoin(handoffs, eq(handoffs.id, notifications.handoffId))
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    countUnreadNotifications({ userId }),
  ]);
  return { items, unread };
}

export async function countUnreadNotifications({ userId }: { userId: string }) {
  const [row] = await db
    .select({ n: dsql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
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
  const [row] = await db
    .insert(notificationPreferences)
    .values({ userId: input.userId, ...values })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values })
    .returning();
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
