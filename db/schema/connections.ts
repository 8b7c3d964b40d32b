import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Connection settings saved on /admin/connections (Slack, SMTP, HubSpot, the LLM), one row per
 * service. `config` holds what is not secret; `secrets` holds each secret field as AES-256-GCM
 * ciphertext (lib/connections/encryption.ts). A service without a row uses the environment.
 */
export const connectionSettings = pgTable("connection_settings", {
  kind: text().primaryKey(),
  config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  secrets: jsonb().$type<Record<string, string>>().notNull().default({}),
  updatedById: text().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ConnectionSettingsRow = typeof connectionSettings.$inferSelect;
