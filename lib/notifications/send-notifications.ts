import { claimDelivery, deliverInApp, findRecipients, loadNotifyContext, markDeliveryFailed, markDeliverySent, type Claim, type Recipient } from "@/db/queries/notifications";
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
  const recipients = await recipientsFor(job.event, ownerId, handoff.teamId);
  let transient = false;

  for (const person of recipients) {
    const key = { handoffId: handoff.id, event: eventKey, recipientId: person.id };
    if (person.inApp) {
      if (await deliverInApp({ ...key, title: notice.title, body: `${notice.ask} ${notice.summary[0] ?? ""}`.trim(), notifyEvent: job.event })) outcome.sent++;
      else outcome.alreadySent++;
    }
    const sends: { channel: "email" | "slack"; run: (claim: Claim) => Promise<{ ref: string; target: string } | null>; target: string | null; subject: string }[] = [];
    if (person.emailOn && settings.smtp) {
      const smtp = settings.smtp;
      const message = emailMessage(notice, person.name);
      const messageId = messageIdFor(`${handoff.id}.${eventKey}.${person.id}`, smtp.from);
      sends.push({
        channel: "email",
        target: person.email,
        subject: message.subject,
        run: async () => ({ ...(await sendEmail({ smtpUrl: smtp.url, from: smtp.from, to: person.email, message, messageId })), target: person.email }),
      });
    }
    if (person.slack && slackConfigured(settings.slack)) {
      const channel = settings.slack.botToken ? (person.slackTarget ?? context.teamSlackChannel ?? settings.slack.defaultChannel ?? null) : null;
      const deliveryKey = `${handoff.id}:${eventKey}:slack:${person.id}`;
      sends.push({
        channel: "slack",
        target: channel ?? (settings.slack.botToken ? null : "webhook"),
        subject: notice.title,
        run: async (claim) => {
          if (claim.kind === "unknown" && channel) {
            // The last attempt died mid-send: ask Slack before posting a second copy.
            const ts = await findPostedSlackMessage(settings.slack, { channel, deliveryKey, since: claim.createdAt });
            if (ts) return { ref: ts, target: channel };
          }
          return postToSlack(settings.slack, { message: slackMessage(notice, person.name), channel, deliveryKey });
        },
      });
    }
    for (const send of sends) {
      const claim = await claimDelivery({ ...key, channel: send.channel, target: send.target, subject: send.subject });
      if (!claim) {
        outcome.alreadySent++;
        continue;
      }
      if (claim.kind === "unknown") log.warn("delivery outcome unknown after a crash: checking before resending", { channel: send.channel, recipientId: person.id });
      try {
        const result = await send.run(claim);
        if (result) await markDeliverySent({ id: claim.id, providerRef: result.ref, target: result.target, detail: detailOf(notice) });
        outcome.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await markDeliveryFailed({ id: claim.id, error: message });
        outcome.failed.push(`${send.channel} to ${person.name ?? person.email}: ${message}`);
        if (!(error instanceof DeliveryError && error.permanent)) transient = true;
      }
    }
  }

  if (outcome.failed.length) {
    const summary = outcome.failed.join("; ");
    if (transient) throw new Error(summary);
    throw new PermanentJobError(summary);
  }
  return outcome;
}

/** Who hears of each event: the owner (or, unowned, the team's reps); breaches and closures go to the team's managers. */
async function recipientsFor(event: NotifyEvent, ownerId: string | null, teamId: string | null): Promise<Recipient[]> {
  if (event === "breach" || event === "closed") {
    const managers = await findRecipients({ teamId, roles: ["manager"] });
    return managers.length ? managers : findRecipients({ teamId: null, roles: ["admin"] });
  }
  if (ownerId) return findRecipients({ ids: [ownerId] });
  return findRecipients({ teamId, roles: ["rep"] });
}

function detailOf(notice: Notice): Record<string, unknown> {
  return { title: notice.title, priority: notice.priority, url: notice.url };
}
