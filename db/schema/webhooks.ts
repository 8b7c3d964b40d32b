import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";

/**
 * A system that wants Baton's events (n8n, an internal tool): where to POST them, which events,
 * and the Standard Webhooks secret (`whsec_…`, encrypted at rest like the connections' secrets).
 * During a rotation the previous secret signs too, until `previousSecretExpiresAt`.
 */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text().notNull(),
  events: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  secretEncrypted: text().notNull(),
  previousSecretEncrypted: text(),
  previousSecretExpiresAt: timestamp({ withTimezone: true }),
  enabled: boolean().notNull().default(true),
  /** Why it was switched off by Baton (a 410, days of failures); null when an admin did it or it is on. */
  disabledReason: text(),
  /** The first failure since the last success: days of failure from here disable it. */
  failingSince: timestamp({ withTimezone: true }),
  createdById: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One event, as it was when it happened: its id is the `webhook-id` every endpoint and every retry sees. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().notNull(),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "cascade" }),
    /** The whole versioned body that is signed and sent (lib/webhooks/payload.ts). */
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("webhook_events_handoff_idx").on(t.handoffId)],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "waiting", "delivered", "failed"]);

/**
 * One event for one endpoint. `seq` orders an endpoint's deliveries of one package (a later one
 * waits while an earlier is pending); `sends` is the token of the one job allowed to act on it.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigserial({ mode: "number" }).notNull(),
    eventId: uuid()
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    handoffId: uuid(),
    status: webhookDeliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    sends: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, precision: 3 }),
    lastAttemptAt: timestamp({ withTimezone: true, precision: 3 }),
    lastStatusCode: integer(),
    /** The first few hundred characters of the answer, or why there was none (refused, timeout). */
    lastResponse: text(),
    deliveredAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_endpoint_idx").on(t.eventId, t.endpointId),
    index("webhook_deliveries_endpoint_log_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_order_idx")
      .on(t.endpointId, t.handoffId, t.seq)
      .where(sql`${t.status} in ('pending', 'waiting')`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
