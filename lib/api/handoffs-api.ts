import type { z } from "zod";
import { listApprovals } from "@/db/queries/approvals";
import { getHandoff, listHandoffEvents } from "@/db/queries/handoffs";
import { listInboxPage } from "@/db/queries/inbox";
import { decideApproval } from "@/lib/approvals/decide-approval";
import type { Actor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { canViewHandoff } from "@/lib/handoffs/access";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import { cursorFits, cursorValues, encodeCursor } from "@/lib/inbox/cursor";
import { planInbox } from "@/lib/inbox/plan-inbox";
import type { InboxParams } from "@/lib/inbox/params";
import { PreconditionFailed } from "./precondition";
import type { approvalDecisionInput, handoffListQuery, ownerInput, statusCommand } from "./schemas";

const packageUrl = (id: string) => `${env().APP_URL.replace(/\/$/, "")}/handoffs/${id}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The inbox through the API: the same plan (views, scope, filters) as the console, for the key's user. */
export async function listHandoffsForApi(actor: Actor, query: z.output<typeof handoffListQuery>) {
  const params: InboxParams = {
    tab: query.priority,
    view: query.view,
    status: query.status,
    sort: query.sort,
    dir: query.dir,
    q: query.q,
    reason: query.reason,
    channel: query.channel,
    intent: query.intent,
    campaign: query.campaign,
    owner: query.owner,
    team: query.team,
    from: query.from,
    to: query.to,
    size: query.limit,
    after: query.cursor,
    before: undefined,
  };
  const plan = planInbox(params, actor);
  if (!plan.allowed) throw new UserError("forbidden", `The ${query.view} view needs a manager's key.`);
  if (query.cursor && !cursorFits(plan.sort, query.cursor, Boolean(query.q)))
    throw new UserError("bad_request", "That cursor was made for another sort or search; start from the first page.", {
      "query.cursor": ["Does not fit this sort."],
    });
  const page = await listInboxPage(plan.page);
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      url: packageUrl(row.id),
      priority: row.priority,
      status: row.status,
      leadName: row.leadName,
      leadEmail: row.leadEmail,
      companyName: row.companyName,
      intent: row.intent,
      fit: row.fit,
      reasons: row.reasons,
      channel: row.channel,
      campaign: row.campaign,
      ownerId: row.ownerId,
      ownerName: row.ownerName,
      dealValue: row.dealValue === null ? null : Number(row.dealValue),
      dealCurrency: row.dealCurrency,
      slaDueAt: row.slaDueAt.toISOString(),
      acceptedAt: iso(row.acceptedAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    })),
    nextCursor: page.hasNext && last ? encodeCursor(cursorValues(plan.sort, last), last.id, last.matchTier) : null,
  };
}

export async function readHandoffForApi(actor: Actor, id: string) {
  const found = await getHandoff({ id });
  if (!found || !canViewHandoff(actor, found.handoff)) throw new UserError("not_found", "No package with that id is visible to this key.");
  const h = found.handoff;
  const events = await listHandoffEvents({ handoffId: id, limit: 200 });
  return {
    id: h.id,
    url: packageUrl(h.id),
    status: h.status,
    priority: h.priority,
    decision: h.decision,
    ownerId: h.ownerId,
    ownerName: found.ownerName,
    teamId: h.teamId,
    teamName: found.teamName,
    leadName: h.leadName,
    leadEmail: h.leadEmail,
    companyName: h.companyName,
    summary: h.summary,
    slaDueAt: h.slaDueAt.toISOString(),
    version: h.version,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
    package: h.package as unknown as Record<string, unknown>,
    timeline: events.map(({ event: e }) => ({
      id: e.id,
      type: e.type,
      actorKind: e.actorKind,
      actorId: e.actorId,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      data: e.data,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/**
 * A stale If-Match changes nothing (the guarded write checks the version in SQL) and is a 412 on
 * the API; a conflict with a current version (a transition the status does not allow) stays a 409.
 */
async function precondition<T>(work: () => Promise<T>, handoffId: string, expectedVersion: number): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError && error.code === "conflict") {
      const fresh = await getHandoff({ id: handoffId });
      if (fresh && fresh.handoff.version !== expectedVersion) throw new PreconditionFailed(fresh.handoff.version);
    }
    throw error;
  }
}

export async function changeStatusForApi(actor: Actor, handoffId: string, expectedVersion: number, input: z.output<typeof statusCommand>) {
  await precondition(() => changeHandoffStatus({ actor, handoffId, expectedVersion, input }), handoffId, expectedVersion);
  return readHandoffForApi(actor, handoffId);
}

export async function reassignForApi(actor: Actor, handoffId: string, expectedVersion: number, input: z.output<typeof ownerInput>) {
  await precondition(() => reassignHandoff({ actor, handoffId, expectedVersion, ownerId: input.ownerId, note: input.note }), handoffId, expectedVersion);
  return readHandoffForApi(actor, handoffId);
}

export async function addNoteForApi(actor: Actor, handoffId: string, note: string) {
  const visible = await getHandoff({ id: handoffId });
  if (!visible || !canViewHandoff(actor, visible.handoff)) throw new UserError("not_found", "No package with that id is visible to this key.");
  await addHandoffNote({ actor, handoffId, note });
  return { handoffId };
}

const approvalView = (a: { approval: Awaited<ReturnType<typeof listApprovals>>[number]["approval"]; handoffId: string }) => ({
  id: a.approval.id,
  handoffId: a.handoffId,
  handoffUrl: packageUrl(a.handoffId),
  actionType: a.approval.actionType,
  params: a.approval.params,
  consequence: a.approval.consequence,
  reason: a.approval.reason,
  status: a.approval.status,
  expiresAt: a.approval.expiresAt.toISOString(),
  createdAt: a.approval.createdAt.toISOString(),
  version: a.approval.version,
});

export async function listPendingApprovalsForApi(actor: Actor) {
  const scope = actor.role === "rep" ? ({ kind: "rep", userId: actor.id, teamId: actor.teamId } as const) : ({ kind: "all" } as const);
  const rows = await listApprovals({ scope, status: "pending", limit: 200 });
  return { items: rows.map(approvalView) };
}

export async function decideApprovalForApi(actor: Actor, approvalId: string, input: z.output<typeof approvalDecisionInput>) {
  const decided = await decideApproval({ approvalId, decision: input.decision, actor, via: "api" });
  return approvalView({ approval: decided, handoffId: decided.handoffId });
}
