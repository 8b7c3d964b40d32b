import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";

export const notificationChannel = pgEnum("notification_channel", ["slack", "email", "in_app"]);
export const deliveryStatus = pgEnum("delivery_status", ["sending", "sent", "failed"]);

/** Where each person wants to hear about packages. No row: every channel that is configured. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  slack: boolean().notNull().default(true),
  email: boolean().notNull().default(true),
  inApp: boolean().notNull().default(true),
  /** With a bot token: the person's Slack member id (a DM) or a channel; unset: the team's channel. */
  slackTarget: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every message sent about a package, one row per (package, event, channel, recipient): the
 * idempotency key. A retried job finds the row already `sent` and sends nothing; `sending` means an
 * earlier attempt died before it learned the outcome (see lib/notifications/deliver.ts).
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    handoffId: uuid()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    /** The notify event with its occurrence, e.g. `created`, `reminder:c1-half`, `breach:c2`. */
    event: text().notNull(),
    channel: notificationChannel().notNull(),
    recipientId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: deliveryStatus().notNull().default("sending"),
    attempts: integer().notNull().default(1),
    /** Where it went: a Slack channel or webhook, an email address, or the in-app list. */
    target: text(),
    subject: text(),
    /** The provider's id for what it accepted: Slack's `ts`, the email's Message-ID. */
    providerRef: text(),
    lastError: text(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex("deliveries_key").on(t.handoffId, t.event, t.channel, t.recipientId), index("deliveries_created_idx").on(t.createdAt)],
);

/** The in-app list behind the bell. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "cascade" }),
    event: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

export type Delivery = typeof deliveries.$inferSelect;
export type NotificationChannel = (typeof notificationChannel.enumValues)[number];
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
export type InAppNotification = typeof notifications.$inferSelect;

/**
 * Scheduled reports sent to people (the managers' weekly summary), one row per (report, period,
 * channel, recipient): the idempotency key, as `deliveries` is for packages.
 */
export const reportDeliveries = pgTable(
  "report_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** What was sent, e.g. `weekly_summary`. */
    report: text().notNull(),
    /** Which one: the first day of the week it covers, e.g. `2026-11-16`. */
    period: text().notNull(),
    channel: notificationChannel().notNull(),
    recipientId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: deliveryStatus().notNull().default("sending"),
    target: text(),
    providerRef: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex("report_deliveries_key").on(t.report, t.period, t.channel, t.recipientId)],
);
