import { and, asc, desc, eq, inArray, sql as dsql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db";
import {
  handoffEvents,
  handoffs,
  teams,
  users,
  type HandoffPriority,
  type HandoffStatus,
  type NewHandoff,
} from "@/db/schema";
import type { Cursor, InboxSort } from "@/lib/inbox/params";

export type InboxScope =
  | { kind: "all" }
  | { kind: "team"; teamId: string | null }
  | { kind: "owner"; ownerId: string }
  /** Nobody owns it yet: within a team, or in every team (teamId undefined). */
  | { kind: "unassigned"; teamId?: string | null };

/** Narrowing a view further: each is optional, all must hold. */
export type InboxFilters = { q?: string; reason?: string; channel?: string; intent?: string; campaign?: string };

export type StatusFilter = "open" | "all" | HandoffStatus;

const sortColumns = {
  sla_due_at: handoffs.slaDueAt,
  created_at: handoffs.createdAt,
  updated_at: handoffs.updatedAt,
} as const;

export const inboxRowColumns = {
  id: handoffs.id,
  priority: handoffs.priority,
  status: handoffs.status,
  leadName: handoffs.leadName,
  leadEmail: handoffs.leadEmail,
  companyName: handoffs.companyName,
  intent: handoffs.intent,
  fit: handoffs.fit,
  reasons: handoffs.reasons,
  channel: handoffs.channel,
  campaign: handoffs.campaign,
  ownerId: handoffs.ownerId,
  slaDueAt: handoffs.slaDueAt,
  createdAt: handoffs.createdAt,
  updatedAt: handoffs.updatedAt,
  version: handoffs.version,
  snoozedUntil: handoffs.snoozedUntil,
};

/**
 * One page of a priority tab, keyset-paginated on (sort column, id) so page 1,000 costs what page 1 does.
 * `before` reads backwards from a cursor and flips the rows back into display order.
 */
export async function listInboxPage(options: {
  scope: InboxScope;
  /** A priority tab, or the agent's own outcomes (act or filter records, which have no priority). */
  priority: HandoffPriority | { outcome: "act" | "filter" };
  filters?: InboxFilters;
  status: StatusFilter;
  sort: InboxSort;
  dir: "asc" | "desc";
  limit: number;
  after?: Cursor;
  before?: Cursor;
}) {
  const column = sortColumns[options.sort];
  const backwards = Boolean(options.before) && !options.after;
  const ascending = (options.dir === "asc") !== backwards;
  const cursor = options.after ?? options.before;

  const tab = typeof options.priority === "string" ? eq(handoffs.priority, options.priority) : and(dsql`${handoffs.priority} is null`, eq(handoffs.decision, options.priority.outcome))!;
  const conditions = [tab, ...scopeConditions(options.scope), statusCondition(options.status), ...filterConditions(options.filters)];
  if (options.status === "open") conditions.push(notSnoozed());
  if (cursor) {
    // A row comparison, so Postgres walks the (sort column, id) index from the cursor on.
    conditions.push(
      ascending
        ? dsql`(${column}, ${handoffs.id}) > (${cursor.value}::timestamptz, ${cursor.id}::uuid)`
        : dsql`(${column}, ${handoffs.id}) < (${cursor.value}::timestamptz, ${cursor.id}::uuid)`,
    );
  }

  const ownerAlias = alias(users, "owner");
  const rows = await db
    .select({ ...inboxRowColumns, ownerName: ownerAlias.name })
    .from(handoffs)
    .leftJoin(ownerAlias, eq(ownerAlias.id, handoffs.ownerId))
    .where(and(...conditions.filter(Boolean)))
    .orderBy(ascending ? asc(column) : desc(column), ascending ? asc(handoffs.id) : desc(handoffs.id))
    .limit(options.limit + 1);

  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  if (backwards) page.reverse();
  return {
    rows: page,
    // Reading forwards, "more" means a next page; reading backwards, it means a previous one.
    hasNext: backwards ? true : hasMore,
    hasPrevious: backwards ? hasMore : Boolean(options.after),
  };
}

export async function countOpenByPriority({ scope, status, filters }: { scope: InboxScope; status: StatusFilter; filters?: InboxFilters }) {
  const count = (extra: SQL[]) =>
    db
      .select({ priority: handoffs.priority, count: dsql<number>`count(*)::int` })
      .from(handoffs)
      .where(and(dsql`${handoffs.priority} is not null`, ...scopeConditions(scope), statusCondition(status), ...filterConditions(filters), ...extra))
      .groupBy(handoffs.priority);
  // Open work hides snoozed packages; subtracting the few snoozed ones keeps the main count index-only.
  const [rows, snoozed] = await Promise.all([count([]), status === "open" ? count([dsql`${handoffs.snoozedUntil} > now()`]) : []]);
  const counts: Record<HandoffPriority, number> = { immediate: 0, normal: 0, nurture: 0 };
  for (const row of rows) if (row.priority) counts[row.priority] = row.count;
  for (const row of snoozed) if (row.priority) counts[row.priority] -= row.count;
  return counts;
}

/** The agent's own outcomes in a scope: handled (act) and filtered, for the views of the same name. */
export async function countAgentOutcomes({ scope, filters }: { scope: InboxScope; filters?: InboxFilters }) {
  const rows = await db
    .select({ decision: handoffs.decision, count: dsql<number>`count(*)::int` })
    .from(handoffs)
    .where(and(dsql`${handoffs.priority} is null`, inArray(handoffs.decision, ["act", "filter"]), ...scopeConditions(scope), ...filterConditions(filters)))
    .groupBy(handoffs.decision);
  return { agent: rows.find((r) => r.decision === "act")?.count ?? 0, filtered: rows.find((r) => r.decision === "filter")?.count ?? 0 };
}

/** Distinct campaigns in a scope, for the campaign filter's choices. */
export async function listCampaigns({ scope }: { scope: InboxScope }) {
  const rows = await db
    .selectDistinct({ campaign: handoffs.campaign })
    .from(handoffs)
    .where(and(dsql`${handoffs.campaign} is not null`, ...scopeConditions(scope)))
    .orderBy(handoffs.campaign)
    .limit(100);
  return rows.map((r) => r.campaign!).filter(Boolean);
}

export async function getHandoff({ id }: { id: string }) {
  const ownerAlias = alias(users, "owner");
  const [row] = await db
    .select({ handoff: handoffs, ownerName: ownerAlias.name, ownerEmail: ownerAlias.email, teamName: teams.name })
    .from(handoffs)
    .leftJoin(ownerAlias, eq(ownerAlias.id, handoffs.ownerId))
    .leftJoin(teams, eq(teams.id, handoffs.teamId))
    .where(eq(handoffs.id, id))
    .limit(1);
  return row ?? null;
}

export async function listHandoffEvents({ handoffId, limit = 500 }: { handoffId: string; limit?: number }) {
  return db
    .select({ event: handoffEvents, actorName: users.name, actorEmail: users.email })
    .from(handoffEvents)
    .leftJoin(users, eq(users.id, handoffEvents.actorId))
    .where(eq(handoffEvents.handoffId, handoffId))
    .orderBy(desc(handoffEvents.createdAt), desc(handoffEvents.id))
    .limit(limit);
}

export type HandoffChange = Partial<
  Pick<
    NewHandoff,
    | "status"
    | "ownerId"
    | "teamId"
    | "acceptedAt"
    | "closedAt"
    | "valueAmount"
    | "valueCurrency"
    | "meetingBooked"
    | "discardReason"
    | "priority"
    | "slaDueAt"
    | "snoozedUntil"
    | "infoRequest"
    | "handedBackFrom"
    | "package"
  >
>;

export type HandoffEventInput = {
  type: string;
  actorKind: "user" | "agent" | "system";
  actorId?: string | null;
  fromStatus?: HandoffStatus | null;
  toStatus?: HandoffStatus | null;
  note?: string | null;
  data?: Record<string, unknown>;
};

/**
 * The one write path for a person's change to a package. The row changes only if nobody changed it
 * since `expectedVersion` was read and its status is still one the command may start from; the
 * timeline event is written in the same transaction. Returns null when someone else got there first.
 */
export async function updateHandoffIfUnchanged(options: {
  id: string;
  expectedVersion: number;
  fromStatuses: readonly HandoffStatus[];
  change: HandoffChange;
  event: HandoffEventInput;
  /** Outbox: jobs queued here commit or roll back with the change (e.g. the CRM status sync). */
  alsoInTransaction?: (tx: Transaction) => Promise<void>;
}) {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handoffs)
      .set({ ...options.change, updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
      .where(
        and(
          eq(handoffs.id, options.id),
          eq(handoffs.version, options.expectedVersion),
          inArray(handoffs.status, [...options.fromStatuses]),
        ),
      )
      .returning();
    if (!updated) return null;
    await insertHandoffEvent(tx, options.id, options.event);
    await options.alsoInTransaction?.(tx);
    return updated;
  });
}

