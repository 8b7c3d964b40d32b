import type { Intake } from "@/db/schema/leads";
import type { HandoffPackage } from "@/lib/contract/package";
import { formatDateTime } from "@/lib/format";

type Message = { id: string; author: string; text: string; sentAt: Date };

export function Traceability({ pkg, intake, transcript }: { pkg: HandoffPackage; intake: Intake | null; transcript: Message[] }) {
  const t = pkg.traceability;
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Lead</dt>
        <dd className="truncate font-mono text-xs leading-5">{t.leadId ?? "—"}</dd>
        <dt className="text-slate-500">Rule set</dt>
        <dd>version {t.ruleVersion}</dd>
        <dt className="text-slate-500">CRM record</dt>
        <dd>
          {t.crmRecord ? (
            // The contact the sync logged this package on: a built-in CRM page, or the HubSpot record.
            <a className="text-brand-700 underline" href={t.crmRecord} {...(t.crmRecord.startsWith("/") ? {} : { target: "_blank", rel: "noreferrer" })}>
              Open contact in CRM
            </a>
          ) : (
            <span className="text-slate-400">Not synced yet</span>
          )}
        </dd>
      </dl>
      <details className="rounded-md border border-slate-200" data-testid="transcript">
        <summary className="cursor-pointer px-3 py-2 font-medium text-slate-700">
          Conversation ({transcript.length} {transcript.length === 1 ? "message" : "messages"})
        </summary>
        <ol className="space-y-2 border-t border-slate-100 px-3 py-2">
          {transcript.map((m) => (
            <li key={m.id}>
              <p className="text-xs text-slate-400">
                {m.author === "lead" ? "Lead" : m.author === "agent" ? "Agent" : "Team"} · {formatDateTime(m.sentAt)}
              </p>
              <p className="whitespace-pre-line text-slate-800">{m.text}</p>
            </li>
          ))}
          {transcript.length === 0 && <li className="text-slate-400">No conversation: this lead came through a {pkg.source.channel.replace("_", " ")}.</li>}
        </ol>
      </details>
      <details className="rounded-md border border-slate-200" data-testid="raw-submission">
        <summary className="cursor-pointer px-3 py-2 font-medium text-slate-700">Raw submission</summary>
        {/* It scrolls, so it takes focus: keyboard users scroll it with the arrow keys. */}
        <pre
          tabIndex={0}
          aria-label="Raw submission as received"
          className="max-h-96 overflow-auto border-t border-slate-100 bg-slate-50 p-3 text-xs text-slate-700"
        >
          {intake ? JSON.stringify(intake.raw, null, 2) : "The submission is not stored."}
        </pre>
      </details>
    </div>
  );
}
