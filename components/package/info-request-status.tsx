import { Badge } from "@/components/ui/badge";
import type { InfoRequest } from "@/lib/handoffs/info-request";

/** The owner's open request for more info: what was asked, where, and what has come back. */
const emailLines = {
  pending: "By email: the draft is waiting for approval before it is sent.",
  approved: "By email: the draft was approved and goes out to the lead.",
  denied: "By email: the draft was denied, so nothing was sent.",
  expired: "By email: nobody approved the draft in time, so nothing was sent.",
} as const;

/** `emailStatus`: where the drafted email's approval request stands (email requests only). */
export function InfoRequestStatus({ request, emailStatus = "pending" }: { request: InfoRequest; emailStatus?: keyof typeof emailLines }) {
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
        {request.channel === "chat" ? "The agent is asking in the chat, one question at a time." : emailLines[emailStatus]}
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
