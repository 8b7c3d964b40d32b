import { and, asc, desc, eq, inArray, sql as dsql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type Database, type Transaction } from "@/db";
import { handoffs, users, type HandoffPriority, type HandoffStatus } from "@/db/schema";
import type { Cursor, InboxSort } from "@/lib/inbox/cursor";
import { searchMatchPatterns } from "@/lib/inbox/search-match";

export type InboxScope =
  | { kind: "all" }
  | { kind: "team"; teamId: string | null }
  | { kind: "owner"; ownerId: string }
  /** Nobody owns it yet: within a team, or in every team (teamId undefined). */
  | { kind: "unassigned"; teamId?: string | null };

/** Narrowing a view further: each is optional, all must hold. */
export type InboxFilters = {
  q?: string;
  reason?: string;
  channel?: string;
  intent?: string;
  campaign?: string;
  /** A user id, or "none" for nobody. */
  owner?: string;
  team?: string;
  /** UTC days, inclusive: YYYY-MM-DD. */
  from?: string;
  to?: string;
};

export type StatusFilter = "open" | "all" | HandoffStatus;

// The columns each sort orders by, before the id tie-break (lib/inbox/cursor.ts says what they hold).
const sortColumns: Record<InboxSort, { column: AnyPgColumn; cast: SQL }[]> = {
  sla_due_at: [{ column: handoffs.slaDueAt, cast: dsql`timestamptz` }],
  created_at: [{ column: handoffs.createdAt, cast: dsql`timestamptz` }],
  updated_at: [{ column: handoffs.updatedAt, cast: dsql`timestamptz` }],
  value: [{ column: handoffs.dealValue, cast: dsql`numeric` }],
  priority: [
    { column: handoffs.priority, cast: dsql`handoff_priority` },
    { column: handoffs.slaDueAt, cast: dsql`timestamptz` },
  ],
};

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
  dealValue: handoffs.dealValue,
  dealCurrency: handoffs.dealCurrency,
  slaDueAt: handoffs.slaDueAt,
  acceptedAt: handoffs.acceptedAt,
  createdAt: handoffs.createdAt,
  updatedAt: handoffs.updatedAt,
  version: handoffs.version,
  snoozedUntil: handoffs.snoozedUntil,
};

/**
 * One page of a priority tab, keyset-paginated on (sort keys, id) so page 1,000 costs what page 1 does.
 * `before` reads backwards from a cursor and flips the rows back into display order.
 */
