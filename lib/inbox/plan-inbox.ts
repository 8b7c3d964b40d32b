import { COUNT_CAP, SEARCH_COUNT_CAP, type InboxFilters, type InboxScope } from "@/db/queries/inbox";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { cursorFits, defaultDirection, type Cursor } from "@/lib/inbox/cursor";
import { effectiveSort, type InboxParams, type InboxView } from "@/lib/inbox/params";

/**
 * What the inbox shows a person for the URL they opened: the views they may use, the scope of the
 * chosen one, its sort, status and filters, and the page to read. The page renders this; a view the
 * person may not use is `allowed: false` (the page answers 403).
 */
export function planInbox(params: InboxParams, actor: Pick<Actor, "id" | "role" | "teamId">) {
  const manager = can(actor.role, "handoffs.read_all");
  const views: InboxView[] = manager ? ["mine", "team", "unassigned", "all", "agent", "filtered"] : ["mine", "team", "unassigned", "agent", "filtered"];
  const view = params.view ?? "team";
  const agentView = view === "agent" || view === "filtered";
  const scope = scopeFor(view, actor, manager);
  // The agent's outcomes have no SLA or priority and are read newest first; packages for people, most urgent SLA first.
  const requested = effectiveSort(params);
  const sort = agentView && (requested === "sla_due_at" || requested === "priority") ? "created_at" : requested;
  const dir = params.dir ?? defaultDirection(sort);
  const status = agentView ? "all" : params.status;
  // A cursor made for another sort (a hand-edited URL) starts again from the first page.
  const fits = (cursor: Cursor | undefined) => (cursor && cursorFits(sort, cursor, Boolean(params.q)) ? cursor : undefined);
  const filters: InboxFilters = {
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
  // Counts stop at a cap (db/queries/inbox.ts says why); a search's sooner, as each match costs more.
  const cap = filters.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  // The agent's outcomes: a rep's team, or every team for managers.
  const outcomeScope: InboxScope = manager ? { kind: "all" } : { kind: "team", teamId: actor.teamId };

  return {
    manager,
    views,
    view,
    allowed: views.includes(view),
    agentView,
    scope,
    outcomeScope,
    campaignScope: manager ? ({ kind: "all" } as const) : outcomeScope,
    sort,
    dir,
    status,
    filters,
    cap,
    page: {
      scope: agentView ? outcomeScope : scope,
      priority: agentView ? ({ outcome: view === "agent" ? "act" : "filter" } as const) : params.tab,
      filters,
      status,
      sort,
      dir,
      limit: params.size,
      after: fits(params.after),
      before: fits(params.before),
    },
    /** The URL's parameters every link on the page keeps (tabs, sorting, paging). */
    baseParams: {
      view: params.view,
      tab: agentView ? undefined : params.tab,
      status: params.status === "open" || agentView ? undefined : params.status,
      sort: params.sort,
      dir: params.dir,
      size: params.size === 50 ? undefined : String(params.size),
      ...filters,
    },
    filtered: Object.values(filters).some(Boolean),
  };
}

function scopeFor(view: InboxView, actor: Pick<Actor, "id" | "teamId">, manager: boolean): InboxScope {
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
