import { sql } from "drizzle-orm";
import { boolean, check, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { conversations } from "./leads";

/**
 * Where a chat began, as the embed script passed it (the page's URL, title, referrer, UTM): the chat
 * intake's `source`, kept from the conversation's first turn (lib/chat/entry-context.ts).
 */
export const chatEntries = pgTable("chat_entries", {
  conversationId: uuid()
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  source: jsonb().$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The sites allowed to embed the chat widget, as an admin set them on /admin/connections (the widget's
 * frame-ancestors, lib/chat/widget-origins.ts). No row: CHAT_WIDGET_ALLOWED_ORIGINS from the environment.
 * An empty list is a choice: only this app's own pages.
 */
export const chatWidgetSettings = pgTable(
  "chat_widget_settings",
  {
    singleton: boolean().primaryKey().default(true),
    allowedOrigins: text().array().notNull(),
    updatedById: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("chat_widget_settings_singleton", sql`${t.singleton}`)],
);
