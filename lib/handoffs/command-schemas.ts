import { z } from "zod";
import { checkbox } from "@/lib/forms/form-fields";
import { reasonCodes } from "@/lib/contract/package";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";
import { checkFactValue } from "@/lib/handoffs/fact-value";
import { parseTypedAmount } from "@/lib/handoffs/typed-amount";

export const currencies = ["EUR", "USD", "GBP"] as const;

// Form data arrives as strings: numbers are coerced, a checkbox is "on" or absent.
const target = {
  handoffId: z.uuid("That package id is not valid."),
  version: z.coerce.number().int().min(1),
};
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

// The deal value is typed as people write it ("12,000.50", "12.000,50"); the form sends the
// browser's locale along, which decides the one ambiguous shape ("1,234"): see parseTypedAmount.
export const convertSchema = z.preprocess(
  readTypedDealValue,
  z.object({
    ...target,
    valueAmount: z
      .number({ error: (issue) => (issue.input === undefined ? "The deal value is required." : "Enter the deal value as a number, e.g. 12,000.50.") })
      .positive("The value must be more than zero.")
      .max(1_000_000_000, "That value is too large."),
    valueCurrency: z.enum(currencies, { error: "Pick a currency." }),
    meetingBooked: checkbox,
    note: optionalNote,
    locale: z.string().max(35).optional(),
  }),
);

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

// A checkbox group arrives as nothing, one string or several.
const stringList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().trim().max(500, "A question can be at most 500 characters.")).max(20),
);

export const requestInfoSchema = z.object({
  ...target,
  questions: stringList,
  /** The owner's own questions, one a line. */
  extra: z
    .string()
    .max(4000, "Keep your questions under 4,000 characters.")
    .optional()
    .transform((v) =>
      (v ?? "")
        .split("\n")
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .refine((qs) => qs.every((q) => q.length <= 500), "A question can be at most 500 characters."),
});

export const snoozeSchema = z.object({
  ...target,
  until: z.coerce.date({ error: "Pick a date and time to snooze until." }),
});

export const unsnoozeSchema = z.object(target);

/** Undo names the version the action returned: anything since refuses it. */
export const undoSchema = z.object(target);

export const handBackSchema = z.object({
  ...target,
  reason: z.string().trim().min(3, "Say why the agent should take it back.").max(2000, "Keep the reason under 2,000 characters."),
});

export const factReviewSchema = z
  .object({
    ...target,
    target: z.enum(["inferred", "open_question"], { error: "Say which fact or question this is about." }),
    index: z.coerce.number().int().min(0).max(200),
    /** The field (inferred fact) or the question text, checked against the package so a shifted list cannot hit the wrong item. */
    key: z.string().min(1).max(500),
    action: z.enum(["confirm", "correct", "answer"]),
    value: z.string().trim().max(1000, "Keep the value under 1,000 characters.").optional(),
    locale: z.string().max(35).optional(),
  })
  .refine((v) => (v.target === "inferred" ? v.action !== "answer" : v.action === "answer"), {
    path: ["action"],
    message: "Inferred facts are confirmed or corrected; open questions are answered.",
  })
  .refine((v) => v.action === "confirm" || (v.value !== undefined && v.value.length > 0), { path: ["value"], message: "Type the right value first." })
  // A correction is held to the type of the fact it replaces (a website stays a website), and is
  // stored the way the agent writes that fact. The key is checked against the package afterwards.
  .transform((v, ctx) => {
    if (v.target !== "inferred" || v.action !== "correct" || v.value === undefined) return v;
    const checked = checkFactValue(v.key, v.value, v.locale);
    if (checked.ok) return { ...v, value: checked.value };
    ctx.addIssue({ code: "custom", path: ["value"], message: checked.message });
    return z.NEVER;
  });

function readTypedDealValue(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const form = raw as Record<string, unknown>;
  if (typeof form.valueAmount !== "string") return form;
  const locale = typeof form.locale === "string" && form.locale.length <= 35 ? form.locale : undefined;
  const read = parseTypedAmount(form.valueAmount, locale);
  return { ...form, valueAmount: read.ok ? read.value : read.problem === "empty" ? undefined : form.valueAmount };
}
