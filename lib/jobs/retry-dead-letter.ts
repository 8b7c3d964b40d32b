import { getBoss } from "@/lib/jobs/boss";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";
import { UserError } from "@/lib/errors";

const deadNames = new Set(Object.values(queues).map((q) => deadLetterQueue(q.name)));

/**
 * Sends one dead-lettered job back to the queue it failed on, with a fresh set of retries. What it
 * already did stays done: its deliveries (and the CRM's mappings) make the second run send only what is missing.
 */
export async function retryDeadLetter({ databaseUrl, queue, jobId }: { databaseUrl: string; queue: string; jobId: string }): Promise<void> {
  if (!deadNames.has(queue)) throw new UserError("bad_request", `${queue} is not a dead-letter queue.`, { queue: ["Pick a dead-letter queue."] });
  const boss = await getBoss(databaseUrl);
  const moved = await boss.redrive(queue, { ids: [jobId], limit: 1 });
  if (!moved) throw new UserError("conflict", "That job is no longer in the dead-letter queue (someone retried it already).");
}
