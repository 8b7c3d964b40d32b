import type { approvalRequests } from "@/db/schema/approvals";
import type { HandoffStatus } from "@/db/schema/handoffs";
import type { NewApproval } from "@/db/queries/approvals";
import { executedSummary } from "@/lib/approvals/action-params";
import { demoUuid } from "./demo-uuid";
import type { DemoEvent } from "./rows";

/** An approval_requests row; who decided is named by email and resolved to an id by the seed. */
export type DemoApproval = Omit<typeof approvalRequests.$inferInsert, "decidedById"> & {
  id: string;
  handoffId: string;
  status: "pending" | "approved" | "denied" | "expired";
  deciderEmail: string | null;
};

const MINUTE = 60_000;
const openStatuses: readonly HandoffStatus[] = ["pending", "accepted", "in_follow_up"];

/**
 * What became of the approval requests a demo package opened (the ones a real intake opens for its
 * sensitive actions), told the way a run would have: still waiting while the package is open and the
 * request young; approved and run by the owner who converted the lead; denied by the owner who
 * discarded it; otherwise expired. The timeline gets the same events the decision path writes.
 */
export function demoApprovals(x: {
  handoffId: string;
  status: HandoffStatus;
  ownerEmail: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  requests: NewApproval[];
  now: Date;
}): { approvals: DemoApproval[]; events: DemoEvent[] } {
  const approvals: DemoApproval[] = [];
  const events: DemoEvent[] = [];
  x.requests.forEach((request, index) => {
    const id = demoUuid(`approval:${x.handoffId}:${index}`);
    const createdAt = new Date(x.createdAt.getTime() + 2_000);
    const base = { ...request, id, handoffId: x.handoffId, createdAt, deciderEmail: null };
    const data = { approvalId: id, actionType: request.actionType };
    events.push(event({ type: "approval_requested", actorKind: "agent", createdAt, data }));

    const decider = x.ownerEmail;
    const decidedAt = new Date(
      Math.min((x.acceptedAt ?? x.createdAt).getTime() + 6 * MINUTE, (x.closedAt ?? x.now).getTime() - MINUTE, request.expiresAt.getTime() - MINUTE),
    );
    if (openStatuses.includes(x.status) && request.expiresAt > x.now) {
      approvals.push({ ...base, status: "pending" });
    } else if (x.status === "converted" && decider) {
      const executedAt = new Date(decidedAt.getTime() + 20_000);
      approvals.push({
        ...base,
        status: "approved",
        deciderEmail: decider,
        decidedVia: "console",
        decidedAt,
        executedAt,
        result: resultOf(id, request),
        version: 2,
      });
      events.push(
        event({
          type: "approval_decided",
          actorKind: "user",
          actorEmail: decider,
          createdAt: decidedAt,
          data: { ...data, decision: "approved", via: "console", edited: false },
        }),
      );
      events.push(
        event({
          type: "approval_executed",
          actorKind: "system",
          createdAt: executedAt,
          data: { ...data, summary: executedSummary(request.actionType, request.params, "builtin") },
        }),
      );
    } else if (x.status === "discarded" && decider) {
      approvals.push({ ...base, status: "denied", deciderEmail: decider, decidedVia: "console", decidedAt, version: 2 });
      events.push(
        event({
          type: "approval_decided",
          actorKind: "user",
          actorEmail: decider,
          createdAt: decidedAt,
          data: { ...data, decision: "denied", via: "console", edited: false },
        }),
      );
    } else {
      approvals.push({ ...base, status: "expired", decidedAt: request.expiresAt, version: 2 });
      events.push(event({ type: "approval_expired", actorKind: "system", createdAt: request.expiresAt, data }));
    }
  });
  return { approvals, events };
}

function event(e: Pick<DemoEvent, "type" | "actorKind" | "createdAt" | "data"> & { actorEmail?: string }): DemoEvent {
  return { ...e, actorEmail: e.actorEmail ?? null, userRefs: {}, fromStatus: null, toStatus: null, note: null };
}

function resultOf(id: string, request: NewApproval): Record<string, unknown> {
  const params = request.params as { to?: string; subject?: string };
  if (request.actionType === "send_email")
    return { ok: true, channel: "email", to: params.to, subject: params.subject, messageId: `<approval.${id}@baton.demo>` };
  return { ok: true, channel: "crm", adapter: "builtin" };
}
