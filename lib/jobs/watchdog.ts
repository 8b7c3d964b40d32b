import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import {
  beatWorker,
  claimNewStalls,
  insertStallNotices,
  listStallRecipients,
  readQueueLag,
  removeWorkerBeat,
  type HeartbeatInput,
} from "@/db/queries/worker-watch";
import { escapeHtml } from "@/lib/crm/note-html";
import { stalledQueues, stallNotice } from "@/lib/jobs/queue-health";
import type { Logger } from "@/lib/logger";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";
import { loadNotifySettings } from "@/lib/notifications/send-notifications";

export type WatchdogOptions = {
  queues: string[];
  capacity: HeartbeatInput["capacity"];
  heartbeatSeconds: number;
  stallSeconds: number;
  appUrl: string;
  log: Logger;
};

const EMAIL_TIMEOUT_MS = 15_000;

/**
 * The worker's heartbeat and its watch over the queues, on a connection of its own (db/queries/
 * worker-watch.ts): every few seconds it beats, reads each queue's lag, and when a queue's oldest
 * ready job has waited past the threshold it logs it and tells the managers and admins, in the app
 * and by email when email works, once per stall. A beat or a check that fails is logged and tried
 * again on the next tick; nothing here waits without a bound.
 */
export function startWatchdog(options: WatchdogOptions): { stop: () => Promise<void> } {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { log } = options;
  let running: Promise<void> | null = null;

  const tick = async () => {
    try {
      await beatWorker({ id, host: hostname(), pid: process.pid, queues: options.queues, capacity: options.capacity });
      const lags = await readQueueLag({ via: "watch" });
      const stalled = stalledQueues(lags, options.stallSeconds);
      for (const lag of stalled)
        log.error("queue stuck", { queue: lag.queue, ready: lag.ready, oldestReadySeconds: lag.oldestReadySeconds, running: lag.running });
      // A queue counts as moving again only after a quiet spell, so one that flaps is one stall.
      const quietSeconds = Math.max(60, options.stallSeconds);
      const fresh = await claimNewStalls({ stalled: stalled.map((l) => ({ queue: l.queue, oldestJobId: l.oldestReadyJobId })), quietSeconds });
      for (const queue of fresh)
        await tell(
          queue,
          lags.find((l) => l.queue === queue),
        );
    } catch (error) {
      log.warn("worker heartbeat or queue check failed; trying again", { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const tell = async (queue: string, lag: Parameters<typeof stallNotice>[1]) => {
    const notice = stallNotice(queue, lag, options.appUrl);
    const people = await listStallRecipients();
    await insertStallNotices({ userIds: people.map((p) => p.id), title: notice.title, body: notice.body });
    // Email on a best-effort basis: the settings come from the jobs' pool, which may be what is stuck.
    const settings = await withTimeout(loadNotifySettings(), EMAIL_TIMEOUT_MS).catch(() => null);
    if (!settings?.smtp) return;
    const smtp = settings.smtp;
    const stamp = Date.now();
    await Promise.all(
      people.map((person) =>
        withTimeout(
          sendEmail({
            smtpUrl: smtp.url,
            from: smtp.from,
            to: person.email,
            message: { subject: notice.subject, text: notice.text, html: `<p>${escapeHtml(notice.body)}</p>` },
            messageId: messageIdFor(`queue-stalled.${queue}.${stamp}.${person.id}`, smtp.from),
          }),
          EMAIL_TIMEOUT_MS,
        ).catch((error: unknown) => log.warn("stuck-queue email not sent", { to: person.id, error: error instanceof Error ? error.message : String(error) })),
      ),
    );
  };

  const loop = () => {
    running = tick().finally(() => (running = null));
  };
  loop();
  const timer = setInterval(() => {
    if (!running) loop();
  }, options.heartbeatSeconds * 1000);
  timer.unref();

  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await removeWorkerBeat({ id }).catch(() => undefined);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
