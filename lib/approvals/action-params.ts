import { z } from "zod";

// What each sensitive action needs to run, checked when a person approves it (the agent's proposal
// may be incomplete: the refusal names what is missing) and again by the executor.

const leadStatuses = ["NEW", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED"] as const;
const dealStages = ["qualified", "in_progress", "won", "lost"] as const;

const upperSnake = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase().replace(/[\s-]+/g, "_") : v);
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

export const sendEmailParams = z.looseObject({
  to: z.email({ error: "to must be an email address" }),
  subject: z.string({ error: "subject is required" }).trim().min(1, "subject must not be empty").max(200, "subject must be at most 200 characters"),
  body: z.string({ error: "body is required" }).trim().min(1, "body must not be empty").max(20_000, "body must be at most 20,000 characters"),
});

export const updateCrmStatusParams = z.looseObject({
  status: z.preprocess(upperSnake, z.enum(leadStatuses, { error: `status must be one of ${leadStatuses.join(", ")}` })),
});

export const createDealParams = z.looseObject({
  name: optionalText(200),
  amount: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number({ error: "amount must be a number" }).nonnegative("amount must not be negative").optional()),
  currency: z.preprocess(upperSnake, z.string().regex(/^[A-Z]{3}$/, "currency must be a 3-letter code such as EUR").optional()),
  stage: z.enum(dealStages, { error: `stage must be one of ${dealStages.join(", ")}` }).default("qualified"),
});

/** The contact fields an approved `update_crm_record` may change (HubSpot's names are accepted too). */
export const updateCrmRecordParams = z
  .looseObject({
    phone: optionalText(60),
    jobTitle: optionalText(200),
    jobtitle: optionalText(200),
    website: optionalText(300),
    companyName: optionalText(200),
    company: optionalText(200),
    firstName: optionalText(100),
    firstname: optionalText(100),
    lastName: optionalText(100),
    lastname: optionalText(100),
  })
  .transform((p) => ({
    phone: p.phone,
    jobTitle: p.jobTitle ?? p.jobtitle,
    website: p.website,
    companyName: p.companyName ?? p.company,
    firstName: p.firstName ?? p.firstname,
    lastName: p.lastName ?? p.lastname,
  }))
  .refine((f) => Object.values(f).some((v) => v !== undefined), "give at least one field to change: phone, jobTitle, website, companyName, firstName or lastName");

export const executableActions = {
  send_email: sendEmailParams,
  update_crm_status: updateCrmStatusParams,
  create_deal: createDealParams,
  update_crm_record: updateCrmRecordParams,
} as const;
export type ExecutableAction = keyof typeof executableActions;

export type ParamsCheck = { ok: true; action: ExecutableAction; params: Record<string, unknown> } | { ok: false; problem: string };

/** Whether the request can run as it stands; the first problem, in words, when it cannot. */
export function checkActionParams(actionType: string, params: Record<string, unknown>): ParamsCheck {
  if (!(actionType in executableActions)) return { ok: false, problem: `Baton cannot run "${actionType}" actions yet.` };
  const action = actionType as ExecutableAction;
  const parsed = executableActions[action].safeParse(params);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? "The parameters are not valid." };
  return { ok: true, action, params: parsed.data as Record<string, unknown> };
}

export const actionLabels: Record<string, string> = {
  send_email: "Send an email",
  update_crm_status: "Change the CRM status",
  create_deal: "Create a deal",
  update_crm_record: "Update the CRM record",
};

/** The timeline's words for an action that ran: one wording for the executor and the demo's history. */
export function executedSummary(action: string, params: { to?: unknown; subject?: unknown }, crmName: string): string {
  if (action === "send_email") return `sent the email "${String(params.subject)}" to ${String(params.to)}`;
  return action === "create_deal" ? `created the deal in the CRM (${crmName})` : `updated the CRM contact (${crmName})`;
}
