import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { enqueue } from "@/db/queries/outbox";
import { handoffs, notifications, users, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import { env } from "@/lib/env";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/events";
import { buildWebhookPayload, handoffSummary } from "@/lib/webhooks/payload";

type AuditActor = { id: string; email: string };

/**
 * Queues one event for every enabled endpoint that subscribed to it, in the causing transaction
 * (`tx`): the event row (the body as it was when it happened), one delivery per endpoint and its
 * job (the outbox). No endpoint wants it: nothing is written.
 */
export async function queueWebhookEvent(
  tx: Transaction,
  input: {
    type: string;
    handoffId: string | null;
    event?: {
      actorKind: string;
      actorId: string | null;
      fromStatus: string | null;
      toStatus: string | null;
      note: string | null;
      data: Record<string, unknown>;
    };
  },
): Promise<void> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), dsql`${input.type} = any(${webhookEndpoints.events})`));
  if (endpoints.length === 0) return;
  const [handoff] = input.handoffId ? await tx.select().from(handoffs).where(eq(handoffs.id, input.handoffId)) : [];
  await insertEventAndDeliveries(tx, {
    type: input.type,
    handoffId: handoff?.id ?? null,
    payload: buildWebhookPayload({
      type: input.type,
      occurredAt: new Date(),
      handoff: handoff ? handoffSummary(handoff, env().APP_URL) : null,
      event: input.event ?? null,
    }),
    endpointIds: endpoints.map((e) => e.id),
  });
}

async function insertEventAndDeliveries(
  tx: Transaction,
  input: { type: string; handoffId: string | null; payload: Record<string, unknown>; endpointIds: string[] },
) {
  const [event] = await tx
    .insert(webhookEvents)
    .values({ type: input.type, handoffId: input.handoffId, payload: input.payload })
    .returning({ id: webhookEvents.id });
  const rows = await tx
    .insert(webhookDeliveries)
    .values(input.endpointIds.map((endpointId) => ({ eventId: event!.id, endpointId, handoffId: input.handoffId })))
    .returning({ id: webhookDeliveries.id });
  for (const row of rows) await enqueue(tx, "webhookDeliver", { deliveryId: row.id, send: 0 });
  return { eventId: event!.id, deliveryIds: rows.map((r) => r.id) };
}

/** "Send a test event": one delivery to this endpoint alone, whatever it subscribed to. Null when there is no such endpoint. */
export async function queueTestWebhook({ endpointId }: { endpointId: string }): Promise<{ deliveryId: string } | null> {
  return db.transaction(async (tx) => {
    const [endpoint] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    if (!endpoint) return null;
    const payload = buildWebhookPayload({ type: TEST_EVENT_TYPE, occurredAt: new Date(), handoff: null, event: null });
    const { deliveryIds } = await insertEventAndDeliveries(tx, { type: TEST_EVENT_TYPE, handoffId: null, payload, endpointIds: [endpoint.id] });
    return { deliveryId: deliveryIds[0]! };
  });
}

// ---- Endpoints (/admin/webhooks, the REST API's webhooks:manage) ----

export type WebhookEndpointView = Omit<WebhookEndpoint, "secretEncrypted" | "previousSecretEncrypted"> & { rotating: boolean };

const view = (row: WebhookEndpoint): WebhookEndpointView => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: row.events,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  failingSince: row.failingSince,
  previousSecretExpiresAt: row.previousSecretExpiresAt,
  createdById: row.createdById,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  rotating: Boolean(row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date()),
});

// Never a secret in the audit log.
const snapshot = (row: WebhookEndpoint) => ({ name: row.name, url: row.url, events: row.events, enabled: row.enabled, disabledReason: row.disabledReason });

export async function listWebhookEndpoints(): Promise<WebhookEndpointView[]> {
  const rows = await db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt));
  return rows.map(view);
}

/** The endpoint with its encrypted secrets, for the sender. */
export async function findWebhookEndpoint({ id }: { id: string }): Promise<WebhookEndpoint | null> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

export async function createWebhookEndpoint(input: {
  actor: AuditActor;
  id: string;
  name: string;
  url: string;
  events: string[];
  secretEncrypted: string;
}): Promise<WebhookEndpointView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ id: input.id, name: input.name, url: input.url, events: input.events, secretEncrypted: input.secretEncrypted, createdById: input.actor.id })
      .returning();
    await recordAdminChange(tx, { actor: input.actor, action: "webhook.create", entityType: "webhook_endpoint", entityId: row!.id, after: snapshot(row!) });
    return view(row!);
  });
}

