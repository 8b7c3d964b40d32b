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
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { handoffPackageSchema } from "@/lib/contract/package";
import { env } from "@/lib/env";
import { PermanentJobError } from "@/lib/jobs/define-job";
import type { NotifyEvent } from "@/lib/jobs/queues";
import type { Logger } from "@/lib/logger";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";
import { emailMessage } from "@/lib/notifications/email-message";
import { buildNotice, type Notice } from "@/lib/notifications/notice";
import { findPostedSlackMessage, postToSlack, slackConfigured, type SlackConfig } from "@/lib/notifications/slack";
import { slackMessage } from "@/lib/notifications/slack-message";

export type NotifySettings = { appUrl: string; slack: SlackConfig; smtp: { url: string; from: string } | null };

export function notifySettingsFromEnv(): NotifySettings {
  const e = env();
  return {
    appUrl: e.APP_URL,
    slack: { webhookUrl: e.SLACK_WEBHOOK_URL, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL, defaultChannel: e.SLACK_DEFAULT_CHANNEL },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.EMAIL_FROM } : null,
  };
}

/** The same, from the settings saved on /admin/connections where there are some (lib/connections). */
export async function loadNotifySettings(): Promise<NotifySettings> {
  const { slack, smtp } = await loadConnectionSettings();
  return {
    appUrl: env().APP_URL,
    slack: { webhookUrl: slack.webhookUrl, botToken: slack.botToken, apiUrl: slack.apiUrl, defaultChannel: slack.defaultChannel },
    smtp: smtp.url ? { url: smtp.url, from: smtp.from } : null,
  };
}

export type NotifyJob = { handoffId: string; event: NotifyEvent; occurrence?: string; ownerId?: string | null; breaches?: number };
export type NotifyOutcome = { sent: number; alreadySent: number; failed: string[] };

/**
 * One notify job: who hears of it (by event), on which channels (by their preferences and what is
 * configured), each send guarded by its delivery row so a retried job sends only what is missing.
 * Throws when something is left to send: a transient failure is retried with backoff; a refusal
 * (bad configuration, unknown channel) is dead-lettered for an admin to fix and retry.
 */