export async function listInboxPage(options: {
  scope: InboxScope;
  /** A priority tab, every priority, or the agent's own outcomes (act or filter records, which have no priority). */
  priority: HandoffPriority | "all" | { outcome: "act" | "filter" };
  filters?: InboxFilters;
  status: StatusFilter;
  sort: InboxSort;
  dir: "asc" | "desc";
  limit: number;
  after?: Cursor;
  before?: Cursor;
}) {
  const backwards = Boolean(options.before) && !options.after;
  const ascending = (options.dir === "asc") !== backwards;
  const cursor = options.after ?? options.before;

  const tab =
    options.priority === "all"
      ? dsql`${handoffs.priority} is not null`
      : typeof options.priority === "string"
        ? eq(handoffs.priority, options.priority)
        : and(dsql`${handoffs.priority} is null`, eq(handoffs.decision, options.priority.outcome))!;
  const conditions = [tab, ...scopeConditions(options.scope), statusCondition(options.status), ...filterConditions(options.filters)];
  if (options.status === "open") conditions.push(notSnoozed());

  const ownerAlias = alias(users, "owner");
  // A search lists whole-word matches, then word prefixes, then matches inside a word, each tier in
  // the chosen sort: the tiers are read in turn like the segments, and the cursor says which one it is in.
  const tiers = options.filters?.q ? matchTierConditions(options.filters.q) : null;
  const cursorTier = cursor?.matchTier ?? 0;
  const tierOrder: (number | null)[] = tiers
    ? (backwards ? [2, 1, 0] : [0, 1, 2]).filter((t) => !cursor || (backwards ? t <= cursorTier : t >= cursorTier))
    : [null];
  const rows = await searchAware(options.filters, async (executor) => {
    const read: Awaited<ReturnType<typeof readSegment>> = [];
    // Each segment is one index-friendly query; the next runs only if the page is not full yet.
    for (const tier of tierOrder) {
      const from = tier === null || tier === cursorTier ? cursor : undefined;
      for (const segment of keysetSegments(options.sort, ascending, backwards, from)) {
        const wanted = options.limit + 1 - read.length;
        if (wanted <= 0) break;
        read.push(...(await readSegment(executor, segment, wanted, tier)));
      }
    }
    return read;
  });

  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  if (backwards) page.reverse();
  return {
    rows: page,
    // Reading forwards, "more" means a next page; reading backwards, it means a previous one.
    hasNext: backwards ? true : hasMore,
    hasPrevious: backwards ? hasMore : Boolean(options.after),
  };

  function readSegment(executor: Database | Transaction, segment: KeysetSegment, limit: number, tier: number | null) {
    return executor
      .select({ ...inboxRowColumns, ownerName: ownerAlias.name, matchTier: dsql<number | null>`${tier}::int` })
      .from(handoffs)
      .leftJoin(ownerAlias, eq(ownerAlias.id, handoffs.ownerId))
      .where(and(...conditions, ...segment.where, ...(tiers && tier !== null ? [tiers[tier]] : [])))
      .orderBy(...segment.orderBy)
      .limit(limit);
  }
}

type KeysetSegment = { where: SQL[]; orderBy: SQL[] };

/**
 * The queries that read a page in order, from just past the cursor. A sort on non-null keys is one
 * row comparison, `(keys, id) > (cursor)`, which Postgres answers by walking an index from the
 * cursor on. The value sort may hold nulls, which sort last in display order (so first when reading
 * backwards); a row comparison cannot say that, so those rows are a second segment of their own,
 * ordered by id alone, read before or after the non-null ones.
 */
function keysetSegments(sort: InboxSort, ascending: boolean, backwards: boolean, cursor: Cursor | undefined): KeysetSegment[] {
  const keys = sortColumns[sort];
  const direction = (column: AnyPgColumn | SQL) => (ascending ? asc(column) : desc(column));
  const after = (left: SQL, right: SQL) => (ascending ? dsql`${left} > ${right}` : dsql`${left} < ${right}`);
  const tuple = (parts: SQL[]) => dsql`(${dsql.join(parts, dsql`, `)})`;
  const columns = tuple([...keys.map((k) => dsql`${k.column}`), dsql`${handoffs.id}`]);
  const cursorTuple = (values: (string | null)[]) => tuple([...keys.map((k, i) => dsql`${values[i]}::${k.cast}`), dsql`${cursor!.id}::uuid`]);

  const split = twoSegmentSorts[sort];
  if (!split) {
    return [{ where: cursor ? [after(columns, cursorTuple(cursor.values))] : [], orderBy: [...keys.map((k) => direction(k.column)), direction(handoffs.id)] }];
  }
  // Which segment the cursor's row is in, and the key values to compare within it.
  const inSecond = cursor ? split.cursorInSecond(cursor.values) : false;
  const within = cursor ? split.keyValues(cursor.values) : [];
  const first: KeysetSegment = {
    where: [split.first, ...(cursor && !inSecond ? [after(columns, cursorTuple(within))] : [])],
    orderBy: [direction(keys[0]!.column), direction(handoffs.id)],
  };
  const second: KeysetSegment = split.secondOrderedByKey
    ? {
        where: [dsql`not ${split.first}`, ...(cursor && inSecond ? [after(columns, cursorTuple(within))] : [])],
        orderBy: [direction(keys[0]!.column), direction(handoffs.id)],
      }
    : {
        where: [dsql`not ${split.first}`, ...(cursor && inSecond ? [after(dsql`${handoffs.id}`, dsql`${cursor.id}::uuid`)] : [])],
        orderBy: [direction(handoffs.id)],
      };
  if (!backwards) return cursor && inSecond ? [second] : [first, second];
  return cursor && !inSecond ? [first] : [second, first];
}