/** Null when there is no such endpoint. Switching one on clears its failure streak. */
export async function updateWebhookEndpoint(input: {
  actor: AuditActor;
  id: string;
  change: Partial<{ name: string; url: string; events: string[]; enabled: boolean }>;
}): Promise<WebhookEndpointView | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, input.id)).for("update");
    if (!before) return null;
    const reenabled = input.change.enabled === true && !before.enabled;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...input.change,
        ...(input.change.enabled !== undefined ? { disabledReason: null } : {}),
        ...(reenabled ? { failingSince: null } : {}),
        updatedAt: dsql`now()`,
      })
      .where(eq(webhookEndpoints.id, input.id))
      .returning();
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "webhook.update",
      entityType: "webhook_endpoint",
      entityId: input.id,
      before: snapshot(before),
      after: snapshot(after!),
    });
    return view(after!);
  });
}

/** A new secret signs from now on; the old one signs beside it until `overlapUntil`, so receivers can switch. */
export async function rotateWebhookSecret(input: {
  actor: AuditActor;
  id: string;
  secretEncrypted: string;
  overlapUntil: Date;
}): Promise<WebhookEndpointView | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, input.id)).for("update");
    if (!before) return null;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        secretEncrypted: input.secretEncrypted,
        previousSecretEncrypted: before.secretEncrypted,
        previousSecretExpiresAt: input.overlapUntil,
        updatedAt: dsql`now()`,
      })
      .where(eq(webhookEndpoints.id, input.id))
      .returning();
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "webhook.rotate_secret",
      entityType: "webhook_endpoint",
      entityId: input.id,
      after: { overlapUntil: input.overlapUntil.toISOString() },
    });
    return view(after!);
  });
}

export async function deleteWebhookEndpoint(input: { actor: AuditActor; id: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, input.id)).returning();
    if (!before) return false;
    await recordAdminChange(tx, { actor: input.actor, action: "webhook.delete", entityType: "webhook_endpoint", entityId: input.id, before: snapshot(before) });
    return true;
  });
}

export type WebhookDeliveryLogRow = Pick<
  WebhookDelivery,
  "id" | "status" | "attempts" | "nextAttemptAt" | "lastAttemptAt" | "lastStatusCode" | "lastResponse" | "deliveredAt" | "createdAt"
> & { eventId: string; eventType: string; handoffId: string | null };

/** An endpoint's delivery log, newest first. */
export async function listWebhookDeliveries({ endpointId, limit = 50 }: { endpointId: string; limit?: number }): Promise<WebhookDeliveryLogRow[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastResponse: webhookDeliveries.lastResponse,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      eventId: webhookDeliveries.eventId,
      eventType: webhookEvents.type,
      handoffId: webhookDeliveries.handoffId,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.seq))
    .limit(limit);
}

/** Sends a delivery again with the same `webhook-id` (receivers dedupe on it) and a fresh schedule. Null when there is no such delivery. */
export async function redeliverWebhook({ deliveryId }: { deliveryId: string }): Promise<{ deliveryId: string } | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, sends: dsql`${webhookDeliveries.sends} + 1`, nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning({ id: webhookDeliveries.id, sends: webhookDeliveries.sends });
    if (!row) return null;
    await enqueue(tx, "webhookDeliver", { deliveryId: row.id, send: row.sends });
    return { deliveryId: row.id };
  });
}

// ---- The sender's side (lib/webhooks/deliver.ts) ----

// One package's deliveries to one endpoint are decided one at a time, so an earlier event and a
// later one never both think the other is still on its way (or both think it is done).
const lockOrder = (tx: Transaction, endpointId: string, handoffId: string | null) =>
  handoffId ? tx.execute(dsql`select pg_advisory_xact_lock(hashtextextended(${`webhook-order:${endpointId}:${handoffId}`}, 0))`) : Promise.resolve();

export type DeliveryClaim =
  | { kind: "stale" }
  | { kind: "waiting" }
  | { kind: "endpoint_disabled" }
  | { kind: "send"; delivery: WebhookDelivery; endpoint: WebhookEndpoint; payload: Record<string, unknown> };

/**
 * What job `send` of a delivery should do: nothing when another job now owns it (`stale`), wait
 * while an earlier event of the same package to the same endpoint is still undelivered, fail when
 * the endpoint was switched off, else send.
 */
