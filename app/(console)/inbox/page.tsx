import type { Metadata } from "next";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { acceptHandoff } from "@/app/(console)/handoffs/actions";
import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { InboxBulk } from "@/components/inbox/inbox-bulk";
import { InboxFilters } from "@/components/inbox/inbox-filters";
import { InboxKeyboard } from "@/components/inbox/inbox-keyboard";
import { InboxLive } from "@/components/inbox/inbox-live";
import { InboxTable } from "@/components/inbox/inbox-table";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import { RememberInboxView } from "@/components/inbox/remember-inbox-view";
import { countAgentOutcomes, countByPriorityCapped, listCampaigns, listInboxPage } from "@/db/queries/inbox";
import { listPresence } from "@/db/queries/presence";
import { listActiveUsers } from "@/db/queries/users";
import { listTeams } from "@/db/queries/teams";
import { priorityLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { tabCount } from "@/lib/inbox/counts";
import { openStatuses } from "@/lib/handoffs/state-machine";
import { cursorValues, encodeCursor } from "@/lib/inbox/cursor";
import { parseInboxParams } from "@/lib/inbox/params";
import { presenceView } from "@/lib/inbox/presence";
import { planInbox } from "@/lib/inbox/plan-inbox";
import { INBOX_VIEW_COOKIE, landingView, remembersView } from "@/lib/inbox/landing-view";
import { pageActor } from "../page-actor";
import { bulkDiscardAction, bulkReassignAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await pageActor();
  const search = await searchParams;
  // A bare /inbox (the menu, a sign-in): a rep opens their own packages, or the view they used last.
  if (Object.keys(search).length === 0) {
    const landing = landingView(actor, (await cookies()).get(INBOX_VIEW_COOKIE)?.value);
    if (landing) redirect(inboxHref({ view: landing }));
  }
  const params = parseInboxParams(search);
  const plan = planInbox(params, actor);
  // HTTP 403 with ./forbidden.tsx, which says why.
  if (!plan.allowed) forbidden();
  const { manager, views, view, agentView, scope, outcomeScope, sort, dir, status, filters, cap, baseParams, filtered } = plan;

  const [counts, outcomes, campaigns, people, teams, page] = await Promise.all([
    countByPriorityCapped({ scope, status, filters, cap }),
    countAgentOutcomes({ scope: outcomeScope, filters }),
    listCampaigns({ scope: plan.campaignScope }),
    listActiveUsers(manager ? {} : { teamId: actor.teamId }),
    manager ? listTeams() : null,
    listInboxPage(plan.page),
  ]);
  const presence = await listPresence({ handoffIds: page.rows.map((r) => r.id), exceptUserId: actor.id });
  const rows = page.rows.map((row) => ({ ...row, presence: presence.has(row.id) ? presenceView(presence.get(row.id)) : undefined }));
  const assignees = people.filter((p) => p.role !== "admin").map((p) => ({ id: p.id, label: p.name ?? p.email }));

  const cursorFor = (row: (typeof page.rows)[number]) => encodeCursor(cursorValues(sort, row), row.id, row.matchTier);
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const total = agentView ? String(view === "agent" ? outcomes.agent : outcomes.filtered) : tabCount(params.tab, counts, cap);
  const now = new Date();

  return (
    <div className="space-y-4">
      {remembersView(actor.role, params.view) ? <RememberInboxView userId={actor.id} view={params.view} /> : null}
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
