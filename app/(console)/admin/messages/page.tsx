import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listDeliveries } from "@/db/queries/notifications";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { readDemoOutbox } from "@/lib/notifications/demo-outbox";
import { pageActorWith } from "../../page-actor";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Messages sent" };

const channelLabels = { slack: "Slack", email: "Email", in_app: "In-app" } as const;

export default async function MessagesPage() {
  await pageActorWith("admin.manage");
  const settings = env();
  const [log, outbox] = await Promise.all([
    listDeliveries({ limit: 100 }),
    readDemoOutbox({ slackUrl: settings.DEMO_SLACK_OUTBOX_URL, smtpUrl: settings.DEMO_SMTP_OUTBOX_URL }),
  ]);
  return (
    <div className="space-y-6">
      {outbox ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Slack (demo stand-in)" description="What the local Slack received. In production these go to your workspace." />
            <Outbox label="Slack messages received" error={outbox.error} empty={outbox.slack.length === 0} testId="demo-slack">
              {outbox.slack.map((m) => (
                <li key={m.ts} className="px-4 py-2 text-sm" data-testid="demo-slack-message">
                  <p className="font-medium text-slate-900">{m.text}</p>
                  <p className="text-xs text-slate-400">
                    {m.via === "api" ? `chat.postMessage to ${m.channel}` : "incoming webhook"} · {formatDateTime(m.receivedAt)}
                  </p>
                </li>
              ))}
            </Outbox>
          </Card>
          <Card>
            <CardHeader title="Email (demo stand-in)" description="What the local SMTP server received." />
            <Outbox label="Emails received" error={outbox.error} empty={outbox.email.length === 0} testId="demo-email">
              {outbox.email.map((m, i) => (
                <li key={`${m.messageId}-${i}`} className="px-4 py-2 text-sm" data-testid="demo-email-message">
                  <p className="font-medium text-slate-900">{m.subject}</p>
                  <p className="text-xs text-slate-400">
                    to {m.to.join(", ")} · {formatDateTime(m.receivedAt)}
                  </p>
                  {bookingLinks(m.text).map((link) => (
                    <p key={link} className="break-all font-mono text-xs text-slate-600" data-testid="demo-email-link">
                      {link}
                    </p>
                  ))}
                </li>
              ))}
            </Outbox>
          </Card>
        </div>
      ) : null}
      <Card>
        <CardHeader title="Delivery log" description="Every notification with its status: one row per package, event, channel and person." />
        {log.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">Nothing sent yet.</p>
          </CardBody>
        ) : (
          <table className="w-full text-sm" data-testid="delivery-log">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">When</th>
                <th className="px-4 py-2 font-medium">Package</th>
                <th className="px-4 py-2 font-medium">Event</th>
                <th className="px-4 py-2 font-medium">Channel</th>
                <th className="px-4 py-2 font-medium">To</th>
                <th className="px-4 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {log.map(({ delivery: d, recipientName, recipientEmail, leadName, companyName }) => (
                <tr key={d.id} data-testid="delivery">
                  <td className="whitespace-nowrap px-4 py-2 text-xs text-slate-500">{formatDateTime(d.createdAt)}</td>
                  <td className="px-4 py-2">
                    <Link href={`/handoffs/${d.handoffId}`} className="text-brand-700 hover:underline">
                      {[leadName, companyName].filter(Boolean).join(", ") || "Package"}
                    </Link>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs text-slate-700">{d.event}</td>
                  <td className="px-4 py-2">{channelLabels[d.channel]}</td>
                  <td className="px-4 py-2 text-slate-700">{recipientName ?? recipientEmail}</td>
                  <td className="px-4 py-2">
                    <Badge tone={d.status === "sent" ? "green" : d.status === "failed" ? "red" : "amber"}>{d.status}</Badge>
                    {d.attempts > 1 ? <span className="ml-1 text-xs text-slate-400">{d.attempts} attempts</span> : null}
                    {d.lastError && d.status !== "sent" ? <p className="mt-0.5 max-w-xs break-words text-xs text-red-600">{d.lastError}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function Outbox({ label, error, empty, testId, children }: { label: string; error: string | null; empty: boolean; testId: string; children: React.ReactNode }) {
  if (error)
    return (
      <CardBody>
        <p className="text-sm text-red-700">{error}</p>
      </CardBody>
    );
  if (empty)
    return (
      <CardBody>
        <p className="text-sm text-slate-500">Nothing received yet.</p>
      </CardBody>
    );
  return (
    <ScrollRegion label={label} className="max-h-96 overflow-y-auto">
      <ul className="divide-y divide-slate-100" data-testid={testId}>
        {children}
      </ul>
    </ScrollRegion>
  );
}

/** The scheduling links an email carries (the agent's booking-link emails), so the demo shows where they lead. */
function bookingLinks(text: string): string[] {
  return [...new Set(text.match(/https:\/\/(?:[a-z0-9-]+\.)*(?:cal\.com|cal\.eu|calendly\.com)\/\S+/gi) ?? [])];
}
