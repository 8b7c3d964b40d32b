import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { HandoffPackage } from "@/lib/contract/package";
import type { InfoRequest } from "@/lib/handoffs/info-request";
import { teams, users } from "./auth";
import { channel, companies, conversations, intakes, leads } from "./leads";

export const handoffPriority = pgEnum("handoff_priority", ["immediate", "normal", "nurture"]);
export const handoffStatus = pgEnum("handoff_status", ["pending", "accepted", "in_follow_up", "converted", "discarded"]);
export const triageDecision = pgEnum("triage_decision", ["ask", "filter", "act", "escalate"]);
export const actorKind = pgEnum("actor_kind", ["user", "agent", "system"]);

/**
 * The handoff package a person receives. The whole package is kept as JSON; the columns beside it
 * are copies of what the inbox filters, sorts and lists on, so the inbox query reads one table.
 */
export const handoffs = pgTable(
  "handoffs",
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid().references(() => leads.id, { onDelete: "set null" }),
    companyId: uuid().references(() => companies.id, { onDelete: "set null" }),
    intakeId: uuid().references(() => intakes.id, { onDelete: "set null" }),
    conversationId: uuid().references(() => conversations.id, { onDelete: "set null" }),
    decision: triageDecision().notNull().default("escalate"),
    priority: handoffPriority(),
    status: handoffStatus().notNull().default("pending"),
    /** Still needs a person: pending, accepted or in follow-up. The inbox's default filter. */
    isOpen: boolean()
      .notNull()
      .generatedAlwaysAs(sql`status in ('pending', 'accepted', 'in_follow_up')`),
    ownerId: text().references(() => users.id, { onDelete: "set null" }),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    slaDueAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    reasons: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    intent: text().notNull().default("other"),
    fit: text().notNull().default("unknown"),
    channel: channel().notNull(),
    campaign: text(),
    ruleVersion: integer().notNull(),
    /** How the package was written: `deterministic`, `llm`, or `llm_fallback` when the model failed. */
    agentSource: text().notNull().default("deterministic"),
    package: jsonb().$type<HandoffPackage>().notNull(),
    leadName: text(),
    leadEmail: text(),
    companyName: text(),
    summary: text().notNull().default(""),
    /** Lower-cased name, company, email and summary: what inbox search matches (trigram index). */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(coalesce(lead_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(lead_email, '') || ' ' || summary)`),
    valueAmount: numeric({ precision: 14, scale: 2, mode: "number" }),
    valueCurrency: text(),
    meetingBooked: boolean().notNull().default(false),
    discardReason: text(),
    /**
     * What the deal is worth, for the inbox's value sort: the converted value once there is one,
     * before that the budget the lead stated (in its own currency; null when nobody said).
     */
    dealValue: numeric({ precision: 14, scale: 2, mode: "number" }).generatedAlwaysAs(
      // Guarded: a lead's absurd budget must not overflow numeric(14,2) and fail the intake's insert.
      sql`coalesce(value_amount, case when package #>> '{salesContext,budget,amount}' ~ '^[0-9]{1,11}([.][0-9]+)?$' then (package #>> '{salesContext,budget,amount}')::numeric end)`,
    ),
    dealCurrency: text().generatedAlwaysAs(sql`case when value_amount is not null then value_currency else package #>> '{salesContext,budget,currency}' end`),
    acceptedAt: timestamp({ withTimezone: true }),
    /**
     * When a person first did anything with the package (an event by a user): what "time to first
     * action" and SLA breaches are measured on. Kept by a trigger on handoff_events (migration
     * 0005), so no write path can forget it.
     */
    firstActionAt: timestamp({ withTimezone: true }),
    /** When a person first wrote to the lead (an email reply, a live chat message): speed to lead. */
    firstHumanContactAt: timestamp({ withTimezone: true }),
    /** When someone first flagged it as a poor escalation; kept by the same trigger. */
    poorEscalationAt: timestamp({ withTimezone: true }),
    /** The ids of the rules that fired (package.reasons[*].rule): per-rule metrics unnest this. */
    firedRules: jsonb()
      .notNull()
      .generatedAlwaysAs(sql`jsonb_path_query_array(package, '$.reasons[*].rule')`),
    /** Out of the default inbox views until then; past, it means nothing (no job has to clear it). */
    snoozedUntil: timestamp({ withTimezone: true, precision: 3 }),
    /** Set when a person handed the lead back to the agent: the decision it had then, which the agent must exceed to escalate it again. */
    handedBackFrom: jsonb().$type<{ decision: TriageDecisionKind; priority: HandoffPriority | null }>(),
    /** The owner's open request for more information from the lead (lib/handoffs/info-request.ts). */
    infoRequest: jsonb().$type<InfoRequest>(),
    closedAt: timestamp({ withTimezone: true }),
    // Millisecond precision: keyset cursors round-trip through JavaScript Dates exactly.
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Optimistic concurrency: every write checks and bumps it. */
    version: integer().notNull().default(1),
  },
  (t) => [
    // The inbox reads a priority tab in SLA order (keyset on id) under one of these scopes:
    // a single status, open work everywhere, open work of a team (also its tab counts), one owner's.
    index("handoffs_tab_status_sla_idx").on(t.priority, t.status, t.slaDueAt, t.id),
    // created_at last: a created-date filter is checked in the index while it is walked in SLA order,
    // not on each row's heap page (1M rows, last 30 days, one team: p95 244 ms without it).
    index("handoffs_tab_open_sla_idx").on(t.priority, t.isOpen, t.slaDueAt, t.id, t.createdAt),
    index("handoffs_team_tab_open_sla_idx").on(t.teamId, t.priority, t.isOpen, t.slaDueAt, t.id, t.createdAt),
    index("handoffs_owner_tab_open_sla_idx").on(t.ownerId, t.priority, t.isOpen, t.slaDueAt, t.id),
    // Tab counts of open work read only these small partial indexes (bench: 57 → 27 ms at 1M rows).
    index("handoffs_team_open_count_idx")
      .on(t.teamId, t.priority)
      .where(sql`${t.isOpen}`),
    index("handoffs_open_count_idx")
      .on(t.priority)
      .where(sql`${t.isOpen}`),
    index("handoffs_tab_created_idx").on(t.priority, t.createdAt, t.id),
    index("handoffs_lead_idx").on(t.leadId),
    index("handoffs_search_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    // A tab in SLA order whatever the status: a broad search ("any status", a common company name)
    // walks this and filters, instead of collecting tens of thousands of trigram matches to sort.
    index("handoffs_tab_sla_idx").on(t.priority, t.slaDueAt, t.id),
    // "Handled by agent" and "Filtered": the agent's own outcomes, newest first, per team.
    index("handoffs_agent_outcomes_idx")
      .on(t.decision, t.teamId, t.createdAt, t.id)
      .where(sql`${t.priority} is null`),
    index("handoffs_intake_idx").on(t.intakeId),
    // Metrics read the packages created in a date range from handoffs_metrics_idx, a covering
    // index by created_at with every column the dashboard reads (INCLUDE, which drizzle cannot
    // declare): hand-written in migration 0005.
    // Few packages are snoozed: open-work counts subtract these instead of reading every open row's heap.
    index("handoffs_snoozed_idx")
      .on(t.snoozedUntil)
      .where(sql`${t.snoozedUntil} is not null`),
    // The value sort of open work, every team or one team: each segment (values, then the rows with
    // none) is a walk of one of these (without them, at 1M rows: a 980 ms parallel seq scan and sort).
    index("handoffs_tab_open_value_idx").on(t.priority, t.isOpen, t.dealValue, t.id),
    index("handoffs_team_tab_open_value_idx").on(t.teamId, t.priority, t.isOpen, t.dealValue, t.id),
    // The All tab's open work under each sort, every priority at once (no priority to lead with).
    // Partial over open packages, each predicate written as the query's segment condition says it,
    // so the planner can prove it; a team's page walks the same index and checks the team (at 1M rows,
    // without them: a parallel scan and sort of every open package, about 1 s a page).
    index("handoffs_all_open_pending_sla_idx")
      .on(t.slaDueAt, t.id)
      .where(sql`${t.isOpen} and ${t.status} = 'pending' and ${t.priority} is not null`),
    index("handoffs_all_open_stopped_sla_idx")
      .on(t.slaDueAt, t.id)
      .where(sql`${t.isOpen} and ${t.priority} is not null and not (${t.status} = 'pending' and ${t.priority} is not null)`),
    index("handoffs_all_open_created_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.isOpen} and ${t.priority} is not null`),
    index("handoffs_all_open_value_idx")
      .on(t.dealValue, t.id)
      .where(sql`${t.isOpen} and ${t.priority} is not null and ${t.dealValue} is not null`),
    index("handoffs_all_open_no_value_idx")
      .on(t.id)
      .where(sql`${t.isOpen} and ${t.priority} is not null and ${t.dealValue} is null`),
    // The campaign filter's choices: a loose index scan over campaigns, checked against a team.
    index("handoffs_campaign_team_idx").on(t.campaign, t.teamId),
  ],
);

/**
 * Who has a package open right now: the package page upserts its row every ~15 s, and anyone seen
 * in the last 30 s is shown to the others as viewing it.
 */
export const handoffViewers = pgTable(
  "handoff_viewers",
  {
    handoffId: uuid()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.handoffId, t.userId] })],
);

/** The package's timeline: every status change, assignment, note and agent step. */
export const handoffEvents = pgTable(
  "handoff_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    handoffId: uuid()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    type: text().notNull(),
    actorKind: actorKind().notNull(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    fromStatus: handoffStatus(),
    toStatus: handoffStatus(),
    note: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("handoff_events_handoff_idx").on(t.handoffId, t.createdAt),
    // Per-rule escalation quality reads the flags, a small slice of the timeline.
    index("handoff_events_poor_escalation_idx")
      .on(t.handoffId)
      .where(sql`${t.type} = 'poor_escalation_flagged'`),
  ],
);

export type Handoff = typeof handoffs.$inferSelect;
export type NewHandoff = typeof handoffs.$inferInsert;
export type HandoffEvent = typeof handoffEvents.$inferSelect;
export type HandoffStatus = (typeof handoffStatus.enumValues)[number];
export type HandoffPriority = (typeof handoffPriority.enumValues)[number];
type TriageDecisionKind = (typeof triageDecision.enumValues)[number];
