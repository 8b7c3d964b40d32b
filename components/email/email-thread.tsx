import { EmailComposer } from "@/components/email/email-composer";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ActionResult } from "@/lib/action";
import { formatDateTime } from "@/lib/format";
import type { ThreadItemView as ThreadItem } from "@/lib/email/thread-view";

export type { ThreadItemView as ThreadItem } from "@/lib/email/thread-view";

const authorTone = { lead: "blue", agent: "slate", human: "green", system: "amber" } as const;

/**
 * The package's email conversation: each message's new words, the quoted history and signature
 * folded under it, attachments by name and size, what Baton sent with its delivery status, and
 * the automated mail and bounces that were logged. Everything is text: no lead HTML is rendered.
 */
export function EmailThread({
  handoffId,
  items,
  undeliverable,
  leadAddress,
  send,
}: {
  handoffId: string;
  items: ThreadItem[];
  undeliverable: { reason: string | null } | null;
  leadAddress: string | null;
  send: ((form: FormData) => Promise<ActionResult<{ emailId: string }>>) | null;
}) {
  return (
    <Card aria-labelledby="email-thread-heading" data-testid="email-thread">
      <CardHeader
        id="email-thread-heading"
        title="Email conversation"
        description={leadAddress ? `With ${leadAddress}. Only the new words of each email are shown; quoted history is folded.` : undefined}
      />
      <CardBody className="space-y-3">
        {undeliverable ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800" data-testid="email-undeliverable">
            {leadAddress ?? "The lead's address"} bounced{undeliverable.reason ? ` (${undeliverable.reason})` : ""}: it is marked undeliverable and nothing more
            is sent there.
          </p>
        ) : null}
        {items.length === 0 ? <p className="text-sm text-slate-500">No email yet.</p> : null}
        <ol className="space-y-3">
          {items.map((item) => (
            <li
              key={item.key}
              className="rounded-md border border-slate-200 p-3"
              data-testid="email-thread-item"
              data-author={item.author}
              data-kind={item.kind ?? ""}
            >
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge tone={authorTone[item.author]}>
                  {item.author === "human"
                    ? "Rep"
                    : item.author === "lead"
                      ? "Lead"
                      : item.author === "agent"
                        ? "Agent"
                        : item.kind === "bounce"
                          ? "Bounce"
                          : "Auto-reply"}
                </Badge>
                <span className="font-medium text-slate-800">{item.who}</span>
                <span>{formatDateTime(item.at)}</span>
                {item.deliveryStatus && item.deliveryStatus !== "received" ? (
                  <span
                    data-testid="email-delivery"
                    className={item.deliveryStatus === "failed" ? "text-red-700" : item.deliveryStatus === "sent" ? "text-emerald-700" : "text-slate-500"}
                  >
                    {item.deliveryStatus === "sending" ? "Sending…" : item.deliveryStatus === "sent" ? "Sent" : `Not sent: ${item.deliveryError ?? "refused"}`}
                  </span>
                ) : null}
              </div>
              {item.subject ? <p className="mt-1 text-xs font-medium text-slate-600">{item.subject}</p> : null}
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="email-text">
                {item.text}
              </p>
              {item.detail ? <p className="mt-1 text-xs text-slate-500">{item.detail}</p> : null}
              {item.attachments.length ? (
                <ul className="mt-1 text-xs text-slate-500">
                  {item.attachments.map((a, i) => (
                    <li key={i}>
                      📎 {a.filename ?? "(unnamed)"} · {a.mimeType} · {Math.max(1, Math.round(a.size / 1024))} KB (not stored)
                    </li>
                  ))}
                </ul>
              ) : null}
              {item.quoted ? (
                <details className="mt-2 text-xs text-slate-500">
                  <summary className="cursor-pointer select-none">Quoted history and signature</summary>
                  <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words font-sans">{item.quoted}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
        {send && !undeliverable && leadAddress ? <EmailComposer handoffId={handoffId} to={leadAddress} send={send} /> : null}
      </CardBody>
    </Card>
  );
}
