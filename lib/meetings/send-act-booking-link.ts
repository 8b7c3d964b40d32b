import { insertApprovalRequests } from "@/db/queries/approvals";
import { addBookingLinkEvent, bookingContextForHandoff, hasHandoffEvent, onceForHandoff } from "@/db/queries/meetings";
import type { Logger } from "@/lib/logger";
import { bookingLinkEmailMessage, sendBookingLinkEmail } from "@/lib/meetings/booking-link-email";
import { bookingReference, prefilledBookingLink, resolveBookingLink } from "@/lib/meetings/booking-link";

export type ActBookingLinkDeps = { smtp: { url: string; from: string } | null; now: Date; approvalTtlHours: number; log: Logger };
export type ActBookingLinkOutcome = "sent" | "approval_requested" | "already_done" | "no_link" | "no_email" | "no_smtp" | "gone";

/** Timeline events that close a package's booking-link email: once one is there, a retry does nothing. */
const DONE = ["booking_link_sent", "booking_link_approval_requested", "booking_link_not_sent"];

/**
 * The `act` decision's booking link for a form or email lead: the routed owner's link (else the
 * team's, else the default), prefilled, by email over SMTP; or, when the setting asks for it, an
 * approval request for that email through the approvals path. With no link set anywhere, no booking
 * is promised: the timeline says why. Idempotent per package.
 */
export async function sendActBookingLink(job: { handoffId: string; language: "en" | "es" }, deps: ActBookingLinkDeps): Promise<ActBookingLinkOutcome> {
  const ctx = await bookingContextForHandoff({ handoffId: job.handoffId });
  if (!ctx) return "gone";
  if (await hasHandoffEvent({ handoffId: job.handoffId, types: DONE })) return "already_done";
  const notSent = async (outcome: ActBookingLinkOutcome, why: string) => {
    await onceForHandoff({ handoffId: job.handoffId, doneTypes: DONE }, (tx) => addBookingLinkEvent(tx, job.handoffId, "booking_link_not_sent", { why }));
    deps.log.info("booking link not sent", { handoffId: job.handoffId, outcome });
    return outcome;
  };
  if (!ctx.leadEmail) return notSent("no_email", "The lead left no email address.");
  const link = resolveBookingLink({ owner: ctx.ownerLink, team: ctx.teamLink, fallback: ctx.defaultLink });
  if (!link) return notSent("no_link", "No booking link is set for the owner, the team or as the default, so no booking was offered.");
  const url = prefilledBookingLink(link.url, { name: ctx.leadName, email: ctx.leadEmail }, bookingReference(ctx.id));
  const message = bookingLinkEmailMessage({ leadName: ctx.leadName, ownerName: ctx.ownerName, link: url, language: job.language });
  const data = { to: ctx.leadEmail, url, source: link.source, subject: message.subject };

  if (ctx.emailNeedsApproval) {
    const done = await onceForHandoff({ handoffId: job.handoffId, doneTypes: DONE }, async (tx) => {
      await insertApprovalRequests(tx, job.handoffId, [
        {
          actionType: "send_email",
          params: { to: ctx.leadEmail, subject: message.subject, body: message.text },
          consequence: `Emails ${ctx.leadEmail} the booking link (${link.source === "owner" ? "the owner's" : link.source === "team" ? "the team's" : "the default"} scheduling page).`,
          reason: "The agent acted on a low-risk fit; booking-link emails wait for approval (set on /admin/meetings).",
          expiresAt: new Date(deps.now.getTime() + deps.approvalTtlHours * 3_600_000),
        },
      ]);
      await addBookingLinkEvent(tx, job.handoffId, "booking_link_approval_requested", data);
    });
    return done ? "approval_requested" : "already_done";
  }

  // TODO(email channel, issue 21): when the email channel is connected, send through its threaded
  // sender instead; the Message-ID (booking-link.<handoff id>) lets it thread the lead's reply.
  if (!deps.smtp) return notSent("no_smtp", "Email is not configured (SMTP on /admin/connections), so the booking link could not be sent.");
  // Sent before it is recorded: a crash in between resends the same Message-ID, which mail stores keep once.
  const sent = await sendBookingLinkEmail({ smtp: deps.smtp, to: ctx.leadEmail, handoffId: ctx.id, message });
  await onceForHandoff({ handoffId: job.handoffId, doneTypes: DONE }, (tx) =>
    addBookingLinkEvent(tx, job.handoffId, "booking_link_sent", { ...data, messageId: sent.messageId }),
  );
  deps.log.info("booking link sent", { handoffId: job.handoffId, source: link.source });
  return "sent";
}
