import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { z } from "zod";
import { PackageApprovals } from "@/components/approvals/package-approvals";
import { CrmSyncPreview } from "@/components/crm/crm-sync-preview";
import { PackageKnowledge } from "@/components/knowledge/package-knowledge";
import { FactsReview } from "@/components/package/facts-review";
import { FlagEscalationForm } from "@/components/package/flag-escalation-form";
import { InfoRequestStatus } from "@/components/package/info-request-status";
import { NoteForm } from "@/components/package/note-form";
import { OwnerRequests } from "@/components/package/owner-requests";
import { PackageActions } from "@/components/package/package-actions";
import { PackageTopCard } from "@/components/package/package-top-card";
import { SubmissionConversation } from "@/components/package/submission-conversation";
import {
  IdentificationSection,
  ProposedActionsSection,
  QualificationSection,
  ReasonsSection,
  SalesContextSection,
  SourceSection,
  SummarySection,
} from "@/components/package/package-sections";
import { LiveChat } from "@/components/package/live-chat";
import { Timeline } from "@/components/package/timeline";
import { PackageMeetings } from "@/components/meetings/package-meetings";
import { EmailThread } from "@/components/email/email-thread";
import { loadEmailThread } from "@/db/queries/mailbox";
import { threadItems } from "@/lib/email/thread-view";
import { HandoffPresence } from "@/components/presence/handoff-presence";
import { Traceability } from "@/components/package/traceability";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getFourEyesSettings, listApprovals } from "@/db/queries/approvals";
import { leadLastSeen, listLiveMessages } from "@/db/queries/chat-live";
import { getHandoff, listHandoffEvents } from "@/db/queries/handoffs";
import { getIntake, listConversationMessages } from "@/db/queries/leads";
import { listCorrections } from "@/db/queries/corrections";
import { listHandoffMeetings } from "@/db/queries/meetings";
import { bookingLinkForHandoff } from "@/lib/meetings/link-for-handoff";
import { conversationAnswers } from "@/db/queries/knowledge";
import { listActiveUsers } from "@/db/queries/users";
import { mayDecide } from "@/lib/approvals/scope";
import { suggestDraft } from "@/lib/chat/suggest-draft";
import { consoleLine } from "@/lib/chat/lead-view";
import { whyNotWrite } from "@/lib/chat/person-reply";
import { replyRoute, type ReplyRoute } from "@/lib/chat/reply-route";
import { handoffPackageSchema } from "@/lib/contract/package";
import { formatMoney, label, reasonLabels } from "@/lib/format";
import { allowedPackageActions } from "@/lib/handoffs/allowed-actions";
import { canViewHandoff } from "@/lib/handoffs/access";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { primaryAction } from "@/lib/handoffs/primary-action";
import { submissionMessage } from "@/lib/handoffs/submission-message";
import { requestedActionViews } from "@/lib/handoffs/requested-action";
import { decideApprovalAction } from "../../approvals/actions";
import { sendChatReply } from "../chat-actions";
import { sendEmailReply } from "../email-actions";
import { pageActor } from "../../page-actor";
import { markKnowledgeAnswerWrong } from "../knowledge-actions";
import {
  acceptHandoff,
  undoHandoff,
  addNote,
  convertHandoff,
  discardHandoff,
  flagEscalation,
  handBack,
  reassignHandoffAction,
  requestInfo,
  reviewFact,
  snooze,
  startFollowUp,
  unsnooze,
} from "../actions";

export const metadata: Metadata = { title: "Handoff package" };

