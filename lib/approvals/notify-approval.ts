import { requestSignal } from "@/lib/jobs/job-signal";
import { randomUUID } from "node:crypto";
import { getApprovalForDecision, getFourEyesSettings, insertLinkTokens, listPostedApprovalMessages } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import {
  claimDeliveries,
  findRecipients,
  loadNotifyContext,
  recordDeliveryOutcomes,
  type Claim,
  type DeliveryOutcome,
  type DeliveryToClaim,
  type Recipient,
} from "@/db/queries/notifications";
import { approvalEmail, approvalSlackMessage, approvalTitle, decidedSlackMessage, type ApprovalNotice } from "@/lib/approvals/approval-messages";
import { channelLabels } from "@/lib/approvals/decide-approval";
import { signApprovalToken } from "@/lib/approvals/email-token";
import { mayApprove } from "@/lib/approvals/four-eyes";
import { PermanentJobError } from "@/lib/jobs/define-job";
import type { Logger } from "@/lib/logger";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import { findPostedSlackMessage, postToSlack, slackConfigured } from "@/lib/notifications/slack";

export type ApprovalNotifySettings = NotifySettings & { linkKey: Buffer | null; linkTtlHours: number };

/**
 * Asks the people who may decide a new request (the package's owner; unowned, its team's reps; and
 * when four-eyes keeps the person who asked from approving, their team's managers instead): in
 * the app, on Slack with Approve/Deny buttons, and by email with signed one-click links, each send
 * guarded by its delivery row so a retried job sends only what is missing.
 */
