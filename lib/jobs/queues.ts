import { z } from "zod";

/** `lead_message`: the chat lead wrote while a person has the conversation (occurrence: the message id). */
/** `lead_replied`: an email lead answered; `email_bounced`: their address bounced. */
export const notifyEvents = ["created", "assigned", "reminder", "breach", "closed", "meeting", "lead_message", "lead_replied", "email_bounced"] as const;
export type NotifyEvent = (typeof notifyEvents)[number];

// How every queue retries: exponential backoff with jitter (pg-boss: retryDelay * 2^n, randomised),
// capped, then the dead-letter queue `<name>-dead`, which admins see and can send back (/admin/jobs).
const retries = { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 } as const;

// Every queue and the payload it carries. Intake and chat send in their own transaction (outbox);
// the worker (npm run worker) consumes them. crm-sync is worked by handleCrmSyncJob(s) in
// lib/crm/handle-crm-sync-job.ts; status changes send it too.
export const queues = {
  // A heartbeat, so the jobs of a worker that died mid-sync come back within seconds, not at the 5-minute expiry.
  crmSync: { name: "crm-sync", schema: z.object({ handoffId: z.uuid() }), options: { ...retries, expireInSeconds: 300, heartbeatSeconds: 10 } },
  notify: {
    name: "notify",
    schema: z.object({
      handoffId: z.uuid(),
      event: z.enum(notifyEvents),
      /** Which occurrence of a repeating event (e.g. `c1-half`): part of each delivery's idempotency key. */
      occurrence: z.string().min(1).max(40).optional(),
      /** The owner the event is about, as it was when it happened (a breach reassigns in the same breath). */
      ownerId: z.string().min(1).nullable().optional(),
      /** Breaches so far, for breach and closure messages. */
      breaches: z.number().int().min(0).optional(),
    }),
    // A send takes seconds; a worker that dies mid-send stops its heartbeat and the job is retried within ~10 s.
    options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  remind: {
    name: "remind",
    schema: z.object({ handoffId: z.uuid(), step: z.enum(["half", "due"]), cycle: z.number().int().min(1), at: z.iso.datetime() }),
    options: { ...retries, expireInSeconds: 60 },
  },
  /** The managers' weekly summary (Monday 07:00 UTC): the week starting on `weekStarting`, or the last whole one. */
  weeklySummary: {
    name: "weekly-summary",
    schema: z.object({ weekStarting: z.iso.date().optional() }),
    options: { ...retries, expireInSeconds: 300, heartbeatSeconds: 10 },
  },
  /** Asks for a decision on a new approval request: Slack with approve/deny buttons, email with signed links, in-app. */
  approvalNotify: { name: "approval-notify", schema: z.object({ approvalId: z.uuid() }), options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 } },
  /** Runs an approved action through its real channel (SMTP, the CRM), once. */
  approvalExecute: {
    name: "approval-execute",
    schema: z.object({ approvalId: z.uuid() }),
    options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  /** The sweep the worker schedules every minute: pending requests past their time expire. */
  /** The minute sweep: a chat promise ("a person will answer by …") nobody kept gets one apology with a new time. */
  chatPromiseCheck: {
    name: "chat-promise-check",
    schema: z.object({ at: z.iso.datetime().optional() }),
    options: { retryLimit: 1, retryDelay: 5, expireInSeconds: 60 },
  },
  approvalExpire: {
    name: "approval-expire",
    schema: z.object({ at: z.iso.datetime().optional() }),
    options: { retryLimit: 1, retryDelay: 5, expireInSeconds: 60 },
  },
  /** HubSpot's GDPR delete for the contacts of an erased lead, by HubSpot id (never the email: jobs are kept after they run). */
  privacyCrmErase: {
    name: "privacy-crm-erase",
    schema: z.object({ contactIds: z.array(z.string().regex(/^\d+$/)).min(1).max(100) }),
    options: { ...retries, expireInSeconds: 120 },
  },
  /** The daily retention sweep: raw intakes and transcripts older than the retention setting are anonymised. */
  privacyRetention: {
    name: "privacy-retention",
    schema: z.object({ at: z.iso.datetime().optional() }),
    options: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  },
  /** An `act` on a form or email lead: the booking-link email (or its approval request), once per package. */
  bookingLinkEmail: {
    name: "booking-link-email",
    schema: z.object({ handoffId: z.uuid(), language: z.enum(["en", "es"]).default("en") }),
    options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  /** One email to a lead (a rep's reply, the agent's questions): recorded first, sent here over SMTP with its stored Message-ID. */
  emailSend: { name: "email-send", schema: z.object({ emailId: z.uuid() }), options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 } },
  /**
   * Embeds published articles for the configured embedding model: one article's version (queued when
   * it is published or edited), or, without one, every article still missing its embedding (the
   * minute sweep: the backfill when a model is set, and whatever a model outage left behind).
   */
  knowledgeEmbed: {
    name: "knowledge-embed",
    schema: z.object({ articleId: z.uuid().optional(), version: z.number().int().min(1).optional() }),
    options: { ...retries, retryLimit: 5, expireInSeconds: 300, heartbeatSeconds: 10 },
  },
  /** The agent's questions to an email lead (an `ask`): the first queued with the intake, a follow-up after a partial reply; each recorded and sent once. */
  emailAsk: {
    name: "email-ask",
    schema: z.object({
      handoffId: z.uuid(),
      questions: z.array(z.string().trim().min(1).max(500)).min(1).max(4),
      /** A follow-up: the lead's reply (its email id) that answered only part; absent for the first ask. */
      afterEmailId: z.uuid().optional(),
      /** The first ask's answer to the lead's own question from the knowledge base (or its refusal), recorded with the intake; it leads the email. */
      answer: z.object({ text: z.string().trim().min(1).max(2_000), answered: z.boolean(), language: z.enum(["en", "es"]) }).optional(),
    }),
    options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  /** The agent's one safe reply to a filtered email lead (when the rule set enables it), queued with the intake. */
  emailFilterReply: {
    name: "email-filter-reply",
    schema: z.object({ handoffId: z.uuid() }),
    options: { ...retries, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  /**
   * One webhook delivery's attempt. `send` is the delivery's job token: a retry, a redelivery or a
   * wake-up after the package's earlier event bumps it, so a stale job finds nothing to do. The
   * delivery schedules its own retries (the Standard Webhooks back-off, Retry-After), so pg-boss
   * retries only a worker that died mid-attempt.
   */
  webhookDeliver: {
    name: "webhook-deliver",
    schema: z.object({ deliveryId: z.uuid(), send: z.number().int().min(0) }),
    options: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: 10 },
  },
  slaCheck: { name: "sla-check", schema: z.object({ at: z.iso.datetime().optional() }), options: { retryLimit: 1, retryDelay: 5, expireInSeconds: 60 } },
} as const;

export type QueueName = (typeof queues)[keyof typeof queues]["name"];
export type QueuePayload<Q extends keyof typeof queues> = z.infer<(typeof queues)[Q]["schema"]>;

export const deadLetterQueue = (name: string) => `${name}-dead`;