/**
 * Sorts whose rows fall in two runs, the second always last whichever the direction: a value nobody
 * stated (those by id alone: they have no value), and an SLA whose clock is not running (only a
 * pending package's acceptance clock runs; an accepted package's deadline is history, not urgency;
 * those still by their deadline). lib/inbox/cursor.ts says how a cursor names its run.
 */
const twoSegmentSorts: Partial<
  Record<
    InboxSort,
    {
      first: SQL;
      secondOrderedByKey: boolean;
      cursorInSecond: (values: (string | null)[]) => boolean;
      keyValues: (values: (string | null)[]) => (string | null)[];
    }
  >
> = {
  value: { first: dsql`(${handoffs.dealValue} is not null)`, secondOrderedByKey: false, cursorInSecond: (v) => v[0] === null, keyValues: (v) => v },
  sla_due_at: {
    first: dsql`(${handoffs.status} = 'pending' and ${handoffs.priority} is not null)`,
    secondOrderedByKey: true,
    cursorInSecond: (v) => v[0] === "stopped",
    keyValues: (v) => v.slice(1),
  },
};

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

/**
 * Where tab counts stop: past these a tab says "10,000+" (a search "100+"). Counting every open
 * package of every team at 1M rows reads 550,000 index entries (~60-100 ms); a triage tab with
 * more than ten thousand open packages needs no exact figure to be worked.
 */
export const COUNT_CAP = 10_000;
export const SEARCH_COUNT_CAP = 100;

/**
 * The tab counts, each stopping at `cap` + 1: a bounded index walk per tab whatever the scope, so a
 * manager's all-teams view or a company-wide search costs what a team's queue does.
 */
export async function countByPriorityCapped({ scope, status, filters, cap }: { scope: InboxScope; status: StatusFilter; filters?: InboxFilters; cap: number }) {
  const where = and(...scopeConditions(scope), statusCondition(status), ...filterConditions(filters)) ?? dsql`true`;
  const capped = (priority: HandoffPriority) =>
    dsql`(select count(*)::int from (select 1 from ${handoffs} where ${handoffs.priority} = ${priority} and ${where} limit ${cap + 1}) m)`;
  const [[row], snoozed] = await Promise.all([
    searchAware(filters, (executor) =>
      executor.execute<Record<HandoffPriority, number>>(
        dsql`select ${capped("immediate")} as immediate, ${capped("normal")} as normal, ${capped("nurture")} as nurture`,
      ),
    ),
    // Open work hides snoozed packages: the few snoozed ones (a partial index) are subtracted, so the
    // capped walks stay index-only. A tab past the cap stays "cap+" either way.
    status === "open"
      ? db
          .select({ priority: handoffs.priority, count: dsql<number>`count(*)::int` })
          .from(handoffs)
          .where(and(dsql`${handoffs.snoozedUntil} > now()`, dsql`${handoffs.priority} is not null`, where))
          .groupBy(handoffs.priority)
      : Promise.resolve([]),
  ]);
  const counts: Record<HandoffPriority, number> = { immediate: row!.immediate, normal: row!.normal, nurture: row!.nurture };
  for (const { priority, count } of snoozed) if (priority && counts[priority] <= cap) counts[priority] -= count;
  return counts;
}

