import { redriveDeadLetter } from "@/db/queries/outbox";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";
import { UserError } from "@/lib/errors";

const deadNames = new Set(Object.values(queues).map((q) => deadLetterQueue(q.name)));

/**
 * Sends one dead-lettered job back to the queue it failed on, with a fresh set of retries. What it
 * already did stays done: its deliveries (and the CRM's mappings) make the second run send only what is missing.
 */
export async function retryDeadLetter({ queue, jobId }: { queue: string; jobId: string }): Promise<void> {
  if (!deadNames.has(queue)) throw new UserError("bad_request", `${queue} is not a dead-letter queue.`, { queue: ["Pick a dead-letter queue."] });
  const moved = await redriveDeadLetter({ queue, jobId });
  if (!moved) throw new UserError("conflict", "That job is no longer in the dead-letter queue (someone retried it already).");
}
