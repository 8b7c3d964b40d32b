"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { bulkDiscard, bulkReassign, type BulkResult } from "@/lib/inbox/bulk-actions";
import { bulkDiscardSchema, bulkReassignSchema } from "@/lib/inbox/bulk-schemas";

// Managers' bulk actions on the inbox list. Each package still goes through the state machine and
// its own version check (lib/inbox/bulk-actions.ts); a rep is refused here, before any is read.

export const bulkReassignAction = defineAction({
  name: "inbox.bulk_reassign",
  roles: rolesFor("handoffs.reassign"),
  schema: bulkReassignSchema,
  handler: async ({ actor, input }) => done(await bulkReassign({ actor, items: input.items, ownerId: input.ownerId, note: input.note })),
});

export const bulkDiscardAction = defineAction({
  name: "inbox.bulk_discard",
  roles: rolesFor("handoffs.reassign"),
  schema: bulkDiscardSchema,
  handler: async ({ actor, input }) => done(await bulkDiscard({ actor, items: input.items, reason: input.reason, note: input.note })),
});

function done(result: BulkResult) {
  revalidatePath("/inbox");
  for (const outcome of result.outcomes) if (outcome.outcome === "done") revalidatePath(`/handoffs/${outcome.handoffId}`);
  return result;
}
