import { sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";

const queueNames = Object.values(queues).map((q) => q.name);
const deadNames = queueNames.map(deadLetterQueue);

/** Jobs per queue and state (pg-boss keeps them in pgboss.job), for the admin's jobs page. */
export async function countJobsByQueue() {
  const rows = await db.execute<{ name: string; state: string; n: number }>(dsql`
    select name, state::text, count(*)::int as n from pgboss.job
    where name in ${[...queueNames, ...deadNames]}
    group by name, state`);
  return rows.map((r) => ({ name: r.name, state: r.state, count: Number(r.n) }));
}

export type DeadLetter = {
  id: string;
  queue: string;
  sourceName: string | null;
  data: Record<string, unknown>;
  error: string | null;
  retries: number | null;
  deadSince: Date;
  firstQueuedAt: Date | null;
};

/** Jobs that exhausted their retries (or were refused outright), waiting for an admin. */
export async function listDeadLetters({ limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
  const rows = await db.execute<{
    id: string;
    name: string;
    source_name: string | null;
    data: Record<string, unknown> | null;
    source_output: unknown;
    source_retry_count: number | null;
    created_on: Date;
    source_created_on: Date | null;
  }>(dsql`
    select id, name, source_name, data, source_output, source_retry_count, created_on, source_created_on from pgboss.job
    where name in ${deadNames} and state in ('created', 'retry')
    order by created_on desc limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.name,
    sourceName: r.source_name,
    data: r.data ?? {},
    // A job refused outright (a CRM's validation error) carries its error in its own data.
    error: errorOf(r.source_output) ?? errorOf(r.data),
    retries: r.source_retry_count,
    deadSince: new Date(r.created_on),
    firstQueuedAt: r.source_created_on ? new Date(r.source_created_on) : null,
  }));
}

/** The CRM's message for the newest crm-sync of this handoff that waits in the dead-letter list, if any. */
export async function crmSyncFailureOf({ handoffId }: { handoffId: string }): Promise<{ message: string; deadSince: Date } | null> {
  const [row] = await db.execute<{ data: Record<string, unknown> | null; source_output: unknown; created_on: Date }>(dsql`
    select data, source_output, created_on from pgboss.job
    where name = ${deadLetterQueue(queues.crmSync.name)} and state in ('created', 'retry') and data->>'handoffId' = ${handoffId}
    order by created_on desc limit 1`);
  if (!row) return null;
  const message = errorOf(row.source_output) ?? errorOf(row.data);
  return message ? { message, deadSince: new Date(row.created_on) } : null;
}

function errorOf(output: unknown): string | null {
  if (output && typeof output === "object" && "error" in output) {
    const error = (output as { error: unknown }).error;
    if (typeof error === "string") return error;
    if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  }
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  return null;
}
