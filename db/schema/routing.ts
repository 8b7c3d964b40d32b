import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { RoutingMatch, RoutingTarget } from "@/lib/routing/schema";

/**
 * Who receives each package, as ordered data: the first enabled rule (lowest position) that matches
 * and finds someone eligible places it (lib/routing/route.ts). Seeded with defaults; admins edit them.
 */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    position: integer().notNull(),
    name: text().notNull(),
    enabled: boolean().notNull().default(true),
    match: jsonb().$type<RoutingMatch>().notNull().default({}),
    target: jsonb().$type<RoutingTarget>().notNull(),
    respectCapacity: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("routing_rules_position_idx")
      .on(t.position)
      .where(sql`${t.enabled}`),
  ],
);

export type RoutingRuleRow = typeof routingRules.$inferSelect;
