import { z } from "zod";
import { reasonCodes } from "@/lib/contract/package";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";

export const currencies = ["EUR", "USD", "GBP"] as const;

// Form data arrives as strings: numbers are coerced, a checkbox is "on" or absent.
const target = {
  handoffId: z.uuid("That package id is not valid."),
  version: z.coerce.number().int().min(1),
};
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const optionalNote = z.string().trim().max(2000, "Keep the note under 2,000 characters.").optional();

export const acceptSchema = z.object(target);
export const startFollowUpSchema = z.object(target);

export const discardSchema = z
  .object({
    ...target,
    reason: z.enum(discardReasonKeys, { error: "Pick a reason for discarding." }),
    note: optionalNote,
  })
  .refine((v) => v.reason !== "other" || (v.note && v.note.length >= 3), {
    path: ["note"],
    message: "Say why you are discarding it.",
  });

export const convertSchema = z.object({
  ...target,
  valueAmount: z.coerce
    .number({ error: "Enter the deal value as a number." })
    .positive("The value must be more than zero.")
    .max(1_000_000_000, "That value is too large."),
  valueCurrency: z.enum(currencies, { error: "Pick a currency." }),
  meetingBooked: checkbox,
  note: optionalNote,
});

export const noteSchema = z.object({
  handoffId: z.uuid("That package id is not valid."),
  note: z.string().trim().min(1, "Write the note first.").max(2000, "Keep the note under 2,000 characters."),
});

export const flagEscalationSchema = z.object({
  handoffId: z.uuid("That package id is not valid."),
  reason: z.enum(reasonCodes, { error: "Pick the reason that was wrong." }),
  comment: z.string().trim().min(3, "Say briefly what was wrong.").max(2000, "Keep the comment under 2,000 characters."),
});

export const reassignSchema = z.object({
  ...target,
  ownerId: z
    .string()
    .max(64)
    .transform((v) => (v === "" || v === "unassigned" ? null : v)),
  note: optionalNote,
});
