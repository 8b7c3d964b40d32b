import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./auth";
import { handoffs } from "./handoffs";

/**
 * Booking links: a person's own scheduling page (Cal.com, Calendly or any https URL) or a team's
 * (a round-robin page). Exactly one of `userId` and `teamId` is set; one link each.
 */
export const bookingLinks = pgTable(
  "booking_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid().references(() => teams.id, { onDelete: "cascade" }),
    url: text().notNull(),
    updatedById: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("booking_links_user")
      .on(t.userId)
      .where(sql`${t.userId} is not null`),
    uniqueIndex("booking_links_team")
      .on(t.teamId)
      .where(sql`${t.teamId} is not null`),
    check("booking_links_one_owner", sql`(${t.userId} is null) <> (${t.teamId} is null)`),
    check("booking_links_https", sql`${t.url} like 'https://%'`),
  ],
);

/** The meetings settings of /admin/meetings: one row. */
export const meetingSettings = pgTable(
  "meeting_settings",
  {
    singleton: boolean().primaryKey().default(true),
    /** Used when neither the owner nor the team has a link; null: the agent promises no booking. */
    defaultBookingUrl: text(),
    /** Whether the booking-link email to a form or email lead waits for a person's approval. */
    emailNeedsApproval: boolean().notNull().default(false),
    updatedById: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("meeting_settings_singleton", sql`${t.singleton}`),
    check("meeting_settings_https", sql`${t.defaultBookingUrl} is null or ${t.defaultBookingUrl} like 'https://%'`),
  ],
);

/**
 * A meeting booked through Cal.com or Calendly, one row per provider booking (a reschedule makes a
 * new booking and marks the old one `rescheduled`). The status is the latest by the provider's event
 * time (`statusAt`, then `statusRank`), so deliveries applied in any order end in the same state.
 * `handoffId` is null while the booking matches no package (the unmatched list on /admin/meetings).
 */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    bookingId: text().notNull(),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
    matchedBy: text(),
    status: text().notNull(),
    statusAt: timestamp({ withTimezone: true }).notNull(),
    statusRank: integer().notNull(),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    timeZone: text(),
    title: text(),
    inviteeName: text(),
    inviteeEmail: text(),
    organizerName: text(),
    organizerEmail: text(),
    reference: text(),
    previousBookingId: text(),
    /** When the provider first said it was booked (its event time); null for a row known only from a cancel so far. */
    bookedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancellationReason: text(),
    heldAt: timestamp({ withTimezone: true }),
    noShowAt: timestamp({ withTimezone: true }),
    /** The event time the details (time, people) were last taken from: older deliveries do not overwrite them. */
    detailsAt: timestamp({ withTimezone: true }),
    /** Whether the booking's effects (timeline, follow-up, owner notified, CRM) have run for its package. */
    announced: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meetings_provider_booking").on(t.provider, t.bookingId),
    index("meetings_handoff").on(t.handoffId),
    index("meetings_unmatched")
      .on(t.createdAt)
      .where(sql`${t.handoffId} is null`),
    index("meetings_booked_at").on(t.bookedAt),
  ],
);

/** Every verified delivery, by a hash of its signed content: a replay or a provider's retry changes nothing. */
export const bookingDeliveries = pgTable(
  "booking_deliveries",
  {
    provider: text().notNull(),
    deliveryHash: text().notNull(),
    event: text().notNull(),
    bookingId: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.deliveryHash] })],
);

/** The built-in CRM's meeting records (what HubSpot's meetings object is there), one per booking, synced by planSync. */
export const crmMeetings = pgTable("crm_meetings", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
  title: text().notNull(),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }),
  outcome: text().notNull(),
  ownerId: text().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type BookingLinkRow = typeof bookingLinks.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
