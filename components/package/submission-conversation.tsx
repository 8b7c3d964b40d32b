import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { formatDateTime, label, channelLabels } from "@/lib/format";
import type { SubmissionMessage } from "@/lib/handoffs/submission-message";

// The lead's words on the left, the agent's on the right, as in the live chat.
const bubbleBase = "mt-0.5 max-w-full rounded-lg px-3 py-2 text-sm text-slate-900 sm:max-w-[85%]";
const bubble = { lead: cn(bubbleBase, "rounded-tl-none bg-slate-100"), agent: cn(bubbleBase, "rounded-tr-none bg-brand-50") } as const;

/** A form's or landing page's conversation: the submission, as the lead sent it, is its first message. */
export function SubmissionConversation({ submission, channel, leadName }: { submission: SubmissionMessage; channel: string; leadName: string | null }) {
  return (
    <Card aria-labelledby="conversation-heading" data-testid="submission-conversation">
      <CardHeader
        id="conversation-heading"
        title="Conversation"
        description={`The lead's ${label(channelLabels, channel).toLowerCase()} submission, as it arrived.`}
      />
      <CardBody>
        <ol className="space-y-3">
          {submission.fields.length ? (
            <li className="flex flex-col items-start" data-testid="submission-message">
              <p className="text-xs text-slate-500">
                {leadName ?? "The lead"}
                {submission.receivedAt ? ` · ${formatDateTime(submission.receivedAt)}` : ""}
              </p>
              <dl className={cn(bubble.lead, "grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-0.5")}>
                {submission.fields.map((f, i) => (
                  <div key={i} className="contents">
                    <dt className="text-slate-600">{f.label}</dt>
                    <dd className="whitespace-pre-line break-words">{f.value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ) : null}
          {submission.messages.map((m, i) => (
            <li key={i} className={m.from === "lead" ? "flex flex-col items-start" : "flex flex-col items-end"} data-testid={`submission-${m.from}`}>
              <p className="text-xs text-slate-500">{m.from === "lead" ? (leadName ?? "The lead") : "Agent"}</p>
              <p className={cn(bubble[m.from], "whitespace-pre-line break-words")}>{m.text}</p>
            </li>
          ))}
        </ol>
      </CardBody>
    </Card>
  );
}
