import { connection } from "next/server";
import { pingDatabase } from "@/db/queries/health";
import { readQueueHealth } from "@/lib/jobs/read-queue-health";

// Public by design (load balancers and monitors call it): whether this instance can serve, and
// whether the background jobs move. 503 when the database is unreachable or a queue is stuck (its
// oldest ready job waited past WORKER_STALL_MINUTES); a silent worker is reported.
export async function GET() {
  await connection();
  const database = await pingDatabase();
  const jobs = database ? await readQueueHealth().catch(() => null) : null;
  const ok = database && (jobs?.health.ok ?? true);
  const body = {
    ok,
    database,
    worker: jobs ? { lastHeartbeatSecondsAgo: jobs.health.workerSilentFor, silent: jobs.health.workerSilent } : null,
    queues: jobs
      ? Object.fromEntries(
          jobs.lags.map((l) => [
            l.queue,
            { ready: l.ready, oldestReadySeconds: l.oldestReadySeconds, running: l.running, stuck: jobs.health.stalled.includes(l.queue) },
          ]),
        )
      : null,
  };
  return Response.json(body, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
