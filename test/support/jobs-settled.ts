import { sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { pgArray } from "./pg-array";
import { waitFor } from "./wait-for";

/**
 * Waits until every job of these queues whose payload names this record (`data->>key = value`) has
 * finished: completed, failed for good or cancelled. After it, nothing already queued for the record
 * can still deliver: the positive signal a "no duplicate arrived" assertion needs, instead of a sleep.
 */
export async function waitForJobsSettled(what: string, options: { queues: string[]; key: string; value: string; timeoutMs?: number }): Promise<void> {
  await waitFor(
    what,
    async () => {
      const [row] = await db.execute<{ n: number }>(dsql`
        select count(*)::int as n from pgboss.job
        where name = any(${pgArray(options.queues)}::text[]) and data->>${options.key} = ${options.value} and state < 'completed'`);
      return Number(row!.n) === 0;
    },
    options.timeoutMs ?? 30_000,
    100,
  );
}
