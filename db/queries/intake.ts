import { randomUUID } from "node:crypto";
import { queuePackageJobs } from "@/db/queries/escalation";
import { enqueue } from "@/db/queries/outbox";
import { and, eq, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { insertApprovalRequests, type NewApproval } from "@/db/queries/approvals";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { apiKeys, companies, conversations, handoffs, intakes, leads, messages, rateLimitWindows } from "@/db/schema";
import type { TriageDecision } from "@/lib/contract/decision";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { HandoffPackage } from "@/lib/contract/package";
import { routingFactsFor } from "@/lib/routing/facts";
import { slaDueAt } from "@/lib/sla/due-at";
import { applyRouting } from "./routing";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

export async function insertApiKey(values: typeof apiKeys.$inferInsert) {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row;
}

/**
 * The intake hot path's first question in one round trip: is this key valid, and how many requests
 * has it made in the current window (counting this one)? Null when the key is unknown or revoked.
 */
export async function findApiKeyAndCountRequest({
  keyHash,
  windowSeconds,
  counter = "intake",
}: {
  keyHash: string;
  windowSeconds: number;
  /** Which limit the request counts against: the intake's, or the REST API's (each key has both). */
  counter?: "intake" | "api";
}) {
  const rows = await db.execute<{
    id: string;
    team_id: string | null;
    last_used_at: Date | null;
    scopes: string[];
    acting_user_id: string | null;
    count: number;
    window_start: Date;
  }>(dsql`
    with key as (
      select id, team_id, last_used_at, scopes, coalesce(acts_as_user_id, created_by_id) as acting_user_id from ${apiKeys} where key_hash = ${keyHash} and revoked_at is null
    ), counted as (
      insert into ${rateLimitWindows} (key, window_start, count)
      select ${counter + ":key:"} || key.id, ${currentWindowStart(windowSeconds)}, 1 from key
      on conflict (key, window_start) do update set count = ${rateLimitWindows}.count + 1
      returning count, window_start
    )
    select key.id, key.team_id, key.last_used_at, key.scopes, key.acting_user_id, counted.count, counted.window_start from key, counted`);
  const row = rows[0];
  if (!row) return null;
  const lastUsedAt = row.last_used_at ? new Date(row.last_used_at) : null;
  // At most once a minute: every intake of a source would otherwise queue on this one row.
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: dsql`now()` })
      .where(and(eq(apiKeys.id, row.id), dsql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`));
  }
  return {
    id: row.id,
    teamId: row.team_id,
    scopes: parsePgTextArray(row.scopes),
    actingUserId: row.acting_user_id,
    count: Number(row.count),
    windowStart: new Date(row.window_start),
  };
}

// postgres.js returns a text[] as an array, or as its literal ('{a,b}') when it does not know the type.
function parsePgTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .map((s) => s.replace(/^"|"$/g, ""))
    .filter(Boolean);
}

/** Counts one request in the current fixed window and returns the count so far (shared by all instances). */
export async function countRequest({ key, windowSeconds }: { key: string; windowSeconds: number }) {
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart: currentWindowStart(windowSeconds), count: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: dsql`${rateLimitWindows.count} + 1` } })
    .returning({ count: rateLimitWindows.count, windowStart: rateLimitWindows.windowStart });
  if (Math.random() < 0.01) await db.delete(rateLimitWindows).where(dsql`${rateLimitWindows.windowStart} < now() - interval '1 hour'`);
  return row;
}

/** The start of the fixed window `now()` falls in, by the database's clock (shared by every instance). */
function currentWindowStart(windowSeconds: number) {
  return dsql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}

export type IntakeOutcome = { duplicate: boolean; response: Record<string, unknown> };
/** What a channel records beside the intake, in its transaction (the email channel's thread and message). */
export type IntakeRecordedHook = (
  tx: Transaction,
  ids: { intakeId: string; leadId: string; handoffId: string | null; conversationId: string | null; decision: TriageDecision },
) => Promise<void>;

/**
 * Writes everything one intake produces in one transaction: the intake (the idempotency claim),
 * company and lead, conversation, handoff and its first timeline event, and the queued CRM-sync and
 * notification jobs. A second request with the same externalId waits on the first one's claim and
 * then returns its stored response: one intake, one lead, one handoff, the same answer.
 */
export async function recordIntake(input: {
  event: IntakeEvent;
  externalId: string;
  intakeId: string;
  conversationId: string | null;
  decision: TriageDecision;
  /** The package to store: the decision's own, or the one built for a filter/act record. */
  recordPackage: HandoffPackage | null;
  agentSource: string;
  teamId: string | null;
  emailDomain: string | null;
  ruleVersion: number;
  /** Requests for the sensitive actions the decision proposes: they commit with the package. */
  approvals?: NewApproval[];
  /** When it happened (the chat passes its turn's clock); the SLA window is counted from it. */
  now?: Date;
  /** The lead's language, for what the agent sends them (the booking-link email). */
  language?: "en" | "es";
  /** Runs in the transaction once the intake is recorded (never for a duplicate), before routing takes its lock. */
  onRecorded?: IntakeRecordedHook;
}): Promise<IntakeOutcome> {
  const { event, decision } = input;
  const recorded = await db
    .transaction(async (tx): Promise<IntakeOutcome | null> => {
      // The claim and the lead's rows go out together (one round trip). A duplicate's claim finds the
      // first one's and waits for its commit; its company and lead writes are then rolled back.
      const stored = decision.package ?? input.recordPackage;
      const [claimed, { companyId, leadId }] = await Promise.all([
        tx
          .insert(intakes)
          .values({
            id: input.intakeId,
            externalId: input.externalId,
            channel: event.channel,
            source: event.source ?? {},
            raw: event as Record<string, unknown>,
            receivedAt: event.receivedAt,
          })
          .onConflictDoNothing({ target: intakes.externalId })
          .returning({ id: intakes.id })
          .execute(),
        upsertCompanyAndLead(tx, stored, input.emailDomain, event),
      ]);
      if (claimed.length === 0) throw new DuplicateIntake();

      // From here on nothing waits for an id from the database (the handoff's is made here): the
      // writes go out together, pipelined on the transaction's connection and run in order, so the
      // intake costs a few round trips instead of one per statement. A failure aborts the transaction
      // and the first error is the one reported.
      const writes: Promise<unknown>[] = [];
      if (input.conversationId) {
        writes.push(tx.insert(conversations).values({ id: input.conversationId, leadId, channel: event.channel }).execute());
        const lines = (event.messages ?? []).filter((m) => m.text.trim());
        if (lines.length) {
          writes.push(
            tx
              .insert(messages)
              .values(
                lines.map((m, i) => ({
                  conversationId: input.conversationId!,
                  author: m.from,
                  text: m.text,
                  sentAt: m.at ? new Date(m.at) : new Date(Date.now() - (lines.length - i)),
                })),
              )
              .execute(),
          );
        }
      }

      let handoffId: string | null = null;
      let route: Parameters<typeof applyRouting>[1] | null = null;
      // Every outcome keeps a record for the console except a chat ask, which is only a turn of the
      // conversation: that is exactly when triage built no package.
      if (stored) {
        const pkg: HandoffPackage = { ...stored, traceability: { ...stored.traceability, leadId } };
        const now = input.now ?? new Date();
        handoffId = randomUUID();
        writes.push(
          tx
            .insert(handoffs)
            .values({
              id: handoffId,
              leadId,
              companyId,
              intakeId: input.intakeId,
              conversationId: input.conversationId,
              decision: decision.decision,
              priority: decision.priority,
              // Filtered leads are closed at once; everything else waits for a person or the agent's follow-up.
              status: decision.decision === "filter" ? "discarded" : "pending",
              discardReason: decision.decision === "filter" ? "not_a_fit" : null,
              closedAt: decision.decision === "filter" ? now : null,
              teamId: input.teamId,
              slaDueAt: slaDueAt(decision.priority, now),
              reasons: decision.reasons,
              channel: event.channel,
              campaign: event.source?.campaign ?? event.source?.utm?.campaign ?? null,
              ruleVersion: input.ruleVersion,
              agentSource: input.agentSource,
              ...handoffColumnsFromPackage(pkg),
              createdAt: now,
              updatedAt: now,
            })
            .execute(),
        );
        writes.push(
          insertHandoffEvent(tx, handoffId, {
            type: "created",
            actorKind: "agent",
            data: {
              decision: decision.decision,
              priority: decision.priority,
              reasons: decision.reasons,
              ruleVersion: input.ruleVersion,
              agentSource: input.agentSource,
            },
          }),
        );
        // An `act` is routed too: the owner it lands with is the one whose booking link the lead gets.
        if (decision.priority || decision.decision === "act")
          route = {
            handoffId,
            facts: routingFactsFor({ pkg, priority: decision.priority, reasons: decision.reasons, sourceTeamId: input.teamId, event }),
            priority: decision.priority,
            now,
          };
        if (input.approvals?.length) writes.push(insertApprovalRequests(tx, handoffId, input.approvals));
        // The outbox (db/queries/escalation.ts): the jobs commit or roll back with the handoff itself.
        writes.push(queuePackageJobs(tx, { handoffId, notify: decision.decision === "escalate" }));
        // The chat shows the booking link in its reply; a form or email lead gets it by email.
        if (decision.decision === "act" && event.channel !== "chat" && decision.actions.some((a) => a.type === "send_booking_link")) {
          writes.push(enqueue(tx, "bookingLinkEmail", { handoffId, language: input.language ?? "en" }));
        }
      }

      const response = {
        ...decision,
        package: decision.package ? { ...decision.package, traceability: { ...decision.package.traceability, leadId } } : null,
        intakeId: input.intakeId,
        handoffId,
      };
      // Read back what jsonb stored, so the first caller and every replay get byte-identical bodies.
      const saved = tx.update(intakes).set({ leadId, response }).where(eq(intakes.id, input.intakeId)).returning({ response: intakes.response }).execute();
      writes.push(saved);
      await Promise.all(writes);
      if (input.onRecorded) await input.onRecorded(tx, { intakeId: input.intakeId, leadId, handoffId, conversationId: input.conversationId, decision });
      // A package for a person (it has a priority) is placed by the routing rules, last, so concurrent
      // intakes wait on its lock briefly (followUpPackageInTransaction's second part).
      if (route) await applyRouting(tx, route);
      const [savedRow] = await saved;
      return { duplicate: false, response: savedRow?.response ?? response };
    })
    .catch((error: unknown) => {
      if (error instanceof DuplicateIntake) return null;
      throw error;
    });
  if (recorded) return recorded;
  // A replay: the first request's stored answer, committed before this claim could fail.
  const [existing] = await db.select({ response: intakes.response }).from(intakes).where(eq(intakes.externalId, input.externalId));
  return { duplicate: true, response: existing?.response ?? {} };
}

/** Rolls back a replay's transaction (its company and lead writes went out beside the claim). */
class DuplicateIntake extends Error {}

/**
 * The lead's company and the lead in one statement: the company (by its business domain when there
 * is one) and the lead (by email when known), the company's id carried into the lead's row. What
 * we learned this time fills the gaps of a known lead; it never overwrites what it has.
 */
async function upsertCompanyAndLead(
  tx: Transaction,
  pkg: HandoffPackage | null,
  emailDomain: string | null,
  event: IntakeEvent,
): Promise<{ companyId: string | null; leadId: string }> {
  const name = pkg?.identification.company ?? null;
  // The email domain identifies the company only when it is a business domain (then it is also the website).
  const domain = name && emailDomain && pkg?.identification.website === emailDomain ? emailDomain : null;
  const company = !name
    ? null
    : domain
      ? dsql`insert into ${companies} (name, domain) values (${name}, ${domain})
          on conflict (domain) where domain is not null do update set updated_at = now() returning id`
      : dsql`insert into ${companies} (name) values (${name}) returning id`;
  const companyId = company ? dsql`(select id from company)` : dsql`null::uuid`;

  const id = pkg?.identification ?? null;
  const email = id?.email ?? event.contact?.email ?? null;
  const lead = dsql`insert into ${leads} (name, email, phone, role, website, company_id)
    values (${id?.name ?? null}, ${email}, ${id?.phone ?? null}, ${id?.role ?? null}, ${id?.website ?? null}, ${companyId})`;
  const onKnownEmail = email
    ? dsql`on conflict (lower(email)) where email is not null do update set
        name = coalesce(${leads.name}, excluded.name),
        phone = coalesce(${leads.phone}, excluded.phone),
        role = coalesce(${leads.role}, excluded.role),
        company_id = coalesce(${leads.companyId}, excluded.company_id),
        updated_at = now()`
    : dsql``;
  const rows = await tx.execute<{ lead_id: string; company_id: string | null }>(dsql`
    ${company ? dsql`with company as (${company}) ` : dsql``}${lead} ${onKnownEmail}
    returning id as lead_id, ${companyId} as company_id`);
  const row = rows[0]!;
  return { companyId: row.company_id, leadId: row.lead_id };
}
