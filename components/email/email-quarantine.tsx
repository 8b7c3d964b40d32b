import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { emailQuarantine } from "@/db/schema";
import { formatDateTime } from "@/lib/format";

type Row = typeof emailQuarantine.$inferSelect;

/** /admin/jobs: the emails set aside (malformed, too large, a flood), each with its reason; the mailbox went on without them. */
export function EmailQuarantine({ rows, total }: { rows: Row[]; total: number }) {
  return (
    <Card>
      <CardHeader
        title="Email quarantine"
        description="Emails the mailbox reader or the inbound webhook could not process: kept with their reason, never blocking the messages after them. Fix the cause (or ask the sender to write again)."
      />
      {rows.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-500" data-testid="no-email-quarantine">
            No quarantined email.
          </p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="email-quarantine">
          {rows.map((row) => (
            <li key={row.id} className="px-4 py-3 text-sm" data-testid="quarantined-email">
              <p className="font-medium text-slate-900">
                {row.subject || "(no subject)"} <span className="font-normal text-slate-500">· {row.fromAddress ?? "unknown sender"}</span>
              </p>
              <p className="mt-0.5 break-words text-red-700">{row.reason}</p>
              <p className="text-xs text-slate-400">
                {formatDateTime(row.createdAt)} · {row.source} · {row.sourceRef.slice(0, 40)} · {Math.max(1, Math.round(row.rawSize / 1024))} KB
                {row.messageId ? ` · <${row.messageId.slice(0, 80)}>` : ""}
              </p>
            </li>
          ))}
          {total > rows.length ? <li className="px-4 py-2 text-xs text-slate-500">… and {total - rows.length} older.</li> : null}
        </ul>
      )}
    </Card>
  );
}
