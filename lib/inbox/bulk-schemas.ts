import { z } from "zod";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";

/** One page of the inbox at most: a bulk action works on what the manager selected and saw. */
export const BULK_MAX = 100;

const items = z
  .array(z.object({ handoffId: z.uuid("That package id is not valid."), version: z.coerce.number().int().min(1) }))
  .min(1, "Select at least one package.")
  .max(BULK_MAX, `Select at most ${BULK_MAX} packages at once.`)
  .refine((list) => new Set(list.map((i) => i.handoffId)).size === list.length, "A package is selected twice.");
const note = z.string().trim().max(2000, "Keep the note under 2,000 characters.").optional();

export const bulkReassignSchema = z.object({
  items,
  ownerId: z
    .string({ error: "Pick who gets them." })
    .max(64)
    .transform((v) => (v === "" || v === "unassigned" ? null : v)),
  note,
});

export const bulkDiscardSchema = z
  .object({
    items,
    reason: z.enum(discardReasonKeys, { error: "Pick a reason for discarding." }),
    note,
  })
  .refine((v) => v.reason !== "other" || (v.note && v.note.length >= 3), { path: ["note"], message: "Say why you are discarding them." });

export type BulkItem = z.output<typeof items>[number];
