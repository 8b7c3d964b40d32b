import { sql as dsql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import { databaseUrl, type Transaction } from "@/db";
import { getBoss } from "@/lib/jobs/boss";
import { type QueuePayload, queues } from "@/lib/jobs/queues";

/**
 * The outbox: every job Baton queues goes through here, so each queue's idempotency key is written
 * once. A job sent with a transaction commits or rolls back with the change that caused it; pg-boss
 * refuses a second job with the same singleton key while the first is queued or running, so a key
 * that drifted between two senders would silently break exactly-once.
 */
export const outboxKeys = {
  crmSync: (p: QueuePayload<"crmSync">) => `crm-sync:${p.handoffId}`,
  // A repeating event carries its occurrence (`c1-half`); a one-off ("created") does not.
  notify: (p: QueuePayload<"notify">) => (p.occurrence ? `notify:${p.event}:${p.occurrence}:${p.handoffId}` : `notify:${p.event}:${p.handoffId}`),
  remind: (p: QueuePayload<"remind">) => `remind:${p.handoffId}:${p.cycle}:${p.step}`,
  approvalExecute: (p: QueuePayload<"approvalExecute">) => `approval-execute:${p.approvalId}`,
  bookingLinkEmail: (p: QueuePayload<"bookingLinkEmail">) => `booking-link-email:${p.handoffId}`,
  emailSend: (p: QueuePayload<"emailSend">) => `email-send:${p.emailId}`,
  // One first ask per package, one follow-up per lead reply; a job's own retries are made idempotent by askMessageKey (the stored Message-ID).
  emailAsk: (p: QueuePayload<"emailAsk">) => (p.afterEmailId ? `email-ask:${p.handoffId}:${p.afterEmailId}` : `email-ask:${p.handoffId}`),
  emailFilterReply: (p: QueuePayload<"emailFilterReply">) => `email-filter-reply:${p.handoffId}`,
  // An erasure is never repeated for the same contacts, and its payload holds no personal data.
  privacyCrmErase: () => undefined,
  // One job per published version; the sweep is scheduled, not queued here.
  knowledgeEmbed: (p: QueuePayload<"knowledgeEmbed">) => (p.articleId ? `knowledge-embed:${p.articleId}:${p.version ?? 0}` : undefined),
  webhookDeliver: (p: QueuePayload<"webhookDeliver">) => `webhook-deliver:${p.deliveryId}:${p.send}`,
} satisfies { [Q in OutboxJob]: (payload: QueuePayload<Q>) => string | undefined };

/** Jobs whose key needs more than the payload: an approval is asked for once per stage. */
export const approvalNotifyKey = (approvalId: string, stage: string) => `approval-notify:${stage}:${approvalId}`;

export type OutboxJob =
  | "crmSync"
  | "notify"
  | "remind"
  | "approvalExecute"
  | "privacyCrmErase"
  | "bookingLinkEmail"
  | "emailSend"
  | "knowledgeEmbed"
  | "emailAsk"
  | "emailFilterReply"
  | "webhookDeliver";

/** Queues a job in `tx` (the outbox), or on its own when `tx` is null (a job that follows a job). */
export async function enqueue<Q extends OutboxJob>(
  tx: Transaction | null,
  job: Q,
  payload: QueuePayload<Q>,
  options: { startAfter?: Date } = {},
): Promise<void> {
  const queue = queues[job];
  const data = queue.schema.parse(payload) as QueuePayload<Q>;
  const key = (outboxKeys[job] as (p: QueuePayload<Q>) => string | undefined)(data);
  await send(tx, queue.name, data, key, options.startAfter);
}

/** An approval's request for a decision, once per stage (the first approver, then the second). */
export async function enqueueApprovalNotify(tx: Transaction, input: { approvalId: string; stage: string }): Promise<void> {
  const data = queues.approvalNotify.schema.parse({ approvalId: input.approvalId });
  await send(tx, queues.approvalNotify.name, data, approvalNotifyKey(input.approvalId, input.stage));
}

/** Sends one dead-lettered job back to its queue with fresh retries; false when it is no longer there. */
export async function redriveDeadLetter({ queue, jobId }: { queue: string; jobId: string }): Promise<boolean> {
  const boss = await getBoss(databaseUrl());
  return (await boss.redrive(queue, { ids: [jobId], limit: 1 })) > 0;
}

async function send(tx: Transaction | null, name: string, data: object, singletonKey: string | undefined, startAfter?: Date): Promise<void> {
  const boss = await getBoss(databaseUrl());
  await boss.send(name, data, {
    ...(tx ? { db: fromDrizzle(tx, dsql) } : {}),
    ...(singletonKey ? { singletonKey } : {}),
    ...(startAfter ? { startAfter } : {}),
  });
}
