import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { acceptHandoff } from "@/app/(console)/handoffs/actions";
import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { InboxBulk } from "@/components/inbox/inbox-bulk";
import { InboxFilters } from "@/components/inbox/inbox-filters";
import { InboxKeyboard } from "@/components/inbox/inbox-keyboard";
import { InboxLive } from "@/components/inbox/inbox-live";
import { InboxTable } from "@/components/inbox/inbox-table";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import {
  countAgentOutcomes,
  countByPriorityCapped,
  COUNT_CAP,
  listCampaigns,
  listInboxPage,
  SEARCH_COUNT_CAP,
  type InboxScope,
} from "@/db/queries/handoffs";
import { listPresence } from "@/db/queries/presence";
import { listActiveUsers, listTeams } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { priorityLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { tabCount } from "@/lib/inbox/counts";
import { openStatuses } from "@/lib/handoffs/state-machine";
import { cursorFits, cursorValues, defaultDirection, encodeCursor, type Cursor } from "@/lib/inbox/cursor";
import { effectiveSort, parseInboxParams, type InboxView } from "@/lib/inbox/params";
import { presenceView } from "@/lib/inbox/presence";
import { pageActor } from "../page-actor";
import { bulkDiscardAction, bulkReassignAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await pageActor();
  const params = parseInboxParams(await searchParams);
  const manager = can(actor.role, "handoffs.read_all");

  const views: InboxView[] = manager ? ["mine", "team", "unassigned", "all", "agent", "filtered"] : ["mine", "team", "unassigned", "agent", "filtered"];
  const view = params.view ?? "team";
  if (!views.includes(view)) {
    // HTTP 403 with ./forbidden.tsx, which says why.
    forbidden();
  }
  const agentView = view === "agent" || view === "filtered";
  const scope = scopeFor(view, actor, manager);
  // The agent's outcomes have no SLA or priority and are read newest first; packages for people, most urgent SLA first.
  const requested = effectiveSort(params);
  const sort = agentView && (requested === "sla_due_at" || requested === "priority") ? "created_at" : requested;
  const dir = params.dir ?? defaultDirection(sort);
  const status = agentView ? "all" : params.status;
  // A cursor made for another sort (a hand-edited URL) starts again from the first page.
  const fits = (cursor: Cursor | undefined) => (cursor && cursorFits(sort, cursor, Boolean(params.q)) ? cursor : undefined);
  const filters = {
    q: params.q,
    reason: params.reason,
    channel: params.channel,
    intent: params.intent,
    campaign: params.campaign,
    owner: params.owner,
    // Reps work their own team's queue: the team filter is for those who see every team.
    team: manager ? params.team : undefined,
    from: params.from,
    to: params.to,
  };
  // The agent's outcomes: a rep's team, or every team for managers.
  // Counts stop at a cap (db/queries/handoffs.ts says why); a search's sooner, as each match costs more.
  const cap = filters.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  const outcomeScope: InboxScope = manager ? { kind: "all" } : { kind: "team", teamId: actor.teamId };

  const [counts, outcomes, campaigns, people, teams, page] = await Promise.all([
    countByPriorityCapped({ scope, status, filters, cap }),
    countAgentOutcomes({ scope: outcomeScope, filters }),
    listCampaigns({ scope: manager ? { kind: "all" } : outcomeScope }),
    listActiveUsers(manager ? {} : { teamId: actor.teamId }),
    manager ? listTeams() : null,
    listInboxPage({
      scope: agentView ? outcomeScope : scope,
      priority: agentView ? { outcome: view === "agent" ? "act" : "filter" } : params.tab,
      filters,
      status,
      sort,
      dir,
      limit: params.size,
      after: fits(params.after),
      before: fits(params.before),
    }),
  ]);
  const presence = await listPresence({ handoffIds: page.rows.map((r) => r.id), exceptUserId: actor.id });
  const rows = page.rows.map((row) => ({ ...row, presence: presence.has(row.id) ? presenceView(presence.get(row.id)) : undefined }));
  const assignees = people.filter((p) => p.role !== "admin").map((p) => ({ id: p.id, label: p.name ?? p.email }));

  const baseParams = {
    view: params.view,
    tab: agentView ? undefined : params.tab,
    status: params.status === "open" || agentView ? undefined : params.status,
    sort: params.sort,
    dir: params.dir,
    size: params.size === 50 ? undefined : String(params.size),
    ...filters,
  };
  const cursorFor = (row: (typeof page.rows)[number]) => encodeCursor(cursorValues(sort, row), row.id, row.matchTier);
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const total = agentView ? String(view === "agent" ? outcomes.agent : outcomes.filtered) : tabCount(params.tab, counts, cap);
  const filtered = Object.values(filters).some(Boolean);
  const now = new Date();

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Inbox</h1>
        <p className="text-sm text-slate-500">
          {agentView
            ? view === "agent"
              ? "Leads the agent handled itself: a low-risk fit got the booking link, a CRM contact and a task."
              : "Leads the agent filtered as no fit, with a polite reply. Check here that it was right."
            : "Handoff packages from the agent, most urgent first."}
        </p>
      </div>
      <InboxFilters
        view={view}
        views={views}
        viewCounts={{ agent: outcomes.agent, filtered: outcomes.filtered }}
        status={params.status}
        showStatus={!agentView}
        filters={filters}
        campaigns={campaigns}
        owners={assignees}
        teams={teams}
        baseParams={baseParams}
      />
      {agentView ? null : <InboxTabs active={params.tab} counts={counts} cap={cap} baseParams={baseParams} />}
      <InboxLive serverNow={now}>
        <InboxKeyboard accept={acceptHandoff}>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="inbox-empty">
          <p className="font-medium text-slate-900">
            {agentView ? "Nothing here yet." : params.tab === "all" ? "Nothing here." : `Nothing in ${priorityLabels[params.tab].toLowerCase()} here.`}
          </p>
          <p className="mt-1 text-sm text-slate-500">
            {filtered
              ? "No package matches these filters. Clear them, or try another view."
              : status === "open"
                ? "No open packages match this view. Try another tab, or widen the status filter."
                : "Try another status or view."}
          </p>
        </div>
      ) : (
        <>
          {manager && !agentView ? (
            <InboxBulk
              rows={page.rows.map((r) => ({ id: r.id, version: r.version, open: (openStatuses as readonly string[]).includes(r.status) }))}
              assignees={assignees}
              discardReasons={discardReasons}
              reassign={bulkReassignAction}
              discard={bulkDiscardAction}
            >
              <InboxTable rows={rows} sort={sort} dir={dir} baseParams={baseParams} now={now} />
            </InboxBulk>
          ) : (
            <InboxTable rows={rows} sort={sort} dir={dir} baseParams={baseParams} now={now} />
          )}
          <KeysetPagination
            summary={`${page.rows.length} shown · ${total} ${agentView ? "" : status === "all" ? "" : status === "open" ? "open " : status.replace(/_/g, " ") + " "}${agentView ? "in this view" : "in this tab"}${filtered ? " matching the filters" : ""}`}
            firstHref={page.hasPrevious ? inboxHref(baseParams) : null}
            previousHref={page.hasPrevious && first ? inboxHref({ ...baseParams, before: cursorFor(first) }) : null}
            nextHref={page.hasNext && last ? inboxHref({ ...baseParams, after: cursorFor(last) }) : null}
          />
        </>
      )}
        </InboxKeyboard>
      </InboxLive>
    </div>
  );
}

function scopeFor(view: InboxView, actor: Actor, manager: boolean): InboxScope {
  switch (view) {
    case "all":
      return { kind: "all" };
    case "mine":
      return { kind: "owner", ownerId: actor.id };
    case "unassigned":
      // Managers see every team's unowned work; reps their own team's.
      return manager ? { kind: "unassigned" } : { kind: "unassigned", teamId: actor.teamId };
    default:
      return { kind: "team", teamId: actor.teamId };
  }
}
