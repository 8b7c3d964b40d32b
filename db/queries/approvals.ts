import { enqueue, enqueueApprovalNotify } from "@/db/queries/outbox";
import { and, desc, eq, inArray, isNull, lte, or, sql as dsql, TransactionRollbackError, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Transaction } from "@/db";
import { insertHandoffEvent, type HandoffEventInput } from "@/db/queries/handoffs";
import { recordAdminChange } from "@/db/queries/audit";
import {
  approvalLinkTokens,
  approvalRequests,
  approvalSettings,
  conversations,
  deliveries,
  handoffs,
  messages,
  notifications,
  users,
  type ApprovalRequest,
} from "@/db/schema";
import { withDefaults, type FourEyesSettings } from "@/lib/approvals/four-eyes";

export type ApprovalStatus = ApprovalRequest["status"];
export type ApprovalChannel = NonNullable<ApprovalRequest["decidedVia"]>;
export type NewApproval = { id?: string; actionType: string; params: Record<string, unknown>; consequence: string; reason: string | null; expiresAt: Date };

/** Who may see which requests: the same scope as reading packages (db/queries/handoffs.ts, lib/handoffs/access.ts). */
export type ApprovalScope = { kind: "all" } | { kind: "rep"; userId: string; teamId: string | null };

/**
 * Stores requests for a package's sensitive actions and queues the message that asks a person to
 * decide each one, in the caller's transaction: they commit with the package or not at all.
 */
export async function insertApprovalRequests(tx: Transaction, handoffId: string, rows: NewApproval[]) {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(approvalRequests)
    .values(rows.map((r) => ({ ...r, handoffId, status: "pending" as const })))
    .returning({ id: approvalRequests.id, actionType: approvalRequests.actionType });
  for (const row of inserted) {
    await insertHandoffEvent(tx, handoffId, { type: "approval_requested", actorKind: "agent", data: { approvalId: row.id, actionType: row.actionType } });
    await queueApprovalNotice(tx, row.id);
  }
  return inserted;
}

/** Outbox: the Slack and email messages asking for a decision go out once the request has committed. */
export async function queueApprovalNotice(tx: Transaction, approvalId: string, stage: "requested" | "decided" = "requested") {
  await enqueueApprovalNotify(tx, { approvalId, stage });
}

/** The Slack messages that asked people to decide a request (channel and ts), to update once it is decided. */
/** A drafted action that no longer applies (its request was replaced or dropped): it must never run. */
export async function withdrawApprovalRequest(tx: Transaction, approvalId: string) {
  await tx
    .update(approvalRequests)
    .set({ status: "expired", decidedAt: dsql`now()`, version: dsql`${approvalRequests.version} + 1` })
    .where(and(eq(approvalRequests.id, approvalId), eq(approvalRequests.status, "pending")));
}

export async function getApprovalRequest({ id }: { id: string }) {
  const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  return row ?? null;
}

export async function listPostedApprovalMessages({ handoffId, approvalId }: { handoffId: string; approvalId: string }) {
  return db
    .select({ channel: deliveries.target, ts: deliveries.providerRef })
    .from(deliveries)
    .where(
      and(eq(deliveries.handoffId, handoffId), eq(deliveries.event, `approval:${approvalId}`), eq(deliveries.channel, "slack"), eq(deliveries.status, "sent")),
    );
}

const decider = alias(users, "decider");
const owner = alias(users, "owner");

const listColumns = {
  approval: approvalRequests,
  handoffId: handoffs.id,
  leadName: handoffs.leadName,
  leadEmail: handoffs.leadEmail,
  companyName: handoffs.companyName,
  handoffStatus: handoffs.status,
  ownerId: handoffs.ownerId,
  ownerName: owner.name,
  teamId: handoffs.teamId,
  deciderName: decider.name,
  deciderEmail: decider.email,
};

export type ApprovalRow = Awaited<ReturnType<typeof listApprovals>>[number];

/** The Approvals view: pending first (oldest first: it expires soonest), then the decided, newest first. */
export async function listApprovals(options: { scope: ApprovalScope; status?: ApprovalStatus | "all"; handoffId?: string; limit?: number }) {
  const conditions: SQL[] = [...scopeConditions(options.scope)];
  if (options.status && options.status !== "all") conditions.push(eq(approvalRequests.status, options.status));
  if (options.handoffId) conditions.push(eq(approvalRequests.handoffId, options.handoffId));
  return db
    .select(listColumns)
    .from(approvalRequests)
    .innerJoin(handoffs, eq(handoffs.id, approvalRequests.handoffId))
    .leftJoin(owner, eq(owner.id, handoffs.ownerId))
    .leftJoin(decider, eq(decider.id, approvalRequests.decidedById))
    .where(and(...conditions))
    .orderBy(
      dsql`(${approvalRequests.status} = 'pending') desc`,
      dsql`case when ${approvalRequests.status} = 'pending' then ${approvalRequests.createdAt} end asc`,
      desc(approvalRequests.createdAt),
    )
    .limit(options.limit ?? 200);
}