export async function addHandoffEvent({ handoffId, event }: { handoffId: string; event: HandoffEventInput }) {
  await db.transaction((tx) => insertHandoffEvent(tx, handoffId, event));
}

export async function insertHandoffEvent(tx: Transaction, handoffId: string, event: HandoffEventInput) {
  await tx.insert(handoffEvents).values({
    handoffId,
    type: event.type,
    actorKind: event.actorKind,
    actorId: event.actorId ?? null,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    note: event.note ?? null,
    data: event.data ?? {},
  });
}

function scopeConditions(scope: InboxScope): SQL[] {
  switch (scope.kind) {
    case "all":
      return [];
    case "owner":
      return [eq(handoffs.ownerId, scope.ownerId)];
    case "team":
      // Someone in no team has no team queue (rather than every package without a team).
      return scope.teamId ? [eq(handoffs.teamId, scope.teamId)] : [dsql`false`];
    case "unassigned":
      if (scope.teamId === undefined) return [dsql`${handoffs.ownerId} is null`];
      return scope.teamId ? [dsql`${handoffs.ownerId} is null`, eq(handoffs.teamId, scope.teamId)] : [dsql`false`];
  }
}

function filterConditions(filters: InboxFilters | undefined): SQL[] {
  if (!filters) return [];
  const out: SQL[] = [];
  // Trigram search over name, company, email and summary; LIKE wildcards in the query are literal.
  if (filters.q) out.push(dsql`${handoffs.searchText} like ${"%" + filters.q.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`);
  if (filters.reason) out.push(dsql`${handoffs.reasons} @> array[${filters.reason}]::text[]`);
  if (filters.channel) out.push(dsql`${handoffs.channel} = ${filters.channel}`);
  if (filters.intent) out.push(eq(handoffs.intent, filters.intent));
  if (filters.campaign) out.push(eq(handoffs.campaign, filters.campaign));
  return out;
}

/** Snoozed packages stay out of the default (open) views until their time comes. */
function notSnoozed(): SQL {
  return dsql`(${handoffs.snoozedUntil} is null or ${handoffs.snoozedUntil} <= now())`;
}

function statusCondition(status: StatusFilter): SQL {
  if (status === "all") return dsql`true`;
  if (status === "open") return eq(handoffs.isOpen, true);
  return eq(handoffs.status, status);
}
