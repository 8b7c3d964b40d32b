import type { Metadata } from "next";
import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { InboxFilters } from "@/components/inbox/inbox-filters";
import { InboxTable } from "@/components/inbox/inbox-table";
import { InboxTabs } from "@/components/inbox/inbox-tabs";
import { Forbidden } from "@/components/layout/forbidden";
import { countOpenByPriority, listInboxPage, type InboxScope } from "@/db/queries/handoffs";
import { can } from "@/lib/auth/roles";
import { priorityLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";
import { defaultDirection, encodeCursor, parseInboxParams, type InboxView } from "@/lib/inbox/params";
import { pageActor } from "../page-actor";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await pageActor();
  if (!actor) return null;
  const params = parseInboxParams(await searchParams);

  const views: InboxView[] = can(actor.role, "handoffs.read_all") ? ["mine", "team", "all"] : ["mine", "team"];
  const view = params.view ?? "team";
  if (!views.includes(view)) {
    return <Forbidden message="The all-teams view is for managers and admins. Your team queue has everything routed to you and your team." />;
  }
  const scope: InboxScope =
    view === "all" ? { kind: "all" } : view === "mine" ? { kind: "owner", ownerId: actor.id } : { kind: "team", teamId: actor.teamId };
  const dir = params.dir ?? defaultDirection(params.sort);

  const [counts, page] = await Promise.all([
    countOpenByPriority({ scope, status: params.status }),
    listInboxPage({ scope, priority: params.tab, status: params.status, sort: params.sort, dir, limit: params.size, after: params.after, before: params.before }),
  ]);

  const baseParams = {
    tab: params.tab,
    view: params.view,
    status: params.status === "open" ? undefined : params.status,
    sort: params.sort === "sla_due_at" ? undefined : params.sort,
    dir: params.dir,
    size: params.size === 50 ? undefined : String(params.size),
  };
  const sortValue = (row: (typeof page.rows)[number]) =>
    params.sort === "sla_due_at" ? row.slaDueAt : params.sort === "created_at" ? row.createdAt : row.updatedAt;
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const now = new Date();

  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Inbox</h1>
          <p className="text-sm text-slate-500">Handoff packages from the agent, most urgent first.</p>
        </div>
      </div>
      <InboxFilters view={view} views={views} status={params.status} baseParams={baseParams} />
      <InboxTabs active={params.tab} counts={counts} baseParams={baseParams} />
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="inbox-empty">
          <p className="font-medium text-slate-900">Nothing in {priorityLabels[params.tab].toLowerCase()} here.</p>
          <p className="mt-1 text-sm text-slate-500">
            {params.status === "open" ? "No open packages match this view. Try another tab, or widen the status filter." : "Try another status or view."}
          </p>
        </div>
      ) : (
        <>
          <InboxTable rows={page.rows} sort={params.sort} dir={dir} baseParams={baseParams} now={now} />
          <KeysetPagination
            summary={`${page.rows.length} shown · ${counts[params.tab]} ${params.status === "all" ? "" : params.status === "open" ? "open " : params.status.replace(/_/g, " ") + " "}in this tab`}
            firstHref={page.hasPrevious ? inboxHref(baseParams) : null}
            previousHref={page.hasPrevious && first ? inboxHref({ ...baseParams, before: encodeCursor(sortValue(first), first.id) }) : null}
            nextHref={page.hasNext && last ? inboxHref({ ...baseParams, after: encodeCursor(sortValue(last), last.id) }) : null}
          />
        </>
      )}
    </div>
  );
}
