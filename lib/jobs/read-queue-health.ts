import { listWorkerBeats, readQueueLag } from "@/db/queries/worker-watch";
import { env } from "@/lib/env";
import { judgeQueueHealth } from "@/lib/jobs/queue-health";

/** Each queue's lag, the workers' beats and the verdict, as /api/health and /admin/jobs show them. */
export async function readQueueHealth() {
  const settings = env();
  const [lags, workers] = await Promise.all([readQueueLag(), listWorkerBeats()]);
  const health = judgeQueueHealth({
    lags,
    newestBeatSeconds: workers[0]?.secondsSinceBeat ?? null,
    stallSeconds: settings.WORKER_STALL_MINUTES * 60,
    silentSeconds: settings.WORKER_SILENT_SECONDS,
  });
  return { lags, workers, health, stallSeconds: settings.WORKER_STALL_MINUTES * 60, silentSeconds: settings.WORKER_SILENT_SECONDS };
}
