import { z } from "zod";
import { channels, intents, priorities, reasonCodes } from "@/lib/contract/package";
import { cursorSchema, inboxSorts } from "@/lib/inbox/cursor";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";
import { currencies } from "@/lib/handoffs/command-schemas";
import { webhookEndpointFields } from "@/lib/webhooks/endpoint-schema";

// The REST API v1's requests and answers, once: the routes parse with these and the OpenAPI
// document (lib/api/openapi.ts) is generated from them, so the two cannot drift apart.

const handoffStatuses = ["pending", "accepted", "in_follow_up", "converted", "discarded"] as const;
const dateTime = z.iso.datetime({ offset: true });

export const handoffListQuery = z
  .object({
    view: z
      .enum(["mine", "team", "unassigned", "all"])
      .default("team")
      .describe("Whose packages: the key's user's, their team's, nobody's yet, or every team's (managers)."),
    priority: z.enum([...priorities, "all"]).default("all"),
    status: z.enum(["open", "all", ...handoffStatuses]).default("open"),
    sort: z.enum(inboxSorts).optional().describe("Default: SLA for one priority, priority then SLA for all."),
    dir: z.enum(["asc", "desc"]).optional(),
    q: z.string().trim().min(1).max(200).optional().describe("Search name, company, email and summary."),
    reason: z.enum(reasonCodes).optional(),
    channel: z.enum(channels).optional(),
    intent: z.enum(intents).optional(),
    campaign: z.string().trim().min(1).max(200).optional(),
    owner: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional()
      .describe('A user id, or "none".'),
    team: z.uuid().optional(),
    from: z.iso.date().optional().describe("Created on or after this UTC day."),
    to: z.iso.date().optional().describe("Created on or before this UTC day."),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(300).pipe(cursorSchema).optional().describe("`nextCursor` of the previous page."),
  })
  .strict();

export const handoffListItem = z
  .object({
    id: z.uuid(),
    url: z.string(),
    priority: z.enum(priorities).nullable(),
    status: z.enum(handoffStatuses),
    leadName: z.string().nullable(),
    leadEmail: z.string().nullable(),
    companyName: z.string().nullable(),
    intent: z.string(),
    fit: z.string(),
    reasons: z.array(z.string()),
    channel: z.string(),
    campaign: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    dealValue: z.number().nullable(),
    dealCurrency: z.string().nullable(),
    slaDueAt: dateTime,
    acceptedAt: dateTime.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
    version: z.number().int(),
  })
  .meta({ id: "HandoffListItem" });

export const handoffPage = z.object({ items: z.array(handoffListItem), nextCursor: z.string().nullable() }).meta({ id: "HandoffPage" });

export const timelineEntry = z
  .object({
    id: z.number().int(),
    type: z.string(),
    actorKind: z.enum(["user", "agent", "system"]),
    actorId: z.string().nullable(),
    fromStatus: z.enum(handoffStatuses).nullable(),
    toStatus: z.enum(handoffStatuses).nullable(),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: dateTime,
  })
  .meta({ id: "TimelineEntry" });

export const handoffDetail = z
  .object({
    id: z.uuid(),
    url: z.string(),
    status: z.enum(handoffStatuses),
    priority: z.enum(priorities).nullable(),
    decision: z.enum(["ask", "filter", "act", "escalate"]),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    leadName: z.string().nullable(),
    leadEmail: z.string().nullable(),
    companyName: z.string().nullable(),
    summary: z.string(),
    slaDueAt: dateTime,
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
    package: z.record(z.string(), z.unknown()).describe("The whole handoff package (lib/contract/package.ts)."),
    timeline: z.array(timelineEntry),
  })
  .meta({ id: "Handoff" });

const note = z.string().trim().max(2000).optional();

export const statusCommand = z
  .discriminatedUnion("command", [
    z.object({ command: z.literal("accept") }).strict(),
    z.object({ command: z.literal("start_follow_up") }).strict(),
    z.object({ command: z.literal("discard"), reason: z.enum(discardReasonKeys), note }).strict(),
    z
      .object({
        command: z.literal("convert"),
        valueAmount: z.number().positive().max(1_000_000_000),
        valueCurrency: z.enum(currencies),
        meetingBooked: z.boolean().default(false),
        note,
      })
      .strict(),
  ])
  .meta({ id: "StatusCommand" });

export const noteInput = z
  .object({ note: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: "NoteInput" });
export const noteCreated = z.object({ handoffId: z.uuid() }).meta({ id: "NoteCreated" });

export const ownerInput = z
  .object({ ownerId: z.string().min(1).max(64).nullable().describe("The new owner's user id, or null for the team's queue."), note })
  .strict()
  .meta({ id: "OwnerInput" });

export const approvalItem = z
  .object({
    id: z.uuid(),
    handoffId: z.uuid(),
    handoffUrl: z.string(),
    actionType: z.string(),
    params: z.record(z.string(), z.unknown()),
    consequence: z.string(),
    reason: z.string().nullable(),
    status: z.enum(["pending", "approved", "denied", "expired"]),
    expiresAt: dateTime,
    createdAt: dateTime,
    version: z.number().int(),
  })
  .meta({ id: "Approval" });

/** The pending approvals take no parameters: an unknown one is refused rather than silently ignored. */
export const approvalListQuery = z.object({}).strict();

export const approvalList = z.object({ items: z.array(approvalItem) }).meta({ id: "ApprovalList" });
export const approvalDecisionInput = z
  .object({ decision: z.enum(["approve", "deny"]) })
  .strict()
  .meta({ id: "ApprovalDecision" });

export const idParam = z.uuid();

// webhooks:manage: the same fields and messages as /admin/webhooks' form (lib/webhooks/endpoint-schema.ts), as JSON.
export const webhookEndpointCreate = z
  .object(webhookEndpointFields)
  .strict()
  .meta({ id: "WebhookEndpointInput", description: "A new endpoint: its name, the URL that receives the events, and the events it wants." });

export const webhookEndpointChange = z
  .object(webhookEndpointFields)
  .partial()
  .extend({ enabled: z.boolean().optional().describe("false switches the endpoint off; true switches it back on.") })
  .strict()
  .refine((change) => Object.keys(change).length > 0, "Send at least one of name, url, events or enabled.")
  .meta({ id: "WebhookEndpointChange", description: "What to change; fields left out stay as they are." });

export const webhookEndpointItem = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().describe("Why Baton switched it off (a 410, days of failures); null when on or switched off by a person."),
    failingSince: dateTime.nullable().describe("The first failed delivery since the last success."),
    rotating: z.boolean().describe("The previous secret still signs beside the new one."),
    previousSecretSignsUntil: dateTime.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: "WebhookEndpoint" });

export const webhookEndpointList = z.object({ items: z.array(webhookEndpointItem) }).meta({ id: "WebhookEndpointList" });

export const webhookEndpointWithSecret = z
  .object({
    endpoint: webhookEndpointItem,
    secret: z.string().describe("The signing secret (whsec_…), shown this once: verify the webhook-signature header with it."),
  })
  .meta({ id: "WebhookEndpointWithSecret" });
