import type { QueueLag } from "@/db/queries/worker-watch";
import { formatSeconds } from "@/lib/format";

/** A queue is stuck when its oldest ready job has waited longer than the threshold, or a job has run that long (a hung handler). */
export function stalledQueues(lags: readonly QueueLag[], thresholdSeconds: number): QueueLag[] {
  return lags.filter(
    (lag) => (lag.ready > 0 && lag.oldestReadySeconds > thresholdSeconds) || (lag.running > 0 && lag.longestRunningSeconds > thresholdSeconds),
  );
}

export type QueueHealth = {
  ok: boolean;
  /** The newest worker heartbeat's age in seconds; null when no worker has ever beaten. */
  workerSilentFor: number | null;
  workerSilent: boolean;
  stalled: string[];
};

/**
 * What /api/health and /admin/jobs say of the background jobs. Unhealthy (503) only when a queue is
 * stuck: a silent worker with nothing waiting is reported, not failed (a console run without a
 * worker, between bursts, serves fine).
 */
export function judgeQueueHealth(input: {
  lags: readonly QueueLag[];
  newestBeatSeconds: number | null;
  stallSeconds: number;
  silentSeconds: number;
}): QueueHealth {
  const stalled = stalledQueues(input.lags, input.stallSeconds).map((l) => l.queue);
  const workerSilent = input.newestBeatSeconds === null || input.newestBeatSeconds > input.silentSeconds;
  return { ok: stalled.length === 0, workerSilentFor: input.newestBeatSeconds, workerSilent, stalled };
}

/** The notice managers and admins get for a stuck queue. */
export function stallNotice(queue: string, lag: QueueLag | undefined, appUrl: string): { title: string; body: string; subject: string; text: string } {
  const title = `Background jobs stuck: ${queue}`;
  const state = !lag
    ? "has jobs that have not moved for several minutes"
    : lag.ready > 0 && lag.oldestReadySeconds >= lag.longestRunningSeconds
      ? `has ${lag.ready} job${lag.ready === 1 ? "" : "s"} waiting; the oldest has waited ${formatSeconds(lag.oldestReadySeconds)}`
      : `has a job that has run for ${formatSeconds(lag.longestRunningSeconds)}`;
  const body = `The ${queue} queue ${state}. Notifications, CRM logging or SLA checks may be late until it moves. See /admin/jobs.`;
  return { title, body, subject: `[Baton] ${title}`, text: `${body}\n\n${new URL("/admin/jobs", appUrl).toString()}\n` };
}