/** The agent's own outcomes in a scope: handled (act) and filtered, for the views of the same name. */
export async function countAgentOutcomes({ scope, filters }: { scope: InboxScope; filters?: InboxFilters }) {
  const rows = await searchAware(filters, (executor) =>
    executor
      .select({ decision: handoffs.decision, count: dsql<number>`count(*)::int` })
      .from(handoffs)
      .where(and(dsql`${handoffs.priority} is null`, inArray(handoffs.decision, ["act", "filter"]), ...scopeConditions(scope), ...filterConditions(filters)))
      .groupBy(handoffs.decision),
  );
  return { agent: rows.find((r) => r.decision === "act")?.count ?? 0, filtered: rows.find((r) => r.decision === "filter")?.count ?? 0 };
}

/**
 * Distinct campaigns in a scope, for the campaign filter's choices. A loose index scan: one probe of
 * the (campaign, team) index per distinct campaign, where SELECT DISTINCT reads every row that has one.
 */
export async function listCampaigns({ scope }: { scope: InboxScope }) {
  const inScope = and(...scopeConditions(scope)) ?? dsql`true`;
  const rows = await db.execute<{ campaign: string }>(dsql`
    with recursive campaigns(campaign) as (
      (select campaign from handoffs where campaign is not null order by campaign limit 1)
      union all
      select (select h.campaign from handoffs h where h.campaign > campaigns.campaign order by h.campaign limit 1)
      from campaigns where campaigns.campaign is not null
    )
    select campaigns.campaign from campaigns
    where campaigns.campaign is not null
      and exists (select 1 from handoffs where handoffs.campaign = campaigns.campaign and ${inScope})
    limit 100`);
  return rows.map((r) => r.campaign);
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
  if (filters.owner) out.push(filters.owner === "none" ? dsql`${handoffs.ownerId} is null` : eq(handoffs.ownerId, filters.owner));
  if (filters.team) out.push(eq(handoffs.teamId, filters.team));
  if (filters.from) out.push(dsql`${handoffs.createdAt} >= ${utcDay(filters.from, 0)}::timestamptz`);
  if (filters.to) out.push(dsql`${handoffs.createdAt} < ${utcDay(filters.to, 1)}::timestamptz`);
  return out;
}

/**
 * The search's match tiers (lib/inbox/search-match.ts), each excluding the ones before it, so a
 * package is in exactly one. They narrow the LIKE of filterConditions, which the trigram index answers.
 */
function matchTierConditions(q: string): [SQL, SQL, SQL] {
  const { word, prefix } = searchMatchPatterns(q);
  return [
    dsql`${handoffs.searchText} ~ ${word}`,
    dsql`(${handoffs.searchText} ~ ${prefix} and ${handoffs.searchText} !~ ${word})`,
    dsql`${handoffs.searchText} !~ ${prefix}`,
  ];
}

/** Snoozed packages stay out of the default (open) views until their time comes. */
function notSnoozed(): SQL {
  return dsql`(${handoffs.snoozedUntil} is null or ${handoffs.snoozedUntil} <= now())`;
}

function statusCondition(status: StatusFilter): SQL {
  if (status === "all") return dsql`true`;
  // A literal, not a bound `= $1`: the partial indexes over open work are usable only when the
  // planner sees the very expression of their predicate, in generic plans too.
  if (status === "open") return dsql`${handoffs.isOpen}`;
  return eq(handoffs.status, status);
}

/** The start of a UTC day, `offset` days after the given one, as an ISO string. */
function utcDay(day: string, offset: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + offset * 86_400_000).toISOString();
}

/**
 * Runs a query that may hold a search. The driver prepares statements, and after a few runs Postgres
 * may switch a prepared statement to a generic plan made without knowing the pattern; for LIKE that
 * plan collects every trigram match and sorts them (1M rows, a company name: 1.6 s instead of 2 ms).
 * So a search plans for its own pattern each time, inside a transaction that says so.
 */
async function searchAware<T>(filters: InboxFilters | undefined, run: (executor: Database | Transaction) => Promise<T>): Promise<T> {
  if (!filters?.q) return run(db);
  return db.transaction(async (tx) => {
    await tx.execute(dsql`set local plan_cache_mode = force_custom_plan`);
    return run(tx);
  });
}
