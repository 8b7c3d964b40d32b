import postgres from "postgres";
import { priorities, type Priority } from "@/lib/contract/package";
import type { InboxFilters, InboxScope, StatusFilter } from "@/db/queries/inbox";
import { cursorSchema, cursorValues, encodeCursor, type Cursor, type InboxSort } from "@/lib/inbox/cursor";
import type { BenchModule, Budget, Measurement } from "./bench-module";
import { ensureHandoffs } from "./generate-handoffs";
import { measureLatency, summarise } from "./latency";

const PAGE_SIZE = 50;
// The sorts the inbox's column headers offer, in the direction a click first gives.
const allTabSorts: { sort: InboxSort; dir: "asc" | "desc" }[] = [
  { sort: "sla_due_at", dir: "asc" },
  { sort: "created_at", dir: "desc" },
  { sort: "value", dir: "desc" },
];
const WARMUP = 50;
// The budget for one inbox page at 1M handoffs on the 2-core reference machine.
const PAGE_BUDGET = { kind: "p95_below_ms", ms: 20 } as const;
// The inbox issue's budget for search at 1M handoffs.
const SEARCH_BUDGET = { kind: "p95_below_ms", ms: 100 } as const;

/**
 * The inbox page query at scale: one priority tab, a page of 50 in SLA order, under each scope a
 * person can pick, plus the keyset's second page. It calls the app's own query functions, so a
 * change to them or to the indexes shows up here.
 */
