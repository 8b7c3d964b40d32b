import { PgBoss } from "pg-boss";
import { queues } from "@/lib/jobs/queues";

// One pg-boss per process, used to send jobs (inside the caller's transaction) and, in the worker,
// to work them. Its tables live in the "pgboss" schema of the app's own database.
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
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
  boss.on("error", () => {
    // Connection errors surface on the next send; pg-boss reconnects by itself.
  });
  await boss.start();
  for (const queue of Object.values(queues)) {
    // The dead-letter queue first: a job that exhausts its retries lands there for an admin to retry.
    await boss.createQueue(`${queue.name}-dead`);
    await boss.createQueue(queue.name, { retryLimit: 8, retryDelay: 5, retryBackoff: true, deadLetter: `${queue.name}-dead` });
  }
  return boss;
}