export async function countApprovalsByStatus({ scope }: { scope: ApprovalScope }) {
  const rows = await db
    .select({ status: approvalRequests.status, count: dsql<number>`count(*)::int` })
    .from(approvalRequests)
    .innerJoin(handoffs, eq(handoffs.id, approvalRequests.handoffId))
    .where(and(...scopeConditions(scope)))
    .groupBy(approvalRequests.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count])) as Partial<Record<ApprovalStatus, number>>;
}

/** One request with what deciding it needs to know about its package. */
export async function getApprovalForDecision({ id }: { id: string }) {
  const [row] = await db
    .select({
      approval: approvalRequests,
      handoff: {
        id: handoffs.id,
        ownerId: handoffs.ownerId,
        teamId: handoffs.teamId,
        conversationId: handoffs.conversationId,
        leadName: handoffs.leadName,
        companyName: handoffs.companyName,
      },
    })
    .from(approvalRequests)
    .innerJoin(handoffs, eq(handoffs.id, approvalRequests.handoffId))
    .where(eq(approvalRequests.id, id));
  return row ?? null;
}

export type SettleInput = {
  id: string;
  expectedVersion: number;
  status: "approved" | "denied";
  actorId: string;
  via: ApprovalChannel;
  /** The person's edits (an email's subject and body), replacing the proposed params. */
  params?: Record<string, unknown>;
  /** The consequence restated for the edited params. */
  consequence?: string;
  /** An emailed link: used up in the same transaction, or nothing happens. */
  linkTokenId?: string;
  event: HandoffEventInput;
  /** A line for the lead in the package's chat (a denial: a person will follow up). */
  chatLine?: { conversationId: string; text: string } | null;
};

export type SettleOutcome = { ok: true; approval: ApprovalRequest } | { ok: false; reason: "token_used" | "not_pending" };

/**
 * The one write path for a decision. The request changes only while it is still pending, unexpired
 * and at the version the person saw: of two decisions racing from two channels exactly one gets a row
 * back. Its timeline event, the chat line and (approved) the execution job commit with it.
 */
export async function settleApproval(input: SettleInput): Promise<SettleOutcome> {
  return db
    .transaction(async (tx) => {
      if (input.linkTokenId) {
        const used = await tx
          .update(approvalLinkTokens)
          .set({ usedAt: dsql`now()` })
          .where(and(eq(approvalLinkTokens.id, input.linkTokenId), isNull(approvalLinkTokens.usedAt), dsql`${approvalLinkTokens.expiresAt} > now()`))
          .returning({ id: approvalLinkTokens.id });
        if (used.length === 0) return { ok: false, reason: "token_used" } as const;
      }
      const [approval] = await tx
        .update(approvalRequests)
        .set({
          status: input.status,
          decidedById: input.actorId,
          decidedVia: input.via,
          decidedAt: dsql`now()`,
          ...(input.params ? { params: input.params } : {}),
          ...(input.consequence ? { consequence: input.consequence } : {}),
          version: dsql`${approvalRequests.version} + 1`,
        })
        .where(
          and(
            eq(approvalRequests.id, input.id),
            eq(approvalRequests.status, "pending"),
            eq(approvalRequests.version, input.expectedVersion),
            dsql`${approvalRequests.expiresAt} > now()`,
          ),
        )
        .returning();
      // The token stays unused: the link was not what lost (someone decided first, or it expired).
      if (!approval) return tx.rollback();
      await insertHandoffEvent(tx, approval.handoffId, input.event);
      if (input.chatLine) await addChatLine(tx, input.chatLine);
      // The Slack messages that asked for this decision lose their buttons (a Slack click replaces its own message).
      if (input.via !== "slack") await queueApprovalNotice(tx, approval.id, "decided");
      if (input.status === "approved") {
        await enqueue(tx, "approvalExecute", { approvalId: approval.id });
      }
      return { ok: true, approval } as const;
    })
    .catch((error: unknown) => {
      if (isRollback(error)) return { ok: false, reason: "not_pending" } as const;
      throw error;
    });
}

/** Records what running the approved action did; only the first record counts (a retried job finds it and stops). */
export async function recordExecution({
  id,
  result,
  handoffId,
  event,
}: {
  id: string;
  result: Record<string, unknown>;
  handoffId: string;
  event: HandoffEventInput;
}) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(approvalRequests)
      .set({ result, executedAt: dsql`now()` })
      .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, "approved"), isNull(approvalRequests.executedAt)))
      .returning();
    if (row) await insertHandoffEvent(tx, handoffId, event);
    return row ?? null;
  });
}