export const inboxBench: BenchModule = {
  name: "inbox",
  async run({ database, rows, runs, log }) {
    const dataset = await ensureHandoffs({ database, rows, log });
    const { owners, teams, names, companies } = await drawableParameters(database.url);
    // Imported only now: db/index.ts binds its pool to DATABASE_URL, which run.ts has pointed here.
    const { listInboxPage, countOpenByPriority, countByPriorityCapped, listCampaigns, COUNT_CAP, SEARCH_COUNT_CAP } = await import("@/db/queries/inbox");

    // Each timed call is the app's call for one inbox page: a tab, 50 rows, most urgent SLA first.
    const page = (scope: InboxScope, priority: Priority, status: StatusFilter, after?: Cursor, q?: string) =>
      listInboxPage({ scope, priority, status, sort: "sla_due_at", dir: "asc", limit: PAGE_SIZE, after, filters: q ? { q } : undefined });
    const all: InboxScope = { kind: "all" };
    // The other sorts and filters, each as the page calls them.
    const sorted = (options: { scope: InboxScope; priority: Priority | "all"; sort: InboxSort; dir: "asc" | "desc"; after?: Cursor; filters?: InboxFilters }) =>
      listInboxPage({ status: "open", limit: PAGE_SIZE, ...options });
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

    const scenarios = [
      scenario({
        name: "tab + status pending, all teams",
        budgeted: true,
        draw: () => ({ priority: pick(priorities) }),
        run: ({ priority }) => page(all, priority, "pending"),
      }),
      scenario({
        name: "tab + mine (owner), open",
        budgeted: true,
        draw: () => ({ priority: pick(priorities), ownerId: pick(owners) }),
        run: ({ priority, ownerId }) => page({ kind: "owner", ownerId }, priority, "open"),
      }),
      scenario({
        name: "tab + team, open",
        budgeted: true,
        draw: () => ({ priority: pick(priorities), teamId: pick(teams) }),
        run: ({ priority, teamId }) => page({ kind: "team", teamId }, priority, "open"),
      }),
      scenario({
        name: "page 2 (keyset) of tab + status pending",
        budgeted: true,
        // Page 1 is read outside the timing, as the person did before clicking "next".
        draw: async () => {
          const priority = pick(priorities);
          const last = (await page(all, priority, "pending")).rows.at(-1);
          if (!last) throw new Error(`the ${priority} tab has no pending handoffs to page through`);
          return { priority, after: cursorSchema.parse(encodeCursor(cursorValues("sla_due_at", last), last.id)) };
        },
        run: ({ priority, after }) => page(all, priority, "pending", after),
      }),
      scenario({
        name: "sort by value (largest first), tab, all teams, open",
        budgeted: true,
        draw: () => ({ priority: pick(priorities) }),
        run: ({ priority }) => sorted({ scope: all, priority, sort: "value", dir: "desc" }),
      }),
      scenario({
        name: "page 2 (keyset) of sort by value, team, open",
        budgeted: true,
        draw: async () => {
          const priority = pick(priorities);
          const teamId = pick(teams);
          const last = (await sorted({ scope: { kind: "team", teamId }, priority, sort: "value", dir: "desc" })).rows.at(-1);
          if (!last) throw new Error(`the ${priority} tab has no open handoffs in team ${teamId}`);
          return { priority, teamId, after: cursorSchema.parse(encodeCursor(cursorValues("value", last), last.id)) };
        },
        run: ({ priority, teamId, after }) => sorted({ scope: { kind: "team", teamId }, priority, sort: "value", dir: "desc", after }),
      }),
      scenario({
        name: "All tab by priority then SLA, team, open",
        budgeted: true,
        draw: () => ({ teamId: pick(teams) }),
        run: ({ teamId }) => sorted({ scope: { kind: "team", teamId }, priority: "all", sort: "priority", dir: "asc" }),
      }),
      // The All tab (every priority) under each sort a person can click, all teams and one team, and
      // the keyset's second page: no priority to lead an index with, so each sort needs its own.
      ...allTabSorts.flatMap(({ sort, dir }) => [
        scenario({
          name: `All tab by ${sort} ${dir}, all teams, open`,
          budgeted: true,
          draw: () => ({}),
          run: () => sorted({ scope: all, priority: "all", sort, dir }),
        }),
        scenario({
          name: `All tab by ${sort} ${dir}, team, open`,
          budgeted: true,
          draw: () => ({ teamId: pick(teams) }),
          run: ({ teamId }) => sorted({ scope: { kind: "team", teamId }, priority: "all", sort, dir }),
        }),
        scenario({
          name: `page 2 (keyset) of All tab by ${sort} ${dir}, all teams, open`,
          budgeted: true,
          draw: async () => {
            const last = (await sorted({ scope: all, priority: "all", sort, dir })).rows.at(-1);
            if (!last) throw new Error(`the All tab by ${sort} has no open handoffs to page through`);
            return { after: cursorSchema.parse(encodeCursor(cursorValues(sort, last), last.id)) };
          },
          run: ({ after }) => sorted({ scope: all, priority: "all", sort, dir, after }),
        }),
      ]),
      scenario({
        name: "owner filter, all teams, tab, open",
        budgeted: true,
        draw: () => ({ priority: pick(priorities), owner: pick(owners) }),
        run: ({ priority, owner }) => sorted({ scope: all, priority, sort: "sla_due_at", dir: "asc", filters: { owner } }),
      }),
      scenario({
        name: "created in the last 30 days, team, tab, open",
        budgeted: true,
        draw: () => ({ priority: pick(priorities), teamId: pick(teams) }),
        run: ({ priority, teamId }) =>
          sorted({ scope: { kind: "team", teamId }, priority, sort: "sla_due_at", dir: "asc", filters: { from: daysAgo(30), to: daysAgo(0) } }),
      }),
      // Search: a person's name (a few hundred matches) in a team's open queue, and a company name
      // (tens of thousands of matches) across all teams, the broadest search a manager can run.
      scenario({
        name: "search a lead's name, team, open",
        budgeted: true,
        budget: SEARCH_BUDGET,
        draw: () => ({ priority: pick(priorities), teamId: pick(teams), q: pick(names) }),
        run: ({ priority, teamId, q }) => page({ kind: "team", teamId }, priority, "open", undefined, q),
      }),
      scenario({
        name: "search a company, all teams, any status",
        budgeted: true,
        budget: SEARCH_BUDGET,
        draw: () => ({ priority: pick(priorities), q: pick(companies) }),
        run: ({ priority, q }) => page(all, priority, "all", undefined, q),
      }),
      // The page loads its tab counts beside the list (Promise.all): no budget yet, but it is what the
      // person waits for when it is the slower of the two.
      scenario({
        name: "tab counts (countOpenByPriority), team, open",
        budgeted: false,
        draw: () => ({ teamId: pick(teams) }),
        run: ({ teamId }) => countOpenByPriority({ scope: { kind: "team", teamId }, status: "open" }),
      }),
      scenario({
        name: "tab counts (countOpenByPriority), mine, open",
        budgeted: false,
        draw: () => ({ ownerId: pick(owners) }),
        run: ({ ownerId }) => countOpenByPriority({ scope: { kind: "owner", ownerId }, status: "open" }),
      }),
      // The campaign filter's choices, loaded with every page.
      scenario({
        name: "campaign choices (listCampaigns), all teams",
        budgeted: false,
        draw: () => ({}),
        run: () => listCampaigns({ scope: all }).then((campaigns) => ({ rows: campaigns })),
      }),
      scenario({
        name: "campaign choices (listCampaigns), team",
        budgeted: false,
        draw: () => ({ teamId: pick(teams) }),
        run: ({ teamId }) => listCampaigns({ scope: { kind: "team", teamId } }).then((campaigns) => ({ rows: campaigns })),
      }),
      // What the page runs for its tab counts: each tab's count stops at a cap.
      scenario({
        name: "capped tab counts, all teams, open",
        budgeted: false,
        draw: () => ({}),
        run: () => countByPriorityCapped({ scope: all, status: "open", cap: COUNT_CAP }),
      }),
      scenario({
        name: "capped tab counts, team, open",
        budgeted: false,
        draw: () => ({ teamId: pick(teams) }),
        run: ({ teamId }) => countByPriorityCapped({ scope: { kind: "team", teamId }, status: "open", cap: COUNT_CAP }),
      }),
      scenario({
        name: "capped tab counts of a company search, all teams, any status",
        budgeted: false,
        draw: () => ({ q: pick(companies) }),
        run: ({ q }) => countByPriorityCapped({ scope: all, status: "all", filters: { q }, cap: SEARCH_COUNT_CAP }),
      }),
      scenario({
        name: "tab counts (countOpenByPriority), all teams, open",
        budgeted: false,
        draw: () => ({}),
        run: () => countOpenByPriority({ scope: all, status: "open" }),
      }),
    ];

    const measurements: Measurement[] = [];
    const pageFill: Record<string, number> = {};
    for (const { name, budgeted, budget, measure } of scenarios) {
      log(`inbox: ${name} (${WARMUP} warm-up + ${runs} runs)`);
      const { samples, sizes } = await measure(runs);
      // A fast query that returns nothing proves nothing: how full the measured pages were.
      if (sizes.length > 0) pageFill[name] = Math.round((sizes.reduce((a, b) => a + b, 0) / sizes.length) * 10) / 10;
      measurements.push({
        bench: "inbox",
        scenario: name,
        ...summarise(samples),
        ...(budgeted ? { budget: budget ?? PAGE_BUDGET } : {}),
      });
    }

    return {
      measurements,
      details: {
        handoffs: dataset.rows,
        datasetReused: dataset.reused,
        generationSeconds: Math.round(dataset.seconds * 10) / 10,
        owners: owners.length,
        teams: teams.length,
        pageSize: PAGE_SIZE,
        warmup: WARMUP,
        meanRowsPerPage: pageFill,
      },
    };
  },
};