export async function claimWebhookDelivery({ deliveryId, send }: { deliveryId: string; send: number }): Promise<DeliveryClaim> {
  return db.transaction(async (tx) => {
    const [peek] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    if (!peek) return { kind: "stale" };
    await lockOrder(tx, peek.endpointId, peek.handoffId);
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.sends, send), eq(webhookDeliveries.status, "pending")));
    if (!delivery) return { kind: "stale" };
    const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
    if (!endpoint || !endpoint.enabled) {
      await finishDelivery(tx, delivery, { status: "failed", lastResponse: "The endpoint is switched off." });
      return { kind: "endpoint_disabled" };
    }
    if (delivery.handoffId) {
      const [earlier] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.endpointId, delivery.endpointId),
            eq(webhookDeliveries.handoffId, delivery.handoffId),
            inArray(webhookDeliveries.status, ["pending", "waiting"]),
            lt(webhookDeliveries.seq, delivery.seq),
          ),
        )
        .limit(1);
      if (earlier) {
        await tx.update(webhookDeliveries).set({ status: "waiting" }).where(eq(webhookDeliveries.id, delivery.id));
        return { kind: "waiting" };
      }
    }
    const [event] = await tx.select({ payload: webhookEvents.payload }).from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
    return { kind: "send", delivery, endpoint, payload: event!.payload };
  });
}

export type AttemptRecord = {
  deliveryId: string;
  send: number;
  statusCode: number | null;
  response: string;
  outcome: { kind: "delivered" } | { kind: "retry"; at: Date } | { kind: "failed" };
  /** Switch the endpoint off (a 410, days of failures) and tell the admins why. */
  disableEndpoint?: string | null;
};

/** One attempt's result, with the retry it schedules and the next event it frees, in one transaction. */
export async function recordWebhookAttempt(record: AttemptRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const [peek] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, record.deliveryId));
    if (!peek) return;
    await lockOrder(tx, peek.endpointId, peek.handoffId);
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, record.deliveryId), eq(webhookDeliveries.sends, record.send)));
    if (!delivery) return;
    const attempt = { attempts: delivery.attempts + 1, lastAttemptAt: new Date(), lastStatusCode: record.statusCode, lastResponse: record.response };
    if (record.outcome.kind === "retry") {
      const next = delivery.sends + 1;
      await tx
        .update(webhookDeliveries)
        .set({ ...attempt, sends: next, nextAttemptAt: record.outcome.at })
        .where(eq(webhookDeliveries.id, delivery.id));
      await enqueue(tx, "webhookDeliver", { deliveryId: delivery.id, send: next }, { startAfter: record.outcome.at });
    } else {
      await finishDelivery(tx, delivery, {
        ...attempt,
        status: record.outcome.kind,
        ...(record.outcome.kind === "delivered" ? { deliveredAt: new Date() } : {}),
      });
    }
    // Only a change of streak writes the endpoint's row: every delivery to an endpoint updating it would
    // queue all of them, one at a time, behind its row lock (the bench's p95 was 20 s that way).
    if (record.outcome.kind === "delivered") {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(and(eq(webhookEndpoints.id, delivery.endpointId), isNotNull(webhookEndpoints.failingSince)));
    } else {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: dsql`now()` })
        .where(and(eq(webhookEndpoints.id, delivery.endpointId), isNull(webhookEndpoints.failingSince)));
    }
    if (record.disableEndpoint) await disableEndpoint(tx, delivery.endpointId, record.disableEndpoint);
  });
}

/** When the endpoint's current failure streak began (null: its last attempt succeeded). */
export async function endpointFailingSince({ endpointId }: { endpointId: string }): Promise<Date | null> {
  const [row] = await db.select({ failingSince: webhookEndpoints.failingSince }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  return row?.failingSince ?? null;
}

/** A delivery that is done (delivered or given up) frees the package's next event to this endpoint. */
async function finishDelivery(tx: Transaction, delivery: WebhookDelivery, set: Partial<typeof webhookDeliveries.$inferInsert>) {
  await tx
    .update(webhookDeliveries)
    .set({ ...set, nextAttemptAt: null })
    .where(eq(webhookDeliveries.id, delivery.id));
  if (!delivery.handoffId) return;
  const [next] = await tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, delivery.endpointId),
        eq(webhookDeliveries.handoffId, delivery.handoffId),
        inArray(webhookDeliveries.status, ["pending", "waiting"]),
        gt(webhookDeliveries.seq, delivery.seq),
      ),
    )
    .orderBy(asc(webhookDeliveries.seq))
    .limit(1);
  // A pending one has its own job on the way; a waiting one is woken with a new token.
  if (next?.status === "waiting") {
    const sends = next.sends + 1;
    await tx.update(webhookDeliveries).set({ status: "pending", sends }).where(eq(webhookDeliveries.id, next.id));
    await enqueue(tx, "webhookDeliver", { deliveryId: next.id, send: sends });
  }
}

async function disableEndpoint(tx: Transaction, endpointId: string, reason: string) {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, updatedAt: dsql`now()` })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning();
  if (!row) return;
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  if (admins.length)
    await tx.insert(notifications).values(
      admins.map((admin) => ({
        userId: admin.id,
        event: "webhook_disabled",
        title: `Webhook "${row.name}" was switched off`,
        body: `${reason} Deliveries to ${row.url} stopped; switch it back on at /admin/webhooks once it answers again.`,
      })),
    );
}