/** A failure the action cannot get past (a refused address, a CRM refusal): kept on the request for people to see. */
export async function recordExecutionFailure({ id, error }: { id: string; error: string }) {
  await db
    .update(approvalRequests)
    .set({ result: { ok: false, error } })
    .where(and(eq(approvalRequests.id, id), isNull(approvalRequests.executedAt)));
}

/**
 * Expires every pending request past its time, with its timeline event, the chat line for the lead and
 * an in-app notice for the package's owner, in one transaction per sweep. Returns what it expired.
 */
export async function expireDueApprovals({ now, chatLine }: { now: Date; chatLine: string }) {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(approvalRequests)
      .set({ status: "expired", decidedAt: now, version: dsql`${approvalRequests.version} + 1` })
      .where(and(eq(approvalRequests.status, "pending"), lte(approvalRequests.expiresAt, now)))
      .returning({ id: approvalRequests.id, handoffId: approvalRequests.handoffId, actionType: approvalRequests.actionType });
    if (expired.length === 0) return [];
    const packages = await tx
      .select({ id: handoffs.id, ownerId: handoffs.ownerId, conversationId: handoffs.conversationId, leadName: handoffs.leadName })
      .from(handoffs)
      .where(inArray(handoffs.id, [...new Set(expired.map((e) => e.handoffId))]));
    const byId = new Map(packages.map((p) => [p.id, p]));
    const toldLead = new Set<string>();
    for (const request of expired) {
      const pkg = byId.get(request.handoffId);
      await queueApprovalNotice(tx, request.id, "decided");
      await insertHandoffEvent(tx, request.handoffId, {
        type: "approval_expired",
        actorKind: "system",
        data: { approvalId: request.id, actionType: request.actionType },
      });
      if (pkg?.conversationId && !toldLead.has(pkg.id)) {
        toldLead.add(pkg.id);
        await addChatLine(tx, { conversationId: pkg.conversationId, text: chatLine });
      }
      if (pkg?.ownerId) {
        await tx.insert(notifications).values({
          userId: pkg.ownerId,
          handoffId: pkg.id,
          event: "approval_expired",
          title: `An approval request expired: ${request.actionType.replace(/_/g, " ")}`,
          body: `Nobody decided it in time for ${pkg.leadName ?? "this lead"}, so the agent did not run it.`,
        });
      }
    }
    return expired;
  });
}

export async function insertLinkTokens(rows: { id: string; approvalId: string; recipientId: string; expiresAt: Date }[]) {
  if (rows.length) await db.insert(approvalLinkTokens).values(rows).onConflictDoNothing();
}

export async function getLinkToken({ id }: { id: string }) {
  const [row] = await db.select().from(approvalLinkTokens).where(eq(approvalLinkTokens.id, id));
  return row ?? null;
}

/** Four-eyes per action type: the saved settings over the defaults. */
export async function getFourEyesSettings(): Promise<FourEyesSettings> {
  return withDefaults(await db.select({ actionType: approvalSettings.actionType, fourEyes: approvalSettings.fourEyes }).from(approvalSettings));
}

/** An admin turns four-eyes on or off for one action type, audited with before and after. */
export async function saveFourEyesSetting(input: { actor: { id: string; email: string }; actionType: string; fourEyes: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(approvalSettings).where(eq(approvalSettings.actionType, input.actionType)).for("update");
    const values = { fourEyes: input.fourEyes, updatedById: input.actor.id, updatedAt: new Date() };
    await tx
      .insert(approvalSettings)
      .values({ actionType: input.actionType, ...values })
      .onConflictDoUpdate({ target: approvalSettings.actionType, set: values });
    const previous = before ? before.fourEyes : withDefaults([])[input.actionType];
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "approval_setting.update",
      entityType: "approval_setting",
      entityId: input.actionType,
      before: { fourEyes: previous },
      after: { fourEyes: input.fourEyes },
    });
  });
}

/** The person a Slack member is in Baton, matched on email (active accounts only). */
export async function findActiveUserByEmail({ email }: { email: string }) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(dsql`lower(${users.email}) = lower(${email})`, eq(users.active, true)));
  return row ?? null;
}

async function addChatLine(tx: Transaction, line: { conversationId: string; text: string }) {
  await tx.insert(messages).values({ conversationId: line.conversationId, author: "agent", text: line.text, sentAt: dsql`clock_timestamp()` });
  await tx
    .update(conversations)
    .set({ updatedAt: dsql`now()` })
    .where(eq(conversations.id, line.conversationId));
}

function scopeConditions(scope: ApprovalScope): SQL[] {
  if (scope.kind === "all") return [];
  // A rep sees their own packages' requests and their team's queue (as canViewHandoff allows).
  return [scope.teamId ? or(eq(handoffs.ownerId, scope.userId), eq(handoffs.teamId, scope.teamId))! : eq(handoffs.ownerId, scope.userId)];
}

function isRollback(error: unknown): boolean {
  return error instanceof TransactionRollbackError;
}
