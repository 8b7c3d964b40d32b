import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./auth";

/**
 * A key for one intake source (a website's forms, a chat relay, an email relay). Only a hash is
 * stored; the key itself is shown once. Leads from the source land in its team's queue until
 * routing rules say otherwise.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** The first characters of the key, so people can tell keys apart without the secret. */
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** What the key may do (lib/api/scopes.ts); keys from before scopes keep `intake:write`. */
    scopes: text()
      .array()
      .notNull()
      .default(sql`'{intake:write}'::text[]`),
    /** Whose role and team the key acts with on the REST API (timeline entries name them); unset: whoever created it. */
    actsAsUserId: text().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("api_keys_team_idx").on(t.teamId)],
);

/** Fixed-window request counters shared by every app instance (rate limits live in Postgres, not in memory). */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export type ApiKey = typeof apiKeys.$inferSelect;