type Scenario<P> = {
  name: string;
  /** Informational lines (the tab counts) are reported without a budget. */
  budgeted: boolean;
  /** The page budget unless a scenario has its own (search). */
  budget?: Budget;
  draw: () => P | Promise<P>;
  run: (params: P) => Promise<object>;
};

type MeasurableScenario = {
  name: string;
  budgeted: boolean;
  budget?: Budget;
  measure: (runs: number) => Promise<{ samples: number[]; sizes: number[] }>;
};

// Hides each scenario's own parameter type behind `measure`, so differently shaped ones share a list.
function scenario<P>(definition: Scenario<P>): MeasurableScenario {
  return {
    name: definition.name,
    budgeted: definition.budgeted,
    budget: definition.budget,
    measure: async (runs) => {
      const sizes: number[] = [];
      const samples = await measureLatency({
        runs,
        warmup: WARMUP,
        draw: definition.draw,
        operation: async (params) => {
          const result = await definition.run(params);
          if ("rows" in result && Array.isArray(result.rows)) sizes.push(result.rows.length);
        },
      });
      return { samples, sizes };
    },
  };
}

// Owners and teams that actually hold handoffs, so every drawn scope has something to list.
async function drawableParameters(url: string): Promise<{ owners: string[]; teams: string[]; names: string[]; companies: string[] }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const owners = await sql<{ id: string }[]>`
      select u.id from users u where exists (select 1 from handoffs h where h.owner_id = u.id)`;
    const teams = await sql<{ id: string }[]>`
      select t.id from teams t where exists (select 1 from handoffs h where h.team_id = t.id)`;
    const names = await sql<
      { name: string }[]
    >`select distinct lead_name as name from (select lead_name from handoffs tablesample system (1) limit 2000) s where lead_name is not null limit 200`;
    const companies = await sql<
      { name: string }[]
    >`select distinct company_name as name from (select company_name from handoffs tablesample system (1) limit 2000) s where company_name is not null limit 50`;
    if (owners.length === 0 || teams.length === 0) throw new Error("the bench database has no owned or team handoffs");
    return { owners: owners.map((r) => r.id), teams: teams.map((r) => r.id), names: names.map((r) => r.name), companies: companies.map((r) => r.name) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
