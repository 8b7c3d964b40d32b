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

export type DeadLetter = { id: string; queue: string; sourceName: string | null; data: Record<string, unknown>; error: string | null; retries: number | null; deadSince: Date; firstQueuedAt: Date | null };

/** Jobs that exhausted their retries (or were refused outright), waiting for an admin. */
export async function listDeadLetters({ limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
  const rows = await db.execute<{ id: string; name: string; source_name: string | null; data: Record<string, unknown> | null; source_output: unknown; source_retry_count: number | null; created_on: Date; source_created_on: Date | null }>(dsql`
    select id, name, source_name, data, source_output, source_retry_count, created_on, source_created_on from pgboss.job
    where name in ${deadNames} and state in ('created', 'retry')
    order by created_on desc limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    queue: r.name,
    sourceName: r.source_name,
    data: r.data ?? {},
    error: errorOf(r.source_output),
    retries: r.source_retry_count,
    deadSince: new Date(r.created_on),
    firstQueuedAt: r.source_created_on ? new Date(r.source_created_on) : null,
  }));
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
