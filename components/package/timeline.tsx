import type { HandoffEvent } from "@/db/schema/handoffs";
import { describeChatUpdate } from "@/lib/chat/describe-chat-update";
import { describeKnowledgeAnswerEvent, KNOWLEDGE_ANSWER_EVENT } from "@/lib/knowledge/answer-event";
import { formatDateTime, humanize, label, reasonLabels } from "@/lib/format";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { statusLabels } from "@/lib/handoffs/state-machine";
import { describeUndo, UNDONE_EVENT } from "@/lib/handoffs/undo-words";

export type TimelineEntry = { event: HandoffEvent; actorName: string | null; actorEmail: string | null };

export function Timeline({ entries, ownerNames }: { entries: TimelineEntry[]; ownerNames: Record<string, string> }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No events yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-4" data-testid="timeline">
      {entries.map(({ event, actorName, actorEmail }) => (
        <li key={event.id} className="text-sm" data-testid="timeline-entry">
          <span className="absolute -left-[5px] mt-1.5 size-2.5 rounded-full border-2 border-white bg-slate-400" aria-hidden />
          <p className="wrap-anywhere text-slate-900">
            <span className="font-medium">{actorName ?? actorEmail ?? (event.actorKind === "agent" ? "Agent" : "System")}</span> {describe(event, ownerNames)}
          </p>
          {event.note ? <p className="mt-0.5 whitespace-pre-line text-slate-600">“{event.note}”</p> : null}
          <time className="text-xs text-slate-400" dateTime={event.createdAt.toISOString()}>
            {formatDateTime(event.createdAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}

function describe(event: HandoffEvent, ownerNames: Record<string, string>): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case "created":
      return "created the package";
    case "note":
      return "added a note";
    case "poor_escalation_flagged":
      return `flagged a poor escalation: ${typeof data.reason === "string" ? label(reasonLabels, data.reason).toLowerCase() : "a reason"} was wrong`;
    case "status_changed": {
      const to = event.toStatus ? statusLabels[event.toStatus].toLowerCase() : "?";
      const from = event.fromStatus ? statusLabels[event.fromStatus].toLowerCase() : "?";
      let detail = "";
      if (event.toStatus === "discarded" && typeof data.reason === "string") {
        detail = `: ${discardReasons[data.reason as keyof typeof discardReasons] ?? humanize(data.reason)}`;
      }
      if (event.toStatus === "converted" && typeof data.valueAmount === "number") {
        detail = ` (${data.valueAmount.toLocaleString("en")} ${String(data.valueCurrency ?? "")}${data.meetingBooked ? ", meeting booked" : ""})`;
      }
      return `moved it from ${from} to ${to}${detail}`;
    }
    case "reassigned": {
      const to = typeof data.toOwnerId === "string" ? (ownerNames[data.toOwnerId] ?? "someone") : "the team queue";
      return `reassigned it to ${to}${typeof data.ruleName === "string" ? ` after the SLA lapsed (rule: ${data.ruleName})` : ""}`;
    }
    case "info_requested": {
      const count = Array.isArray(data.questions) ? data.questions.length : 0;
      const what = count === 1 ? "one question" : `${count} questions`;
      return data.channel === "chat" ? `asked the lead ${what} in the chat` : `drafted an email asking the lead ${what} (waiting for approval)`;
    }
    case "approval_requested":
      return `asked for approval to ${actionPhrase(data.actionType)}`;
    case "approval_decided":
      return `${data.decision === "approved" ? "approved" : "denied"} the request to ${actionPhrase(data.actionType)}${data.edited ? " (after editing it)" : ""} in ${channelName(data.via)}`;
    case "approval_executed":
      return typeof data.summary === "string" ? `ran the approved action: ${data.summary}` : "ran the approved action";
    case "approval_expired":
      return `expired the request to ${actionPhrase(data.actionType)}: nobody decided in time`;
    case "info_answered":
      return data.confirmed
        ? `recorded the lead's answer to “${String(data.question)}”: “${String(data.answer)}”${Array.isArray(data.alsoAnswered) && data.alsoAnswered.length ? ` (the same message answered ${data.alsoAnswered.length} more)` : ""}`
        : `recorded that the lead did not answer “${String(data.question)}”`;
    case "snoozed":
      return typeof data.until === "string" ? `snoozed it until ${formatDateTime(new Date(data.until))}` : "snoozed it";
    case "unsnoozed":
      return "un-snoozed it";
    case UNDONE_EVENT:
      return describeUndo(data, event.toStatus);
    case "handed_back":
      return "handed it back to the agent";
    case "fact_confirmed":
      return `confirmed ${fieldName(data.field)}: “${String(data.after)}”`;
    case "fact_corrected":
      return `corrected ${fieldName(data.field)}: “${String(data.before)}” → “${String(data.after)}”`;
    case "question_answered":
      return `answered “${String(data.field)}”: “${String(data.after)}”`;
    case "routed": {
      const to = typeof data.ownerId === "string" ? (ownerNames[data.ownerId] ?? "someone") : "the team queue";
      return `routed it to ${to} (rule: ${typeof data.ruleName === "string" ? data.ruleName : "fallback"})`;
    }
    case "sla_reminder":
      return data.step === "half" ? "reminded the owner: half of the SLA is gone" : "reminded the owner";
    case "sla_breached":
      return `recorded an SLA breach (${String(data.breaches ?? 1)} of ${String(data.maxBreaches ?? "?")}) and told the manager`;
    case "updated_from_chat":
      return describeChatUpdate(data, { fromStatus: event.fromStatus, toStatus: event.toStatus, ownerNames });
    case "meeting_booked":
    case "meeting_rescheduled":
    case "meeting_cancelled":
    case "meeting_held":
    case "meeting_no_show":
      return typeof data.text === "string" ? `recorded: ${data.text}` : humanize(event.type).toLowerCase();
    case "booking_link_sent":
      return `sent the booking link to ${String(data.to ?? "the lead")}`;
    case "booking_link_approval_requested":
      return "asked for approval to email the booking link";
    case "booking_link_not_sent":
      return `did not send a booking link: ${String(data.why ?? "")}`;
    case "closed_to_nurture":
      return "closed it to nurture: nobody accepted it in time";
    case "corrected_by_lead":
      return `recorded the lead's correction of ${fieldName(data.field)}: “${String(data.before ?? "")}” → “${String(data.after ?? "")}”`;
    case "chat_promise_broken":
      return `apologised in the chat: nobody answered by ${typeof data.promisedBy === "string" ? formatDateTime(data.promisedBy) : "the promised time"}; promised again for ${typeof data.renewedBy === "string" ? formatDateTime(data.renewedBy) : "later"}`;
    case "email_sent":
      return `emailed the lead${typeof data.subject === "string" ? ` (“${data.subject}”)` : ""}`;
    case "email_received":
      return `received the lead's reply by email${typeof data.from === "string" ? ` from ${data.from}` : ""}`;
    case "email_automated":
      return `logged an automated email${typeof data.from === "string" ? ` from ${data.from}` : ""} (not answered)`;
    case "email_bounced":
      return `recorded a bounce: ${typeof data.address === "string" ? data.address : "the lead's address"} is undeliverable`;
    case KNOWLEDGE_ANSWER_EVENT:
      return describeKnowledgeAnswerEvent(data);
    case "email_failed":
      return "could not send an email: the mail server refused it";
    default:
      return humanize(event.type).toLowerCase();
  }
}

function fieldName(field: unknown): string {
  return typeof field === "string" ? humanize(field).toLowerCase() : "a fact";
}

const actionPhrases: Record<string, string> = {
  send_email: "send an email",
  update_crm_status: "change the CRM status",
  create_deal: "create a deal",
  update_crm_record: "update the CRM record",
};

function actionPhrase(type: unknown): string {
  return typeof type === "string" ? (actionPhrases[type] ?? humanize(type).toLowerCase()) : "run an action";
}

function channelName(via: unknown): string {
  return via === "slack" ? "Slack" : via === "email" ? "an email link" : "the console";
}
