import { z } from "zod";
import { handoffStatus } from "@/db/schema/handoffs";
import { channels, intents, priorities, reasonCodes } from "@/lib/contract/package";

export const inboxViews = ["mine", "team", "unassigned", "all", "agent", "filtered"] as const;
/** Views of the agent's own outcomes (act, filter): no priority tabs, newest first. */
export const agentViews = ["agent", "filtered"] as const satisfies readonly (typeof inboxViews)[number][];
export const inboxSorts = ["sla_due_at", "created_at", "updated_at"] as const;
export const pageSizes = [25, 50, 100] as const;

export type InboxView = (typeof inboxViews)[number];
export type InboxSort = (typeof inboxSorts)[number];

/** A keyset position: the sort value and id of the row a page starts after (or ends before). */
export type Cursor = { value: string; id: string };

const cursorSchema = z
  .string()
  .max(200)
  .transform((raw, ctx): Cursor => {
    try {
      const decoded = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
      const parsed = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]).parse(decoded);
      return { value: parsed[0], id: parsed[1] };
    } catch {
      ctx.addIssue({ code: "custom", message: "That page link is broken; start from the first page." });
      return z.NEVER;
    }
  });

// The inbox's whole state lives in the URL: a view can be shared and reloaded. Anything unknown
// falls back to the default instead of failing, because people edit URLs by hand.
export const inboxParamsSchema = z.object({
  tab: z.enum(priorities).catch("immediate"),
  view: z.enum(inboxViews).optional().catch(undefined),
  status: z.enum(["open", "all", ...handoffStatus.enumValues]).catch("open"),
  sort: z.enum(inboxSorts).catch("sla_due_at"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  reason: z.enum(reasonCodes).optional().catch(undefined),
  channel: z.enum(channels).optional().catch(undefined),
  intent: z.enum(intents).optional().catch(undefined),
  campaign: z.string().trim().min(1).max(200).optional().catch(undefined),
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
  return inboxParamsSchema.parse(flat);
}

export function defaultDirection(sort: InboxSort): "asc" | "desc" {
  // Most urgent first for deadlines; newest first for times things happened.
  return sort === "sla_due_at" ? "asc" : "desc";
}

export function encodeCursor(value: Date, id: string): string {
  return Buffer.from(JSON.stringify([value.toISOString(), id])).toString("base64url");
}
