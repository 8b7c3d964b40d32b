import type { Metadata } from "next";
import Link from "next/link";
import { RetryJobButton } from "@/components/notifications/retry-job-button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { countJobsByQueue, listDeadLetters } from "@/db/queries/jobs";
import { formatDateTime } from "@/lib/format";
import { deadLetterQueue, queues } from "@/lib/jobs/queues";
import { pageActorWith } from "../../page-actor";
import { retryDeadLetterAction } from "./actions";

export const metadata: Metadata = { title: "Background jobs" };

const states = ["created", "retry", "active", "completed", "failed"] as const;

export default async function JobsPage() {
  await pageActorWith("admin.manage");
  const [counts, dead] = await Promise.all([countJobsByQueue(), listDeadLetters()]);
  const count = (name: string, state: string) => counts.find((c) => c.name === name && c.state === state)?.count ?? 0;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Queues" description="Run by npm run worker. Failed attempts retry with exponential backoff; after the last one a job lands in the dead-letter list below." />
        <table className="w-full text-sm" data-testid="queue-table">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">Queue</th>
              <th className="px-4 py-2 font-medium">Waiting</th>
              <th className="px-4 py-2 font-medium">Retrying</th>
              <th className="px-4 py-2 font-medium">Running</th>
              <th className="px-4 py-2 font-medium">Done</th>
              <th className="px-4 py-2 font-medium">Dead-lettered</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {Object.values(queues).map((q) => (
              <tr key={q.name}>
                <td className="px-4 py-2 font-mono text-xs text-slate-900">{q.name}</td>
                {states.slice(0, 4).map((s) => (
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
        <CardHeader title="Dead letters" description="Jobs that ran out of retries or were refused. Fix the cause (a connection, a channel), then retry: what already went out is not sent again." />
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
    </div>
  );
}
