import { Badge } from "@/components/ui/badge";
import type { InfoRequest } from "@/lib/handoffs/info-request";

/** The owner's open request for more info: what was asked, where, and what has come back. */
export function InfoRequestStatus({ request }: { request: InfoRequest }) {
  const answered = request.questions.filter((q) => q.answer !== null).length;
  return (
    <section aria-label="Waiting for the lead" className="rounded-md border border-sky-200 bg-sky-50/60 p-3 text-sm" data-testid="info-request">
      <div className="flex items-center justify-between gap-2">
        <p className="font-medium text-slate-900">Waiting for the lead</p>
        <Badge tone="slate">
          {answered}/{request.questions.length} answered
        </Badge>
      </div>
      <p className="mt-0.5 text-xs text-slate-600">
        {request.channel === "chat" ? "The agent is asking in the chat, one question at a time." : "By email: the draft is waiting for approval before it is sent."}
      </p>
      <ol className="mt-2 list-decimal space-y-1 pl-4">
        {request.questions.map((q) => (
          <li key={q.text}>
            {q.text}
            {q.answer !== null ? <span className="block text-xs text-emerald-700">“{q.answer}”</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