export async function notifyApproval(approvalId: string, settings: ApprovalNotifySettings, log: Logger): Promise<{ sent: number }> {
  const found = await getApprovalForDecision({ id: approvalId });
  if (!found) return { sent: 0 };
  const { approval, handoff } = found;
  const notice: ApprovalNotice = {
    approval,
    lead: [handoff.leadName ?? "Unknown lead", handoff.companyName].filter(Boolean).join(", "),
    packageUrl: `${settings.appUrl}/handoffs/${handoff.id}`,
  };
  // Decided (or withdrawn, or expired): nothing is left to ask; the messages that asked show the outcome instead.
  if (approval.status !== "pending") return { sent: await showOutcomeInSlack(notice, approval, handoff.id, settings, log) };
  const context = await loadNotifyContext({ handoffId: handoff.id });
  const fourEyes = await getFourEyesSettings();
  const canApprove = (people: Recipient[]) => people.filter((person) => mayApprove(approval, person.id, fourEyes).ok);
  let recipients: Recipient[] = canApprove(
    handoff.ownerId ? await findRecipients({ ids: [handoff.ownerId] }) : await findRecipients({ teamId: handoff.teamId, roles: ["rep"] }),
  );
  if (recipients.length === 0) recipients = canApprove(await findRecipients({ teamId: handoff.teamId, roles: ["manager"] }));
  if (settings.smtp && !settings.linkKey)
    log.warn("approval emails are off: set APPROVAL_LINK_SECRET or AUTH_SECRET for the worker to sign their links", { approvalId });
  const event = `approval:${approval.id}`;
  const title = approvalTitle(notice);
  type Send = DeliveryToClaim & { who: string; run: (claim: Claim) => Promise<{ ref: string; target: string }> };
  const sends: Send[] = [];

  for (const person of recipients) {
    const who = person.name ?? person.email;
    if (person.slack && slackConfigured(settings.slack)) {
      const channel = settings.slack.botToken ? (person.slackTarget ?? context?.teamSlackChannel ?? settings.slack.defaultChannel ?? null) : null;
      const deliveryKey = `${event}:slack:${person.id}`;
      sends.push({
        channel: "slack",
        recipientId: person.id,
        target: channel ?? (settings.slack.botToken ? null : "webhook"),
        subject: title,
        who,
        run: async (claim) => {
          if (claim.kind === "unknown" && channel) {
            const ts = await findPostedSlackMessage(settings.slack, { channel, deliveryKey, since: claim.createdAt });
            if (ts) return { ref: ts, target: channel };
          }
          return postToSlack(settings.slack, { message: approvalSlackMessage(notice), channel, deliveryKey });
        },
      });
    }
    if (person.emailOn && settings.smtp && settings.linkKey) {
      const smtp = settings.smtp;
      const linkKey = settings.linkKey;
      sends.push({
        channel: "email",
        recipientId: person.id,
        target: person.email,
        subject: title,
        who,
        run: async () => {
          // One token id for the pair: using either link uses up both.
          const jti = randomUUID();
          const expiresAt = new Date(Math.min(Date.now() + settings.linkTtlHours * 3_600_000, approval.expiresAt.getTime()));
          await insertLinkTokens([{ id: jti, approvalId: approval.id, recipientId: person.id, expiresAt }]);
          const exp = Math.floor(expiresAt.getTime() / 1000);
          const link = (decision: "approve" | "deny") =>
            `${settings.appUrl}/approvals/confirm/${signApprovalToken({ jti, approvalId: approval.id, userId: person.id, decision, exp }, linkKey)}`;
          const message = approvalEmail(notice, { approve: link("approve"), deny: link("deny") }, person.name);
          const messageId = messageIdFor(`${approval.id}.approval.${person.id}`, smtp.from);
          return { ...(await sendEmail({ smtpUrl: smtp.url, from: smtp.from, to: person.email, message, messageId })), target: person.email };
        },
      });
    }
  }

  // Every delivery claimed in one statement (in-app notices written with theirs); only the unsent go out.
  const { inAppSent, claims } = await claimDeliveries({
    handoffId: handoff.id,
    event,
    notifyEvent: "approval_requested",
    inApp: recipients.filter((p) => p.inApp).map((p) => ({ recipientId: p.id, title, body: approval.consequence })),
    sends: sends.map(({ channel, recipientId, target, subject }) => ({ channel, recipientId, target, subject })),
  });
  const failed: string[] = [];
  let transient = false;
  const outcomes = await Promise.all(
    sends.map(async (send, i): Promise<DeliveryOutcome | null> => {
      const claim = claims[i];
      if (!claim) return null;
      try {
        const result = await send.run(claim);
        return { id: claim.id, sent: true, providerRef: result.ref, target: result.target, detail: { approvalId: approval.id, kind: "approval" } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failed.push(`${send.channel} to ${send.who}: ${message}`);
        if (!(error instanceof DeliveryError && error.permanent)) transient = true;
        return { id: claim.id, sent: false, error: message };
      }
    }),
  );
  const recorded = outcomes.filter((o): o is DeliveryOutcome => o !== null);
  await recordDeliveryOutcomes(recorded);
  // Decided while these were going out: the "decided" job may have looked before these messages were
  // recorded as sent, so they lose their buttons here.
  const after = await getApprovalForDecision({ id: approval.id });
  if (after && after.approval.status !== "pending")
    await showOutcomeInSlack({ ...notice, approval: after.approval }, after.approval, handoff.id, settings, log);
  const sent = inAppSent + recorded.filter((o) => o.sent).length;
  if (failed.length) {
    log.warn("approval request not delivered everywhere", { approvalId, failed });
    if (transient) throw new Error(failed.join("; "));
    throw new PermanentJobError(failed.join("; "));
  }
  return { sent };
}

/** chat.update on each message that asked (bot token only: a webhook's messages cannot be edited). Best effort. */
async function showOutcomeInSlack(
  notice: ApprovalNotice,
  approval: ApprovalRequest,
  handoffId: string,
  settings: ApprovalNotifySettings,
  log: Logger,
): Promise<number> {
  const { slack } = settings;
  if (!slack.botToken) return 0;
  const posted = await listPostedApprovalMessages({ handoffId, approvalId: notice.approval.id });
  if (posted.length === 0) return 0;
  const decider = approval.decidedById ? (await findRecipients({ ids: [approval.decidedById] }))[0] : null;
  const outcome =
    approval.status === "expired"
      ? "Expired: nobody decided in time, so the agent did not run it"
      : `${approval.status === "approved" ? "Approved" : "Denied"}${decider ? ` by ${decider.name ?? decider.email}` : ""}${approval.decidedVia ? ` in ${channelLabels[approval.decidedVia]}` : ""}`;
  const message = decidedSlackMessage(notice, outcome);
  let updated = 0;
  for (const { channel, ts } of posted) {
    if (!channel || !ts) continue;
    try {
      const response = await fetch(`${slack.apiUrl.replace(/\/?$/, "/")}chat.update`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${slack.botToken}` },
        body: JSON.stringify({ channel, ts, text: message.text, blocks: message.blocks }),
        signal: requestSignal(10_000),
      });
      const body = (await response.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
      if (body?.ok) updated++;
      else log.warn("slack message not updated", { channel, error: body?.error ?? response.status });
    } catch (error) {
      log.warn("slack message not updated", { channel, error });
    }
  }
  return updated;
}
