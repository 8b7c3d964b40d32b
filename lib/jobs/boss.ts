import { PgBoss } from "pg-boss";
import { connectionBounds } from "@/lib/env";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";

// One pg-boss per process, used to send jobs (inside the caller's transaction). The worker process
// runs its own instance with supervision and schedules (lib/jobs/worker.ts). Its tables live in the
// "pgboss" schema of the app's own database.
const globalForBoss = globalThis as unknown as { batonBoss?: Promise<PgBoss> };

export function getBoss(databaseUrl: string): Promise<PgBoss> {
  globalForBoss.batonBoss ??= startBoss(databaseUrl).catch((error) => {
    globalForBoss.batonBoss = undefined;
    throw error;
  });
  return globalForBoss.batonBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = await globalForBoss.batonBoss?.catch(() => undefined);
  globalForBoss.batonBoss = undefined;
  await boss?.stop({ graceful: true, close: true });
}

async function startBoss(databaseUrl: string): Promise<PgBoss> {
  // A sender needs no supervision or schedules: the worker process runs those.
  const boss = new PgBoss({ connectionString: databaseUrl, ...connectionBounds(), max: 2, supervise: false, schedule: false });
  boss.on("error", () => {
    // Connection errors surface on the next send; pg-boss reconnects by itself.
  });
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** Creates every queue and its dead-letter queue, or brings an existing queue's retry settings up to date. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const queue of Object.values(queues)) {
    const dead = deadLetterQueue(queue.name);
    // The dead-letter queue first: a job that exhausts its retries lands there for an admin to retry.
    if (!(await boss.getQueue(dead))) await boss.createQueue(dead, { retentionSeconds: 60 * 60 * 24 * 30 });
    const options = { ...queue.options, deadLetter: dead };
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, options);
    else await boss.createQueue(queue.name, options);
  }
}
