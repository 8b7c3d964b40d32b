import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["rep", "manager", "admin"]);

/** Weekly opening hours in the team's time zone, e.g. { mon: ["09:00", "18:00"] }. SLAs count only these hours. */
export type BusinessHours = Partial<Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string]>>;

export const teams = pgTable("teams", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  timeZone: text().notNull().default("UTC"),
  businessHours: jsonb().$type<BusinessHours>().notNull().default({}),
  /** Where this team's Slack notifications go with a bot token (channel id or name); unset: each person's own target or the default channel. */
  slackChannel: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// The column names of users, accounts, sessions and verification_token are the ones @auth/drizzle-adapter expects.
export const users = pgTable(
  "users",
  {
    id: text()
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text(),
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    passwordHash: text(),
    role: userRole().notNull().default("rep"),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    /** Most open immediate packages this person should hold at once (routing caps). */
    capacity: integer().notNull().default(10),
    /**
     * Open immediate packages this person owns, kept by a trigger on handoffs (migration
     * 0013), so routing reads each candidate's load from this row instead of counting packages
     * while it holds the routing lock.
     */
    openImmediate: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    /** When routing last gave this person a package: round-robin picks whoever waited longest. */
    lastAssignedAt: timestamp({ withTimezone: true, precision: 3 }),
    /**
     * Carried in every session token and compared by the guard on each call: raising it ends every
     * session issued before (a password change or reset, "sign out everywhere").
     */
    sessionVersion: integer().notNull().default(0),
    /** The one session (token `sid`) a password change made from it keeps; null: none is kept. */
    keptSessionId: text(),
    lastSignInAt: timestamp({ withTimezone: true, precision: 3 }),
    /** How they last signed in: `password` or `sso`. */
    lastSignInMethod: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_token",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const accessTokenKind = pgEnum("access_token_kind", ["invitation", "password_reset"]);

/**
 * Emailed single-use links: an invitation to set a first password, or a password reset. Only the
 * SHA-256 of the token is kept; the link carries the token itself. A link is spent (`usedAt`) in the
 * same statement that checks it, so two clicks cannot both succeed.
 */
export const accessTokens = pgTable(
  "access_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: accessTokenKind().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    usedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("access_tokens_user_idx").on(t.userId, t.kind)],
);

/**
 * Single sign-on with one OpenID Connect issuer, set on /admin/connections (one row, id 1). The
 * client secret is encrypted like the other connection secrets.
 */
export const ssoSettings = pgTable("sso_settings", {
  id: integer().primaryKey().default(1),
  enabled: boolean().notNull().default(false),
  issuer: text().notNull(),
  clientId: text().notNull(),
  clientSecretEncrypted: text().notNull(),
  /** Lower-case domains a signing-in email must end in; empty: any domain. */
  allowedDomains: text().array().notNull().default([]),
  /** Unknown people with an allowed, verified email become reps in this team; off: only existing users. */
  autoCreate: boolean().notNull().default(false),
  autoCreateTeamId: uuid().references(() => teams.id, { onDelete: "set null" }),
  /** Off: only the break-glass admin below may still sign in with a password. */
  passwordSignIn: boolean().notNull().default(true),
  breakGlassUserId: text().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type SsoSettingsRow = typeof ssoSettings.$inferSelect;
export type AccessTokenKind = (typeof accessTokenKind.enumValues)[number];
export type UserRole = (typeof userRole.enumValues)[number];
export type Team = typeof teams.$inferSelect;