export async function sendNotifications(job: NotifyJob, settings: NotifySettings, log: Logger): Promise<NotifyOutcome> {
  const context = await loadNotifyContext({ handoffId: job.handoffId });
  const outcome: NotifyOutcome = { sent: 0, alreadySent: 0, failed: [] };
  if (!context) return outcome;
  const { handoff } = context;
  // A reminder or escalation about a package someone took in the meantime is no longer news.
  if ((job.event === "reminder" || job.event === "breach") && handoff.status !== "pending") return outcome;
  const pkg = handoffPackageSchema.safeParse(handoff.package);
  if (!pkg.success) throw new PermanentJobError("The stored package does not parse; nothing was sent.");

  // The owner the event is about is the one it happened to, not whoever holds the package by the time this runs.
  const ownerId = job.ownerId !== undefined ? job.ownerId : handoff.ownerId;
  const owner = ownerId && ownerId !== handoff.ownerId ? (await findRecipients({ ids: [ownerId] }))[0] : null;
  const notice = buildNotice({
    event: job.event,
    appUrl: settings.appUrl,
    handoff: { ...handoff, package: pkg.data },
    ownerName: ownerId === handoff.ownerId ? (context.ownerName ?? context.ownerEmail) : owner ? (owner.name ?? owner.email) : null,
    teamName: context.teamName,
    breaches: job.breaches ?? context.clock?.breaches,
    maxBreaches: context.maxBreaches ?? undefined,
    step: job.occurrence?.endsWith("-due") ? "due" : job.occurrence?.endsWith("-half") ? "half" : undefined,
  });
  const eventKey = job.occurrence ? `${job.event}:${job.occurrence}` : job.event;
  const recipients = await recipientsFor(job.event, ownerId, handoff.teamId, context.ownerRecipient);

  // Every delivery of this job is planned first, then claimed (and the in-app ones written) in one
  // statement, sent at once, and their outcomes recorded in one more: three round trips a job.
  type PlannedSend = DeliveryToClaim & { person: Recipient; run: (claim: Claim) => Promise<{ ref: string; target: string }> };
  const inApp = recipients
    .filter((p) => p.inApp)
    .map((p) => ({ recipientId: p.id, title: notice.title, body: `${notice.ask} ${notice.summary[0] ?? ""}`.trim() }));
  const planned: PlannedSend[] = [];
  for (const person of recipients) {
    if (person.emailOn && settings.smtp) {
      const smtp = settings.smtp;
      const message = emailMessage(notice, person.name);
      const messageId = messageIdFor(`${handoff.id}.${eventKey}.${person.id}`, smtp.from);
      planned.push({
        channel: "email",
        recipientId: person.id,
        person,
        target: person.email,
        subject: message.subject,
        run: async () => ({ ...(await sendEmail({ smtpUrl: smtp.url, from: smtp.from, to: person.email, message, messageId })), target: person.email }),
      });
    }
    if (person.slack && slackConfigured(settings.slack)) {
      const channel = settings.slack.botToken ? (person.slackTarget ?? context.teamSlackChannel ?? settings.slack.defaultChannel ?? null) : null;
      const deliveryKey = `${handoff.id}:${eventKey}:slack:${person.id}`;
      planned.push({
        channel: "slack",
        recipientId: person.id,
        person,
        target: channel ?? (settings.slack.botToken ? null : "webhook"),
        subject: notice.title,
        run: async (claim) => {
          if (claim.kind !== "fresh" && channel) {
            // The last attempt died mid-send, or gave up waiting for Slack's answer (a timeout, a
            // dropped connection) after Slack may have posted: ask Slack before posting a second copy.
            const ts = await findPostedSlackMessage(settings.slack, { channel, deliveryKey, since: claim.createdAt });
            if (ts) return { ref: ts, target: channel };
          }
          return postToSlack(settings.slack, { message: slackMessage(notice, person.name), channel, deliveryKey });
        },
      });
    }
  }

  const { inAppSent, claims } = await claimDeliveries({
    handoffId: handoff.id,
    event: eventKey,
    notifyEvent: job.event,
    inApp,
    sends: planned.map(({ channel, recipientId, target, subject }) => ({ channel, recipientId, target, subject })),
  });
  outcome.sent += inAppSent;
  outcome.alreadySent += inApp.length - inAppSent;

  let transient = false;
  const results = await Promise.all(
    planned.map(async (send, i): Promise<DeliveryOutcome | null> => {
      const claim = claims[i];
      if (!claim) {
        outcome.alreadySent++;
        return null;
      }
      if (claim.kind === "unknown")
        log.warn("delivery outcome unknown after a crash: checking before resending", { channel: send.channel, recipientId: send.recipientId });
      try {
        const result = await send.run(claim);
        outcome.sent++;
        return { id: claim.id, sent: true, providerRef: result.ref, target: result.target, detail: detailOf(notice) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome.failed.push(`${send.channel} to ${send.person.name ?? send.person.email}: ${message}`);
        if (!(error instanceof DeliveryError && error.permanent)) transient = true;
        return { id: claim.id, sent: false, error: message };
      }
    }),
  );
  await recordDeliveryOutcomes(results.filter((r): r is DeliveryOutcome => r !== null));

  if (outcome.failed.length) {
    const summary = outcome.failed.join("; ");
    if (transient) throw new Error(summary);
    throw new PermanentJobError(summary);
  }
  return outcome;
}

/** Who hears of each event: the owner (or, unowned, the team's reps); breaches and closures go to the team's managers. */
async function recipientsFor(event: NotifyEvent, ownerId: string | null, teamId: string | null, currentOwner: Recipient | null): Promise<Recipient[]> {
  if (event === "breach" || event === "closed") {
    const managers = await findRecipients({ teamId, roles: ["manager"] });
    return managers.length ? managers : findRecipients({ teamId: null, roles: ["admin"] });
  }
  if (ownerId && currentOwner?.id === ownerId) return [currentOwner];
  if (ownerId) return findRecipients({ ids: [ownerId] });
  return findRecipients({ teamId, roles: ["rep"] });
}

function detailOf(notice: Notice): Record<string, unknown> {
  return { title: notice.title, priority: notice.priority, url: notice.url };
}
