import type { Metadata } from "next";
import Link from "next/link";
import { RetryJobButton } from "@/components/notifications/retry-job-button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmailQuarantine } from "@/components/email/email-quarantine";
import { countJobsByQueue, listDeadLetters } from "@/db/queries/jobs";
import { countQuarantine, listQuarantine } from "@/db/queries/mailbox";
import { formatDateTime, formatSeconds } from "@/lib/format";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";
import { readQueueHealth } from "@/lib/jobs/read-queue-health";
import { pageActorWith } from "../../page-actor";
import { retryDeadLetterAction } from "./actions";

export const metadata: Metadata = { title: "Background jobs" };

const states = ["created", "retry", "active", "completed", "failed"] as const;

export default async function JobsPage() {
  await pageActorWith("admin.manage");
  const [counts, dead, { lags, workers, health, stallSeconds, silentSeconds }, quarantined, quarantineTotal] = await Promise.all([
    countJobsByQueue(),
    listDeadLetters(),
    readQueueHealth(),
    listQuarantine({ limit: 50 }),
    countQuarantine(),
  ]);
  const count = (name: string, state: string) => counts.find((c) => c.name === name && c.state === state)?.count ?? 0;
  const lagOf = (name: string) => lags.find((l) => l.queue === name);
  const anyWaiting = lags.some((l) => l.ready > 0);
  return (
    <div className="space-y-6">
      {health.workerSilent ? (
        <div role="alert" data-testid="worker-silent" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">
            {health.workerSilentFor === null ? "No worker has ever reported in." : `The worker has been silent for ${formatSeconds(health.workerSilentFor)}.`}
          </p>
          <p>
            Notifications, CRM logging, reminders, SLA checks and approvals wait until a worker runs{anyWaiting ? " (jobs are waiting now)" : ""}. Start it with{" "}
            <code className="font-mono">npm run worker</code>; it restarts itself after a crash, so a silent one has stopped or cannot reach the database.
          </p>
        </div>
      ) : null}
      {health.stalled.length > 0 ? (
        <div role="alert" data-testid="queues-stalled" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Stuck: {health.stalled.join(", ")}</p>
          <p>
            The oldest ready job has waited more than {formatSeconds(stallSeconds)}. Managers and admins have been told; /api/health answers 503 until it moves.
          </p>
        </div>
      ) : null}
      <Card>
        <CardHeader
          title="Queues"
          description="Run by npm run worker. Lag is how long the oldest job that could run has waited. Failed attempts retry with exponential backoff; after the last one a job lands in the dead-letter list below."
        />
        <table className="w-full text-sm" data-testid="queue-table">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Queue</th>
              <th className="px-4 py-2 font-medium">Waiting</th>
              <th className="px-4 py-2 font-medium">Lag</th>
              <th className="px-4 py-2 font-medium">Retrying</th>
              <th className="px-4 py-2 font-medium">Running</th>
              <th className="px-4 py-2 font-medium">Done</th>
              <th className="px-4 py-2 font-medium">Dead-lettered</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {Object.values(queues).map((q) => (
              <tr key={q.name} data-testid={`queue-${q.name}`} className={health.stalled.includes(q.name) ? "bg-red-50" : undefined}>
                <td className="px-4 py-2 font-mono text-xs text-slate-900">{q.name}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">{count(q.name, "created")}</td>
                <td
                  className={`px-4 py-2 tabular-nums ${health.stalled.includes(q.name) ? "font-semibold text-red-700" : "text-slate-700"}`}
                  data-testid="queue-lag"
                >
                  {lagOf(q.name)?.ready ? formatSeconds(lagOf(q.name)!.oldestReadySeconds) : "—"}
                </td>
                {states.slice(1, 4).map((s) => (
                  <td key={s} className="px-4 py-2 tabular-nums text-slate-700">
                    {count(q.name, s)}
                  </td>
                ))}
                <td className="px-4 py-2 tabular-nums text-slate-700">{count(deadLetterQueue(q.name), "created") + count(deadLetterQueue(q.name), "retry")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card>
        <CardHeader
          title="Workers"
          description="Each worker process beats every few seconds on a connection of its own, so one whose jobs are stuck still reports in."
        />
        {workers.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">
              No worker has reported in during the last day: start one with <code className="font-mono">npm run worker</code>.
            </p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="workers">
            {workers.map((w) => (
              <li key={w.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-2">
                <span className="font-mono text-xs text-slate-900">
                  {w.host} · pid {w.pid}
                </span>
                <span className={w.secondsSinceBeat > silentSeconds ? "text-red-700" : "text-slate-600"}>
                  last beat {formatSeconds(w.secondsSinceBeat)} ago
                </span>
                <span className="text-slate-500">
                  up to {w.capacity.jobSlots} jobs at once (pool {w.capacity.poolMax}, CRM locks {w.capacity.lockPoolMax}) · since {formatDateTime(w.startedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader
          title="Dead letters"
          description="Jobs that ran out of retries or were refused. Fix the cause (a connection, a channel), then retry: what already went out is not sent again."
        />
        {dead.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500" data-testid="no-dead-letters">
              No dead letters. Everything that was queued went through.
            </p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="dead-letters">
            {dead.map((job) => (
              <li key={job.id} className="flex items-start gap-4 px-4 py-3" data-testid="dead-letter">
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium text-slate-900">
                    <span className="font-mono text-xs">{job.sourceName ?? job.queue}</span>
                    {typeof job.data.handoffId === "string" ? (
                      <>
                        {" · "}
                        <Link href={`/handoffs/${job.data.handoffId}`} className="text-brand-700 hover:underline">
                          package
                        </Link>
                      </>
                    ) : null}
                    {typeof job.data.event === "string" ? <span className="text-slate-500"> · {job.data.event}</span> : null}
                  </p>
                  <p className="mt-0.5 break-words text-red-700">{job.error ?? "No error recorded."}</p>
                  <p className="text-xs text-slate-400">
                    Dead since {formatDateTime(job.deadSince)}
                    {job.retries !== null ? ` after ${job.retries + 1} attempt${job.retries ? "s" : ""}` : ""}
                  </p>
                </div>
                <RetryJobButton queue={job.queue} jobId={job.id} retry={retryDeadLetterAction} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <EmailQuarantine rows={quarantined} total={quarantineTotal} />
    </div>
  );
}