export default async function HandoffPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await pageActor();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();

  const found = await getHandoff({ id: id.data });
  if (!found) notFound();
  const { handoff } = found;
  // HTTP 403 with ./forbidden.tsx, which says why.
  if (!canViewHandoff(actor, handoff)) forbidden();

  // The stored package is parsed before rendering: a malformed one shows an error, not a broken page.
  const parsed = handoffPackageSchema.safeParse(handoff.package);
  const [events, intake, transcript, people, corrections, approvals, fourEyes, meetings, bookingLink, emailThread] = await Promise.all([
    listHandoffEvents({ handoffId: handoff.id }),
    handoff.intakeId ? getIntake({ id: handoff.intakeId }) : null,
    handoff.conversationId ? listConversationMessages({ conversationId: handoff.conversationId }) : [],
    listActiveUsers(),
    listCorrections({ handoffId: handoff.id }),
    listApprovals({ scope: { kind: "all" }, handoffId: handoff.id, status: "all" }),
    getFourEyesSettings(),
    listHandoffMeetings({ handoffId: handoff.id }),
    bookingLinkForHandoff(handoff.id),
    loadEmailThread(handoff.id),
  ]);

  const knowledgeAnswers = handoff.conversationId ? await conversationAnswers({ conversationId: handoff.conversationId }) : [];
  const { mayAct, mayReassign, isOpen, status: allowed, ownerRequests: ownerRequestsAllowed } = allowedPackageActions(actor, handoff);
  const now = new Date();
  const snoozedUntil = handoff.snoozedUntil && handoff.snoozedUntil > now ? handoff.snoozedUntil : null;
  const reviewedBy = Object.fromEntries(corrections.map((c) => [c.correction.field, { kind: c.correction.kind, actorName: c.actorName }]));
  const ownerNames = Object.fromEntries(people.map((p) => [p.id, p.name ?? p.email]));
  const title = handoff.leadName ?? handoff.leadEmail ?? "Unknown lead";
  const liveChat =
    handoff.channel === "chat" && handoff.conversationId ? (await listLiveMessages({ conversationId: handoff.conversationId })).map(consoleLine) : null;
  const cannotWrite = liveChat ? whyNotWrite(actor, found) : null;
  // Where a reply would go now (the action decides again when it is sent).
  const route: ReplyRoute | null =
    liveChat && !cannotWrite
      ? replyRoute({ leadLastSeenAt: await leadLastSeen({ conversationId: handoff.conversationId! }), leadEmail: handoff.leadEmail, now })
      : null;
  const routeHint = !route ? null : route.via === "email" ? `The lead has left the chat: your reply goes by email to ${route.to}.` : route.notice;

  const submission = intake ? submissionMessage(intake.raw) : null;
  // The email thread (and its composer) shows for an email lead even before a message is stored.
  const showsEmailThread = Boolean(emailThread || (handoff.channel === "email" && handoff.leadEmail));
  const emailComposer = mayAct && isOpen && showsEmailThread && !emailThread?.undeliverable;
  const primary = parsed.success
    ? primaryAction({
        nextStep: parsed.data.nextStep.action,
        mayAccept: allowed.accept,
        mayActOpen: mayAct && isOpen,
        leadName: handoff.leadName,
        phone: parsed.data.identification.phone,
        email: handoff.leadEmail,
        chatComposer: Boolean(liveChat && !cannotWrite && isOpen),
        emailComposer,
        bookingUrl: bookingLink?.url ?? null,
        pendingApprovals: approvals.filter((a) => a.approval.status === "pending").length,
      })
    : null;

  return (
    <div className="space-y-4">
      <Link href="/inbox" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ArrowLeft className="size-4" aria-hidden /> Inbox
      </Link>
      <PackageTopCard
        title={title}
        handoff={handoff}
        pkg={parsed.success ? parsed.data : null}
        ownerName={found.ownerName}
        teamName={found.teamName}
        snoozedUntil={snoozedUntil}
        now={now}
        primary={primary}
        actions={{ accept: acceptHandoff, undo: undoHandoff }}
        outcome={
          <>
            {handoff.status === "converted" && handoff.valueAmount !== null ? (
              <p className="mt-1 font-medium text-emerald-700">
                {formatMoney(handoff.valueAmount, handoff.valueCurrency ?? "EUR")}
                {handoff.meetingBooked ? " · meeting booked" : ""}
              </p>
            ) : null}
            {handoff.status === "discarded" && handoff.discardReason ? (
              <p className="mt-1 text-slate-600">Discarded: {discardReasons[handoff.discardReason as keyof typeof discardReasons] ?? handoff.discardReason}</p>
            ) : null}
          </>
        }
      />
      <HandoffPresence handoffId={handoff.id} />

      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          {liveChat ? (
            <Card aria-labelledby="live-chat-heading">
              <CardHeader
                id="live-chat-heading"
                title="Live chat"
                description="The lead's conversation as it happens. Only the owner, their managers and admins write to the lead."
              />
              <CardBody>
                <LiveChat
                  handoffId={handoff.id}
                  initial={liveChat}
                  cannotWrite={cannotWrite}
                  routeHint={routeHint}
                  draft={
                    !cannotWrite && parsed.success
                      ? suggestDraft({ pkg: parsed.data, lines: liveChat, person: { name: actor.name, teamName: found.teamName }, handoffId: handoff.id })
                      : null
                  }
                  send={sendChatReply}
                />
              </CardBody>
            </Card>
          ) : null}
          {/* A form's (or a relayed email's) submission opens the conversation when no thread holds it. */}
          {!liveChat && !emailThread && submission ? (
            <SubmissionConversation submission={submission} channel={handoff.channel} leadName={handoff.leadName} />
          ) : null}
          {showsEmailThread ? (
            <EmailThread
              handoffId={handoff.id}
              items={emailThread ? threadItems(emailThread, handoff.leadName) : []}
              undeliverable={emailThread?.undeliverable ?? null}
              leadAddress={emailThread?.thread.leadAddress ?? handoff.leadEmail}
              send={mayAct ? sendEmailReply : null}
            />
          ) : null}
          <PackageApprovals rows={approvals} decide={mayDecide(actor, handoff) ? decideApprovalAction : null} actorId={actor.id} fourEyes={fourEyes} />
          {parsed.success ? (
            <>
              <SummarySection pkg={parsed.data} />
              <ReasonsSection pkg={parsed.data} />
              <FactsReview
                handoffId={handoff.id}
                version={handoff.version}
                facts={parsed.data.facts}
                reviewedBy={reviewedBy}
                review={mayAct ? reviewFact : null}
              />
              {/* The detail behind the top card, folded: a rep opens it when the summary is not enough. */}
              <details className="group rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="lead-details">
                <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-semibold text-slate-900 hover:bg-slate-50">
                  Qualification, sales context, contact and source
                </summary>
                <div className="space-y-4 border-t border-slate-100 p-4">
                  <div className="grid gap-4 md:grid-cols-2">
                    <SalesContextSection pkg={parsed.data} />
                    <QualificationSection pkg={parsed.data} />
                  </div>
                  <div className="grid gap-4 md:grid-cols-2">
                    <IdentificationSection pkg={parsed.data} />
                    <SourceSection pkg={parsed.data} />
                  </div>
                </div>
              </details>
              {approvals.length ? null : <ProposedActionsSection pkg={parsed.data} />}
            </>
          ) : (
            <p role="alert" className="rounded-md bg-red-50 p-4 text-sm text-red-700">
              This package&apos;s stored content does not match the package format, so it can&apos;t be shown. Its timeline and raw submission are still below.
            </p>
          )}
        </div>
        <aside className="space-y-4">
          <Card aria-labelledby="actions-heading">
            <CardHeader id="actions-heading" title="Actions" />
            <CardBody>
              <PackageActions
                handoffId={handoff.id}
                unavailableReason={
                  !isOpen
                    ? "This package is closed; its outcome is on the timeline."
                    : `${found.ownerName ?? "Someone else"} owns this package. Ask a manager to reassign it if you should take it.`
                }
                version={handoff.version}
                allowed={allowed}
                acceptShownAbove={primary?.kind === "accept"}
                requestedViews={requestedActionViews({ status: handoff.status, mayAct, mayReassign, ownerName: found.ownerName })}
                currentOwnerId={handoff.ownerId}
                assignees={people
                  .filter((p) => p.role !== "admin" || p.id === handoff.ownerId)
                  .map((p) => ({ id: p.id, label: `${p.name ?? p.email} (${p.role})` }))}
                actions={{
                  accept: acceptHandoff,
                  startFollowUp,
                  convert: convertHandoff,
                  discard: discardHandoff,
                  reassign: reassignHandoffAction,
                  undo: undoHandoff,
                }}
              />
              <div className="mt-3 border-t border-slate-100 pt-3 empty:hidden">
                <OwnerRequests
                  handoffId={handoff.id}
                  version={handoff.version}
                  openQuestions={parsed.success ? parsed.data.facts.openQuestions : []}
                  channel={handoff.channel === "chat" && handoff.conversationId ? "chat" : "email"}
                  snoozedUntil={snoozedUntil?.toISOString() ?? null}
                  allowed={ownerRequestsAllowed}
                  actions={{ requestInfo, snooze, unsnooze, handBack, undo: undoHandoff }}
                />
              </div>
              {handoff.infoRequest ? (
                <div className="mt-3">
                  <InfoRequestStatus
                    request={handoff.infoRequest}
                    emailStatus={approvals.find((a) => a.approval.id === handoff.infoRequest?.approvalRequestId)?.approval.status}
                  />
                </div>
              ) : null}
              {handoff.decision === "escalate" ? (
                <div className="mt-3">
                  <FlagEscalationForm
                    handoffId={handoff.id}
                    reasons={handoff.reasons.filter((r) => r !== "missing_data").map((code) => ({ code, label: label(reasonLabels, code) }))}
                    flag={flagEscalation}
                  />
                </div>
              ) : null}
            </CardBody>
          </Card>
          <Card aria-labelledby="meetings-heading">
            <CardHeader id="meetings-heading" title="Meetings" />
            <CardBody>
              <PackageMeetings meetings={meetings} bookingLink={bookingLink} />
            </CardBody>
          </Card>
          {parsed.success ? (
            <Card aria-labelledby="trace-heading">
              <CardHeader id="trace-heading" title="Traceability" />
              <CardBody>
                <Traceability pkg={parsed.data} intake={intake} transcript={transcript} />
              </CardBody>
            </Card>
          ) : null}
          <CrmSyncPreview handoffId={handoff.id} />
          <PackageKnowledge answers={knowledgeAnswers} markWrong={markKnowledgeAnswerWrong} mayAct={mayAct} />
          <Card aria-labelledby="timeline-heading">
            <CardHeader id="timeline-heading" title="Timeline" />
            <CardBody className="space-y-4">
              <NoteForm handoffId={handoff.id} addNote={addNote} />
              <Timeline entries={events} ownerNames={ownerNames} />
            </CardBody>
          </Card>
        </aside>
      </div>
    </div>
  );
}
