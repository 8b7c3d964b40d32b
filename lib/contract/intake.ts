import { z } from "zod";
import { actionTypes, channels } from "@/lib/contract/package";

// The intake event of triage-contract.md section 1. Unknown keys are kept (the raw event is stored)
// but nothing reads them. Limits are generous for real leads and stop abuse early.

const MAX_TEXT = 20_000;
const text = (max = 2_000) => z.string().trim().max(max);
const scalar = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()]);
export const fieldValueSchema = z.union([scalar, z.array(scalar).max(100)]);

// Form fields arrive as an object, or as HubSpot's list of {name, value}: both become an object.
const fieldsSchema = z
  .union([z.record(z.string().max(200), fieldValueSchema), z.array(z.object({ name: z.string().min(1).max(200), value: fieldValueSchema })).max(500)])
  .transform((fields) => (Array.isArray(fields) ? Object.fromEntries(fields.map((f) => [f.name, f.value])) : fields))
  .refine((fields) => Object.keys(fields).length <= 500, "at most 500 fields");

export const intakeEventSchema = z.looseObject({
  externalId: z.string().trim().min(1).max(200).optional(),
  channel: z.enum(channels, { error: `must be one of: ${channels.join(", ")}` }),
  receivedAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-20T10:15:00Z" }),
  source: z
    .looseObject({
      url: text(4_000).optional(),
      pageName: text(500).optional(),
      formId: text(200).optional(),
      campaign: text(500).optional(),
      utm: z.record(z.string().max(100), z.string().max(1_000)).optional(),
      referrer: text(4_000).optional(),
    })
    .optional(),
  contact: z
    .looseObject({
      name: text(300).optional(),
      email: z.email("must be an email address").max(320).optional(),
      phone: text(100).optional(),
      company: text(300).optional(),
      role: text(300).optional(),
      website: text(1_000).optional(),
    })
    .optional(),
  fields: fieldsSchema.optional(),
  messages: z
    .array(
      z.object({
        from: z.enum(["lead", "agent"], { error: "must be lead or agent" }),
        text: z.string().max(MAX_TEXT),
        at: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .max(500)
    .optional(),
  proposedActions: z
    .array(
      z.object({
        type: z.enum(actionTypes, { error: `must be one of: ${actionTypes.join(", ")}` }),
        params: z.record(z.string().max(200), z.unknown()).default({}),
        reason: text(2_000).optional(),
      }),
    )
    .max(20)
    .optional(),
});

export type IntakeEvent = z.output<typeof intakeEventSchema>;
export type IntakeMessage = NonNullable<IntakeEvent["messages"]>[number];

/** "fields.email: must be an email address"-style lines, one per problem. */
export function describeIntakeErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(body)"}: ${issue.message}`);
}
