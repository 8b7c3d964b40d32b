import { randomUUID } from "node:crypto";
import { and, eq, ne, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { notifications, reportDeliveries, type NotificationChannel } from "@/db/schema";

type ReportKey = { report: string; period: string; channel: NotificationChannel; recipientId: string };

/**
 * Takes a report delivery's idempotency key before sending: null when it was already sent. A row
 * left `sending` by a crash is sent again (with the same Message-ID, so the mailbox keeps one copy).
 */
export async function claimReportDelivery(key: ReportKey & { target: string }): Promise<{ id: string } | null> {
  const [inserted] = await db
    .insert(reportDeliveries)
    .values({ ...key, status: "sending" })
    .onConflictDoNothing()
    .returning({ id: reportDeliveries.id });
  if (inserted) return inserted;
  const [again] = await db
    .update(reportDeliveries)
    .set({ status: "sending", target: key.target })
    .where(
      and(
        eq(reportDeliveries.report, key.report),
        eq(reportDeliveries.period, key.period),
        eq(reportDeliveries.channel, key.channel),
        eq(reportDeliveries.recipientId, key.recipientId),
        ne(reportDeliveries.status, "sent"),
      ),
    )
    .returning({ id: reportDeliveries.id });
  return again ?? null;
}

export async function markReportDelivery({ id, providerRef, error }: { id: string; providerRef?: string; error?: string }) {
  await db
    .update(reportDeliveries)
    .set(error === undefined ? { status: "sent", providerRef, lastError: null, sentAt: dsql`now()` } : { status: "failed", lastError: error.slice(0, 1000) })
    .where(eq(reportDeliveries.id, id));
}

/** The in-app copy of a report and its delivery row in one statement: exactly once. */
export async function deliverReportInApp(input: { report: string; period: string; recipientId: string; title: string; body: string }): Promise<boolean> {
  const noteId = randomUUID();
  const rows = await db.execute<{ id: string }>(dsql`
    with claimed as (
      insert into ${reportDeliveries} (report, period, channel, recipient_id, status, target, provider_ref, sent_at)
      values (${input.report}, ${input.period}, 'in_app', ${input.recipientId}, 'sent', 'in-app', ${noteId}, now())
      on conflict do nothing
      returning id
    )
    insert into ${notifications} (id, user_id, event, title, body)
    select ${noteId}, ${input.recipientId}, ${input.report}, ${input.title}, ${input.body} from claimed
    returning id`);
  return rows.length > 0;
}

export async function listReportDeliveries({ report, period }: { report: string; period: string }) {
  return db
    .select()
    .from(reportDeliveries)
    .where(and(eq(reportDeliveries.report, report), eq(reportDeliveries.period, period)));
}
