import { z } from "zod";
import { handoffStatus } from "@/db/schema/handoffs";
import { channels, intents, priorities, reasonCodes } from "@/lib/contract/package";
import { cursorSchema, inboxSorts, type InboxSort } from "@/lib/inbox/cursor";

export const inboxViews = ["mine", "team", "unassigned", "all", "agent", "filtered"] as const;
/** Views of the agent's own outcomes (act, filter): no priority tabs, newest first. */
export const agentViews = ["agent", "filtered"] as const satisfies readonly (typeof inboxViews)[number][];
export const pageSizes = [25, 50, 100] as const;
/** The priority tabs, plus every priority at once (where the priority sort means something). */
export const inboxTabs = [...priorities, "all"] as const;

export type InboxView = (typeof inboxViews)[number];
export type InboxTab = (typeof inboxTabs)[number];

// The inbox's whole state lives in the URL: a view can be shared and reloaded. Anything unknown
// falls back to the default instead of failing, because people edit URLs by hand.
export const inboxParamsSchema = z.object({
  tab: z.enum(inboxTabs).catch("immediate"),
  view: z.enum(inboxViews).optional().catch(undefined),
  status: z.enum(["open", "all", ...handoffStatus.enumValues]).catch("open"),
  /** Absent: the tab's own order (effectiveSort). */
  sort: z.enum(inboxSorts).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  reason: z.enum(reasonCodes).optional().catch(undefined),
  channel: z.enum(channels).optional().catch(undefined),
  intent: z.enum(intents).optional().catch(undefined),
  campaign: z.string().trim().min(1).max(200).optional().catch(undefined),
  /** A user id, or "none" for packages nobody owns. */
  owner: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
  team: z.uuid().optional().catch(undefined),
  /** Created on or after this day, and on or before `to` (UTC days, inclusive). */
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (pageSizes as readonly number[]).includes(n))
    .catch(50),
  after: cursorSchema.optional().catch(undefined),
  before: cursorSchema.optional().catch(undefined),
});

export type InboxParams = z.infer<typeof inboxParamsSchema>;

export function parseInboxParams(search: Record<string, string | string[] | undefined>): InboxParams {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return orderedRange(inboxParamsSchema.parse(flat));
}

/** The order a list is read in: the one asked for, else most urgent SLA first, or priority then SLA on the All tab. */
export function effectiveSort(params: Pick<InboxParams, "sort" | "tab">): InboxSort {
  return params.sort ?? (params.tab === "all" ? "priority" : "sla_due_at");
}

/** A range typed backwards means the same days. */
function orderedRange(params: InboxParams): InboxParams {
  if (params.from && params.to && params.from > params.to) return { ...params, from: params.to, to: params.from };
  return params;
}
